"""The superior's review of its units' reports: who reported what, which files are left out and why,
the reviewer's 状态 and 意见, who has not reported (缺报), the 退回 notice, and the 汇总.

Plain Python without Qt: the GUI and the command line are two faces of it. Reading files happens
elsewhere (reader/batch.py, in worker processes); what a worker sends back is a FileSummary.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from pathlib import PurePath

from . import formats
from .checker import ERROR, WARNING, Finding
from .report import Report
from .text_clean import clean_text
from .unit_names import Match, clean, match_units
from .values import Value

PENDING, PASSED, RETURNED = "pending", "passed", "returned"
STATUS_LABELS = {PENDING: "待审", PASSED: "通过", RETURNED: "退回"}

def _figure_list() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from . import formats

    seen = {}
    for f in formats.all_formats().values():
        for k in f.evaluation.review_figures:
            seen.setdefault(k.name, tuple(k.cells))
    return tuple(seen.items())


# The figures a reviewer compares across units: label -> the cells summed (the same ids in every format),
# declared with the format's rules (Evaluation.review_figures).
KEY_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = _figure_list()


def _rate_names() -> tuple[str, ...]:
    from . import formats

    return tuple(dict.fromkeys(r.name for f in formats.all_formats().values() for r in f.evaluation.ratios))


# The ratios a superior reads (实质公开率, 复议纠错率): declared with each format's rules (Evaluation.ratios),
# shown on the 检查与导出 page and here, for every unit.
RATES = _rate_names()
RATE = RATES[0]  # 实质公开率 = (予以公开 + 部分公开) / 办理总计

# Why a file is left out of the sums.
UNREADABLE, NOT_REPORT, OTHER_YEAR, OTHER_FORMAT, DUPLICATE = (
    "unreadable", "not_report", "other_year", "other_format", "duplicate")


@dataclass
class FileSummary:
    """What reading one file gave, small and picklable: the report as project.to_dict (prose left out),
    the checker's findings as dicts, or the reason it could not be read."""

    file: str
    hash: str = ""
    mtime: float = 0.0
    data: dict | None = None
    findings: list[dict] = field(default_factory=list)
    problem: str | None = None  # the clerk's message when the file could not be read
    notes: list[str] = field(default_factory=list)  # what the reader could not place or guessed
    not_report: bool = False  # read, but neither a report's tables nor its headings were found
    tables_format: str | None = None  # the format a document's tables look like, when not its year's
    values: tuple = ()  # the input cells' values in the format's order (data holds the rest)

    def take(self, report: Report) -> "FileSummary":
        """Fill in what the review keeps of a report read from this file: its figures and findings."""
        from .checker import check
        from .project import to_dict

        self.findings = [finding_dict(f, report.notes) for f in check(report)]
        data = to_dict(report)
        data.pop("texts", None)  # the prose is checked here and not needed afterwards
        cells = data.pop("cells")
        self.values = tuple(cells[c] for c in report.format.input_ids)  # a tuple is a tenth of the dict
        self.data = data
        return self

    def project_dict(self) -> dict | None:
        """The report as model/project.from_dict reads it (prose left out)."""
        if self.data is None:
            return None
        ids = formats.get(self.data["format"]).input_ids
        return {**self.data, "texts": {}, "cells": dict(zip(ids, self.values))}


def finding_dict(f: Finding, notes: dict | None = None) -> dict:
    """A finding as the review keeps it, with the clerk's 出错说明 for it (None when there is none)."""
    return {"level": f.level, "rule": f.rule, "message": f.message, "cells": list(f.cells),
            "section": f.section, "note": (notes or {}).get(f.key)}


