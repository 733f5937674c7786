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


RETRY, SAVE_AS = "重试", "另存为…"


def in_use(parent, path, what: str = "文件") -> str:
    """The file is open in Word or WPS (a Windows sharing violation): say exactly that, and offer 重试 once it
    is closed there, or 另存为… under another name. The old file is untouched either way."""
    from pathlib import Path

    from model.os_errors import show_path

    name = show_path(Path(path).name, 60)
    return choose(parent, "文件正被其他程序使用",
                  f"「{name}」正在其他程序（如 Word、WPS）中打开，所以无法替换它。原有文件没有被改动。\n\n"
                  f"请在那个程序中关闭「{name}」，再点“{RETRY}”；或点“{SAVE_AS}”把{what}存为另一个文件。",
                  [RETRY, SAVE_AS, CANCEL], RETRY, CANCEL, QMessageBox.Warning)
