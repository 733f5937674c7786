"""What a newcomer tripped over (issue 16), each item through `python3 main.py …` as a user runs it."""
from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE
from docx_fixtures import hand_docx, seed_docx
from model import project
from model.checker import ERROR, check


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=60)


def refused(r, *words, code=2):
    assert r.returncode == code, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and not r.stdout, r.stdout + r.stderr
    for w in words:
        assert w in r.stderr, r.stderr
    return r.stderr


def minutes_docx(path, subsections=("关于预算执行", "关于人员调整", "关于安全生产", "关于信息化建设", "其他事项")):
    """A 会议纪要: a title, a date, （一）…（五） items, no heading or table of an annual report."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("某某局局务会议纪要")
    doc.add_paragraph("2024年9月5日，局长主持召开局务会议，研究第三季度工作。现纪要如下：")
    for k, title in enumerate(subsections):
        doc.add_paragraph(f"（{'一二三四五'[k]}）{title}")
        doc.add_paragraph("会议要求各科室认真落实，按时报送进展情况。")
    doc.add_paragraph("某某局办公室")
    doc.add_paragraph("2024年9月6日")
    doc.save(path)
    return path


# ---- an unrelated document is not an annual report -------------------------------------------------

def test_meeting_minutes_are_not_a_report_nothing_saved(tmp_path):
    out = tmp_path / "m.gknb"
    err = refused(run("import", minutes_docx(tmp_path / "纪要.docx"), "-o", out),
                  "「纪要.docx」不是政府信息公开工作年度报告", "没有年报的部分标题", "表二、表三、表四")
    assert "总体情况的小标题" not in err and not out.exists()
    # the same with --year, which reads the file a second time
    refused(run("import", tmp_path / "纪要.docx", "-o", out, "--year", 2024), "不是政府信息公开工作年度报告")
    assert not out.exists()


def test_a_work_summary_with_two_report_like_headings_is_not_a_report(tmp_path):
    from docx import Document

    doc = Document()
    for line in ("某某局2024年工作总结", "一、总体情况", "今年以来，我局认真履行职责。",
                 "二、存在的主要问题及改进情况", "人员不足。", "三、下一步工作打算", "继续努力。"):
        doc.add_paragraph(line)
    doc.save(tmp_path / "总结.docx")
    refused(run("import", tmp_path / "总结.docx", "-o", tmp_path / "s.gknb"),
            "只有 2 个年报的部分标题（一、总体情况、五、存在的主要问题及改进情况）")
    assert not (tmp_path / "s.gknb").exists()


def test_a_news_page_is_not_a_report(tmp_path):
    page = tmp_path / "news.html"
    page.write_text("<html><head><meta charset='utf-8'><title>新闻</title></head><body><h1>我局召开安全生产会议</h1>"
                    "<p>2024年3月1日，我局召开安全生产工作会议。</p><table><tr><td>姓名</td><td>职务</td></tr>"
                    "<tr><td>张三</td><td>局长</td></tr></table></body></html>", encoding="utf-8")
    refused(run("import", page, "-o", tmp_path / "n.gknb"), "「news.html」不是政府信息公开工作年度报告")
    assert not (tmp_path / "n.gknb").exists()


def _sections(report):
    return report.format.sections


@pytest.mark.parametrize("shape", ["tables only", "headings only", "title only"])
def test_a_report_with_only_some_of_its_marks_is_still_read(tmp_path, shape):
    """A report that prints its tables without headings, or has its tables as pictures (headings and prose
    only), or whose headings drift too far to be known (only the title): still a report, read as far as it
    goes and saved (exit 0 or 1), never refused as 不是年报."""
    demo = project.load(DEMO_SAMPLE)
    no_headings = {s.id: "" for s in _sections(demo)}
    no_tables = {t: (lambda doc, report: None) for t in demo.format.tables}
    kw = {"tables only": dict(title="", headings=no_headings, signature=False),
          "headings only": dict(title="", tables=no_tables),
          "title only": dict(headings={s.id: f"第{k}部分" for k, s in enumerate(_sections(demo))}, tables=no_tables),
          }[shape]
    path = hand_docx(demo, tmp_path / "r.docx", **kw)
    out = tmp_path / "r.gknb"
    r = run("import", path, "-o", out, "--year", 2025)
    assert r.returncode in (0, 1) and "不是政府信息公开" not in r.stderr, r.stdout + r.stderr
    got = project.load(out)
    if shape == "headings only":
        assert f"总体情况的小标题 {len(demo.subsections)} 个" in r.stdout
    else:  # the format's default subsections are not said as if the document had them
        assert "总体情况的小标题：文档中没有读到" in r.stdout and "小标题 5 个" not in r.stdout
    if shape == "tables only":
        assert got.cells == demo.cells
    else:
        assert all(v is None for v in got.cells.values())
    if shape == "headings only":
        assert got.texts[demo.format.sections[4].id] == demo.texts[demo.format.sections[4].id]


def test_the_one_test_decides_on_results_without_a_file():
    """reader.report_problem / is_report: the function the window and the review of many files call."""
    from reader import is_report, report_problem
    from reader.blocks import Paragraph
    from reader.report import read_blocks

    def result(*lines):
        return read_blocks([Paragraph(t) for t in lines], 2024)

    minutes = result("会议纪要", "（一）关于预算", "会议要求认真落实。")
    assert not is_report(minutes) and report_problem(minutes).startswith("不是政府信息公开工作年度报告")
    assert is_report(result("某某局2024年政府信息公开工作年度报告", "正文。"))  # its title
    three = result("一、总体情况", "正文。", "二、主动公开政府信息情况", "正文。", "三、收到和处理政府信息公开申请情况")
    assert is_report(three) and not is_report(result("一、总体情况", "正文。", "二、主动公开政府信息情况"))


# ---- new: the output and the organ ------------------------------------------------------------------

def test_new_onto_a_folder_or_into_a_file_says_what_it_is(tmp_path):
    (tmp_path / "dir.gknb").mkdir()
    refused(run("new", "--year", 2026, "--organ", "某局", "-o", tmp_path / "dir.gknb"),
            "是一个文件夹，不是文件", "dir.gknb/年报.gknb")
    (tmp_path / "out").mkdir()  # a folder without the extension: said to be a folder, not a wrong extension
    refused(run("new", "--year", 2026, "--organ", "某局", "-o", tmp_path / "out"), "是一个文件夹", "out/年报.gknb")
    refused(run("export", DEMO_SAMPLE, "--docx", tmp_path / "out"), "是一个文件夹", "out/年报.docx")
    (tmp_path / "a.gknb").write_text("keep", encoding="utf-8")
    err = refused(run("new", "--year", 2026, "--organ", "某局", "-o", tmp_path / "a.gknb" / "b.gknb"),
                  "「", "a.gknb」是一个文件，不是文件夹")
    assert "不存在" not in err and (tmp_path / "a.gknb").read_text(encoding="utf-8") == "keep"
    # a folder really missing is still called missing
    refused(run("new", "--year", 2026, "--organ", "某局", "-o", tmp_path / "no" / "b.gknb"), "文件夹「", "」不存在")
    # import and export say the same
    refused(run("import", seed_docx(tmp_path / "s.docx"), "-o", tmp_path / "dir.gknb", "--overwrite"), "是一个文件夹，不是文件")
    refused(run("import", tmp_path / "s.docx", "-o", tmp_path / "a.gknb" / "b.gknb"), "a.gknb」是一个文件，不是文件夹")
    refused(run("export", DEMO_SAMPLE, "--docx", tmp_path / "a.gknb" / "x.docx"), "a.gknb」是一个文件，不是文件夹")


@pytest.mark.parametrize("organ", ["", "   ", "\u3000\u3000"])
def test_new_refuses_an_empty_organ(tmp_path, organ):
    out = tmp_path / "e.gknb"
    refused(run("new", "--year", 2026, "--organ", organ, "-o", out), "机关名称是空的", "--organ")
    assert not out.exists()


def test_new_strips_the_organ(tmp_path):
    r = run("new", "--year", 2026, "--organ", " 某局\u3000", "-o", tmp_path / "x.gknb")
    assert r.returncode == 0 and "已新建 某局2026年" in r.stdout
    assert project.load(tmp_path / "x.gknb").meta.organ == "某局"


# ---- messages that read well --------------------------------------------------------------------------

def test_unknown_format_in_a_project_reads_well(tmp_path):
    data = DEMO_SAMPLE.read_text(encoding="utf-8").replace('"format": "2021"', '"format": "2030"', 1)
    (tmp_path / "f.gknb").write_text(data, encoding="utf-8")
    err = refused(run("check", tmp_path / "f.gknb"), "「f.gknb」的年报格式「2030」不是本程序认识的格式", "2019、2021")
    assert "的未知" not in err


def test_a_bad_date_gives_an_example_not_a_correction(tmp_path):
    data = DEMO_SAMPLE.read_text(encoding="utf-8")
    data = re.sub(r'"date": "[^"]*"', '"date": "2026-13-40"', data, count=1)
    (tmp_path / "d.gknb").write_text(data, encoding="utf-8")
    err = refused(run("check", tmp_path / "d.gknb"), "落款日期「2026-13-40」不是有效日期", "例如 2027-01-05")
    assert "应写成" not in err


@pytest.mark.parametrize("verb", ["import", "new", "review"])
@pytest.mark.parametrize("year", ["1900", "19999", "abc"])
def test_a_wrong_year_says_which_years_are_possible(tmp_path, verb, year):
    args = {"import": ["import", seed_docx(tmp_path / "s.docx"), "-o", tmp_path / "y.gknb"],
            "new": ["new", "--organ", "某局", "-o", tmp_path / "y.gknb"],
            "review": ["review", tmp_path, "--sum", tmp_path / "y.gknb"]}[verb]
    err = refused(run(*args, "--year", year), "2000 到 2100", "例如 2024")
    assert "四位数" not in err and not (tmp_path / "y.gknb").exists()


def test_latin_words_in_messages_are_spaced_from_chinese():
    """不是Word 文件: every string in the program's own modules writes Word, Excel, WPS, PDF, JSON with a
    space (or punctuation) between it and Chinese text."""
    bad = re.compile(r"[\u4e00-\u9fff](?:Word|Excel|WPS|PDF|JSON)\b|\b(?:Word|Excel|WPS|PDF|JSON)[\u4e00-\u9fff]")
    found = []
    for path in sorted(ROOT.glob("*.py")) + sorted(p for d in ("model", "reader", "export", "gui")
                                                   for p in (ROOT / d).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and bad.search(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]}")
    assert not found, "\n".join(found)


def test_the_empty_file_names_a_backup_only_when_there_is_one(tmp_path):
    p = tmp_path / "p.gknb"
    p.write_bytes(b"")
    err = refused(run("check", p), "「p.gknb」是空的（0 字节）", "没有它的备份")
    assert "p.gknb.bak" not in err
    (tmp_path / "p.gknb.bak").write_bytes(DEMO_SAMPLE.read_bytes())
    refused(run("check", p), "备份「p.gknb.bak」", "「p（备份）.gknb」")
    # a save cut short names the backup too
    p.write_bytes(DEMO_SAMPLE.read_bytes()[:200])
    refused(run("check", p), "文件不完整", "备份「p.gknb.bak」")
    (tmp_path / "p.gknb.bak").unlink()
    assert "备份" not in refused(run("check", p), "文件不完整")


# ---- export of a report with errors -----------------------------------------------------------------

def test_export_of_a_report_with_errors_says_them_and_exports(tmp_path):
    seed = project.load(SEED_SAMPLE)
    errors = [f for f in check(seed) if f.level == ERROR]
    assert len(errors) == 2
    r = run("export", SEED_SAMPLE, "--docx", tmp_path / "s.docx", "--xlsx", tmp_path / "s.xlsx")
    assert r.returncode == 0, r.stderr
    assert "已导出 Word 文件" in r.stdout and (tmp_path / "s.docx").exists() and (tmp_path / "s.xlsx").exists()
    assert "检查发现 2 个错误" in r.stderr and "--strict" in r.stderr
    for f in errors:
        assert f"[{f.rule}] {f.message}" in r.stderr
    # a report without errors says nothing of them
    clean = run("export", DEMO_SAMPLE, "--xlsx", tmp_path / "d.xlsx")
    assert clean.returncode == 0 and not clean.stderr


def test_export_strict_refuses_a_report_with_errors_and_writes_nothing(tmp_path):
    out = tmp_path / "s.docx"
    err = refused(run("export", SEED_SAMPLE, "--docx", out, "--html", tmp_path / "s.html", "--strict"),
                  "检查发现 2 个错误", "没有导出任何文件", code=1)
    assert "表三「自然人」列" in err and not list(tmp_path.iterdir())
    r = run("export", DEMO_SAMPLE, "--docx", out, "--strict")
    assert r.returncode == 0 and out.exists()


def test_export_lists_the_first_errors_of_many(tmp_path):
    demo = project.load(DEMO_SAMPLE)
    for cid, cell in demo.format.cells.items():  # each column's 办理总计 off by one: many 勾稽 errors
        if cid.startswith("t3.carried_in.") and not cell.computed:
            demo.set(cid, (demo.value(cid) or 0) + 1)
    path = tmp_path / "many.gknb"
    project.save(demo, path)
    errors = [f for f in check(project.load(path)) if f.level == ERROR]
    assert len(errors) > 5
    r = run("export", path, "--html", tmp_path / "m.html")
    assert r.returncode == 0 and (tmp_path / "m.html").exists()
    assert f"检查发现 {len(errors)} 个错误" in r.stderr and r.stderr.count("  · [") == 5
    assert f"另有 {len(errors) - 5} 个" in r.stderr and f"gknb check {path}" in r.stderr


# ---- --fallback-fonts without Word or PDF ---------------------------------------------------------------

@pytest.mark.parametrize("outputs,said", [(["--xlsx", "f.xlsx"], "（Excel 文件）"), (["--html", "f.html"], "（网页文件）"),
                                          (["--xlsx", "f.xlsx", "--html", "f.html"], "（Excel 文件、网页文件）")])
def test_fallback_fonts_without_word_or_pdf_is_said(tmp_path, outputs, said):
    r = run("export", DEMO_SAMPLE, *outputs, "--fallback-fonts", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "提醒：--fallback-fonts 只改变 Word 和 PDF 文件的字体" in r.stderr and said in r.stderr
    assert all((tmp_path / o).exists() for o in outputs[1::2])


def test_fallback_fonts_with_word_is_not_warned_about(tmp_path):
    r = run("export", DEMO_SAMPLE, "--docx", tmp_path / "f.docx", "--xlsx", tmp_path / "f.xlsx", "--fallback-fonts")
    assert r.returncode == 0 and "--fallback-fonts" not in r.stderr and "宋体" in r.stdout


# ---- cells: an unknown format -------------------------------------------------------------------------

def test_cells_of_an_unknown_format_exits_2_as_the_readme_says():
    import cli

    refused(run("cells", "--format", "2020"), "未知的年报格式「2020」", "2019、2021")
    assert set(cli.EXIT_CODES["cells"]) == {0, 2}
    assert run("cells", "--format", "2021").returncode == 0


def test_the_review_of_many_files_takes_the_same_test(tmp_path):
    """reader/batch.py lists a 会议纪要 as 不是年报 (read, not unreadable) and a report as one: the importer's
    test, not one of its own."""
    from model.review import NOT_REPORT, Review
    from reader.batch import summarise

    minutes = summarise(str(minutes_docx(tmp_path / "纪要.docx")), 2024)
    assert minutes.not_report and minutes.problem is None and minutes.data is not None
    report = summarise(str(seed_docx(tmp_path / "开封.docx")), 2019)
    assert not report.not_report and report.problem is None
    review = Review(2019, [str(tmp_path)])
    review.add(minutes)
    review.add(report)
    assert {u.file: u.set_aside for u in review.units} == {minutes.file: NOT_REPORT, report.file: None}
