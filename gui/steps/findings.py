"""Step 检查与导出: every finding of the checker (errors first), jumping to its cell; the export buttons."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton

from model.checker import ERROR, Finding

from ..document import ReportDocument
from . import Step, hint_label

FINDING_ROLE = Qt.UserRole + 1


class FindingsStep(Step):
    """The checker's findings; activating one asks the window to show its page and cells."""

    title = "检查与导出"
    jump = Signal(object)  # a Finding
    exportRequested = Signal(str)  # "docx", "xlsx", "pdf", "html", "copy-html", "preview"

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.findings: list[Finding] = []
        self.heading("检查与导出", "双击（或选中后按回车）一条问题，即可跳到对应的单元格或段落修改。错误必须改正；"
                     "提醒请逐条核实。")
        self.summary = QLabel()
        self.summary.setObjectName("findings_summary")
        self.summary.setStyleSheet("font-size: 12pt;")
        self.layout_.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName("findings_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        self.list.itemActivated.connect(lambda item: self.jump.emit(item.data(FINDING_ROLE)))
        self.layout_.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.blanks_as_zero = QCheckBox("导出时把空白单元格写成 0")
        self.blanks_as_zero.setObjectName("blanks_as_zero")
        self.blanks_as_zero.setChecked(True)
        self.blanks_as_zero.setToolTip("不勾选时，空白单元格在导出的文件中保持空白（表示“未报告”）。")
        row.addWidget(self.blanks_as_zero)
        row.addStretch(1)
        self.word_btn = QPushButton("导出 Word 文档…")
        self.word_btn.setObjectName("export_docx")
        self.excel_btn = QPushButton("导出 Excel 表格…")
        self.excel_btn.setObjectName("export_xlsx")
        self.pdf_btn = QPushButton("导出 PDF…")
        self.pdf_btn.setObjectName("export_pdf")
        self.html_btn = QPushButton("导出网页…")
        self.html_btn.setObjectName("export_html")
        self.copy_html_btn = QPushButton("复制为网页内容")
        self.copy_html_btn.setObjectName("copy_html")
        self.copy_html_btn.setToolTip("复制后可直接粘贴到门户网站的编辑器中，表格的合并单元格保持原样。")
        self.preview_btn = QPushButton("打印预览")
        self.preview_btn.setObjectName("print_preview")
        web = QHBoxLayout()  # the web page and the printed copy, below the files
        web.addStretch(1)
        for b, kind in ((self.word_btn, "docx"), (self.excel_btn, "xlsx"), (self.pdf_btn, "pdf"),
                        (self.html_btn, "html"), (self.copy_html_btn, "copy-html"), (self.preview_btn, "preview")):
            b.setMinimumHeight(34)
            b.clicked.connect(lambda _=False, k=kind: self.exportRequested.emit(k))
            (row if kind in ("docx", "xlsx", "pdf") else web).addWidget(b)
        self.layout_.addLayout(row)
        self.layout_.addLayout(web)
        # Which of the Word document's fonts this PC lacks: looked up when the page is first shown (it loads
        # the Word writer's font list), with the offer of the fallback set.
        self.fonts_note = hint_label("")
        self.fonts_note.setObjectName("fonts_note")
        self.fonts_note.setStyleSheet("color: #8a5a00;")
        self.fonts_note.hide()
        self.fallback_fonts = QCheckBox("Word 文档使用替代字体（Windows 自带的宋体、黑体、楷体、仿宋）")
        self.fallback_fonts.setObjectName("fallback_fonts")
        self.fallback_fonts.hide()
        self._fonts_checked = False
        self.layout_.addWidget(self.fonts_note)
        self.layout_.addWidget(self.fallback_fonts)
        self.layout_.addWidget(hint_label("Word 文档按国务院办公厅规定的格式排版，可直接用 WPS 或 Word 打开、修改和打印；"
                                          "Excel 表格包含表二、表三、表四，便于核对数字。"))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fonts_checked:
            self._fonts_checked = True
            self.check_fonts()

    def check_fonts(self) -> None:
        from ..export_actions import fonts_note

        text, offer, propose = fonts_note()
        self.fonts_note.setText(text)
        self.fonts_note.setVisible(bool(text))
        self.fallback_fonts.setVisible(offer)
        self.fallback_fonts.setChecked(propose)

    def set_findings(self, findings: list[Finding]) -> None:
        """Show the checker's findings. Runs after every keystroke: an unchanged list is left alone, and the
        summary's style is set only when its colour changes (a new style sheet re-lays out the window)."""
        if findings == self.findings and self.summary.text():
            return
        self.findings = findings
        self.list.clear()
        errors = sum(f.level == ERROR for f in findings)
        for f in findings:
            tag = "错误" if f.level == ERROR else "提醒"
            item = QListWidgetItem(f"【{tag}·{f.rule}】{f.message}")
            item.setData(FINDING_ROLE, f)
            item.setForeground(QBrush(QColor("#b00020" if f.level == ERROR else "#8a5a00")))
            self.list.addItem(item)
        if not findings:
            self.summary.setText("✓ 检查通过：没有发现问题，可以导出。")
            color = "#1e6b1e"
        else:
            self.summary.setText(f"共 {errors} 个错误，{len(findings) - errors} 个提醒。")
            color = "#b00020" if errors else "#8a5a00"
        if self.summary.property("color") != color:
            self.summary.setStyleSheet(f"font-size: 12pt; color: {color};")
            self.summary.setProperty("color", color)
