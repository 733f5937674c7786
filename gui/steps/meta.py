"""Step 基本信息: 机关名称, 年度 (a year of the other format is said, with the offer to switch), the format,
落款日期 (optional; proposed as the 31 January after the report year)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from model import formats
from model.report import Report, Subsection
from model.values import check_kind

from model.limits import MAX_NAME

from ..commands import SetMetaCommand
from ..document import ReportDocument
from ..text_widgets import UndoForwarder
from . import Step, hint_label

LAST_YEAR = 2100


class MetaStep(Step):
    """The report's identity: who reports, for which year, under which format, dated when."""

    title = "基本信息"
    switchFormat = Signal(object)  # a Report: the same report, rebuilt in the format its year belongs to

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
        # Every format's years: a year of the other format is said and offered, not silently refused.
        self.year.setRange(min(f.years[0] for f in formats.all_formats().values()), LAST_YEAR)
        self.year.setSuffix(" 年")
        self.year.setMaximumWidth(9 * self.year.fontMetrics().horizontalAdvance("国"))
        form.addRow("报告年度：", self.year)
        # Said under the year when it belongs to the other format, with the button that switches.
        self.year_box = QWidget()
        box = QVBoxLayout(self.year_box)
        box.setContentsMargins(0, 0, 0, 4)
        self.year_note = QLabel()
        self.year_note.setObjectName("year_note")
        self.year_note.setWordWrap(True)
        self.year_note.setFixedWidth(46 * self.year.fontMetrics().horizontalAdvance("国"))  # wraps to its height
        self.year_note.setStyleSheet("color: #b00020;")
        self.switch_btn = QPushButton()
        self.switch_btn.setObjectName("switch_format")
        box.addWidget(self.year_note)
        box.addWidget(self.switch_btn, 0, Qt.AlignLeft)
        self.year_box.hide()
        form.addRow("", self.year_box)
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
                                          "修订格式。填入另一种格式的年度时，可在这里改用那种格式。"))
        self.layout_.addStretch(1)

        self.load()
        self.organ.textEdited.connect(self._organ)
        self.year.valueChanged.connect(self._year)
        self.switch_btn.clicked.connect(self._switch)
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
        self._say_year(m.year)
        self.has_date.setChecked(m.date is not None)
        self.date.setEnabled(m.date is not None)
        d = m.date or default_date(m.year)
        self.date.setDate(QDate(d.year, d.month, d.day))
        for w in (self.organ, self.year, self.has_date, self.date):
            w.blockSignals(False)
        self.title_label.setText(self.doc.report.title)

    def _organ(self, text: str) -> None:
        self.doc.undo_stack.push(SetMetaCommand(self.doc, "organ", text, "修改机关名称"))

    def _year(self, year: int) -> None:
        self._say_year(year)
        if year != self.doc.report.meta.year and self._other_format(year) is None:
            self.doc.undo_stack.push(SetMetaCommand(self.doc, "year", year, "修改报告年度"))

    def _other_format(self, year: int):
        """The format a year belongs to when it is not this report's, else None."""
        fmt = formats.for_year(year)
        return fmt if fmt.id != self.doc.format.id else None

    def _say_year(self, year: int) -> None:
        other = self._other_format(year)
        self.year_box.setVisible(other is not None)
        if other is not None:
            first, last = self.doc.format.years
            span = f"{first} 年及以后" if last > LAST_YEAR else f"{first}—{last} 年"
            self.year_note.setText(f"{year} 年度的年报应使用 {_short(other)}。本年报使用 {_short(self.doc.format)}"
                                   f"（只适用于 {span}的年报），报告年度仍是 {self.doc.report.meta.year} 年。"
                                   f"请填写 {span}的年度，或改用 {_short(other)}。")
            self.switch_btn.setText(f"改用 {_short(other)}…")

    def _switch(self) -> None:
        year = self.year.value()
        other = self._other_format(year)
        if other is None:
            return
        new, dropped = in_format(self.doc.report, other.id, year)
        lost = f"\n\n本年报中有 {len(dropped)} 项数字是 {_short(other)}所没有的，将不会保留。" if dropped else ""
        answer = QMessageBox.question(
            self, "改用另一种格式", f"将按 {_short(other)}重新建立「{new.title}」：机关名称、落款日期、各部分文字和"
            f"两种格式共有的表格数字都会保留。{lost}\n\n新建立的年报尚未保存，原来的文件不会改动。要改用吗？",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer == QMessageBox.Yes:
            self.switchFormat.emit(new)

    def _date(self, *_):
        q = self.date.date()
        new = dt.date(q.year(), q.month(), q.day()) if self.has_date.isChecked() else None
        if new != self.doc.report.meta.date:
            self.doc.undo_stack.push(SetMetaCommand(self.doc, "date", new, "修改落款日期"))

    def missing(self) -> str:
        return "" if self.doc.report.meta.organ.strip() else "机关名称"

    def is_filled(self) -> bool:
        return bool(self.doc.report.meta.organ.strip())  # 落款日期 may stay blank (it is written by hand)


def default_date(year: int) -> dt.date:
    """The date proposed for 落款日期: reports are due by the end of January after their year."""
    return dt.date(year + 1, 1, 31)


def _short(fmt) -> str:
    return "2019 年试行格式" if fmt.id == "2019" else f"{fmt.id} 年修订格式"


def in_format(report: Report, format_id: str, year: int) -> tuple[Report, list[str]]:
    """The report rebuilt in another format: meta, texts, subsections, and the figures of the cells both
    formats share (by id, where the value fits the new cell's kind); also the ids that could not be kept."""
    new = Report.new(report.meta.organ, year, format_id)
    new.meta.date = report.meta.date
    new.texts.update({k: v for k, v in report.texts.items() if k in new.texts})
    new.subsections = [Subsection(s.title, s.text) for s in report.subsections]
    dropped = []
    for cid, v in report.cells.items():
        if v is None:
            continue
        spec = new.format.cells.get(cid)
        try:
            if spec is None or spec.computed:
                raise ValueError(cid)
            new.cells[cid] = check_kind(v, spec.kind)
        except ValueError:
            dropped.append(cid)
            continue
        if cid in report.units and spec.units and report.units[cid] in spec.units:
            new.units[cid] = report.units[cid]
    new.baseline = report.baseline
    new.notes = dict(report.notes)  # 出错说明 follow their findings (keys do not name the format)
    new.invalidate()
    return new, dropped
