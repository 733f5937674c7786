"""Step 基本信息: 机关名称, 年度 (within the format's years), the format, 落款日期."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox

from model.limits import MAX_NAME

from ..commands import SetMetaCommand
from ..document import ReportDocument
from ..text_widgets import UndoForwarder
from . import Step, hint_label

LAST_YEAR = 2100


class MetaStep(Step):
    """The report's identity: who reports, for which year, under which format, dated when."""

    title = "基本信息"

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.heading("基本信息")
        form = QFormLayout()
        self.organ = QLineEdit()
        self.organ.setObjectName("organ")
        self.organ.setPlaceholderText("例如：开封市商务局")
        self.organ.setMaxLength(MAX_NAME)  # the model's one limit on names (model/limits.py)
        self.organ.installEventFilter(UndoForwarder(doc, self.organ))
        self.organ.setMaximumWidth(34 * self.organ.fontMetrics().horizontalAdvance("国"))
        form.addRow("机关名称：", self.organ)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        first, last = doc.format.years
        self.year.setRange(first, min(last, LAST_YEAR))
        self.year.setSuffix(" 年")
        self.year.setMaximumWidth(9 * self.year.fontMetrics().horizontalAdvance("国"))
        form.addRow("报告年度：", self.year)
        fmt_label = QLabel(f"{doc.format.title}（适用于 {first} 年"
                           + ("及以后" if last > LAST_YEAR else f"至 {last} 年") + "的年报）")
        fmt_label.setWordWrap(True)
        form.addRow("年报格式：", fmt_label)
        row = QHBoxLayout()
        self.has_date = QCheckBox("填写落款日期")
        self.date = QDateEdit()
        self.date.setObjectName("date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        row.addWidget(self.has_date)
        row.addWidget(self.date)
        row.addStretch(1)
        form.addRow("落款日期：", row)
        self.layout_.addLayout(form)
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 12pt;")
        self.title_label.setWordWrap(True)
        self.layout_.addSpacing(12)
        self.layout_.addWidget(QLabel("报告标题："))
        self.layout_.addWidget(self.title_label)
        self.layout_.addWidget(hint_label("年度决定年报格式：2019、2020 年度使用 2019 年试行格式，2021 年度起使用 2021 年"
                                          "修订格式。如需改用另一种格式，请在“开始”中新建年报。"))
        self.layout_.addStretch(1)

        self.load()
        self.organ.textEdited.connect(self._organ)
        self.year.valueChanged.connect(self._year)
        self.has_date.toggled.connect(self._date)
        self.date.dateChanged.connect(self._date)
        doc.metaChanged.connect(self.load)

    def load(self) -> None:
        m = self.doc.report.meta
        for w in (self.organ, self.year, self.has_date, self.date):
            w.blockSignals(True)
        if self.organ.text() != m.organ:
            self.organ.setText(m.organ)
        self.year.setValue(m.year)
        self.has_date.setChecked(m.date is not None)
        self.date.setEnabled(m.date is not None)
        d = m.date or dt.date.today()
        self.date.setDate(QDate(d.year, d.month, d.day))
        for w in (self.organ, self.year, self.has_date, self.date):
            w.blockSignals(False)
        self.title_label.setText(self.doc.report.title)

    def _organ(self, text: str) -> None:
        self.doc.undo_stack.push(SetMetaCommand(self.doc, "organ", text, "修改机关名称"))

    def _year(self, year: int) -> None:
        if year != self.doc.report.meta.year:
            self.doc.undo_stack.push(SetMetaCommand(self.doc, "year", year, "修改报告年度"))

    def _date(self, *_):
        q = self.date.date()
        new = dt.date(q.year(), q.month(), q.day()) if self.has_date.isChecked() else None
        if new != self.doc.report.meta.date:
            self.doc.undo_stack.push(SetMetaCommand(self.doc, "date", new, "修改落款日期"))

    def missing(self) -> str:
        m = self.doc.report.meta
        return "、".join(w for w, empty in (("机关名称", not m.organ.strip()), ("落款日期", m.date is None)) if empty)

    def is_filled(self) -> bool:
        m = self.doc.report.meta
        return bool(m.organ.strip()) and m.date is not None
