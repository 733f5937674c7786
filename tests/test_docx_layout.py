"""Tests for export.docx_layout: build a document with every helper, save, reopen, read the XML."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml.ns import qn

from export.docx_layout import (Fonts, add_body, add_grid_table, add_heading1, add_heading2,
                                add_signature, add_title, keep_rows_whole, merge, mm_to_twips,
                                new_document, repeat_header_rows, set_cell_text,
                                set_vertical_text, unique_cells)

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FONT_ROLES = ("ascii", "hAnsi", "eastAsia", "cs")
THEME_ATTR = re.compile(r"\b(?:w:)?(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=")
T3_WIDTHS = [10, 22, 38] + [12.2] * 7
T3_MERGES = {(0, 0, 2, 2), (0, 3, 0, 9), (1, 3, 2, 3), (1, 4, 1, 8), (1, 9, 2, 9),
             (3, 0, 3, 2), (5, 0, 9, 0), (5, 1, 5, 2)}
T4_WIDTHS = [10.4] * 15
T4_MERGES = {(0, 0, 0, 4), (0, 5, 0, 9), (0, 10, 0, 14)}


def w(elm, name: str) -> str | None:
    """Attribute w:name of elm."""
    return elm.get(qn(f"w:{name}"))


def build(path: Path, fonts: Fonts) -> dict:
    """Write a document that uses every helper; return handles the tests look up later."""
    doc = new_document(fonts)
    add_title(doc, "某某市人民政府办公室2026年政府信息公开工作年度报告")
    add_heading1(doc, "一、总体情况")
    add_heading2(doc, "（一）主动公开")
    add_body(doc, "本年度主动公开政府信息1234条。" * 6)
    t3 = add_grid_table(doc, 10, 10, T3_WIDTHS, 10.5)
    for r0, c0, r1, c1 in sorted(T3_MERGES):
        merge(t3, r0, c0, r1, c1, f"合并{r0}{c0}")
    set_vertical_text(t3.cell(5, 0))
    set_cell_text(t3.cell(6, 1), "左对齐", align="left")
    set_cell_text(t3.cell(6, 3), "旧值")
    set_cell_text(t3.cell(6, 3), "12", bold=True)  # rewriting replaces, never appends
    repeat_header_rows(t3, 3)
    keep_rows_whole(t3)
    add_body(doc, "表后正文。")
    t4 = add_grid_table(doc, 3, 15, T4_WIDTHS, 9)
    for r0, c0, r1, c1 in sorted(T4_MERGES):
        merge(t4, r0, c0, r1, c1, "诉讼")
    for c in range(15):
        set_cell_text(t4.cell(1, c), "结果维持")
    repeat_header_rows(t4, 2)
    keep_rows_whole(t4)
    add_signature(doc, "某某市人民政府办公室", "2027年1月5日")
    doc.save(path)
    return {"path": path, "fonts": fonts}


@pytest.fixture(scope="module", params=[Fonts(), Fonts.FALLBACK], ids=["gbt", "fallback"])
def built(request, tmp_path_factory):
    """The saved document, reopened with python-docx, plus its raw parts."""
    info = build(tmp_path_factory.mktemp("docx") / "layout.docx", request.param)
    info["doc"] = docx.Document(info["path"])
    with zipfile.ZipFile(info["path"]) as zf:
        info["parts"] = {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml")}
    return info


def footers(doc):
    """The odd (default) and even footers of the first section."""
    section = doc.sections[0]
    return section.footer, section.even_page_footer


def all_runs(doc):
    """Every w:r in the body and in both footers."""
    return list(doc.element.body.iter(qn("w:r"))) + [
        r for f in footers(doc) for r in f._element.iter(qn("w:r"))]


def grid_map(tbl):
    """Map each (row, grid column) to its w:tc, following gridSpan."""
    cells = {}
    for r, tr in enumerate(tbl.tr_lst):
        c = 0
        for tc in tr.tc_lst:
            for k in range(tc.grid_span):
                cells[r, c + k] = tc
            c += tc.grid_span
    return cells


def merged_ranges(tbl):
    """Read merged ranges back from gridSpan and vMerge as (r0, c0, r1, c1)."""
    cells, found = grid_map(tbl), set()
    for (r, c), tc in cells.items():
        if tc.vMerge == "continue" or (c > 0 and cells.get((r, c - 1)) is tc):
            continue
        r1 = r
        if tc.vMerge == "restart":
            while (r1 + 1, c) in cells and cells[r1 + 1, c].vMerge == "continue":
                r1 += 1
        if r1 > r or tc.grid_span > 1:
            found.add((r, c, r1, c + tc.grid_span - 1))
    return found


def test_page_is_a4_with_gbt9704_margins_and_grid(built):
    sect = built["doc"].sections[0]._sectPr
    size, mar, grid = (sect.find(qn(f"w:{t}")) for t in ("pgSz", "pgMar", "docGrid"))
    assert (w(size, "w"), w(size, "h"), w(size, "orient")) == ("11906", "16838", None)
    assert {k: int(w(mar, k)) for k in ("top", "bottom", "left", "right")} == {
        "top": 2098, "bottom": 1984, "left": 1587, "right": 1474}  # 37/35/28/26 mm
    assert 11906 - 1587 - 1474 == pytest.approx(mm_to_twips(156), abs=1)
    assert (w(grid, "type"), w(grid, "linePitch")) == ("lines", "579")
    assert 1300 < int(w(mar, "footer")) < 1500  # 23-26 mm: dashes ~7 mm under the text block


def test_every_run_names_latin_and_east_asian_fonts(built):
    runs = all_runs(built["doc"])
    assert len(runs) > 40
    for r in runs:
        rfonts = r.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert all(w(rfonts, k) for k in FONT_ROLES), r.xml
        assert r.find(qn("w:rPr")).find(qn("w:sz")) is not None


def test_runs_use_the_font_and_size_of_their_role(built):
    doc, fonts = built["doc"], built["fonts"]
    expected = {"GKTitle": (fonts.title, "44"), "GKHeading1": (fonts.heading, "32"),
                "GKHeading2": (fonts.subheading, "32"), "GKBody": (fonts.body, "32"),
                "GKSignature": (fonts.body, "32"), "GKTableText": (fonts.table, "21"),
                "GKTableText9pt": (fonts.table, "18"),
                "GKPageNumber": (fonts.page_number, "28")}
    seen = set()
    for r in all_runs(doc):
        style = r.getparent().style
        east_asian, size = expected[style]
        rpr = r.find(qn("w:rPr"))
        assert w(rpr.find(qn("w:rFonts")), "eastAsia") == east_asian
        assert w(rpr.find(qn("w:sz")), "val") == size
        seen.add(style)
    assert seen == set(expected)
    title_run = doc.paragraphs[0].runs[0]
    assert bool(title_run.bold) == fonts.title_bold


def test_styles_and_doc_defaults_have_explicit_fonts(built):
    doc, fonts = built["doc"], built["fonts"]
    used = {"Normal"} | {p.style for f in footers(doc) for p in f._element.iter(qn("w:p"))}
    used |= {p.style for p in doc.element.body.iter(qn("w:p")) if p.style}
    assert len(used) >= 9
    for style_id in used:
        style = doc.styles.element.get_by_id(style_id)
        rfonts = style.rPr.find(qn("w:rFonts"))
        assert all(w(rfonts, k) for k in FONT_ROLES), style_id
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rfonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert (w(rfonts, "ascii"), w(rfonts, "eastAsia")) == (fonts.latin, fonts.body)
    assert doc.styles["Normal"].font.size.pt == 16


def test_no_theme_fonts_anywhere(built):
    parts = built["parts"]
    assert "word/stylesWithEffects.xml" not in parts
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        assert not THEME_ATTR.search(parts[name]), name


def test_body_and_headings_indent_two_characters(built):
    styles = built["doc"].styles
    for name in ("GK Body", "GK Heading 1", "GK Heading 2"):
        ind = styles[name].element.pPr.find(qn("w:ind"))
        assert (w(ind, "firstLineChars"), w(ind, "firstLine")) == ("200", "640"), name
    assert styles["GK Title"].paragraph_format.alignment == ALIGN.CENTER
    assert styles["Normal"].paragraph_format.line_spacing.twips == 579


def test_page_number_footers_odd_right_even_left(built):
    doc = built["doc"]
    assert doc.settings.odd_and_even_pages_header_footer
    refs = {w(ref, "type") for ref in doc.sections[0]._sectPr.findall(qn("w:footerReference"))}
    assert refs == {"default", "even"}
    for footer, jc, side in zip(footers(doc), ("right", "left"), ("right", "left")):
        (p,) = footer._element.findall(qn("w:p"))
        kinds = [w(f, "fldCharType") for f in p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [i.text.strip() for i in p.iter(qn("w:instrText"))] == ["PAGE"]
        text = "".join(t.text for t in p.iter(qn("w:t")))
        assert text == "— 1 —"
        assert w(p.pPr.find(qn("w:jc")), "val") == jc
        assert w(p.pPr.find(qn("w:ind")), f"{side}Chars") == "100"


@pytest.mark.parametrize("index, widths, font_pt, header_rows",
                         [(0, T3_WIDTHS, 10.5, 3), (1, T4_WIDTHS, 9, 2)])
def test_tables_fixed_bordered_and_fit_the_text_block(built, index, widths, font_pt,
                                                      header_rows):
    table = built["doc"].tables[index]
    tbl = table._tbl
    assert w(tbl.tblPr.find(qn("w:tblLayout")), "type") == "fixed"
    assert w(tbl.tblPr.find(qn("w:jc")), "val") == "center"
    grid = [int(w(g, "w")) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [mm_to_twips(mm) for mm in widths]
    assert sum(grid) <= mm_to_twips(156)
    assert int(w(tbl.tblPr.find(qn("w:tblW")), "w")) == sum(grid)
    cells = grid_map(tbl)
    for tr in tbl.tr_lst:
        for tc in tr.tc_lst:
            start = min(c for (r, c), t in cells.items() if t is tc)
            assert tc.width.twips == sum(grid[start:start + tc.grid_span])
            borders = tc.tcPr.find(qn("w:tcBorders"))
            assert [(w(b, "val"), w(b, "sz")) for b in borders] == [("single", "4")] * 4
            assert w(tc.tcPr.find(qn("w:vAlign")), "val") == "center"
    header = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
              for tr in tbl.tr_lst]
    assert header == [True] * header_rows + [False] * (len(tbl.tr_lst) - header_rows)
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in tbl.tr_lst)
    size = built["doc"].styles[table.cell(0, 0).paragraphs[0].style.name].font.size
    assert size.pt == font_pt


@pytest.mark.parametrize("index, expected", [(0, T3_MERGES), (1, T4_MERGES)])
def test_merges_read_back_as_requested(built, index, expected):
    tbl = built["doc"].tables[index]._tbl
    assert merged_ranges(tbl) == expected
    tc = grid_map(tbl)[0, 0]
    assert tc.grid_span == (3 if index == 0 else 5)
    cells = grid_map(tbl)
    for r0, c0, r1, c1 in expected:  # text written once, after merging, in one paragraph
        top = cells[r0, c0]
        assert len(top.p_lst) == 1 and "".join(top.itertext()).startswith(("合并", "诉讼"))
        for r in range(r0 + 1, r1 + 1):
            assert "".join(cells[r, c0].itertext()) == ""
            assert cells[r, c0].p_lst[0].style == top.p_lst[0].style  # no 16 pt empty line


def test_unique_cells_and_cell_text(built):
    table = built["doc"].tables[0]
    assert len(table.rows[0].cells) == 10
    assert [c.text for c in unique_cells(table.rows[0])] == ["合并00", "合并03"]
    assert len(unique_cells(table.rows[1])) == 1 + 1 + 1 + 1
    cell = table.cell(6, 3)
    assert len(cell.paragraphs) == 1 and cell.text == "12" and cell.paragraphs[0].runs[0].bold
    assert cell.paragraphs[0].alignment == ALIGN.CENTER
    assert table.cell(6, 1).paragraphs[0].alignment == ALIGN.LEFT
    direction = table.cell(5, 0)._tc.tcPr.find(qn("w:textDirection"))
    assert w(direction, "val") == "tbRlV"


def test_signature_right_aligned_after_blank_line(built):
    paragraphs = built["doc"].paragraphs
    blank, organ, date = paragraphs[-3:]
    assert blank.text == "" and organ.text == "某某市人民政府办公室" and date.text == "2027年1月5日"
    assert {p.style.name for p in (blank, organ, date)} == {"GK Signature"}
    assert organ.style.paragraph_format.alignment == ALIGN.RIGHT
    # organ 2 characters in; date (6 characters wide) starts 2 characters right of the organ
    assert w(organ._p.pPr.find(qn("w:ind")), "rightChars") == "200"
    assert w(date._p.pPr.find(qn("w:ind")), "rightChars") == "400"


def test_fallback_fonts_ship_with_windows():
    windows = {"宋体", "黑体", "楷体", "仿宋", "Times New Roman"}
    fallback = Fonts.FALLBACK
    assert {fallback.title, fallback.heading, fallback.subheading, fallback.body, fallback.table,
            fallback.page_number, fallback.latin} <= windows
    assert fallback.title_bold and not Fonts().title_bold


def test_table_wider_than_text_block_is_refused():
    doc = new_document(Fonts())
    with pytest.raises(ValueError):
        add_grid_table(doc, 2, 3, [60, 60, 40], 10.5)
    with pytest.raises(ValueError):
        add_grid_table(doc, 2, 3, [10, 10], 10.5)
    add_grid_table(doc, 2, 3, [52, 52, 52], 10.5)  # exactly 156 mm fits


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")),
                    reason="LibreOffice or poppler not installed")
def test_render_tool_makes_pngs(tmp_path):
    path = build(tmp_path / "render.docx", Fonts())["path"]
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "render_docx.py"), str(path),
                          str(tmp_path / "png")], capture_output=True, text=True, check=True)
    pngs = out.stdout.split()
    assert len(pngs) >= 1 and all(Path(p).stat().st_size > 1000 for p in pngs)


def test_merging_filled_cells_keeps_one_paragraph_and_small_empty_lines():
    doc = new_document(Fonts())
    table = add_grid_table(doc, 3, 2, [40, 40], 9)
    for r in range(3):
        set_cell_text(table.cell(r, 0), f"旧{r}")
    cell = merge(table, 0, 0, 2, 0, "新")
    assert cell.text == "新" and len(cell.paragraphs) == 1
    for tr in table._tbl.tr_lst[1:]:  # python-docx leaves an unstyled <w:p/> behind
        (p,) = tr.tc_lst[0].p_lst
        assert p.style == "GKTableText9pt"
