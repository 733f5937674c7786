"""The Word export, reopened with python-docx and walked from the format's declared grid items."""
from __future__ import annotations

import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from export_cases import EXPORTS, load_case

from export import ExportError
from export.document import BODY, HEADING1, HEADING2, SIGNATURE, TITLE, blocks
from export.docx_layout import TEXT_WIDTH_MM, Fonts, mm_to_twips, unique_cells
from export.fonts import requested_fonts
from export.word import write_docx
from model.format import DATA
from model.values import format_value

THEME = re.compile(r"\b(?:w:)?(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=")
STYLE_OF = {TITLE: "GK Title", HEADING1: "GK Heading 1", HEADING2: "GK Heading 2", BODY: "GK Body",
            SIGNATURE: "GK Signature"}


@pytest.fixture(scope="module", params=EXPORTS, ids=lambda p: f"{p[0]}-{'zero' if p[1] else 'keep'}")
def exported(request, tmp_path_factory):
    case, zero = request.param
    report = load_case(case)
    path = tmp_path_factory.mktemp("docx") / f"{case}.docx"
    write_docx(report, path, blanks_as_zero=zero)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}
    return report, docx.Document(path), zero, parts


def _text(cell) -> str:
    return cell.text.replace("\n", "")  # header labels carry line breaks that balance their lines


def rectangles(table) -> set[tuple[int, int, int, int]]:
    """The merged rectangles as the XML says (gridSpan across, vMerge restart/continue down)."""
    open_at: dict[int, list] = {}
    done = []
    for r, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge == "continue":
                rect = open_at[col]
                assert rect[1] == col and rect[3] == span, "a continued cell must line up with its first"
                rect[2] += 1
            else:
                rect = [r, col, 1, span]
                done.append(rect)
                open_at[col] = rect
            col += span
        assert col == len(table._tbl.tblGrid.gridCol_lst), f"row {r} does not fill the grid"
    return {tuple(x) for x in done}


def test_tables_every_label_value_and_merge(exported):
    report, doc, zero, _ = exported
    fmt = report.format
    assert len(doc.tables) == len(fmt.tables)
    for table, (tid, spec) in zip(doc.tables, fmt.tables.items()):
        assert rectangles(table) == {(it.row, it.col, it.rowspan, it.colspan) for it in spec.items}, tid
        assert len(table.rows) == spec.n_rows and len(table.columns) == spec.n_cols
        grid = table._cells  # python-docx's view: one cell per grid position, merged ones repeated
        at = lambda r, c: grid[r * spec.n_cols + c]  # noqa: E731
        for it in spec.items:
            cell = at(it.row, it.col)
            # python-docx sees the same merged cell at the far corner of the rectangle
            assert at(it.row + it.rowspan - 1, it.col + it.colspan - 1)._tc is cell._tc
            if it.role == DATA:
                v = report.value(it.cell)
                want = ("0" if zero else "") if v is None else format_value(v)
                unit = fmt.cells[it.cell].units and report.units.get(it.cell, fmt.cells[it.cell].unit)
                if want and unit:  # a unit the clerk chose is printed with the figure (251000元)
                    want += unit
                assert _text(cell) == want, (tid, it.cell)
            else:
                assert _text(cell) == it.text, (tid, it)
        for r, row in enumerate(table.rows):  # the distinct cells a row shows are the items crossing it
            crossing = sum(it.row <= r < it.row + it.rowspan for it in spec.items)
            assert len(unique_cells(row)) == crossing, (tid, r)


def test_table_geometry_borders_header_rows(exported):
    report, doc, _, _ = exported
    block = mm_to_twips(TEXT_WIDTH_MM)
    for table, spec in zip(doc.tables, report.format.tables.values()):
        tbl = table._tbl
        grid = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.gridCol_lst]
        assert sum(grid) <= block and sum(grid) > block * 0.97  # fills the text block, never more
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for r, tr in enumerate(tbl.tr_lst):
            tr_pr = tr.trPr
            assert tr_pr.find(qn("w:cantSplit")) is not None
            assert (tr_pr.find(qn("w:tblHeader")) is not None) == (r < spec.repeat_rows)
            col = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                assert int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) == sum(grid[col:col + span])
                edges = tc.tcPr.find(qn("w:tcBorders"))
                assert all(edges.find(qn(f"w:{e}")).get(qn("w:val")) == "single"
                           for e in ("top", "left", "bottom", "right"))
                col += span
        sizes = {int(sz.get(qn("w:val"))) for sz in tbl.iter(qn("w:sz")) if sz.getparent().tag == qn("w:rPr")}
        assert sizes and max(sizes) <= 21  # 五号 (10.5 pt) or smaller
    t4 = doc.tables[list(report.format.tables).index("t4")]
    assert {int(sz.get(qn("w:val"))) for sz in t4._tbl.iter(qn("w:sz"))} <= {18, 21}


