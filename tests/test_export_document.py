"""The Word document's printed order and prose numbering (export.document), without python-docx."""
from __future__ import annotations

from export_cases import load_case

from export.document import BODY, HEADING1, HEADING2, SIGNATURE, TABLE, TITLE, UNIT, blocks, title_text
from model.numbering import chinese_number
from model.report import Subsection


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 2, 9, 10, 11, 12, 20, 21)] == [
        "一", "二", "九", "十", "十一", "十二", "二十", "二十一"]


def test_order_sections_tables_and_signature():
    report = load_case("demo")
    out = blocks(report)
    assert out[0] == (out[0].__class__(TITLE, title_text(report)))
    kinds = [b.kind for b in out]
    assert [b.text for b in out if b.kind == HEADING1] == [s.heading for s in report.format.sections]
    assert [b.text for b in out if b.kind == TABLE] == list(report.format.tables)
    for i, k in enumerate(kinds):  # each table sits right under its heading, with its unit line
        if k == TABLE:
            assert kinds[i - 2:i] == [HEADING1, UNIT]
    assert [b.text for b in out if b.kind == SIGNATURE] == [report.meta.organ, "2026年1月20日"]


def test_subsections_numbered_in_order_clerks_numbers_replaced():
    report = load_case("demo")
    report.subsections = [Subsection("（三）主动公开", "甲\n\n乙"), Subsection("", "无题的段落"),
                          Subsection("依申请公开", "丙")]
    out = blocks(report)
    start = next(i for i, b in enumerate(out) if b.kind == HEADING2)
    assert [(b.kind, b.text) for b in out[start:start + 6]] == [
        (HEADING2, "（一）主动公开"), (BODY, "甲"), (BODY, "乙"), (BODY, "无题的段落"),
        (HEADING2, "（二）依申请公开"), (BODY, "丙")]


def test_numbered_paragraphs_of_problems_become_headings():
    report = load_case("demo")
    report.texts["problems"] = "（一）存在的主要问题\n问题正文。\n（二）改进措施。我局将加强培训。\n（1）不是标题"
    out = blocks(report)
    i = next(i for i, b in enumerate(out) if b.text == "（一）存在的主要问题")
    assert [(b.kind, b.lead) for b in out[i:i + 4]] == [
        (HEADING2, ""), (BODY, ""), (BODY, "（二）改进措施。"), (BODY, "")]


def test_title_breaks_only_when_too_long():
    report = load_case("demo")
    report.meta.organ = "某局"
    assert title_text(report) == report.title
    report.meta.organ = "某某省某某市某某区人民政府"
    assert title_text(report) == "某某省某某市某某区人民政府\n" + report.title[len(report.meta.organ):]


def test_no_date_no_date_line():
    report = load_case("seed")
    assert report.meta.date is None
    assert [b.text for b in blocks(report) if b.kind == SIGNATURE] == [report.meta.organ]


def test_importing_the_writers_loads_neither_docx_nor_openpyxl():
    """The GUI imports export.word / export.excel lazily, but even then the libraries load only on writing."""
    import subprocess
    import sys

    from conftest import ROOT

    code = ("import sys, export, export.word, export.excel, export.document, export.grid; "
            "print(sorted(m for m in ('docx', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
