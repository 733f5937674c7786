"""Step 检查与导出: every finding of the checker (errors first), jumping to its cell, with the clerk's
出错说明 and filters; the ratios a superior reads and the publishing deadline; the export buttons."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton)

from model.checker import ERROR, INFO, LEVEL_NAMES, WARNING, Finding, explained, gone_notes

from ..document import ReportDocument
from . import Step, hint_label

FINDING_ROLE = Qt.UserRole + 1
NOTE_KEY_ROLE = Qt.UserRole + 2  # the key of the finding (or of a 已消除 note) an item shows
WHOLE = "whole"  # the place of a finding about the whole report (文字重复 of the whole text)
_COLORS = {ERROR: "#b00020", WARNING: "#8a5a00", INFO: "#33506e"}


def place_of(finding: Finding, fmt) -> str:
    """Where a finding is, for the place filter: a prose section's id, a table's id, or WHOLE."""
    if finding.section:
        return finding.section
    if finding.cells:
        return fmt.cells[finding.cells[0]].table
    return WHOLE


def places(fmt) -> list[tuple[str, str]]:
    """(place, label) in the report's order: each section (a table under its own name), then the whole."""
    out = []
    for s in fmt.sections:
        out.append((s.table, f"{s.heading[:2]}{fmt.tables[s.table].name}") if s.table else (s.id, s.heading))
    return out + [(WHOLE, "全文")]


