"""Published reports as web pages: portal pages (.html, GBK or UTF-8), single-file pages (.mht), labels as
real reports shorten them, titles as pages print them, and hostile pages refused or read in bounded time."""
import time

import pytest

from conftest import DEMO_SAMPLE, SEED_SAMPLE
from html_fixtures import encoded, mht, portal_html
from model import project
from reader import ReadError, file_blocks, read_report
from reader.blocks import Paragraph, TableGrid, dump


@pytest.fixture(scope="module")
def demo():
    return project.load(DEMO_SAMPLE)


@pytest.fixture(scope="module")
def seed():
    return project.load(SEED_SAMPLE)


def same_report(got, expected):
    assert got.format.id == expected.format.id
    assert got.cells == expected.cells  # every figure of tables 2, 3 and 4 in its cell
    assert got.texts == expected.texts
    assert [(s.title, s.text) for s in got.subsections] == [(s.title, s.text) for s in expected.subsections]
    assert (got.meta.organ, got.meta.year) == (expected.meta.organ, expected.meta.year)


def write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("sample", [DEMO_SAMPLE, SEED_SAMPLE], ids=["2021", "2019"])
@pytest.mark.parametrize("charset, breaks", [("gbk", "br"), ("utf-8", "p"), ("gb2312", "br")])
def test_portal_page_reads_every_figure(tmp_path, sample, charset, breaks):
    expected = project.load(sample)
    page = write(tmp_path / "nb.html", encoded(portal_html(expected, charset=charset, breaks=breaks), charset))
    result = read_report(page)
    same_report(result.report, expected)
    assert result.sections_found == [s.id for s in expected.format.sections]
    assert result.read_tables == ["t2", "t3", "t4"] and result.unplaced == [] and result.complete
    assert result.report.meta.date == expected.meta.date
    # Nothing of the portal leaks into the report: navigation, related links, share buttons, footer.
    everything = "\n".join(result.report.texts.values()) + "".join(s.text for s in result.report.subsections)
    for furniture in ("首页", "相关文章", "分享到", "打印本页", "版权所有", "当前位置", "浏览次数", "统计"):
        assert furniture not in everything


@pytest.mark.parametrize("transfer, saver", [("quoted-printable", "ie"), ("base64", "chrome")])
@pytest.mark.parametrize("charset", ["gbk", "utf-8"])
def test_single_file_page_mht(tmp_path, demo, transfer, saver, charset):
    page = encoded(portal_html(demo, charset=charset), charset)
    path = write(tmp_path / "nb.mht", mht(page, charset=charset, transfer=transfer, saver=saver))
    result = read_report(path)
    same_report(result.report, demo)
    assert result.complete


@pytest.mark.parametrize("sample", [DEMO_SAMPLE, SEED_SAMPLE], ids=["2021", "2019"])
@pytest.mark.parametrize("single", [True, False], ids=["mht", "htm"])
def test_page_saved_by_word(tmp_path, sample, single):
    """Word's own web page (GB2312, MsoNormal runs, heading numbers in mso-list:Ignore, conditional comments,
    a footer with the page number) and its 单个文件网页 (.mht, quoted-printable, a second html part)."""
    from html_fixtures import word_mht, word_page

    expected = project.load(sample)
    page = word_page(expected).encode("gb18030")
    path = write(tmp_path / ("nb.mht" if single else "nb.htm"), word_mht(page) if single else page)
    result = read_report(path)
    same_report(result.report, expected)
    assert result.complete and result.report.meta.date == expected.meta.date


def test_mht_charset_from_the_part_header_when_the_page_has_none(tmp_path, demo):
    html = portal_html(demo, charset="gbk").replace('<meta http-equiv="Content-Type" content="text/html; '
                                                    'charset=gbk" />', "")
    path = write(tmp_path / "nb.mhtml", mht(html.encode("gb18030"), charset="gb2312"))
    same_report(read_report(path).report, demo)


def test_page_with_a_bom_and_no_charset_and_one_without_either(tmp_path, demo):
    html = portal_html(demo).replace('charset=utf-8', '')
    same_report(read_report(write(tmp_path / "a.html", b"\xef\xbb\xbf" + html.encode("utf-8"))).report, demo)
    same_report(read_report(write(tmp_path / "b.html", html.encode("gb18030"))).report, demo)  # not UTF-8: GB18030
    same_report(read_report(write(tmp_path / "c.html", b"\xff\xfe" + html.encode("utf-16-le"))).report, demo)


