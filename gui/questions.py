"""A question with buttons named for what they do (恢复 / 以后再说 / 丢弃, 只读打开 / 取消 …): the one helper every
dialog of that kind uses, so that tests answer them all the same way (by the button's text)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

CANCEL = "取消"


def choose(parent, title: str, text: str, buttons: list, default: str, escape: str | None = None,
           icon=QMessageBox.Question) -> str:
    """Show the buttons (texts, or (text, role) pairs) and return the clicked one's text. Closing the box or
    Escape answers `escape` (by default 取消 if offered, else the last button), the cautious choice."""
    pairs = [b if isinstance(b, tuple) else (b, QMessageBox.RejectRole if b == CANCEL else QMessageBox.AcceptRole)
             for b in buttons]
    names = [name for name, _ in pairs]
    escape = escape or (CANCEL if CANCEL in names else names[-1])
    box = QMessageBox(icon, title, text, QMessageBox.NoButton, parent)
    made = {name: box.addButton(name, role) for name, role in pairs}
    box.setDefaultButton(made[default])
    box.setEscapeButton(made[escape])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return next((name for name, b in made.items() if b is clicked), escape)
