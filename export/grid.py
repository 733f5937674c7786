"""What both writers put into a table grid, read from the built format: texts, values, units, widths.

Nothing here spells a label or a span: everything comes from `fmt.tables[tid].items` and the cells'
CellSpec. Widths are in "half-character units" (a Chinese character is 2, a digit 1); each writer
turns them into its own unit (twips for Word, character widths for Excel).
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass

from model.format import COLUMN, CORNER, DATA, ROW, TITLE, GridItem, TableSpec
from model.report import Report
from model.values import Value, format_value

LABEL_ROLES = (TITLE, CORNER, COLUMN, ROW)
MIN_DATA = 6  # a data column holds at least three Chinese characters' width (a 4-digit figure easily)
MIN_LABEL = 4  # a label column is at least two characters wide, even when its label runs down many rows


def text_width(text: str) -> int:
    """Width in half-character units: wide and ambiguous characters (Chinese, “ ”) count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def cell_value(report: Report, cell: str, blanks_as_zero: bool) -> Value:
    """The figure to write: the model's value, a blank written as 0 when the clerk chose so."""
    v = report.value(cell)
    return 0 if v is None and blanks_as_zero else v


def chosen_unit(report: Report, cell: str) -> str | None:
    """The unit to print with a figure whose unit the clerk chooses (2019 采购总金额: 元 or 万元)."""
    spec = report.format.cells[cell]
    if not spec.units:
        return None
    return report.units.get(cell, spec.unit)


def cell_text(report: Report, cell: str, blanks_as_zero: bool) -> str:
    """A data cell's printed text: the figure, with its unit when the clerk chose the unit."""
    v = cell_value(report, cell, blanks_as_zero)
    if v is None:
        return ""
    unit = chosen_unit(report, cell)
    return format_value(v) + (unit or "")


def item_text(report: Report, item: GridItem, blanks_as_zero: bool) -> str:
    return cell_text(report, item.cell, blanks_as_zero) if item.role == DATA else item.text


def table_unit(report: Report, tid: str) -> str | None:
    """The unit line printed above a table ("单位：件"): the unit most of its figures share.

    Figures whose column label already names its unit (2021 表二「本年收费金额（单位：万元）」) and
    figures whose unit the clerk chose (printed in the cell) do not count.
    """
    spec = report.format.tables[tid]
    units = Counter(c.unit for c in spec.cells
                    if c.unit and not c.units and not any(c.unit in lab for lab in c.col_labels))
    return f"单位：{units.most_common(1)[0][0]}" if units else None


@dataclass(frozen=True)
class Layout:
    """A table ready to write: every item with its text, and the natural width of each grid column."""

    spec: TableSpec
    cells: list[tuple[GridItem, str]]
    widths: list[int]

    @property
    def header_rows(self) -> int:
        return self.spec.repeat_rows


def _lines_allowed(item: GridItem) -> int:
    if item.role == DATA:
        return 1
    if item.role == ROW:
        return 2 * item.rowspan  # a row label may take two lines per row it spans
    return 2 * item.rowspan if item.role == COLUMN else 3 * item.rowspan


def _wanted(item: GridItem, text: str) -> int:
    """The width an item asks for: its text on the lines it may take, in whole characters."""
    w = math.ceil(text_width(text) / _lines_allowed(item))
    if item.role == DATA:
        w += 2  # room for a figure growing by a digit or two
    return w + (w % 2)  # whole characters: half a character of width is wasted


def layout(report: Report, tid: str, blanks_as_zero: bool) -> Layout:
    spec = report.format.tables[tid]
    cells = [(it, item_text(report, it, blanks_as_zero)) for it in spec.items]
    first_data = min(it.col for it in spec.items if it.role == DATA)
    widths = [MIN_LABEL if c < first_data else MIN_DATA for c in range(spec.n_cols)]
    for it, text in cells:
        if it.colspan == 1:
            widths[it.col] = max(widths[it.col], _wanted(it, text))
    # A spanning item that does not fit the columns it spans widens them evenly.
    for it, text in sorted(cells, key=lambda x: x[0].colspan):
        if it.colspan > 1:
            cols = range(it.col, it.col + it.colspan)
            short = _wanted(it, text) - sum(widths[c] for c in cols)
            if short > 0:
                for c in cols:
                    widths[c] += math.ceil(short / it.colspan)
    return Layout(spec, cells, widths)


def lines_needed(text: str, width_units: float) -> int:
    """How many lines a text takes in a cell of the given width (half-character units)."""
    if not text:
        return 1
    return sum(max(1, math.ceil(text_width(part) / max(width_units, 1))) for part in text.split("\n"))