@dataclass
class Unit:
    """One file received, as the review shows it."""

    summary: FileSummary
    status: str = PENDING
    opinion: str = ""
    resubmitted: bool = False  # its file changed since the review last saw it
    set_aside: str | None = None  # one of UNREADABLE ... DUPLICATE, or None when counted
    reason: str = ""  # the set-aside reason in the reviewer's words

    @property
    def file(self) -> str:
        return self.summary.file

    @property
    def name(self) -> str:
        """The organ as the report names it, else the file's name without extension."""
        organ = (self.summary.data or {}).get("meta", {}).get("organ", "")
        return organ.strip() or PurePath(self.file).stem

    @cached_property
    def key(self) -> str:
        """The name as compared with other units' (model/unit_names.clean)."""
        return clean(self.name)

    @property
    def readable(self) -> bool:
        return self.summary.data is not None

    @property
    def report(self) -> Report | None:
        """The unit's figures as a Report (without prose), built on each call: a thousand units kept as
        Reports would cost more memory than reading them again costs time."""
        if self.summary.data is None:
            return None
        from .project import from_dict

        return from_dict(self.summary.project_dict())

    @property
    def format_id(self) -> str | None:
        return (self.summary.data or {}).get("format")

    @property
    def year(self) -> int | None:
        return (self.summary.data or {}).get("meta", {}).get("year")

    @property
    def findings(self) -> list[Finding]:
        return [Finding(d["level"], d["rule"], d["message"], tuple(d.get("cells", ())), d.get("section"))
                for d in self.summary.findings]

    @property
    def errors(self) -> int:
        return sum(d["level"] == ERROR for d in self.summary.findings)

    @property
    def warnings(self) -> int:
        return sum(d["level"] == WARNING for d in self.summary.findings)

    @property
    def explained(self) -> int:
        """Warnings the unit's clerk explained (出错说明 in a .gknb; a Word report carries none)."""
        return sum(d["level"] == WARNING and bool(d.get("note")) for d in self.summary.findings)

    def notes(self) -> list[tuple[str, str]]:
        """(finding's message, the clerk's note) for every finding the unit explained."""
        return [(d["message"], d["note"]) for d in self.summary.findings if d.get("note")]

    @property
    def counted(self) -> bool:
        return self.set_aside is None

    def key_figures(self) -> dict[str, Value]:
        """新收 … 行政诉讼 by label, and the RATES as fractions (None when their denominator is blank or 0)."""
        cached = self.__dict__.get("_figures")
        if cached is not None:
            return cached
        r = self.report
        if r is None:
            out: dict[str, Value] = {**{label: None for label, _ in KEY_FIGURES}, **{n: None for n in RATES}}
        else:
            out = {label: r.sum_of(cells) for label, cells in KEY_FIGURES}
            out.update({n: rate(r, n) for n in RATES})
        self.__dict__["_figures"] = out
        return out


def rate(r: Report, name: str) -> Decimal | None:
    """A declared ratio of the report's format as a fraction; None when its denominator is blank or 0 (or the
    format declares no such ratio)."""
    ratio = next((x for x in r.format.evaluation.ratios if x.name == name), None)
    if ratio is None:
        return None
    num, den = r.sum_of(ratio.numerator), r.sum_of(ratio.denominator)
    return Decimal(num or 0) / Decimal(den) if den else None


def disclosure_rate(r: Report) -> Decimal | None:
    """实质公开率: (予以公开 + 部分公开) / 办理总计; None when nothing was handled."""
    return rate(r, RATE)


