"""The exports as a reader sees them: LibreOffice (headless) renders the .docx and .xlsx to PDF and recalculates
the .xlsx formulas; the PDF must hold every label and heading, the recalculated totals must equal the model's.

Two soffice runs for the whole module (they are slow on a small machine). In CI (CI=true) a missing soffice
fails the test rather than skipping it: tools/setup.sh --dev installs LibreOffice.
"""
from __future__ import annotations

import csv
import re
import subprocess
import zipfile

import openpyxl
import pytest
from conftest import require_tool
from export_cases import load_case

from export.document import HEADING1, HEADING2, TITLE, blocks
from export.excel import GRID_TOP, write_xlsx
from export.word import write_docx
from model.format import DATA

pytestmark = pytest.mark.slow

# Each sheet to its own file (token 12 = -1, LibreOffice >= 7.2), UTF-8, raw values (not as shown).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
EDIT = {"t3.new.natural": 5, "t4.review.upheld": 2}  # what the superior adds in Excel


def _soffice() -> str:
    require_tool("pdftotext")
    return require_tool("soffice", "libreoffice")


def _convert(exe: str, target: str, files: list, outdir, profile) -> None:
    subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                    "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    exe = _soffice()
    d = tmp_path_factory.mktemp("render")
    reports = {"seed": load_case("seed"), "demo": load_case("demo"), "blanks": load_case("demo-blanks")}
    for name in ("seed", "demo"):
        write_docx(reports[name], d / f"{name}-word.docx")  # its PDF must not clash with the workbook's
        write_xlsx(reports[name], d / f"{name}.xlsx")
    write_xlsx(reports["blanks"], d / "blanks.xlsx", blanks_as_zero=False)
    # The superior's edit: new figures typed into the exported workbook, saved without any cached totals.
    wb = openpyxl.load_workbook(d / "demo.xlsx")
    edited = load_case("demo")
    for cid, add in EDIT.items():
        spec = edited.format.cells[cid]
        cell = wb[edited.format.tables[spec.table].name].cell(row=spec.grid[0] + GRID_TOP, column=spec.grid[1] + 1)
        cell.value += add
        edited.set(cid, edited.cells[cid] + add)
    wb.save(d / "edited.xlsx")
    reports["edited"] = edited
    profile = d / "profile"
    _convert(exe, "pdf", [d / f for f in ("seed-word.docx", "demo-word.docx", "seed.xlsx", "demo.xlsx")], d, profile)
    _convert(exe, CSV_FILTER, [d / f"{n}.xlsx" for n in ("seed", "demo", "blanks", "edited")], d / "csv", profile)
    return d, reports


def _pdf_text(path) -> str:
    """The PDF's text in drawing order (a cell's lines stay together), all white space removed."""
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", raw)


def _labels(report) -> set[str]:
    return {re.sub(r"\s+", "", it.text) for t in report.format.tables.values() for it in t.items
            if it.role != DATA and it.text}


@pytest.mark.parametrize("name", ["seed", "demo"])
def test_word_pdf_holds_every_label_and_heading(rendered, name):
    d, reports = rendered
    report = reports[name]
    text = _pdf_text(d / f"{name}-word.pdf")
    missing = [lab for lab in _labels(report) if lab not in text]
    assert not missing
    for b in blocks(report):
        if b.kind in (TITLE, HEADING1, HEADING2):
            assert re.sub(r"\s+", "", b.text) in text, b.text
    assert "—1—" in text and "—2—" in text  # page numbers


@pytest.mark.parametrize("name", ["seed", "demo"])
def test_excel_pdf_holds_every_label(rendered, name):
    d, reports = rendered
    report = reports[name]
    text = _pdf_text(d / f"{name}.pdf")
    missing = [lab for lab in _labels(report) if lab not in text]
    assert not missing
    for tid in report.format.tables:
        assert report.format.section_of_table(tid).heading in text


def _csv(d, name, sheet) -> list[list[str]]:
    with open(d / "csv" / f"{name}-{sheet}.csv", encoding="utf-8") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("name", ["seed", "demo", "blanks", "edited"])
def test_libreoffice_recalculates_the_totals(rendered, name):
    d, reports = rendered
    report = reports[name]
    source = d / f"{'demo' if name == 'edited' else name}.xlsx"
    with zipfile.ZipFile(source) as z:  # openpyxl stores formulas without results: LibreOffice computed them
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert any("<f>" in s for s in sheets) and not any(re.search(r"</f><v>[^<]", s) for s in sheets)
    zero = name != "blanks"
    for spec in report.format.tables.values():
        rows = _csv(d, name, spec.name)
        for it in spec.items:
            if it.role != DATA:
                continue
            shown = rows[it.row + GRID_TOP - 1][it.col]
            want = report.value(it.cell)
            if want is None and zero:
                want = 0
            if want is None:
                assert shown == "", it.cell
            else:
                assert shown != "" and float(shown) == float(want), (name, it.cell, shown, want)
