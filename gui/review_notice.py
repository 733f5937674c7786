"""退回通知: the ready notice for a unit sent back, editable, to copy or to save as a .docx."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QApplication, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox,
                               QPlainTextEdit, QPushButton, QVBoxLayout)


class NoticeDialog(QDialog):
    """Shows the notice text; 复制 puts it on the clipboard, 导出 Word… writes it as a .docx."""

    def __init__(self, unit_name: str, text: str, folder: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"退回通知：{unit_name}")
        self.resize(720, 520)
        self.unit_name, self.folder = unit_name, folder
        v = QVBoxLayout(self)
        hint = QLabel("可以直接修改下面的文字，再复制到邮件或办公系统中，或导出为 Word 文档。")
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("notice_text")
        v.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.copy_btn = QPushButton("复制")
        self.copy_btn.setObjectName("notice_copy")
        self.word_btn = QPushButton("导出 Word…")
        self.word_btn.setObjectName("notice_word")
        close = QPushButton("关闭")
        row.addWidget(self.copy_btn)
        row.addWidget(self.word_btn)
        row.addStretch(1)
        row.addWidget(close)
        v.addLayout(row)
        self.copy_btn.clicked.connect(self.copy)
        self.word_btn.clicked.connect(lambda: self.export_word())
        close.clicked.connect(self.accept)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text.toPlainText())
        self.copy_btn.setText("已复制")

    def export_word(self, path: str | None = None) -> bool:
        from export import ExportError
        from export.notice_docx import write_notice_docx

        if path is None:
            start = str(Path(self.folder or ".") / f"退回通知-{self.unit_name}.docx")
            path, _ = QFileDialog.getSaveFileName(self, "导出退回通知", start, "Word 文档 (*.docx)")
            if not path:
                return False
        try:
            write_notice_docx(self.text.toPlainText(), path)
        except ExportError as e:
            QMessageBox.warning(self, "无法导出", str(e))
            return False
        self.word_btn.setText("已导出")
        return True
