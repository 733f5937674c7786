"""What the 检查与导出 page shows beside the findings: the ratios a superior reads and the publishing deadline.

Both are information, never findings: they depend on the format's declaration (model/declaration.py
Evaluation) and, for the deadline, on today's date.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from .report import Report
from .values import format_value


class RatioValue(NamedTuple):
    name: str
    formula: str
    numerator: object  # None when every cell is blank
    denominator: object
    value: float | None  # None when the denominator is blank or 0

    @property
    def text(self) -> str:
        if self.value is None:
            return f"{self.name}：—（{self.formula}，办理数为 0 或未填写）"
        return (f"{self.name}：{self.value:.1%}（{self.formula} = {format_value(self.numerator)} ÷ "
                f"{format_value(self.denominator)}）")


def ratios(report: Report) -> list[RatioValue]:
    out = []
    for r in report.format.evaluation.ratios:
        num, den = report.sum_of(r.numerator), report.sum_of(r.denominator)
        value = (num or 0) / den if den else None
        out.append(RatioValue(r.name, r.formula, num or 0, den, value))
    return out


class Deadline(NamedTuple):
    date: dt.date
    government: bool  # published by the government's deadline (人民政府), else a department's
    days_left: int  # negative once passed

    @property
    def text(self) -> str:
        who = "人民政府" if self.government else "政府部门"
        when = f"{self.date.year}年{self.date.month}月{self.date.day}日"
        if self.days_left > 0:
            left = f"还有 {self.days_left} 天"
        elif self.days_left == 0:
            left = "就是今天"
        else:
            left = f"已过 {-self.days_left} 天"
        return f"发布期限：{who}应在 {when} 前公布本年度报告（条例第四十九条），{left}。"


def deadline(report: Report, today: dt.date | None = None) -> Deadline | None:
    """The date by which this report must be published, by the kind of organ; None without a year."""
    if not report.meta.year:
        return None
    ev = report.format.evaluation
    government = bool(re.search(ev.government_suffix, report.meta.organ.strip()))
    month, day = ev.deadline_government if government else ev.deadline_department
    date = dt.date(report.meta.year + 1, month, day)
    today = today or dt.date.today()
    return Deadline(date, government, (date - today).days)
