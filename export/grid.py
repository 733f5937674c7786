"""What both writers put into a table grid, read from the built format: texts, values, units, widths.

Nothing here spells a label or a span: everything comes from `fmt.tables[tid].items` and the cells'
CellSpec. Widths are in "half-character units" (a Chinese character is 2, a digit 1); each writer
turns them into its own unit (twips for Word, character widths for Excel).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from model.format import COLUMN, CORNER, DATA, ROW, TITLE, GridItem, TableSpec
from model.report import Report
from model.values import Value, format_value

LABEL_ROLES = (TITLE, CORNER, COLUMN, ROW)
_NUMBERED = re.compile(r"^([（(][^）)]{1,3}[）)])(.+)$")
MIN_DATA = 6  # a data column holds at least three Chinese characters' width (a 4-digit figure easily)
MIN_LABEL = 4  # a label column is at least two characters wide, even when its label runs down many rows
MIN_VERTICAL = 3  # a column whose only label runs top to bottom: one character and a little


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
    one_line: list[int]  # per label column: the width at which all its own labels take one line (else 0)

    @property
    def header_rows(self) -> int:
        return self.spec.repeat_rows

    def vertical(self, item: GridItem) -> bool:
        """A label in a column two characters narrow that would wrap into more than two lines runs top to
        bottom instead (table 3's 三、本年度办理结果 beside its 22 rows), as the official table prints it."""
        if item.role != ROW or item.colspan != 1 or not fits_vertically(item, item.text):
            return False
        return self.widths[item.col] <= MIN_LABEL and lines_needed(item.text, self.widths[item.col]) > 2


def fits_vertically(item: GridItem, text: str) -> bool:
    """Whether a label could run top to bottom along the rows it spans (a row is ~1.5 characters tall)."""
    return item.rowspan >= 3 and text_width(text) / 2 <= item.rowspan * 1.5


def _lines_allowed(item: GridItem, text: str) -> int:
    if item.role == DATA:
        return 1
    if item.role == ROW:
        if item.colspan == 1 and fits_vertically(item, text):
            return 10 ** 6  # it can run top to bottom in the narrowest column (see Layout.vertical)
        return 2  # else two lines: a label broken into many short lines reads badly
    return 2 * item.rowspan if item.role == COLUMN else 3 * item.rowspan


def _wanted(item: GridItem, text: str) -> int:
    """The width an item asks for: its text on the lines it may take, in whole characters."""
    w = math.ceil(text_width(text) / _lines_allowed(item, text))
    if item.role == DATA:
        w += 2  # room for a figure growing by a digit or two
    return w + (w % 2)  # whole characters: half a character of width is wasted


def layout(report: Report, tid: str, blanks_as_zero: bool) -> Layout:
    spec = report.format.tables[tid]
    cells = [(it, item_text(report, it, blanks_as_zero)) for it in spec.items]
    first_data = min(it.col for it in spec.items if it.role == DATA)
    widths = [MIN_LABEL if c < first_data else MIN_DATA for c in range(spec.n_cols)]
    for c in range(first_data):  # a column holding only a label that runs top to bottom: one character
        own = [(it, text) for it, text in cells if it.col == c and it.colspan == 1]
        if own and all(it.role == ROW and fits_vertically(it, text) for it, text in own):
            widths[c] = MIN_VERTICAL
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
    one_line = [0] * spec.n_cols
    for it, text in cells:
        if it.role == ROW and it.colspan == 1 and it.rowspan == 1:
            one_line[it.col] = max(one_line[it.col], text_width(text))
    return Layout(spec, cells, widths, one_line)


def balanced_lines(text: str, chars_per_line: float) -> str:
    """Break a header label into lines of even length ("商业\n企业", not "商业企\n业") when it must wrap."""
    total = text_width(text) / 2
    if total <= chars_per_line or chars_per_line < 1:
        return text
    numbered = _NUMBERED.match(text)  # （四）无法提供 breaks after its number when the rest fits a line
    if numbered and text_width(numbered.group(2)) / 2 <= chars_per_line:
        return numbered.group(1) + "\n" + numbered.group(2)
    n = math.ceil(total / math.floor(chars_per_line))
    per = math.ceil(total / n) * 2  # half-character units per line
    lines, line, used = [], "", 0
    for ch in text:
        w = text_width(ch)
        if used + w > per and line:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    lines.append(line)
    return "\n".join(lines)


def lines_needed(text: str, width_units: float) -> int:
    """How many lines a text takes in a cell of the given width (half-character units)."""
    if not text:
        return 1
    return sum(max(1, math.ceil(text_width(part) / max(width_units, 1))) for part in text.split("\n"))
