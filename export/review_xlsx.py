"""The review workbook: per table one sheet with every counted unit as a row (cell ids as columns, labels
in the header) and a 合计 row of live SUM formulas; a sheet of every finding per unit with its 状态 and
意见 (and the files left out, with the reason); a sheet of the 缺报 list.

Every text is written as a string cell, never as a formula: a unit's name or a 意见 that starts with
= + - @ stays data, whatever a spreadsheet program would make of it.
"""
from __future__ import annotations

import os
from decimal import Decimal

from model.checker import LEVEL_NAMES
from model.review_sum import UNIT_FACTORS
from model.review import KEY_FIGURES, RATES, STATUS_LABELS, Review, format_rate
from model.values import Value

from .atomic import write_atomically
from .excel import FONT_NAME, FONT_SIZE, column_letter

HEAD_ROWS = 3  # row label, column label, cell id
FIRST = 3  # columns 1-2: 单位, 文件; the cells from column 3
FINDINGS_SHEET, MISSING_SHEET, OVERVIEW_SHEET = "审核意见", "缺报", "概况"


def write_review_xlsx(review: Review, path: str | os.PathLike) -> None:
    """Write the review workbook atomically; ExportError with the clerk's message on failure."""
    write_atomically(path, lambda stream: build_review_workbook(review).save(stream))


def build_review_workbook(review: Review):
    from openpyxl import Workbook

    wb = Workbook()
    units = review.counted
    _overview(wb.active, review, units)
    total = review.totals()
    if total is not None:
        reports = [u.report for u in units]  # built once: Unit.report builds a new one on every call
        for tid, table in total.report.format.tables.items():
            _table_sheet(wb.create_sheet(table.name), total.report, tid, units, reports)
    _findings_sheet(wb.create_sheet(FINDINGS_SHEET), review)
    _missing_sheet(wb.create_sheet(MISSING_SHEET), review)
    return wb


def text(ws, row: int, col: int, value: str, bold: bool = False):
    """A string cell, whatever the text starts with."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    c = ws.cell(row, col)
    c.value = ILLEGAL_CHARACTERS_RE.sub("", value or "")
    c.data_type = "s"  # after the value: openpyxl would otherwise take "=…" for a formula
    c.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=bold)
    return c


def number(ws, row: int, col: int, value: Value):
    from openpyxl.styles import Font

    c = ws.cell(row, col)
    c.value = value
    c.font = Font(name=FONT_NAME, size=FONT_SIZE)
    return c


def _overview(ws, review: Review, units) -> None:
    ws.title = OVERVIEW_SHEET
    year = review.effective_year
    text(ws, 1, 1, f"{year or ''}年度政府信息公开工作年度报告审核", bold=True)
    heads = ["单位", "文件", "格式", "年度", "错误", "提醒", *[label for label, _ in KEY_FIGURES], *RATES, "状态", "意见"]
    for col, h in enumerate(heads, 1):
        text(ws, 2, col, h, bold=True)
    for row, u in enumerate(units, 3):
        k = u.key_figures()
        text(ws, row, 1, u.name)
        text(ws, row, 2, u.file)
        text(ws, row, 3, u.format_id or "")
        number(ws, row, 4, u.year)
        number(ws, row, 5, u.errors)
        number(ws, row, 6, u.warnings)
        for col, (label, _) in enumerate(KEY_FIGURES, 7):
            number(ws, row, col, k[label])
        after = 7 + len(KEY_FIGURES)
        for col, name in enumerate(RATES, after):
            text(ws, row, col, format_rate(k[name]))
        text(ws, row, after + len(RATES), STATUS_LABELS[u.status] + ("（已重新报送）" if u.resubmitted else ""))
        text(ws, row, after + len(RATES) + 1, u.opinion)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 40
    ws.freeze_panes = "B3"


def _table_sheet(ws, total, tid: str, units, reports) -> None:
    """One row per unit, one column per cell of the table (computed cells too, as the unit's sums).
    Amounts a unit gave in another unit (元 / 万元) are converted to the one the 汇总 uses, so SUM adds
    like with like."""
    fmt = total.format
    cells = [c for c in fmt.tables[tid].cells]
    text(ws, 1, 1, "行", bold=True)
    text(ws, 2, 1, "列", bold=True)
    text(ws, 3, 1, "单位", bold=True)
    text(ws, 3, 2, "文件", bold=True)
    for col, c in enumerate(cells, FIRST):
        text(ws, 1, col, c.row_name or fmt.tables[tid].name, bold=True)
        unit = f"（{total.units[c.id]}）" if c.id in total.units else ""
        text(ws, 2, col, c.col_name + unit + ("（合计）" if c.computed else ""), bold=True)
        text(ws, 3, col, c.id, bold=True)
    first = HEAD_ROWS + 1
    for row, (u, r) in enumerate(zip(units, reports), first):
        text(ws, row, 1, u.name)
        text(ws, row, 2, os.path.basename(u.file))
        for col, c in enumerate(cells, FIRST):
            v = r.value(c.id)
            if v is not None and c.id in total.units and r.units.get(c.id, c.unit) != total.units[c.id]:
                v = Decimal(v) * UNIT_FACTORS[r.units.get(c.id, c.unit)] / UNIT_FACTORS[total.units[c.id]]
            number(ws, row, col, v)
    last = first + len(units) - 1
    total_row = last + 1
    text(ws, total_row, 1, "合计", bold=True)
    for col in range(FIRST, FIRST + len(cells)):
        letter = column_letter(col - 1)
        c = ws.cell(total_row, col)
        c.value = f"=SUM({letter}{first}:{letter}{last})" if units else 0
    ws.column_dimensions["A"].width = 28
    ws.freeze_panes = ws.cell(first, FIRST)


def _findings_sheet(ws, review: Review) -> None:
    heads = ("单位", "文件", "状态", "意见", "级别", "规则", "问题", "单位说明")
    for col, h in enumerate(heads, 1):
        text(ws, 1, col, h, bold=True)
    row = 2
    for u in review.counted + review.set_aside:
        status = STATUS_LABELS[u.status] if u.counted else "未计入"
        said = dict(u.notes())
        rows = [(LEVEL_NAMES.get(f.level, f.level), f.rule, f.message, said.get(f.message, ""))
                for f in u.findings] if u.counted else [("未计入", u.set_aside or "", u.reason, "")]
        for level, rule, message, note in rows or [("", "", "没有发现问题", "")]:
            for col, v in enumerate((u.name, os.path.basename(u.file), status, u.opinion, level, rule, message,
                                     note), 1):
                text(ws, row, col, v)
            row += 1
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["G"].width = 100
    ws.column_dimensions["H"].width = 40
    ws.freeze_panes = "A2"


def _missing_sheet(ws, review: Review) -> None:
    for col, h in enumerate(("应报单位", "报送情况", "按哪一份年报计"), 1):
        text(ws, 1, col, h, bold=True)
    matches = sorted(review.matches(), key=lambda m: (not m.missing, m.exact))
    for row, m in enumerate(matches, 2):
        state = "未报送" if m.missing and not m.candidates else ("名称待确认" if m.candidates or not m.exact else "已报送")
        text(ws, row, 1, m.expected)
        text(ws, row, 2, state if not m.candidates else m.describe())
        text(ws, row, 3, m.found or "")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 28
