"""The wizard's pages, one module each; `Step` is what the main window needs from a page."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

COMPLETE, WARNING, ERROR, EMPTY = "complete", "warning", "error", "empty"


class Step(QWidget):
    """A wizard page: its name in the side list and the section (if any) whose findings it shows."""

    title = ""
    section_id: str | None = None
    table_id: str | None = None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 12)

    def heading(self, text: str, hint: str = "") -> None:
        h = QLabel(text)
        h.setObjectName("stepHeading")
        h.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.layout_.addWidget(h)
        if hint:
            self.layout_.addWidget(hint_label(hint))

    def is_filled(self) -> bool:
        """Whether the clerk has put something in this step (an empty step is not 'complete')."""
        return True

    def missing(self) -> str:
        """What is still to fill, for the side list's tooltip."""
        return ""

    def show_cells(self, cell_ids: list[str]) -> None:
        """Select the cells a finding concerns (table pages only)."""


def readable(editor):
    """Prose editors use a slightly larger font than the chrome: clerks read long Chinese paragraphs here."""
    f = editor.font()
    f.setPointSizeF(max(f.pointSizeF(), 10.5) * 1.1)
    editor.setFont(f)
    return editor


def hint_label(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setStyleSheet("color: #555555;")
    # By name through Qt's property system: Qt.TextSelectableByMouse would load PySide6's whole Qt namespace
    # (~20 ms of enum building) before the start page shows.
    lab.setProperty("textInteractionFlags", "TextSelectableByMouse")
    return lab