class FindingsStep(Step):
    """The checker's findings; activating one asks the window to show its page and cells."""

    title = "检查与导出"
    jump = Signal(object)  # a Finding
    exportRequested = Signal(str)  # "docx", "xlsx", "pdf", "html", "copy-html", "preview"

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.findings: list[Finding] = []
        self._notes: dict[str, str] = {}
        self.heading("检查与导出", "双击（或选中后按回车）一条问题，即可跳到对应的单元格或段落修改。错误必须改正；"
                     "提醒请逐条核实，数字无误的可写出错说明（上级审核时可以看到）。")
        self.summary = QLabel()
        self.summary.setObjectName("findings_summary")
        self.summary.setStyleSheet("font-size: 12pt;")
        self.layout_.addWidget(self.summary)
        self.indicators = hint_label("")  # ratios and the deadline: information, not findings
        self.indicators.setObjectName("indicators")
        self.layout_.addWidget(self.indicators)
        filters = QHBoxLayout()
        self.level_filter = QComboBox()
        self.level_filter.setObjectName("level_filter")
        self.level_filter.addItem("全部级别", None)
        for level in (ERROR, WARNING, INFO):
            self.level_filter.addItem(f"只看{LEVEL_NAMES[level]}", level)
        self.place_filter = QComboBox()
        self.place_filter.setObjectName("place_filter")
        self.place_filter.addItem("全部位置", None)
        for place, label in places(doc.format):
            self.place_filter.addItem(label, place)
        self.unexplained_only = QCheckBox("只看未说明的")
        self.unexplained_only.setObjectName("unexplained_only")
        for w in (QLabel("筛选："), self.level_filter, self.place_filter, self.unexplained_only):
            filters.addWidget(w)
        filters.addStretch(1)
        self.level_filter.currentIndexChanged.connect(self._fill)
        self.place_filter.currentIndexChanged.connect(self._fill)
        self.unexplained_only.toggled.connect(self._fill)
        self.layout_.addLayout(filters)
        self.list = QListWidget()
        self.list.setObjectName("findings_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        self.list.itemActivated.connect(self._activated)
        self.layout_.addWidget(self.list, 1)
        notes = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setPlaceholderText("选中一条问题后，在这里写出错说明，如“本年开展专项执法，处罚决定增多”")
        self.note_edit.returnPressed.connect(self.save_note)
        self.note_save = QPushButton("保存说明")
        self.note_save.setObjectName("note_save")
        self.note_save.clicked.connect(self.save_note)
        self.note_clear = QPushButton("清除说明")
        self.note_clear.setObjectName("note_clear")
        self.note_clear.clicked.connect(self.clear_note)
        for w in (QLabel("出错说明："), self.note_edit, self.note_save, self.note_clear):
            notes.addWidget(w)
        self.layout_.addLayout(notes)
        self.list.currentItemChanged.connect(self._on_current)
        doc.notesChanged.connect(lambda _key: self._on_current(self.list.currentItem()))  # undo, redo too
        self._on_current(None)
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

    def _activated(self, item) -> None:
        finding = item.data(FINDING_ROLE)
        if finding is not None:  # a 已消除 note has nowhere to lead
            self.jump.emit(finding)

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
        """Show the checker's findings with the report's notes. Runs after every keystroke: an unchanged list
        is left alone, and the summary's style is set only when its colour changes (a new style sheet
        re-lays out the window)."""
        notes = self.doc.report.notes
        indicators = self._indicators_text()
        if self.indicators.text() != indicators:
            self.indicators.setText(indicators)
        if findings == self.findings and notes == self._notes and self.summary.text():
            return
        self.findings, self._notes = findings, dict(notes)
        counts = {level: sum(f.level == level for f in findings) for level in (ERROR, WARNING, INFO)}
        done = sum(explained(f, notes) for f in findings)
        gone = len(gone_notes(findings, notes))
        if not findings:
            self.summary.setText("✓ 检查通过：没有发现问题，可以导出。")
            color = "#1e6b1e"
        else:
            parts = [f"共 {counts[ERROR]} 个错误，{counts[WARNING]} 个提醒"]
            if counts[INFO]:
                parts.append(f"{counts[INFO]} 条信息")
            text = "，".join(parts) + (f"（{done} 条已说明）" if done else "") + "。"
            self.summary.setText(text)
            color = "#b00020" if counts[ERROR] else "#8a5a00" if counts[WARNING] + counts[INFO] > done else "#1e6b1e"
        if gone:
            self.summary.setText(self.summary.text() + f"另有 {gone} 条说明的问题已消除。")
        if self.summary.property("color") != color:
            self.summary.setStyleSheet(f"font-size: 12pt; color: {color};")
            self.summary.setProperty("color", color)
        self._fill()

    def _indicators_text(self) -> str:
        from model.indicators import deadline, ratios

        report = self.doc.report
        lines = ["；".join(r.text for r in ratios(report))]
        due = deadline(report)
        if due is not None:
            lines.append(due.text)
        return "\n".join(lines)

    def _fill(self) -> None:
        """The list as the filters show it: findings, then the notes of findings that no longer exist."""
        notes, fmt = self._notes, self.doc.format
        level, place = self.level_filter.currentData(), self.place_filter.currentData()
        only_open = self.unexplained_only.isChecked()
        current = self.list.currentItem()
        keep = current.data(NOTE_KEY_ROLE) if current is not None else None
        self.list.blockSignals(True)
        self.list.clear()
        for f in self.findings:
            if (level and f.level != level) or (place and place_of(f, fmt) != place) or \
                    (only_open and explained(f, notes)):
                continue
            note = notes.get(f.key)
            state = ""
            if note:
                state = f"　〔已说明：{note}〕" if f.level != ERROR else f"　〔说明：{note}（错误仍须改正）〕"
            item = QListWidgetItem(f"【{LEVEL_NAMES[f.level]}·{f.rule}】{f.message}{state}")
            item.setData(FINDING_ROLE, f)
            item.setData(NOTE_KEY_ROLE, f.key)
            item.setForeground(QBrush(QColor("#557755" if note and f.level != ERROR else _COLORS[f.level])))
            self.list.addItem(item)
        if not only_open and not level and not place:
            for key, note in gone_notes(self.findings, notes).items():
                item = QListWidgetItem(f"【已消除·{key.split(':')[0]}】原问题已不存在，说明：{note}"
                                       f"（可点“清除说明”删去）")
                item.setData(FINDING_ROLE, None)
                item.setData(NOTE_KEY_ROLE, key)
                item.setForeground(QBrush(QColor("#808080")))
                self.list.addItem(item)
        for i in range(self.list.count()):
            if keep is not None and self.list.item(i).data(NOTE_KEY_ROLE) == keep:
                self.list.setCurrentRow(i)
                break
        self.list.blockSignals(False)
        self._on_current(self.list.currentItem())

    def _on_current(self, item) -> None:
        key = item.data(NOTE_KEY_ROLE) if item is not None else None
        enabled = key is not None and not self.doc.read_only
        self.note_edit.setEnabled(enabled)
        self.note_save.setEnabled(enabled)
        self.note_clear.setEnabled(enabled and key in self.doc.report.notes)
        text = self.doc.report.notes.get(key, "") if key else ""
        if self.note_edit.text() != text:
            self.note_edit.setText(text)

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NOTE_KEY_ROLE) if item is not None else None

    def save_note(self) -> None:
        """Attach what the clerk wrote to the selected finding (one undo step)."""
        key = self.current_key()
        if key is None:
            return
        text = self.note_edit.text().strip()
        if text == self.doc.report.notes.get(key, ""):
            return
        from ..commands import SetNoteCommand

        self.doc.undo_stack.push(SetNoteCommand(self.doc, key, text, "清除出错说明" if not text else "修改出错说明"))

    def clear_note(self) -> None:
        key = self.current_key()
        if key is None or key not in self.doc.report.notes:
            return
        from ..commands import SetNoteCommand

        self.doc.undo_stack.push(SetNoteCommand(self.doc, key, "", "清除出错说明"))
