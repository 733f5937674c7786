"""The Excel export, reopened with openpyxl and walked from the format's declared grid items."""
from __future__ import annotations

import re

import openpyxl
import pytest
from export_cases import EXPORTS, load_case
from openpyxl.utils import get_column_letter, range_boundaries

from export import ExportError
from export.excel import GRID_TOP, write_xlsx
from model.format import DATA, ROW
from model.values import format_value

_REF = re.compile(r"([A-Z]+\d+)(?::([A-Z]+\d+))?")


@pytest.fixture(scope="module", params=EXPORTS, ids=lambda p: f"{p[0]}-{'zero' if p[1] else 'keep'}")
def exported(request, tmp_path_factory):
    case, zero = request.param
    report = load_case(case)
    path = tmp_path_factory.mktemp("xlsx") / f"{case}.xlsx"
    write_xlsx(report, path, blanks_as_zero=zero)
    return report, openpyxl.load_workbook(path), zero


def _expand(ws, args: str) -> list:
    cells = []
    for a, b in _REF.findall(args):
        c0, r0, c1, r1 = range_boundaries(f"{a}:{b or a}")
        cells += [ws.cell(row=r, column=c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
    return cells


def _evaluate(ws, cell):
    """What Excel shows in a cell: SUM formulas (and the blank-keeping IF(COUNT…)) computed here."""
    v = cell.value
    if not (isinstance(v, str) and v.startswith("=")):
        return v
    args = re.search(r"SUM\(([^)]*)\)", v).group(1)
    values = [_evaluate(ws, c) for c in _expand(ws, args)]
    numbers = [x for x in values if isinstance(x, (int, float))]
    if v.startswith("=IF(COUNT(") and not numbers:
        return ""
    return sum(numbers)


def test_every_label_value_and_merge(exported):
    report, wb, zero = exported
    fmt = report.format
    for tid, spec in fmt.tables.items():
        ws = wb[spec.name]
        want_merges = set()
        for it in spec.items:
            cell = ws.cell(row=it.row + GRID_TOP, column=it.col + 1)
            if it.role != DATA:
                assert cell.value == it.text, (tid, it)
            else:
                expected = report.value(it.cell)
                if expected is None and zero:
                    expected = 0
                shown = _evaluate(ws, cell)
                if expected is None:
                    assert shown in (None, ""), (it.cell, shown)
                else:
                    assert isinstance(shown, (int, float)) and not isinstance(shown, bool), (it.cell, shown)
                    assert format_value(expected) == format_value(type(expected)(str(shown))), it.cell
            if it.rowspan > 1 or it.colspan > 1:
                want_merges.add((it.col + 1, it.row + GRID_TOP, it.col + it.colspan, it.row + it.rowspan - 1 + GRID_TOP))
        got = {range_boundaries(str(r)) for r in ws.merged_cells.ranges}
        grid_merges = {m for m in got if m[1] >= GRID_TOP}
        assert grid_merges == want_merges, tid
        assert got - grid_merges <= {(1, 1, spec.n_cols, 1), (1, 2, spec.n_cols, 2)}  # heading, unit line


def test_totals_are_formulas_over_their_addends(exported):
    report, wb, zero = exported
    fmt = report.format
    for cid in fmt.computed_ids:
        spec = fmt.cells[cid]
        ws = wb[fmt.tables[spec.table].name]
        row, col = spec.grid
        formula = ws.cell(row=row + GRID_TOP, column=col + 1).value
        assert formula.startswith("=SUM(" if zero else '=IF(COUNT('), cid
        sums = re.search(r"SUM\(([^)]*)\)", formula).group(1)
        got = {(c.row - GRID_TOP, c.column - 1) for c in _expand(ws, sums)}
        assert got == {fmt.cells[a].grid for a in spec.addends}, cid


def test_inputs_are_numbers_and_blanks_follow_the_choice(exported):
    report, wb, zero = exported
    fmt = report.format
    for cid in fmt.input_ids:
        spec = fmt.cells[cid]
        row, col = spec.grid
        v = wb[fmt.tables[spec.table].name].cell(row=row + GRID_TOP, column=col + 1).value
        if report.cells[cid] is None:
            assert v == (0 if zero else None), cid
        else:
            assert type(v) in (int, float) and v == float(report.cells[cid]), cid


def test_borders_widths_and_print_setup(exported):
    report, wb, _ = exported
    for tid, spec in report.format.tables.items():
        ws = wb[spec.name]
        for it in spec.items:  # every item's rectangle is outlined, merged or not
            r0, c0 = it.row + GRID_TOP, it.col + 1
            r1, c1 = r0 + it.rowspan - 1, c0 + it.colspan - 1
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    b = ws.cell(row=r, column=c).border
                    for side, edge in ((b.top, r == r0), (b.bottom, r == r1), (b.left, c == c0), (b.right, c == c1)):
                        assert not edge or side.style == "thin", (tid, r, c)
        for it in spec.items:  # labels wrap inside their cells
            if it.role != DATA:
                assert ws.cell(row=it.row + GRID_TOP, column=it.col + 1).alignment.wrap_text
        widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, spec.n_cols + 1)]
        assert all(w >= 4 for w in widths)
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        if spec.repeat_rows:
            assert ws.print_title_rows == f"${GRID_TOP}:${GRID_TOP + spec.repeat_rows - 1}"
    # Table 4's fifteen columns print across a landscape page; table 3 fits a portrait one.
    assert wb[report.format.tables["t4"].name].page_setup.orientation == "landscape"
    assert wb[report.format.tables["t3"].name].page_setup.orientation == "portrait"