@pytest.mark.parametrize("lines", [["平潭综合实验区2025年", "政府信息公开工作年度报告"],
                                   ["2025年度", "平潭综合实验区政府信息公开工作年度报告"],
                                   ["政府信息公开工作年度报告", "平潭综合实验区管理委员会", "（2025年度）"],
                                   ["平潭综合实验区", "2025年度政府信息公开", "工作年度报告"]])
def test_titles_over_lines(tmp_path, demo, lines):
    page = write(tmp_path / "t.html", portal_html(demo, title_lines=lines).encode("utf-8"))
    r = read_report(page).report
    assert r.meta.year == 2025 and r.meta.organ.startswith("平潭综合实验区"), (r.meta, lines)


def test_organ_from_the_source_line_when_the_title_names_none(tmp_path, demo):
    page = write(tmp_path / "t.html", portal_html(demo, title_lines=["2025年政府信息公开工作年度报告"]).encode("utf-8"))
    result = read_report(page)
    assert (result.report.meta.organ, result.report.meta.year) == (demo.meta.organ, 2025)


def test_metadata_table_and_source_line_inside_the_article_are_not_the_report(tmp_path, demo):
    page = write(tmp_path / "m.html", portal_html(demo, info_inside=True, title_lines=["2025年政府信息公开工作年度报告"],
                                                  charset="gbk").encode("gb18030"))
    result = read_report(page)
    same_report(result.report, demo)  # the overview's text has neither the 索引号 table nor the 来源 line
    assert result.complete and result.read_tables == ["t2", "t3", "t4"]


def test_page_title_used_when_the_heading_is_missing(tmp_path, demo):
    page = write(tmp_path / "t.html", portal_html(demo, heading=False).encode("utf-8"))
    result = read_report(page)
    assert (result.report.meta.organ, result.report.meta.year) == (demo.meta.organ, demo.meta.year)
    assert any("页面标题" in n for n in result.notes)


SHORTENED = {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开",
             "四、结转下年度继续办理": "四、结转下年度",
             "1.属于国家秘密": "（1）属于国家秘密", "2.其他法律行政法规禁止公开": "（2）其他法律行政法规禁止公开",
             "5.属于三类内部事务信息": "（5）内部事务信息", "3.其他": "其他"}


def test_shortened_reworded_and_renumbered_labels_each_read_into_their_row(tmp_path, demo):
    page = write(tmp_path / "s.html", portal_html(demo, labels=SHORTENED).encode("utf-8"))
    result = read_report(page)
    assert result.report.cells == demo.cells and result.unplaced == [], result.unplaced
    guessed = [n for n in result.notes if "按编号、位置和文字读作" in n]
    assert any("「三、本年度办理结果 （二）部分公开」" in n and "（区分处理的" in n for n in guessed), guessed
    assert any("（六）其他处理 其他」" in n and n.endswith("（六）其他处理 3.其他」。") for n in guessed), guessed


def test_ambiguous_label_is_reported_with_its_figures_never_guessed(tmp_path, demo):
    labels = dict(SHORTENED, **{"（六）其他处理": ""})  # "其他" with nothing above it: 2.其他法律… or 3.其他?
    result = read_report(write(tmp_path / "a.html", portal_html(demo, labels=labels, values=None).encode("utf-8")))
    row = [m for m in result.unplaced if "「三、本年度办理结果 其他」可能是格式中的" in m]
    figures = "、".join(str(demo.value(f"t3.other.other.{c}")) for c in
                       ("natural", "business", "research", "public_interest", "legal_service", "other_org", "total"))
    assert row and f"（{figures}）" in row[0], result.unplaced
    assert all(result.report.cells[c] is None for c in demo.cells if c.startswith("t3.other.other."))
    others = {c: v for c, v in result.report.cells.items() if not c.startswith("t3.other.other.")}
    assert others == {c: v for c, v in demo.cells.items() if not c.startswith("t3.other.other.")}


def test_a_row_that_fits_outright_wins_over_a_guessed_one(tmp_path, demo):
    """Two rows that could be 四、结转下年度继续办理: the exact one is read, the shortened one said, not summed."""
    from html_fixtures import table_html

    t3 = table_html(demo, "t3")
    extra = t3.replace("</tbody>", '<tr><td colspan="3">结转下年度</td>' + "<td>9</td>" * 7 + "</tr></tbody>")
    page = portal_html(demo, values=None)
    assert t3 in page
    page = page.replace(t3, extra)
    result = read_report(write(tmp_path / "two.html", page.encode("utf-8")))
    assert result.report.cells == demo.cells
    assert any("像是「四、结转下年度继续办理」，但这一行已在" in m and "（9、9、9、9、9、9、9）" in m for m in result.unplaced)