def format_rate(rate: Decimal | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%"


@dataclass
class Record:
    """What a review file remembers of one unit: its file, that file's content hash, 状态 and 意见."""

    file: str
    hash: str
    unit: str = ""
    status: str = PENDING
    opinion: str = ""


class Review:
    """The files received for one year, the reviewer's decisions, and the expected units."""

    def __init__(self, year: int | None = None, sources: list[str] | None = None,
                 expected: list[str] | None = None):
        self.year = year  # None: the year most reports give
        self.sources: list[str] = list(sources or [])  # the folders and files chosen, as chosen
        self.expected: list[str] = list(expected or [])
        self.units: list[Unit] = []
        self.records: dict[str, Record] = {}  # from a saved review, by file
        self._by_file: dict[str, Unit] = {}

    # ---- building ---------------------------------------------------------------------------------

    def add(self, summary: FileSummary, refresh: bool = True) -> Unit:
        """Take in one file's summary (a file read again replaces its earlier row), then decide again
        what is left out (`refresh=False` leaves that to one `refresh()` after many additions)."""
        unit = Unit(summary)
        self._restore(unit)
        old = self._by_file.get(summary.file)
        if old is not None:
            self.units[self.units.index(old)] = unit
        else:
            self.units.append(unit)
        self._by_file[summary.file] = unit
        if refresh:
            self.refresh()
        return unit

    def _restore(self, unit: Unit) -> None:
        """Keep a saved decision for an unchanged file; a changed file (a resubmission) is 待审 again,
        its earlier 意见 kept for reference."""
        rec = self.records.get(unit.file)
        if rec is None and unit.readable:  # resubmitted under another file name
            name = clean(unit.name)
            rec = next((r for r in self.records.values() if r.unit and clean(r.unit) == name
                        and r.file not in self._by_file and r.file != unit.file
                        and not os.path.exists(r.file)), None)
        if rec is None:
            return
        unit.opinion = rec.opinion
        if rec.hash == unit.summary.hash and rec.file == unit.file:
            unit.status = rec.status
        else:
            unit.status, unit.resubmitted = PENDING, True

    def unit(self, file: str) -> Unit | None:
        return self._by_file.get(file)

    @property
    def effective_year(self) -> int | None:
        """The year reviewed: as given, else the one most readable reports give."""
        if self.year:
            return self.year
        years = Counter(u.year for u in self.units if u.readable and not u.summary.not_report)
        return max(years, key=lambda y: (years[y], y)) if years else None

    @property
    def format_id(self) -> str | None:
        year = self.effective_year
        if year is None:
            return None
        try:
            return formats.for_year(year).id
        except (KeyError, ValueError):
            return None

    def refresh(self) -> None:
        """Decide again which files are left out and why (after any file was added)."""
        year, fid = self.effective_year, self.format_id
        for u in self.units:
            u.set_aside, u.reason = _own_reason(u, year, fid)
        # Duplicates among what is left: the same content, or the same unit twice (the newer file counts).
        seen_hash: dict[str, Unit] = {}
        by_name: dict[str, list[Unit]] = {}
        for u in sorted((u for u in self.units if u.counted), key=lambda u: u.file):
            first = seen_hash.get(u.summary.hash)
            if first is not None:
                u.set_aside, u.reason = DUPLICATE, f"与「{_show(first.file)}」内容完全相同。"
                continue
            seen_hash[u.summary.hash] = u
            by_name.setdefault(u.key, []).append(u)
        for group in by_name.values():
            if len(group) < 2:
                continue
            keep = max(group, key=lambda u: (u.summary.mtime, u.file))
            for u in group:
                if u is not keep:
                    u.set_aside, u.reason = DUPLICATE, (f"与「{_show(keep.file)}」是同一单位（{keep.name}），"
                                                        f"按修改时间较新的「{_show(keep.file)}」计入。")

    # ---- reading the review -----------------------------------------------------------------------

    @property
    def counted(self) -> list[Unit]:
        """The units in the sums, by name."""
        return sorted((u for u in self.units if u.counted), key=lambda u: (u.name, u.file))

    @property
    def set_aside(self) -> list[Unit]:
        return sorted((u for u in self.units if not u.counted), key=lambda u: u.file)

    def matches(self) -> list[Match]:
        """Each expected unit matched with a counted report (缺报 when none)."""
        return match_units(self.expected, [u.name for u in self.counted])

    def missing(self) -> list[str]:
        return [m.expected for m in self.matches() if m.missing]

    def set_status(self, unit: Unit, status: str, opinion: str | None = None) -> None:
        if status not in STATUS_LABELS:
            raise ValueError(status)
        unit.status = status
        if opinion is not None:
            self.set_opinion(unit, opinion)
        unit.resubmitted = unit.resubmitted and status == PENDING

    def set_opinion(self, unit: Unit, text: str) -> None:
        """The reviewer's 意见, cleaned as every text entering the program is (model/text_clean.py)."""
        unit.opinion = clean_text(text)

    def totals(self, organ: str = "", year: int | None = None):
        """The counted units summed cell by cell (model/review_sum.py); None when no unit is counted."""
        from .review_sum import sum_reports

        units = self.counted
        if not units:
            return None
        return sum_reports([(u.name, u.report) for u in units], organ, year or self.effective_year)

    def return_notice(self, unit: Unit) -> str:
        return return_notice(unit, self.effective_year or unit.year)


def _own_reason(u: Unit, year: int | None, fid: str | None) -> tuple[str | None, str]:
    s = u.summary
    if s.data is None:
        return UNREADABLE, f"无法读取：{s.problem or '文件已损坏。'}"
    if s.not_report:
        return NOT_REPORT, "不是政府信息公开工作年度报告：没有找到年报的标题和统计表。"
    if year is not None and u.year != year:
        return OTHER_YEAR, f"是 {u.year} 年度的年报，本次审核的是 {year} 年度。"
    used = s.tables_format or u.format_id
    if fid is not None and used != fid:
        return OTHER_FORMAT, f"使用 {used} 年格式的表格，{year} 年度的年报应使用 {fid} 年格式。"
    return None, ""


def _show(path: str) -> str:
    return PurePath(path).name


def return_notice(unit: Unit, year: int | None) -> str:
    """The 退回 notice: the unit, its problems numbered in the checker's words and the reviewer's 意见."""
    said = dict(unit.notes())  # the unit's own 出错说明, quoted so the clerk sees it was read
    items = [f.message + (f"（单位说明：{said[f.message]}）" if f.message in said else "")
             for level in (ERROR, WARNING) for f in unit.findings if f.level == level]
    if unit.set_aside in (UNREADABLE, NOT_REPORT, OTHER_YEAR, OTHER_FORMAT):
        items.insert(0, unit.reason)
    if unit.opinion.strip():
        items.append(unit.opinion.strip())
    if not items:
        items = ["（请在意见中写明退回原因）"]
    body = "\n".join(f"{i}. {text}" for i, text in enumerate(items, 1))
    when = f"{year}年" if year else ""
    return (f"{unit.name}：\n你单位{when}政府信息公开工作年度报告存在以下问题：\n{body}\n请修改后重新报送。")
