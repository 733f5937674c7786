"""The report a clerk fills: meta, section texts, the input cells; computed cells are derived on demand."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from . import formats
from .format import Format
from .peek import report_title
from .text_clean import clean_name, clean_text
from .values import Value


@dataclass
class Subsection:
    """One titled part of 一、总体情况, e.g. （一）主动公开."""

    title: str
    text: str = ""

    def __setattr__(self, name, value):  # every door (typing, import, loading) stores clean text
        if name == "title":
            value = clean_name(value)
        elif name == "text":
            value = clean_text(value)
        object.__setattr__(self, name, value)


@dataclass
class Meta:
    """机关名称, 年度 and 落款日期."""

    organ: str = ""
    year: int = 0
    date: dt.date | None = None

    def __setattr__(self, name, value):
        if name == "organ":
            value = clean_name(value)
        object.__setattr__(self, name, value)


class Texts(dict):
    """Section id -> text; every text stored is cleaned (model/text_clean.py), whoever stores it."""

    def __init__(self, *args, **kw):
        super().__init__()
        self.update(*args, **kw)

    def __setitem__(self, key, value):
        super().__setitem__(key, clean_text(value))

    def update(self, *args, **kw):
        for k, v in dict(*args, **kw).items():
            self[k] = v

    def setdefault(self, key, default=""):
        if key not in self:
            self[key] = default
        return self[key]


@dataclass
class Baseline:
    """Last year's report as the cross-year rules see it: its figures by cell id (结转, 现行有效, 同比变化)
    and its prose by section id (文字重复; 一、总体情况 as intro and subsections, one text)."""

    year: int
    cells: dict[str, Value] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, last: "Report") -> "Baseline":
        """The baseline a report gives the year after it."""
        return cls(last.meta.year, {k: v for k, v in last.figures().items() if v is not None},
                   {k: v for k, v in last.section_texts().items() if v.strip()})


class Report:
    """One year's report. Input cells are stored (None = blank, distinct from 0); computed cells are sums.

    `reported` keeps computed cells' values as another document printed them (an imported report), so
    the checker can show both figures; a reported total is dropped once a figure it sums is edited.
    """

    def __init__(self, fmt: Format, meta: Meta | None = None):
        self.format = fmt
        self.meta = meta or Meta()
        self._texts = Texts({s.id: "" for s in fmt.sections if not s.table})
        overview = self.overview_section
        self.subsections: list[Subsection] = [Subsection(t) for t in overview.default_subsections]
        self.cells: dict[str, Value] = dict.fromkeys(fmt.input_ids)
        self.units: dict[str, str] = {i: c.unit for i, c in fmt.cells.items() if c.units}
        self.reported: dict[str, Value] = {}
        self.baseline: Baseline | None = None
        self.notes: dict[str, str] = {}  # 出错说明: a finding's key -> the clerk's explanation
        self._cache: dict[str, Value] = {}

    @classmethod
    def new(cls, organ: str, year: int, format_id: str | None = None) -> "Report":
        fmt = formats.get(format_id) if format_id else formats.for_year(year)
        return cls(fmt, Meta(organ=organ, year=year))

    @property
    def texts(self) -> Texts:
        """The prose sections' texts by section id (一、总体情况's intro under its id)."""
        return self._texts

    @texts.setter
    def texts(self, value: dict) -> None:
        self._texts = Texts(value)

    @property
    def overview_section(self):
        """The prose section written as subsections (一、总体情况)."""
        return next(s for s in self.format.sections if s.default_subsections)

    @property
    def title(self) -> str:
        return report_title(self.meta.organ, self.meta.year)

    def section_parts(self, section_id: str) -> list[tuple[tuple, str]]:
        """A prose section's non-empty texts in order, each with its key (the GUI document's text keys):
        ("section", id) for a section's own text, ("sub", i, "title" | "text") for 一's subsections."""
        parts = [(("section", section_id), self.texts.get(section_id, ""))]
        if section_id == self.overview_section.id:
            for i, sub in enumerate(self.subsections):
                parts += [(("sub", i, "title"), sub.title), (("sub", i, "text"), sub.text)]
        return [(k, t) for k, t in parts if t]

    def section_texts(self) -> dict[str, str]:
        """Each prose section's whole text by section id: its parts (section_parts), a line each."""
        return {s.id: "\n".join(t for _, t in self.section_parts(s.id)) for s in self.format.sections
                if not s.table}

    def value(self, cell: str) -> Value:
        """A cell's value: stored for input cells, the sum of its addends for computed ones.

        A computed cell is blank only when everything it sums is blank.
        """
        spec = self.format.cells[cell]
        if not spec.computed:
            return self.cells[cell]
        if cell not in self._cache:
            parts = [self.value(a) for a in spec.addends]
            present = [p for p in parts if p is not None]
            self._cache[cell] = sum(present, start=0) if present else None
        return self._cache[cell]

    def set(self, cell: str, value: Value) -> None:
        """Store an input cell's value (already parsed and checked for its kind)."""
        if self.format.cells[cell].computed:
            raise KeyError(f"{cell} is computed")
        self.cells[cell] = value
        for d in self.format.dependents[cell]:
            self._cache.pop(d, None)
            self.reported.pop(d, None)

    def sum_of(self, cells) -> Value:
        """The sum of several cells, blanks counted as nothing; None when all are blank."""
        present = [v for v in map(self.value, cells) if v is not None]
        return sum(present, start=0) if present else None

    def figures(self) -> dict[str, Value]:
        """Every cell, input and computed, by id, in the format's order."""
        return {c: self.value(c) for c in self.format.cells}

    def invalidate(self) -> None:
        """Forget cached sums after cells were changed in bulk."""
        self._cache.clear()


def start_from_last(last: Report, year: int | None = None) -> Report:
    """A new year's report from last year's: organ and subsection titles kept, 上年结转 from 结转下年度,
    and last year's figures and texts kept as the baseline of the cross-year checks."""
    year = year or last.meta.year + 1
    new = Report.new(last.meta.organ, year)
    new.subsections = [Subsection(s.title) for s in last.subsections]
    figures = last.figures()
    for rule in new.format.carry:
        for target in new.format.row_ids(rule.table, rule.row):
            source = target.replace(f".{rule.row}.", f".{rule.from_row}.", 1)
            if source in figures and target in new.cells:
                new.cells[target] = figures[source]
    new.baseline = Baseline.of(last)
    new.invalidate()
    return new


def as_number(v: Value) -> int | Decimal:
    """A value for arithmetic: blank counts as 0 (callers say so to the clerk)."""
    return 0 if v is None else v