def test_blocks_dump_shows_what_the_page_became(tmp_path, demo):
    page = write(tmp_path / "d.html", portal_html(demo).encode("utf-8"))
    kind, items, _page = file_blocks(page)
    assert kind == "html" and isinstance(items[0], Paragraph) and demo.meta.organ in items[0].text
    assert [b.index for b in items if isinstance(b, TableGrid)] == [1, 2, 3]
    text = dump(items)
    assert "T2 (" in text and "↓" in text and "↑" in text  # table 3's merges shown both ways


# ---- hostile pages -------------------------------------------------------------------------------

def refused_or_read(path, within=5.0):  # seconds, on a loaded two-core machine (about 1 s alone)
    start = time.perf_counter()
    try:
        result = read_report(path)
        outcome = result.summary()
    except ReadError as e:
        outcome = str(e)
        assert path.name in outcome and "Traceback" not in outcome
    assert time.perf_counter() - start < within, f"took {time.perf_counter() - start:.2f}s"
    return outcome


def test_huge_page_refused_before_reading(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.write(b"<html><body><p>")
        f.seek(30 * 1024 * 1024)
        f.write(b"</p></body></html>")
    assert "超过了可导入的大小" in refused_or_read(path, within=0.5)


def test_deep_nesting_and_many_elements(tmp_path):
    deep = write(tmp_path / "deep.html", b"<html><body>" + b"<div><span><font>" * 60000 + b"x" + b"</body></html>")
    refused_or_read(deep)
    many = write(tmp_path / "many.html", b"<html><body>" + b"<b></b>" * 250000 + b"</body></html>")
    assert "网页元素超过" in refused_or_read(many)
    tables = write(tmp_path / "tables.html", b"<table><tr><td>" * 5000)  # tables in tables, never closed
    refused_or_read(tables)


def test_entity_bombs_expand_nothing(tmp_path):
    lol = ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
           '<html><body><p>某局2024年政府信息公开工作年度报告</p><p>&d;&d;&d;&d;&d;&d;&d;&d;</p>'
           '<p>&#99999999999; &#x110000; &nbsp;&amp;&lt;</p></body></html>')
    path = write(tmp_path / "lol.html", lol.encode("utf-8"))
    refused_or_read(path)
    _, items, _ = file_blocks(path)
    assert max(len(b.text) for b in items if isinstance(b, Paragraph)) < 100  # "&d;" stayed a few characters
    ext = write(tmp_path / "ext.mht", mht(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><p>&e;</p>'))
    assert "root:" not in refused_or_read(ext)


def test_ten_thousand_row_table_refused_in_bounded_time(tmp_path):
    rows = "".join(f"<tr><td>一、本年新收政府信息公开申请数量</td><td>{i}</td></tr>" for i in range(10000))
    path = write(tmp_path / "rows.html", f"<html><body><table>{rows}</table></body></html>".encode("utf-8"))
    assert "超过 2000 行" in refused_or_read(path)
    rows = "".join(f"<tr><td>{i}</td><td rowspan=\"99999\" colspan=\"99999\">{i}</td></tr>" for i in range(1900))
    path = write(tmp_path / "spans.html", f"<table>{rows}</table>".encode("utf-8"))
    refused_or_read(path)


def test_broken_mht_and_not_a_page(tmp_path):
    no_html = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n" \
              b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n"
    assert "其中没有网页内容" in refused_or_read(write(tmp_path / "x.mht", no_html))
    assert "也不是网页" in refused_or_read(write(tmp_path / "x.html", b"just some text, no markup at all"))
    assert "PDF" in refused_or_read(write(tmp_path / "x.htm", b"%PDF-1.7 ..."))


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs on this system")
def test_complete_page_with_its_files_folder_opens_nothing_of_it(tmp_path, demo):
    """"网页，全部" saves nb.html beside nb_files/ (pictures, styles, scripts): none of it is opened. A FIFO
    and a symlink to /dev/zero in the folder would hang or flood the reader if it ever touched them."""
    import os

    files = tmp_path / "nb_files"
    files.mkdir()
    os.mkfifo(files / "style.css")
    (files / "image001.png").symlink_to("/dev/zero")
    page = portal_html(demo).replace('<link rel="stylesheet" href="/css/style.css"/>',
                                     '<link rel="stylesheet" href="nb_files/style.css"/>'
                                     '<script src="nb_files/main.js"></script>')
    page = page.replace("</body>", '<img src="nb_files/image001.png"/><iframe src="nb_files/frame.html"></iframe>'
                                   "</body>")
    start = time.perf_counter()
    result = read_report(write(tmp_path / "nb.html", page.encode("utf-8")))
    assert time.perf_counter() - start < 2
    same_report(result.report, demo)


def test_read_benchmark_runs_and_reads_every_file_whole():
    import subprocess
    import sys

    from conftest import ROOT

    p = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "read.py"), "--runs", "1"], capture_output=True,
                       text=True, encoding="utf-8", timeout=120)
    assert p.returncode == 0, p.stderr
    rows = [l for l in p.stdout.splitlines() if l.startswith("| seed") or l.startswith("| demo")]
    assert len(rows) == 6 and all(l.count("|") == 5 for l in rows)


