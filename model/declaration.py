"""The vocabulary in which an official report format is declared: sections, tables, header trees, cells.

A format module (model/formats/fYYYY.py) builds one `Format` from these pieces; every other layer
(checker, GUI, Word and Excel writers, the reader of old reports) reads only the built `Format`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


# The pieces are NamedTuples (immutable, compared by value): a frozen dataclass costs ~1 ms to define on
# Python 3.11, and these load with the start page (which shows the format's title). FormatDecl stays a
# dataclass: tests and new format modules derive one with dataclasses.replace.


class Kind(str, Enum):
    """What a data cell may hold."""

    COUNT = "count"  # whole number >= 0
    SIGNED = "signed"  # whole number, may be negative (本年增/减)
    AMOUNT = "amount"  # decimal >= 0, with a unit

    @property
    def chinese(self) -> str:
        return {"count": "非负整数", "signed": "整数（可为负）", "amount": "非负金额"}[self.value]


class Node(NamedTuple):
    """One label of a header tree (rows or columns).

    `key` joins the cell id; a node without key (a pure grouping label such as 申请人情况) adds nothing
    to the ids below it. `total=True` marks a leaf that is the sum of the other leaves under its parent.
    """

    label: str
    key: str | None = None
    children: tuple["Node", ...] = ()
    total: bool = False
    short: str | None = None  # short name for messages, e.g. 新收 for 一、本年新收政府信息公开申请数量
    kind: Kind | None = None  # overrides the block's kind for the cells in this row/column
    unit: str | None = None  # overrides the block's unit
    units: tuple[str, ...] = ()  # units the clerk may choose between (first is the default)

    @property
    def is_leaf(self) -> bool:
        return not self.children


def node(label: str, key: str | None = None, *children: Node, **kw) -> Node:
    """Shorthand used by the declarations: node("（三）不予公开", "refused", node(...), ...)."""
    return Node(label, key, tuple(children), **kw)


class Block(NamedTuple):
    """A rectangular part of a table: an optional title row, header rows from `columns`, body rows from `rows`.

    Table 2 stacks five blocks; tables 3 and 4 are one block each. `corner` is the text of the cell above
    the row labels (table 3's 勾稽 note, table 2's 信息内容). A block whose rows have no label (table 4)
    gives an empty `rows` tree: it then has one unnamed data row.
    """

    columns: tuple[Node, ...]
    rows: tuple[Node, ...] = ()
    title: str | None = None
    corner: str | None = None
    kind: Kind = Kind.COUNT
    unit: str = "件"


class Table(NamedTuple):
    """One official table: id (t2/t3/t4), the heading it sits under, and its blocks in order."""

    id: str
    name: str  # as a message names it: 表二
    blocks: tuple[Block, ...]
    width: int | None = None  # grid columns; None = the widest block


class Section(NamedTuple):
    """One of the six numbered sections of the report."""

    id: str
    heading: str
    table: str | None = None  # the id of the table this section holds, if any
    hint: str = ""  # guidance shown to the clerk under this section
    default_subsections: tuple[str, ...] = ()


class Balance(NamedTuple):
    """Table 3's 勾稽 rule, per column: sum(left rows) == sum(right rows)."""

    table: str
    left: tuple[str, ...]
    right: tuple[str, ...]


class CarryRule(NamedTuple):
    """A cross-year rule: this year's `row` equals last year's `from_row`, column by column."""

    table: str
    row: str
    from_row: str


class InForceRule(NamedTuple):
    """现行有效件数 = last year's + 本年制发 − 本年废止, for each listed row of table 2."""

    table: str
    rows: tuple[str, ...]
    in_force: str
    issued: str
    repealed: str


class ProseFigure(NamedTuple):
    """A figure that prose often quotes: a pattern whose first group is the number, and the cell it must equal
    (with `also`: the sum of `cell` and these, e.g. 行政诉讼 = 未经复议直接起诉 + 复议后起诉)."""

    pattern: str
    cell: str
    what: str  # how the message names the figure, e.g. 本年新收申请
    also: tuple[str, ...] = ()


class KeyFigure(NamedTuple):
    """A figure a superior compares with last year's (同比变化): its name and the cells whose sum it is."""

    name: str
    cells: tuple[str, ...]


class Ratio(NamedTuple):
    """A ratio a superior reads (shown, never a finding): sum(numerator) / sum(denominator)."""

    name: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    formula: str  # how the page explains it, e.g. （予以公开 + 部分公开）÷ 办理总计


class Evaluation(NamedTuple):
    """The rules third-party evaluators and superiors apply beyond the arithmetic (levels warning / info).

    Thresholds are declared here so that a later format (or a province's rules) can change them.
    """

    # 文字重复: share of this year's text found in last year's report (model/repetition.py)
    repeat_share: float = 0.5  # more than this is a warning (one city's published rule: > 50 % costs points)
    repeat_min_chars: int = 200  # a section shorter than this (六 is often one sentence) is counted only in the whole
    # 五、存在的主要问题及改进情况
    problems_section: str = "problems"
    problems_min_chars: int = 30  # fewer characters (punctuation and spaces not counted) is "a few words"
    last_year_words: str = r"上年|上一年|去年|前一年|以往|整改"
    # 六、其他需要报告的事项: the 信息处理费 statement (国办函〔2020〕109号), None where the format does not ask it
    fee_section: str = "other"
    fee_words: str | None = None
    unpaid_fee_cell: str | None = None  # table 3's applications dropped for unpaid fees
    # 同比变化: a key figure more than `jump_factor` times, or less than 1/`jump_factor` of, last year's,
    # when either is at least `jump_floor`
    key_figures: tuple[KeyFigure, ...] = ()
    jump_factor: int = 5
    jump_floor: int = 10
    # 条例第四十九条: (month, day) of the year after the report year by which each kind of organ publishes
    deadline_department: tuple[int, int] = (1, 31)
    deadline_government: tuple[int, int] = (3, 31)
    government_suffix: str = r"人民政府$"  # an organ named so publishes by the government's deadline
    ratios: tuple[Ratio, ...] = ()
    # The figures the review of many reports shows for every unit (新收 … 行政诉讼), beside the ratios
    review_figures: tuple[KeyFigure, ...] = ()


@dataclass(frozen=True)
class FormatDecl:
    """Everything a format module declares; `model.format.Format` derives the grids and cells from it."""

    id: str
    title: str
    years: tuple[int, int]  # first and last report year the format applies to (inclusive)
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    balance: Balance
    carry: tuple[CarryRule, ...] = ()
    in_force: InForceRule | None = None
    prose_figures: tuple[ProseFigure, ...] = field(default=())
    evaluation: Evaluation = Evaluation()
