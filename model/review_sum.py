"""The 汇总: units' reports summed cell by cell into a new report of the same format.

Blank + blank stays blank (nobody reported it); a blank among figures counts as nothing and is said.
Computed cells are not summed: the new report derives them from the summed inputs, as every report does.
Amounts given in different units (元 / 万元) are converted to the unit most reports use.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .report import Meta, Report
from .values import Value

UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10000)}


@dataclass
class SumResult:
    """The summed report, and which units left which cells blank while others gave figures."""

    report: Report
    units: list[str]
    blanks: dict[str, list[str]] = field(default_factory=dict)  # cell id -> units blank there
    converted: list[str] = field(default_factory=list)  # notes on amounts converted between 元 and 万元

    def notes(self) -> list[str]:
        """What the reviewer should know about the sums, one line per unit that left cells blank."""
        fmt = self.report.format
        per_unit: dict[str, list[str]] = {}
        for cid, names in self.blanks.items():
            for n in names:
                per_unit.setdefault(n, []).append(cid)
        out = []
        for name in self.units:
            cells = per_unit.get(name)
            if not cells:
                continue
            first = "、".join(fmt.describe(c) for c in cells[:2])
            more = f"等 {len(cells)} 个单元格" if len(cells) > 2 else ""
            out.append(f"「{name}」{first}{more}空白（未报告），其他单位填有数字；汇总时这些单元格不计入。")
        return out + self.converted


def sum_reports(reports: list[tuple[str, Report]], organ: str = "", year: int | None = None) -> SumResult:
    """Sum (unit name, report) pairs of one format into a new report for `organ` and `year`."""
    if not reports:
        raise ValueError("no reports to sum")
    fmt = reports[0][1].format
    if any(r.format is not fmt for _, r in reports):
        raise ValueError("reports of different formats cannot be summed")
    out = Report(fmt, Meta(organ=organ, year=year or reports[0][1].meta.year))
    result = SumResult(out, [n for n, _ in reports])
    for cid in fmt.input_ids:
        spec = fmt.cells[cid]
        unit = _common_unit(cid, spec, reports)
        values: list[Value] = []
        blank: list[str] = []
        for name, r in reports:
            v = r.cells[cid]
            if v is None:
                blank.append(name)
                continue
            if unit and r.units.get(cid, spec.unit) != unit:
                have = r.units.get(cid, spec.unit)
                v = Decimal(v) * UNIT_FACTORS[have] / UNIT_FACTORS[unit]
                result.converted.append(f"「{name}」{fmt.describe(cid)}以{have}填写，已换算为{unit}后汇总。")
            values.append(v)
        if values:
            out.cells[cid] = sum(values, start=0)
            if blank:
                result.blanks[cid] = blank
        if unit:
            out.units[cid] = unit
    out.invalidate()
    return result


def _common_unit(cid: str, spec, reports) -> str | None:
    """For a cell whose unit the clerk chooses: the unit most reports with a figure there used."""
    if not spec.units:
        return None
    used = Counter(r.units.get(cid, spec.unit) for _, r in reports if r.cells[cid] is not None)
    return max(used, key=lambda u: (used[u], u == spec.unit)) if used else spec.unit
