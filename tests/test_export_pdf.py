"""The PDF as a reader sees it (poppler: pdftotext, pdffonts, pdfinfo): every label and figure of both samples,
each table row's figures in reading order, fonts embedded, A4 pages numbered "— N —"; and the pagination
rules (rows never split, header rows repeated) on the laid-out pages themselves."""
from __future__ import annotations

import html
import re
import subprocess

import pytest
from conftest import require_tool
from hypothesis import given, settings
from hypothesis import strategies as st
from export_cases import load_case

from export import ExportError
from export.docx_layout import Fonts
from export.grid import layout
from export.pdf import PITCH, TEXT_H, TOP, Box, TablePlan, _paginate, lay_out, page_fonts, write_pdf
from model.format import DATA


@pytest.fixture(autouse=True)
def _app(qapp):
    """Qt's fonts need an application: pytest-qt's QApplication (the command line makes a QGuiApplication,
    which would keep the GUI tests after these from making their windows)."""
    return qapp


@pytest.fixture(scope="module")
def written(tmp_path_factory, qapp):
    d = tmp_path_factory.mktemp("pdf")
    out = {}
    for name in ("seed", "demo", "demo-blanks"):
        report = load_case(name)
        path = d / f"{name}.pdf"
        write_pdf(report, path, blanks_as_zero=name != "demo-blanks")
        out[name] = (report, path)
    return out


def _run(*args) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ["seed", "demo", "demo-blanks"])
def test_every_label_and_figure_is_in_the_text(written, name):
    require_tool("pdftotext")
    report, path = written[name]
    text = _squash(_run("pdftotext", "-raw", str(path), "-"))
    blanks = name != "demo-blanks"
    for tid in report.format.tables:
        for it, shown in layout(report, tid, blanks).cells:
            assert _squash(shown) in text, (tid, it.role, shown)
    for part in (report.meta.organ, report.title[len(report.meta.organ):]):
        assert _squash(part) in text
    assert text.count("—") >= 2  # page numbers
    # Searchable as typed: no Kangxi or supplement radical in place of an ideograph (⼯作 for 工作).
    assert not [ch for ch in text if 0x2E80 <= ord(ch) < 0x2FE0]
    assert "工作" in text and "一、" in text


