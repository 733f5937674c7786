"""The Excel export: a 基本信息 sheet, one sheet per table, merged as printed, totals as live formulas, and a
审核 sheet with every finding of the checker and the clerk's 出错说明 (for the superior who reviews it)."""
from __future__ import annotations

import datetime as dt
import os
from itertools import groupby

from model.format import COLUMN, DATA, ROW
from model.report import Report

from .atomic import write_atomically
from .grid import Layout, cell_value, chosen_unit, layout, lines_needed, table_unit, text_width

GRID_TOP = 3  # sheet row of the grid's first row: row 1 holds the section heading, row 2 the unit line
FONT_NAME = "宋体"  # on every Windows PC and in WPS; a spreadsheet needs no 仿宋
FONT_SIZE = 10
LINE_PT = 13.5  # the height of one line of 10 pt text
MAX_LABEL = 36  # a row label longer than this many half-characters wraps
MAX_HEADER = 8  # a column label longer than this wraps (4 characters a line)
PORTRAIT_MAX = 130  # total column width (Excel units) beyond which a table prints landscape


def write_xlsx(report: Report, path: str | os.PathLike, *, blanks_as_zero: bool = True) -> None:
    """Write the report's tables to `path` (.xlsx) atomically; raises ExportError with the clerk's message."""
    # Built inside the atomic write: any failure, even a bug, reaches the clerk as ExportError.
    write_atomically(path, lambda stream: build_workbook(report, blanks_as_zero).save(stream))


def build_workbook(report: Report, blanks_as_zero: bool = True):
    """The openpyxl Workbook of the report."""
    from openpyxl import Workbook

    wb = Workbook()
    _info_sheet(wb.active, report, blanks_as_zero)
    for tid in report.format.tables:
        _table_sheet(wb.create_sheet(), report, tid, blanks_as_zero)
    _review_sheet(wb.create_sheet(), report)
    return wb


REVIEW_HEADER = ("序号", "级别", "规则", "位置", "问题", "出错说明", "状态")


def review_rows(report: Report) -> list[tuple]:
    """The 审核 sheet's rows: every finding (errors first) with its note and state, then the notes of
    findings that no longer exist (已消除)."""
    from model.checker import ERROR, LEVEL_NAMES, check, explained, gone_notes, place

    findings = check(report)
    notes = report.notes
    rows = []
    for f in findings:
        note = notes.get(f.key, "")
        state = "已说明" if explained(f, notes) else "须改正" if f.level == ERROR else "未说明"
        rows.append((LEVEL_NAMES[f.level], f.rule, place(f, report.format), f.message, note, state))
    for key, note in gone_notes(findings, notes).items():
        rows.append(("", key.split(":")[0], "", "原问题已不存在", note, "已消除"))
    return [(i, *row) for i, row in enumerate(rows, 1)]


def _review_sheet(ws, report: Report) -> None:
    st = _styles()
    ws.title = "审核"
    rows = [REVIEW_HEADER] + review_rows(report)
    if len(rows) == 1:
        rows.append(("", "", "", "", "检查通过：没有发现问题。", "", ""))
    widths = (6, 8, 12, 22, 70, 40, 10)
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            cell.font = st["font"] if r > 1 else st["bold"]
            cell.border = st["border"]
            cell.alignment = st["left"] if c in (4, 5, 6) and r > 1 else st["center"]
            put(cell, v)  # the clerk's note is text, never a formula
        lines = max(lines_needed(str(v), w) for v, w in zip(values, widths))
        ws.row_dimensions[r].height = max(20, lines * LINE_PT + 6)
    for c, w in enumerate(widths):
        ws.column_dimensions[column_letter(c)].width = w
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


FORMULA_LEADS = ("=", "+", "-", "@")  # what Excel or WPS would take for a formula when the cell is edited


