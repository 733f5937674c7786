"""Step 五 / 六: a prose section (with the format's hint, e.g. 信息处理费 under the 2021 format)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from ..document import ReportDocument
from ..text_widgets import BoundText, select_sentence
from . import Step, readable


class ProseStep(Step):
    """One section written as free text."""

    def __init__(self, doc: ReportDocument, section, parent=None):
        super().__init__(parent)
        self.doc, self.section_id, self.title = doc, section.id, section.heading
        self.heading(section.heading, section.hint)
        self.editor = readable(QPlainTextEdit())
        self.editor.setObjectName(f"text_{section.id}")
        self.editor.setPlaceholderText("在此填写本部分内容。段落之间按回车分开。")
        self.layout_.addWidget(self.editor, 1)
        self.count = QLabel()
        self.layout_.addWidget(self.count)
        self.bound = BoundText(doc, self.editor, ("section", section.id), f"修改「{section.heading}」")
        self.editor.textChanged.connect(self._count)
        self._count()

    def _count(self) -> None:
        text = self.editor.toPlainText()
        self.count.setText(f"共 {sum(not ch.isspace() for ch in text)} 字")

    def show_text(self, key: tuple, span: tuple[int, int] | None) -> None:
        """Select the sentence a finding quotes (the findings page jumps here)."""
        if key == ("section", self.section_id) and span:
            select_sentence(self.editor, span)

    def is_filled(self) -> bool:
        return bool(self.doc.text(("section", self.section_id)).strip())