def _words(path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word poppler reads, with its page and box (pdftotext -bbox): (page, x0, y0, x1, y1, text)."""
    out, page = [], 0
    for line in _run("pdftotext", "-bbox", str(path), "-").splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            out.append((page, *map(float, m.groups()[:4]), html.unescape(m.group(5))))
    return out


@pytest.mark.parametrize("name", ["seed", "demo"])
def test_each_row_reads_label_then_figures_in_order(written, name):
    """Each table row as a reader sees it: right of the row's label, on the same line of the same page, its
    figures left to right. Checked for every row whose label prints on one line (nearly all)."""
    require_tool("pdftotext")
    report, path = written[name]
    words = _words(path)
    checked = total = 0
    for tid in report.format.tables:
        lay = layout(report, tid, True)
        rows: dict[int, list] = {}
        for it, shown in lay.cells:
            rows.setdefault(it.row, []).append((it, shown))
        for r, items in rows.items():
            figures = [s for it, s in sorted(items, key=lambda x: x[0].col) if it.role == DATA and it.rowspan == 1]
            labels = [(it, s) for it, s in items if it.role != DATA and it.rowspan == 1 and "\n" not in s]
            if not figures or not labels:
                continue
            total += 1
            label = max(labels, key=lambda x: x[0].col)[1]  # the label nearest the figures
            found = [w for w in words if w[5] == label]
            if not found:
                continue  # the label wraps in its cell
            checked += 1
            readings = []
            for page, x0, y0, x1, y1, _ in found:
                mid = (y0 + y1) / 2
                right = sorted((w for w in words if w[0] == page and w[1] > x1 and w[2] <= mid <= w[4]),
                               key=lambda w: w[1])
                readings.append([w[5] for w in right])
            assert figures in [reading[:len(figures)] for reading in readings], (tid, r, label, figures, readings)
    assert total and checked >= 0.7 * total, (checked, total)


@pytest.mark.parametrize("name", ["seed", "demo"])
def test_fonts_are_embedded(written, name):
    require_tool("pdffonts")
    _, path = written[name]
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        assert "Type 3" not in row
        assert cols[-5] == "yes", row  # emb


@pytest.mark.parametrize("name", ["seed", "demo"])
def test_pages_are_a4_numbered_and_carry_the_properties(written, name):
    require_tool("pdfinfo")
    report, path = written[name]
    info = _run("pdfinfo", str(path))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert re.search(r"^Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)", info, re.M)
    assert re.search(r"^Title:\s+" + re.escape(report.title) + "$", info, re.M)
    assert re.search(r"^Author:\s+" + re.escape(report.meta.organ) + "$", info, re.M)
    assert 3 <= pages <= 12 and pages == len(lay_out(report))
    for n in range(1, pages + 1):  # "— N —" at the foot of page N
        page = _run("pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-")
        assert re.search(rf"—\s*{n}\s*—\s*$", page.strip()), n


def test_rows_are_never_split_and_stay_inside_the_text_block():
    for name in ("seed", "demo"):
        pages = lay_out(load_case(name))
        seen: dict[int, set] = {}
        for page in pages.pages:
            for placed in page:
                assert placed.top >= TOP - 0.01 and placed.top + placed.box.height <= TOP + TEXT_H + 0.5
                if placed.box.table is not None:
                    seen.setdefault(id(placed.box.table), set()).add(placed.box.row)
        # every row of every table printed (at least once: header rows may repeat)
        report = load_case(name)
        assert sorted(len(rows) for rows in seen.values()) == sorted(t.n_rows for t in report.format.tables.values())


def test_a_table_longer_than_a_page_repeats_its_header_and_splits_between_rows():
    report = load_case("demo")
    from export.pdf import plan_table

    plan = plan_table(report, "t3", True, page_fonts())
    # The same table with rows four times as tall: it must break across pages.
    tall = TablePlan(plan.lay, plan.font, plan.size, plan.xs, [h * 4 for h in plan.heights], plan.cells,
                     set(range(plan.header_rows + 2)))
    n = tall.lay.spec.n_rows
    boxes = [Box(PITCH, lambda p, t: None, True)] + [Box(tall.heights[r], None, r in tall.keep, tall, r)
                                                      for r in range(n)]
    pages = _paginate(boxes)
    assert len(pages) >= 3
    placed_rows = []
    for i, page in enumerate(pages):
        rows = [p.box.row for p in page if p.box.table is tall]
        if i > 0:
            assert rows[:tall.header_rows] == list(range(tall.header_rows)), i  # the header again
            rows = rows[tall.header_rows:]
        placed_rows += rows
        for p in page:
            assert p.top + p.box.height <= TOP + TEXT_H + 0.5
    assert placed_rows == list(range(n))  # every row once, in order, none split
    # the heading stays with the header and the first two rows
    assert [p.box.row for p in pages[0][:1 + tall.header_rows + 2]][1:] == list(range(tall.header_rows + 2))


def test_missing_fonts_are_replaced_and_said():
    from PySide6.QtGui import QFontDatabase

    asked = Fonts(title="并无此字体甲", heading="并无此字体乙", subheading="并无此字体甲", body="并无此字体甲",
                  table="并无此字体甲", page_number="并无此字体甲", latin="No Such Latin Face")
    pf = page_fonts(asked)
    installed = set(QFontDatabase.families())
    assert all(QFontDatabase.hasFamily(f) for f in pf.names()) or not installed
    assert "并无此字体甲" in pf.message() and "并无此字体乙" in pf.message() and "改用" in pf.message()
    assert pf.title_bold  # a stand-in for 小标宋 is set bold
    have = next(f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    exact = page_fonts(Fonts(title=have, heading=have, subheading=have, body=have, table=have, page_number=have,
                             latin=have))
    assert exact.substituted == () and exact.names() == [have] and "改用" not in exact.message()


def test_a_folder_that_does_not_exist_is_a_message(tmp_path):
    with pytest.raises(ExportError) as e:
        write_pdf(load_case("seed"), tmp_path / "nowhere" / "x.pdf")
    assert "nowhere" in str(e.value)


def test_a_table_broken_over_pages_prints_its_header_on_each(tmp_path):
    """The tall table drawn: each page holds the header labels again and its own rows' labels."""
    require_tool("pdftotext")
    from export.pdf import Pages, pdf_bytes, plan_table

    report = load_case("demo")
    fonts = page_fonts()
    plan = plan_table(report, "t3", True, fonts)
    tall = TablePlan(plan.lay, plan.font, plan.size, plan.xs, [h * 4 for h in plan.heights], plan.cells,
                     set(range(plan.header_rows + 2)))
    boxes = [Box(tall.heights[r], None, r in tall.keep, tall, r) for r in range(tall.lay.spec.n_rows)]
    pages = Pages(_paginate(boxes), fonts, report.title, report.meta.organ)
    path = tmp_path / "tall.pdf"
    path.write_bytes(pdf_bytes(pages))
    header = [c.text for c in tall.cells if c.row < tall.header_rows and c.text]
    assert len(pages) >= 3
    for n, page in enumerate(pages.pages, 1):
        text = _squash(_run("pdftotext", "-f", str(n), "-l", str(n), "-raw", str(path), "-"))
        for label in header:
            assert _squash(label) in text, (n, label)
        own = {p.box.row for p in page} - set(range(tall.header_rows))
        for c in tall.cells:
            if c.rowspan == 1 and c.row in own and c.text and not c.vertical:
                assert _squash(c.text) in text, (n, c.text)


def test_no_page_ends_with_a_heading_and_the_signature_stays_whole():
    from export.document import HEADING1, HEADING2, SIGNATURE, TITLE, UNIT

    for name in ("seed", "demo", "demo-blanks"):
        pages = lay_out(load_case(name))
        for page in pages.pages[:-1]:
            assert page[-1].box.kind not in (TITLE, HEADING1, HEADING2, UNIT), name
        signature = [i for i, page in enumerate(pages.pages) for p in page if p.box.kind == SIGNATURE]
        assert signature and len(set(signature)) == 1 and signature[0] == len(pages) - 1


def test_chinese_next_to_latin_or_digits_gets_a_quarter_em_as_in_word():
    from export.pdf import _autospace_ranges, _font

    font = _font("Noto Serif CJK SC", "DejaVu Serif", 16)
    ranges = _autospace_ranges("共2019年，a（1）件", font, ())
    assert [r.start for r in ranges] == [0, 4]  # 共|2, 9|年; not before ， ( or )
    assert all(r.format.font().letterSpacing() == 0.25 * font.pixelSize() for r in ranges)


def test_a_font_qt_knows_only_by_its_english_name_is_used(monkeypatch):
    """An English-language Windows may list 仿宋 as FangSong: that is the same font, not a missing one."""
    from PySide6.QtGui import QFontDatabase

    real = QFontDatabase.hasFamily
    monkeypatch.setattr(QFontDatabase, "hasFamily",
                        staticmethod(lambda name: name in ("FangSong", "SimHei", "KaiTi", "SimSun") or
                                     (real(name) and "CJK" in name)))
    pf = page_fonts(Fonts.FALLBACK)
    assert (pf.body, pf.heading, pf.subheading, pf.title) == ("FangSong", "SimHei", "KaiTi", "SimSun")
    assert [asked for asked, _ in pf.substituted] == ["Times New Roman"]


@pytest.mark.parametrize("year", [2019, 2025])
def test_a_new_empty_report_prints(tmp_path, year):
    """Nothing typed yet, cells blank and kept blank: still whole pages, every table, the 落款's organ."""
    from model.report import Report

    report = Report.new("某某县某某局", year)
    path = tmp_path / "empty.pdf"
    write_pdf(report, path, blanks_as_zero=False)
    pages = lay_out(report, False)
    rows = {(id(p.box.table), p.box.row) for page in pages.pages for p in page if p.box.table is not None}
    assert len(rows) == sum(t.n_rows for t in report.format.tables.values())
    assert path.read_bytes().startswith(b"%PDF-")


@settings(max_examples=15, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
       st.text(alphabet="0123456789abcdefghijklmnopqrstuvwxyz", min_size=200, max_size=400))
def test_any_typed_text_lays_out_inside_the_text_block(text, unbroken):
    """Whatever the clerk types or pastes (any script, emoji, control characters, a 400-character URL with no
    place to break) goes onto pages within the margins, and the PDF is written."""
    report = load_case("demo")
    report.texts[report.format.sections[-1].id] = text + "\n" + unbroken
    pages = lay_out(report)
    for page in pages.pages:
        for p in page:
            assert TOP - 0.01 <= p.top and p.top + p.box.height <= TOP + TEXT_H + 0.5
    from export.pdf import pdf_bytes

    assert pdf_bytes(pages).startswith(b"%PDF-")