def put(cell, value) -> None:
    """Write a value as data: a number as a number, any text as a string cell, never a formula.

    openpyxl turns a str beginning with "=" into a formula (an organ named =HYPERLINK(...) or a DDE
    =cmd|'/C calc'!A0 would run); here every text is a string, and one that would read as a formula
    when edited (= + - @ first, or a tab) also gets Excel's quote prefix, so it stays text there too.
    Only sum_formula's totals are written as formulas, directly.
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_LEADS) or "\t" in value:
            cell.quotePrefix = True


def column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


def coordinate(row: int, col: int) -> str:
    """The sheet coordinate of grid position (row, col)."""
    return f"{column_letter(col)}{row + GRID_TOP}"


def sum_formula(report: Report, cell: str, blanks_as_zero: bool) -> str:
    """=SUM over the addends' coordinates, runs of adjacent cells written as ranges.

    When blanks stay blank, a total of blanks stays blank too (as the model says), not 0.
    """
    fmt = report.format
    grids = sorted(fmt.cells[a].grid for a in fmt.cells[cell].addends)
    parts: list[str] = []
    for row, run in groupby(grids, key=lambda g: g[0]):  # horizontal runs within a row
        cols = [c for _, c in run]
        parts.extend(_runs(cols, lambda c, row=row: coordinate(row, c)))
    if len(parts) == len(grids) and len({g[1] for g in grids}) == 1:  # one column: vertical runs
        parts = _runs([r for r, _ in grids], lambda r, col=grids[0][1]: coordinate(r, col))
    args = ",".join(parts)
    return f"=SUM({args})" if blanks_as_zero else f'=IF(COUNT({args})=0,"",SUM({args}))'


def _runs(positions: list[int], name) -> list[str]:
    out, start = [], None
    for i, p in enumerate(positions):
        if start is None:
            start = p
        if i + 1 == len(positions) or positions[i + 1] != p + 1:
            out.append(name(start) if start == p else f"{name(start)}:{name(p)}")
            start = None
    return out


def _styles():
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "font": Font(name=FONT_NAME, size=FONT_SIZE),
        "bold": Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center"),
        "vertical": Alignment(horizontal="center", vertical="center", wrap_text=True, textRotation=255),
    }


class _StyleCache:
    """Gives cells a bordered style; each distinct style is built once and then copied (openpyxl hashes
    and compares style objects on every assignment, which made styling most of the export's time)."""

    def __init__(self, st: dict):
        self.st = st
        self.done: dict[tuple[str, str], object] = {}

    def apply(self, cell, align: str, number_format: str) -> None:
        from copy import copy

        key = (align, number_format)
        if key in self.done:
            cell._style = copy(self.done[key])
            return
        cell.font, cell.border, cell.alignment = self.st["font"], self.st["border"], self.st[align]
        cell.number_format = number_format
        self.done[key] = copy(cell._style)


def _table_sheet(ws, report: Report, tid: str, blanks_as_zero: bool) -> None:
    fmt = report.format
    spec = fmt.tables[tid]
    lay = layout(report, tid, blanks_as_zero)
    st = _styles()
    ws.title = spec.name
    widths = excel_widths(lay)
    last = column_letter(spec.n_cols - 1)
    put(ws["A1"], fmt.section_of_table(tid).heading)
    ws["A1"].font = st["bold"]
    ws.merge_cells(f"A1:{last}1")
    unit = table_unit(report, tid)
    if unit:
        put(ws["A2"], unit)
        ws["A2"].font, ws["A2"].alignment = st["font"], st["right"]
        ws.merge_cells(f"A2:{last}2")
    styled = _StyleCache(st)
    for it, text in lay.cells:
        if it.rowspan > 1 or it.colspan > 1:  # merge first: openpyxl then has no borders to redistribute
            ws.merge_cells(start_row=it.row + GRID_TOP, start_column=it.col + 1,
                           end_row=it.row + it.rowspan - 1 + GRID_TOP, end_column=it.col + it.colspan)
        top = ws.cell(row=it.row + GRID_TOP, column=it.col + 1)
        number_format = "General"
        if it.role == DATA:
            spec_c = fmt.cells[it.cell]
            if spec_c.computed:
                top.value = sum_formula(report, it.cell, blanks_as_zero)  # the writer's own formula
            else:
                put(top, cell_value(report, it.cell, blanks_as_zero))
            unit_c = chosen_unit(report, it.cell)
            if unit_c:  # the unit shows with the figure, which stays a number
                number_format = f'General"{unit_c}"'
        else:
            put(top, text)
        align = "vertical" if lay.vertical(it) else "left" if it.role == ROW and it.rowspan == 1 else "center"
        styled.apply(top, align, number_format)
        if it.role != DATA and isinstance(top.value, str) and top.value.startswith(FORMULA_LEADS):
            top.quotePrefix = True  # the cached style above does not carry it
        for r in range(it.row, it.row + it.rowspan):  # every cell of a merged range carries the borders
            for c in range(it.col, it.col + it.colspan):
                if (r, c) != (it.row, it.col):
                    styled.apply(ws.cell(row=r + GRID_TOP, column=c + 1), align, number_format)
    for c, w in enumerate(widths):
        ws.column_dimensions[column_letter(c)].width = w
    _row_heights(ws, lay, widths)
    ws.row_dimensions[1].height = 24
    _print_setup(ws, spec, sum(widths))


def excel_widths(lay: Layout) -> list[int]:
    """Column widths in Excel units (about a digit, half a Chinese character): wider than the Word table's,
    since a sheet prints fitted to the page width: row labels on one line (up to a point), and column
    labels on one line where they are short."""
    widths = list(lay.widths)
    header_cap = MAX_HEADER if lay.spec.n_cols > 6 else 2 * MAX_HEADER  # table 2's four columns have room
    for it, text in lay.cells:
        if it.colspan != 1:
            continue
        if it.role == ROW and it.rowspan == 1:
            widths[it.col] = max(widths[it.col], min(text_width(text), MAX_LABEL))
        elif it.role == COLUMN:
            widths[it.col] = max(widths[it.col], min(text_width(text), header_cap))
    return [w + 2 for w in widths]  # pad for the cell margins


def _row_heights(ws, lay: Layout, widths: list[int]) -> None:
    """Rows tall enough for their wrapped labels (neither Excel nor openpyxl sizes merged cells)."""
    lines = [1.0] * lay.spec.n_rows
    for it, text in lay.cells:
        room = sum(widths[it.col:it.col + it.colspan]) - 2
        need = lines_needed(text, room) / it.rowspan
        for r in range(it.row, it.row + it.rowspan):
            lines[r] = max(lines[r], need)
    for r, n in enumerate(lines):
        ws.row_dimensions[r + GRID_TOP].height = max(20, round(n * LINE_PT + 6, 1))


def _print_setup(ws, spec, total_width: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if total_width > PORTRAIT_MAX else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    if spec.repeat_rows:
        ws.print_title_rows = f"{GRID_TOP}:{GRID_TOP + spec.repeat_rows - 1}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _info_sheet(ws, report: Report, blanks_as_zero: bool) -> None:
    st = _styles()
    ws.title = "基本信息"
    meta = report.meta
    rows = [
        ("报告标题", report.title),
        ("机关名称", meta.organ),
        ("年度", meta.year),
        ("格式", report.format.title),
        ("落款日期", f"{meta.date.year}年{meta.date.month}月{meta.date.day}日" if meta.date else "未填写"),
        ("导出时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("空白单元格", "填写为 0" if blanks_as_zero else "保留空白（未填报）"),
    ]
    for r, (label, value) in enumerate(rows, start=1):
        for c, v in ((1, label), (2, value)):
            cell = ws.cell(row=r, column=c)
            cell.font, cell.border = st["font"], st["border"]
            cell.alignment = st["left"]
            put(cell, v)
        ws.row_dimensions[r].height = max(20, lines_needed(str(value), 70) * LINE_PT + 6)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 72
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