def test_chosen_unit_shows_with_the_figure(exported):
    report, wb, _ = exported
    for cid, unit in report.units.items():
        spec = report.format.cells[cid]
        cell = wb[report.format.tables[spec.table].name].cell(row=spec.grid[0] + GRID_TOP, column=spec.grid[1] + 1)
        assert cell.number_format == f'General"{unit}"'


def test_basic_information_sheet(exported):
    report, wb, zero = exported
    ws = wb.worksheets[0]
    assert ws.title == "基本信息"
    info = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)}
    assert info["机关名称"] == report.meta.organ
    assert info["年度"] == report.meta.year
    assert info["格式"] == report.format.title
    assert info["报告标题"] == report.title
    d = report.meta.date
    assert info["落款日期"] == (f"{d.year}年{d.month}月{d.day}日" if d else "未填写")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", info["导出时间"])
    assert [w.title for w in wb.worksheets[1:]] == [t.name for t in report.format.tables.values()] + ["审核"]


def test_row_labels_left_aligned_figures_centred(exported):
    report, wb, _ = exported
    spec = report.format.tables["t3"]
    ws = wb[spec.name]
    for it in spec.items:
        cell = ws.cell(row=it.row + GRID_TOP, column=it.col + 1)
        if it.role == ROW and it.rowspan == 1:
            assert cell.alignment.horizontal == "left"
        elif it.role == DATA:
            assert cell.alignment.horizontal == "center"


def test_unwritable_target_raises_export_error_and_keeps_old_file(tmp_path):
    report = load_case("demo")
    folder = tmp_path / "ro"
    folder.mkdir()
    old = folder / "out.xlsx"
    old.write_bytes(b"old")
    folder.chmod(0o555)
    try:
        if _writable(folder):
            pytest.skip("running as root: a read-only folder is still writable")
        with pytest.raises(ExportError) as e:
            write_xlsx(report, old)
        assert "只读" in str(e.value) or "权限" in str(e.value)
        assert old.read_bytes() == b"old"
    finally:
        folder.chmod(0o755)
    assert [p.name for p in folder.iterdir()] == ["out.xlsx"]  # no temporary file left behind


def test_missing_folder_raises_export_error(tmp_path):
    with pytest.raises(ExportError, match="不存在"):
        write_xlsx(load_case("demo"), tmp_path / "nowhere" / "out.xlsx")


def _writable(folder) -> bool:
    import os

    return os.access(folder, os.W_OK)


def test_failure_while_replacing_keeps_old_file(tmp_path, monkeypatch):
    """As root a read-only folder is still writable, so the refusal is simulated where it happens."""
    import errno
    import os

    import export.atomic

    old = tmp_path / "out.xlsx"
    old.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(export.atomic.os, "replace", refuse)
    with pytest.raises(ExportError, match="只读|权限"):
        write_xlsx(load_case("demo"), old)
    monkeypatch.undo()
    assert old.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.xlsx"]
