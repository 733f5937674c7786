"""`python main.py export FILE --pdf OUT.pdf --html OUT.html` as a script runs it: beside --docx/--xlsx, the same
exit codes and refusals, the PDF's fonts said."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE

pytestmark = pytest.mark.slow  # subprocesses: a second or two each


def run(*args):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the command line needs no display
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "export", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_pdf_and_html_beside_docx(tmp_path):
    pdf, html, docx = tmp_path / "报告.pdf", tmp_path / "报告.html", tmp_path / "报告.docx"
    r = run(SEED_SAMPLE, "--pdf", pdf, "--html", html, "--docx", docx)
    assert r.returncode == 0, r.stderr
    assert pdf.read_bytes().startswith(b"%PDF-") and b"%%EOF" in pdf.read_bytes()[-64:]
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "已导出 PDF 文件" in r.stdout and "字体已嵌入文件" in r.stdout and "已导出网页文件" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx", "报告.html", "报告.pdf"]


def test_fallback_fonts_reach_the_pdf(tmp_path):
    r = run(DEMO_SAMPLE, "--pdf", tmp_path / "a.pdf", "--fallback-fonts", "--keep-blank")
    assert r.returncode == 0, r.stderr
    assert "仿宋_GB2312" not in r.stdout  # Fonts.FALLBACK asks for 仿宋, not 仿宋_GB2312


def test_nothing_to_export_names_the_new_options(tmp_path):
    r = run(SEED_SAMPLE)
    assert r.returncode == 2 and "--pdf" in r.stderr and "--html" in r.stderr


@pytest.mark.parametrize("option", ["--pdf", "--html"])
def test_a_missing_folder_exits_2_with_a_message(tmp_path, option):
    out = tmp_path / "没有这个文件夹" / "x"
    r = run(SEED_SAMPLE, option, out)
    assert r.returncode == 2 and "没有这个文件夹" in r.stderr and "Traceback" not in r.stderr
    assert not out.parent.exists()


@pytest.mark.parametrize("option,name", [("--pdf", "报告.docx"), ("--html", "报告.htm"), ("--pdf", "报告")])
def test_a_wrong_extension_is_refused(tmp_path, option, name):
    r = run(SEED_SAMPLE, option, tmp_path / name)
    assert r.returncode == 2 and "扩展名" in r.stderr and not (tmp_path / name).exists()


def test_an_output_that_is_the_input_or_another_output_is_refused(tmp_path):
    src = tmp_path / "年报.gknb"
    src.write_bytes(SEED_SAMPLE.read_bytes())
    alias = tmp_path / "年报.pdf"
    os.link(src, alias)  # the same file under a .pdf name
    r = run(src, "--pdf", alias)
    assert r.returncode == 2 and "就是要读取的文件" in r.stderr
    assert src.read_bytes() == SEED_SAMPLE.read_bytes()
    r = run(src, "--html", tmp_path / "a.html", "--pdf", tmp_path / "a.pdf", "--docx", tmp_path / "a.docx")
    assert r.returncode == 0, r.stderr
