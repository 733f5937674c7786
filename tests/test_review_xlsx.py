"""The review workbook, reopened with openpyxl and compared with the review it was written from."""
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from model import formats
from model.review import PASSED, RETURNED, STATUS_LABELS, FileSummary, Review
from export.review_xlsx import FINDINGS_SHEET, HEAD_ROWS, MISSING_SHEET, OVERVIEW_SHEET, write_review_xlsx
from review_cases import summary, varied

NASTY = ("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)")


@pytest.fixture(params=["2019", "2021"])
def review(request):
    fmt = formats.get(request.param)
    year = 2020 if request.param == "2019" else 2025
    rv = Review(year, ["/in"], ["甲局", "乙局", "=缺报局", "丁局"])
    units = [rv.add(summary(varied(fmt, name, year, k, blank_every=4 + k), f"/in/{k}.docx"))
             for k, name in enumerate(["甲局", "乙局", NASTY[0]])]
    rv.set_status(units[0], PASSED, NASTY[1])
    rv.set_status(units[1], RETURNED, NASTY[3])
    rv.add(FileSummary("/in/坏.docx", problem="「坏.docx」已损坏。"))
    return rv


def _sum_range(ws, formula: str):
    m = re.fullmatch(r"=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", formula)
    assert m and m.group(1) == m.group(3), formula
    return sum(Decimal(str(ws[f"{m.group(1)}{r}"].value or 0)) for r in range(int(m.group(2)), int(m.group(4)) + 1))


def test_table_sheets_hold_every_unit_and_live_sums(review, tmp_path):
    path = tmp_path / "审核.xlsx"
    write_review_xlsx(review, path)
    wb = load_workbook(path)
    units = review.counted
    fmt = units[0].report.format
    total = review.totals().report
    for tid, table in fmt.tables.items():
        ws = wb[table.name]
        ids = [ws.cell(HEAD_ROWS, col).value for col in range(3, ws.max_column + 1)]
        assert ids == [c.id for c in table.cells]
        for col, c in enumerate(table.cells, 3):
            assert ws.cell(1, col).value == (c.row_name or table.name)
            assert ws.cell(2, col).value.startswith(c.col_name)
        for row, u in enumerate(units, HEAD_ROWS + 1):
            assert ws.cell(row, 1).value == u.name and ws.cell(row, 1).data_type == "s"
            for col, c in enumerate(table.cells, 3):
                got = ws.cell(row, col).value
                got = Decimal(str(got)) if isinstance(got, float) else got
                assert got == u.report.value(c.id), (u.name, c.id)
        total_row = HEAD_ROWS + len(units) + 1
        assert ws.cell(total_row, 1).value == "合计"
        for col, c in enumerate(table.cells, 3):
            formula = ws.cell(total_row, col).value
            assert formula.startswith("=SUM(") and ws.cell(total_row, col).data_type == "f"
            assert _sum_range(ws, formula) == (total.value(c.id) or 0), c.id


def test_findings_statuses_opinions_and_missing(review, tmp_path):
    path = tmp_path / "审核.xlsx"
    write_review_xlsx(review, path)
    wb = load_workbook(path)
    ws = wb[FINDINGS_SHEET]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    for u in review.counted:
        mine = [r for r in rows if r[1] == u.file.rsplit("/", 1)[1]]
        assert len(mine) == max(1, len(u.findings))
        assert {r[2] for r in mine} == {STATUS_LABELS[u.status]} and {r[3] or "" for r in mine} == {u.opinion}
        assert [r[6] for r in mine] == ([f.message for f in u.findings] or ["没有发现问题"])
    bad = [r for r in rows if r[1] == "坏.docx"]
    assert bad and bad[0][2] == "未计入" and "已损坏" in bad[0][6]
    for sheet in wb.worksheets:  # nothing that looks like a formula outside the 合计 rows
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")):
                    assert c.data_type == "s" or c.value.startswith("=SUM("), (sheet.title, c.coordinate, c.value)
    texts = {c.value for s in wb.worksheets for row in s.iter_rows() for c in row if isinstance(c.value, str)}
    assert set(NASTY) - {NASTY[2]} <= texts
    missing = [[c.value for c in r] for r in wb[MISSING_SHEET].iter_rows(min_row=2)]
    assert [r[0] for r in missing if r[1] == "未报送"] == [m for m in review.missing()]
    assert "=缺报局" in {r[0] for r in missing} and wb[OVERVIEW_SHEET].max_row == 2 + len(review.counted)


def test_cli_writes_the_workbook(tmp_path):
    import subprocess
    import sys

    from conftest import DEMO_SAMPLE, ROOT

    out = tmp_path / "r.xlsx"
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "review", str(DEMO_SAMPLE), "--xlsx", str(out)],
                       capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    wb = load_workbook(out)
    assert wb["表三"]["A4"].value == "示例市示例局"
