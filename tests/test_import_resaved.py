"""Reports re-saved by another office suite (LibreOffice, as WPS users' files often are) read back the same.

One soffice run converts both files. In CI (CI=true) a missing soffice fails rather than skips.
"""
from __future__ import annotations

import subprocess

import pytest

from conftest import DEMO_SAMPLE, SEED_SAMPLE, require_tool
from docx_fixtures import seed_docx
from reader.docx_reader import read_docx
from export.word import write_docx
from model import project

pytestmark = pytest.mark.slow


def _soffice() -> str:
    return require_tool("soffice", "libreoffice")


def _convert(folder, target: str):
    """seed.docx and demo.docx of `folder` saved by LibreOffice as `target`, into folder/out (one soffice run)."""
    out = folder / "out"
    subprocess.run([_soffice(), "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
                    "--convert-to", target, "--outdir", str(out), str(folder / "seed.docx"), str(folder / "demo.docx")],
                   check=True, capture_output=True, timeout=180)
    return out


@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("resave")
    seed_docx(folder / "seed.docx")
    write_docx(project.load(DEMO_SAMPLE), folder / "demo.docx")
    return _convert(folder, "docx:MS Word 2007 XML")


@pytest.mark.parametrize("name, sample", [("seed.docx", SEED_SAMPLE), ("demo.docx", DEMO_SAMPLE)])
def test_resaved_report_reads_back(resaved, name, sample):
    expected = project.load(sample)
    result = read_docx(resaved / name)
    got = result.report
    assert result.unplaced == [] and result.complete
    assert got.cells == expected.cells and got.texts == expected.texts
    assert [(s.title, s.text) for s in got.subsections] == [(s.title, s.text) for s in expected.subsections]
    assert (got.meta.organ, got.meta.year) == (expected.meta.organ, expected.meta.year)


@pytest.fixture(scope="module")
def as_html(tmp_path_factory):
    """Our own .docx export and the seed, saved as web pages by LibreOffice (as a portal's editor takes them)."""
    folder = tmp_path_factory.mktemp("html")
    seed_docx(folder / "seed.docx")
    write_docx(project.load(DEMO_SAMPLE), folder / "demo.docx")
    return _convert(folder, "html")


@pytest.mark.parametrize("name, sample", [("seed.html", SEED_SAMPLE), ("demo.html", DEMO_SAMPLE)])
def test_report_saved_as_html_by_libreoffice_reads_back(as_html, name, sample):
    from reader import read_report

    expected = project.load(sample)
    result = read_report(as_html / name)
    got = result.report
    assert result.unplaced == [] and result.complete, result.unplaced
    assert got.cells == expected.cells and got.texts == expected.texts
    assert [(s.title, s.text) for s in got.subsections] == [(s.title, s.text) for s in expected.subsections]
    assert (got.meta.organ, got.meta.year, got.meta.date) == (expected.meta.organ, expected.meta.year,
                                                              expected.meta.date)
