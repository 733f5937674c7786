"""Excel cells are data, never formulas: hostile names exported through the CLI, every cell walked."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE
from export.excel import FORMULA_LEADS, coordinate, sum_formula, write_xlsx
from model import project

HOSTILE = ['=HYPERLINK("http://x/","某局")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)",
           "某局\t=1+1"]


def _export(tmp_path, sample, organ, *extra):
    report = project.load(sample)
    report.meta.organ = organ
    src = tmp_path / "p.gknb"
    project.save(report, src)
    out = tmp_path / "out.xlsx"
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(src), "--xlsx", str(out), *extra],
                       capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert r.returncode == 0, r.stderr
    return project.load(src), out


@pytest.mark.parametrize("sample", [SEED_SAMPLE, DEMO_SAMPLE], ids=["2019", "2021"])
@pytest.mark.parametrize("keep_blank", [False, True], ids=["zero", "keep"])
def test_only_the_writers_totals_are_formulas(tmp_path, sample, keep_blank):
    organ = HOSTILE[sample == DEMO_SAMPLE]  # HYPERLINK in the 2019 workbook, DDE in the 2021 one
    report, out = _export(tmp_path, sample, organ, *(["--keep-blank"] if keep_blank else []))
    wb = openpyxl.load_workbook(out)
    fmt = report.format
    expected = {}  # (sheet, coordinate) -> the writer's own formula
    for tid, spec in fmt.tables.items():
        for cid, c in fmt.cells.items():
            if c.table == tid and c.computed:
                expected[(spec.name, coordinate(*c.grid))] = sum_formula(report, cid, not keep_blank)
    formulas, texts = {}, []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas[(ws.title, cell.coordinate)] = cell.value
                elif isinstance(cell.value, str):
                    texts.append(cell.value)
    assert formulas == expected and expected
    assert organ in texts and report.title in texts  # written whole, as text
    with zipfile.ZipFile(out) as z:  # the file itself: <f> elements only in the table sheets' totals
        n_f = sum(len(re.findall(r"<f>", z.read(n).decode())) for n in z.namelist()
                  if n.startswith("xl/worksheets/sheet"))
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
    assert n_f == len(expected)


def test_every_formula_lead_is_a_quoted_string(tmp_path):
    # in process (the window's export calls the same write_xlsx): one subprocess per name is slow
    report = project.load(DEMO_SAMPLE)
    out = tmp_path / "out.xlsx"
    for organ in HOSTILE:
        report.meta.organ = organ
        write_xlsx(report, out)
        stored = report.meta.organ  # a tab in a name is a space (model/text_clean.py)
        assert stored == organ.replace("\t", " ")
        ws = openpyxl.load_workbook(out)["基本信息"]
        cell = next(c for row in ws.iter_rows() for c in row if c.value == stored)
        assert cell.data_type == "s"
        assert cell.quotePrefix == stored.startswith(FORMULA_LEADS)  # Excel keeps it text when edited