def test_tall_narrow_label_runs_top_to_bottom(exported):
    report, doc, _, _ = exported
    spec = report.format.tables["t3"]
    t3 = doc.tables[list(report.format.tables).index("t3")]
    tallest = max((it for it in spec.items if it.role != DATA), key=lambda it: it.rowspan)
    tc_pr = t3.cell(tallest.row, tallest.col)._tc.tcPr
    assert tc_pr.find(qn("w:textDirection")).get(qn("w:val")) == "tbRlV"


def test_prose_headings_and_signature_in_order(exported):
    report, doc, _, _ = exported
    got = [(p.style.name, p.text.replace("\n", "")) for p in doc.paragraphs
           if p.text.strip() and p.style.name in STYLE_OF.values()]
    want = [(STYLE_OF[b.kind], b.text.replace("\n", "")) for b in blocks(report) if b.kind in STYLE_OF]
    assert got == want
    assert got[0] == ("GK Title", report.title)
    headings = [t for s, t in got if s == "GK Heading 1"]
    assert headings == [s.heading for s in report.format.sections]
    subs = [t for s, t in got if s == "GK Heading 2"][:len(report.subsections)]
    assert subs[0].startswith("（一）") and subs[1].startswith("（二）")
    assert got[-1][1] == (f"{report.meta.date.year}年{report.meta.date.month}月{report.meta.date.day}日"
                          if report.meta.date else report.meta.organ)
    units = [p.text for p in doc.paragraphs if p.text.startswith("单位：")]
    assert units == ["单位：件"] * 3


def test_every_run_and_style_names_east_asian_font(exported):
    _, _, _, parts = exported
    for name, xml in parts.items():
        assert not THEME.search(xml), name
    body = parts["word/document.xml"]
    runs = re.findall(r"<w:r>(.*?)</w:r>", body, flags=re.S)
    assert runs
    for run in runs:
        if "<w:t" in run:
            assert re.search(r'<w:rFonts [^>]*w:eastAsia="[^"]+"', run), run[:200]
    for style in re.findall(r"<w:style .*?</w:style>", parts["word/styles.xml"], flags=re.S):
        if 'w:styleId="GK' in style:
            assert 'w:eastAsia="' in style


def test_page_setup_and_page_numbers(exported):
    _, doc, _, parts = exported
    s = doc.sections[0]
    assert (s.page_width.mm, s.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    footers = [x for n, x in parts.items() if n.startswith("word/footer")]
    assert footers and all("PAGE" in f and "— " in f for f in footers)


def test_fallback_fonts_are_asked_for(tmp_path):
    report = load_case("demo")
    path = tmp_path / "fallback.docx"
    write_docx(report, path, fonts=Fonts.FALLBACK)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode() + z.read("word/styles.xml").decode()
    asked = set(re.findall(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', xml))
    assert asked <= set(requested_fonts(Fonts.FALLBACK))
    assert "仿宋_GB2312" not in asked and "方正小标宋简体" not in asked
    assert {"仿宋_GB2312", "方正小标宋简体"} <= set(requested_fonts())


def test_long_title_breaks_after_the_organ(tmp_path):
    report = load_case("demo")
    report.meta.organ = "某某省某某市人民政府办公室"
    path = tmp_path / "t.docx"
    write_docx(report, path)
    title = docx.Document(path).paragraphs[0]
    assert title.text == report.meta.organ + "\n" + report.title[len(report.meta.organ):]


def test_unwritable_docx_target_raises_export_error(tmp_path):
    with pytest.raises(ExportError, match="不存在"):
        write_docx(load_case("demo"), tmp_path / "nowhere" / "out.docx")


def test_writer_failure_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    import export.docx_table as dt

    old = tmp_path / "out.docx"
    old.write_bytes(b"old")

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(dt, "add_merged_table", broken)
    with pytest.raises(ExportError) as e:
        write_docx(load_case("demo"), old)
    assert "原有文件没有被改动" in str(e.value)
    assert old.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_a_missing_template_is_not_reported_as_a_missing_folder(tmp_path, monkeypatch):
    # The frozen build once lacked python-docx's footer template: the clerk was told the folder was missing.
    import export.docx_table as dt

    def missing(*a, **k):
        raise FileNotFoundError(2, "No such file or directory", "/app/docx/templates/default-footer.xml")

    monkeypatch.setattr(dt, "add_merged_table", missing)
    with pytest.raises(ExportError) as e:
        write_docx(load_case("demo"), tmp_path / "out.docx")
    assert "不存在" not in str(e.value) and "default-footer.xml" in str(e.value)
    assert "技术支持" in str(e.value) and list(tmp_path.iterdir()) == []