# ---- arbitrary pages -------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LABELS = sorted({i.text for f in __import__("model.formats", fromlist=["x"]).all_formats().values()
                  for t in f.tables.values() for i in t.items if i.text})
_TEXT = st.one_of(st.sampled_from(_LABELS), st.sampled_from(["", "0", "5件", "１２", "&nbsp;", "—", "无", "-3"]),
                  st.text(max_size=12))
_TAG = st.sampled_from(["p", "div", "td", "tr", "table", "br", "span", "font", "th", "tbody", "li", "h1", "b"])
_PIECE = st.one_of(_TEXT, _TAG.map(lambda t: f"<{t}>"), _TAG.map(lambda t: f"</{t}>"),
                   st.tuples(st.sampled_from(["td", "th"]), st.integers(-2, 120), st.integers(-2, 120)).map(
                       lambda c: f'<{c[0]} rowspan="{c[1]}" colspan="{c[2]}">'),
                   st.sampled_from(["<!DOCTYPE html>", "<!--", "-->", "<![if !supportLists]>", "<![endif]>", "&#0;",
                                    "&#x110000;", "<script>", "</script>", "<meta charset=\"gbk\">", "\ue000"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(_PIECE, max_size=120), charset=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
       wrap=st.booleans())
def test_arbitrary_pages_give_a_result_or_a_clear_refusal(tmp_path, pieces, charset, wrap):
    html = "<html><body><p>某局2024年政府信息公开工作年度报告</p>" + "".join(pieces)
    data = html.encode(charset, errors="replace")
    path = write(tmp_path / ("p.mht" if wrap else "p.html"), mht(data, charset=charset) if wrap else data)
    try:
        result = read_report(path)
    except ReadError as e:
        assert "Traceback" not in str(e) and path.name in str(e)
        return
    assert isinstance(result.summary(), str) and result.report.format.id in ("2019", "2021")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=3000), head=st.sampled_from([b"", b"<html>", b"MIME-Version: 1.0\r\n", b"\xef\xbb\xbf<p>",
                                                           b"Content-Type: multipart/related; boundary=x\r\n\r\n--x\r\n"]))
def test_arbitrary_bytes_as_a_page_give_a_result_or_a_clear_refusal(tmp_path, raw, head):
    path = write(tmp_path / "x.htm", head + raw)
    try:
        assert isinstance(read_report(path).summary(), str)
    except ReadError as e:
        assert "Traceback" not in str(e) and path.name in str(e)


def test_page_too_large_inside_an_mht_is_refused(tmp_path):
    page = b"<html><body><p>" + b"x" * (21 * 1024 * 1024) + b"</p></body></html>"
    path = write(tmp_path / "big.mht", mht(page, transfer="base64"))
    assert "超过了可导入的大小" in refused_or_read(path, within=5)


def test_python_m_reader_dumps_the_blocks_then_the_summary(tmp_path, demo):
    import subprocess
    import sys

    from conftest import ROOT

    page = write(tmp_path / "d.mht", mht(portal_html(demo).encode("utf-8")))
    p = subprocess.run([sys.executable, "-m", "reader", str(page)], capture_output=True, text=True, encoding="utf-8",
                       cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("# mht: ") and "\nT1 (" in p.stdout and "全部内容都已导入。" in p.stdout
    bad = subprocess.run([sys.executable, "-m", "reader", str(tmp_path)], capture_output=True, text=True,
                         encoding="utf-8", cwd=ROOT, timeout=60)
    assert bad.returncode == 2 and "是一个文件夹" in bad.stderr and "Traceback" not in bad.stderr
