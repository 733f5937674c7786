"""Low-level Word layout helpers for GB/T 9704-style documents (no knowledge of reports)."""

from __future__ import annotations

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from .fonts import Fonts  # noqa: F401 - the fonts' roles are declared there, light to import
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

TWIPS_PER_MM = 1440 / 25.4
TEXT_WIDTH_MM = 156  # 210 mm paper - 28 mm left - 26 mm right margin
LINE_PITCH_TWIPS = 579  # 28.95 pt: 22 lines in the 225 mm text block
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, DEFAULT_TABLE_PT = 16, 22, 14, 10.5  # 3号, 2号, 4号, 五号
TITLE_LINE_PT = 35  # exact line height of a wrapped title
# Paper edge to the bottom of the footer: puts the page number's dashes about 7 mm
# below the text block (bottom margin 35 mm); checked on a LibreOffice render.
FOOTER_DISTANCE_MM = 25

STYLE_TITLE = "GK Title"
STYLE_HEADING1 = "GK Heading 1"
STYLE_HEADING2 = "GK Heading 2"
STYLE_BODY = "GK Body"
STYLE_SIGNATURE = "GK Signature"
STYLE_TABLE = "GK Table Text"  # sizes other than 10.5 pt get "GK Table Text 9pt" and so on
STYLE_PAGE_NUMBER = "GK Page Number"

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Schema order of the children python-docx has no API for: a new element must go before
# its successors or Word reports the file as corrupt.
_PPR_SEQ = ("w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
            "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
            "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
            "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_TCPR_SEQ = ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
             "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
             "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
_TBLPR_SEQ = ("w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
              "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
              "w:tblPrChange")
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def mm_to_twips(mm: float) -> int:
    """Millimetres to whole twips, rounded down so that sums never outgrow the text block."""
    return int(mm * TWIPS_PER_MM + 1e-6)


def _child(parent, tag: str, order=(), **attrs):
    """Return parent's `tag` child (created at its place in the schema `order`), with attrs set."""
    elm = parent.find(qn(tag))
    if elm is None:
        elm = OxmlElement(tag)
        later = {qn(t) for t in order[order.index(tag) + 1:]} if tag in order else set()
        successor = next((c for c in parent if c.tag in later), None)
        parent.append(elm) if successor is None else successor.addprevious(elm)
    for key, value in attrs.items():
        elm.set(qn(f"w:{key}"), str(value))
    return elm


def _set_rfonts(rpr, latin: str, east_asian: str) -> None:
    """Write explicit Latin, East Asian and complex-script fonts on an rPr, minus theme fonts."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _indent_chars(ppr, size_pt: float = BODY_PT, **chars: float) -> None:
    """Indent firstLine/left/right by characters (w:*Chars) with a twips fallback at size_pt."""
    ind = ppr.get_or_add_ind()
    for side, n in chars.items():
        ind.set(qn(f"w:{side}"), str(round(n * size_pt * 20)))
        ind.set(qn(f"w:{side}Chars"), str(round(n * 100)))


def _add_style(doc: Document, name: str, latin: str, east_asian: str, size_pt: float,
               base: str = "Normal", bold: bool = False, align=None):
    """Create (or reuse) a paragraph style with explicit fonts and size."""
    styles = doc.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style, style.quick_style = (styles[base] if base else None), True
    style.font.size, style.font.bold = Pt(size_pt), (True if bold else None)
    _set_rfonts(style.element.get_or_add_rPr(), latin, east_asian)
    if align is not None:
        style.paragraph_format.alignment = align
    return style


def _configure_styles(doc: Document, fonts: Fonts) -> None:
    """Set docDefaults, Normal and the GK paragraph styles, leaving no theme font anywhere."""
    styles_el = doc.styles.element
    for rfonts in styles_el.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rfonts(rpr, fonts.latin, fonts.body)
    rpr.sz_val = Pt(BODY_PT)
    for tag, attrs in (("w:szCs", {"val": BODY_PT * 2}), ("w:lang", {"eastAsia": "zh-CN"})):
        if rpr.find(qn(tag)) is not None:
            _child(rpr, tag, **attrs)
    _child(defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")), "w:spacing",
           after=0, line=240, lineRule="auto")

    normal = _add_style(doc, "Normal", fonts.latin, fonts.body, BODY_PT, base=None)
    pf = normal.paragraph_format
    # Exact 28.95 pt lines keep 22 lines a page in Word, WPS and LibreOffice alike.
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Twips(LINE_PITCH_TWIPS)
    pf.space_before, pf.space_after, pf.widow_control = Pt(0), Pt(0), True

    title = _add_style(doc, STYLE_TITLE, fonts.latin, fonts.title, TITLE_PT,
                       bold=fonts.title_bold, align=WD_ALIGN_PARAGRAPH.CENTER)
    pf = title.paragraph_format
    # Off the grid, or LibreOffice gives each 22 pt line two grid lines; Word would give one.
    pf.line_spacing, pf.space_after = Pt(TITLE_LINE_PT), Twips(LINE_PITCH_TWIPS)  # + a blank line
    pf.keep_with_next = True
    _child(title.element.get_or_add_pPr(), "w:snapToGrid", _PPR_SEQ, val=0)
    for name, east_asian, level in ((STYLE_HEADING1, fonts.heading, 0),
                                    (STYLE_HEADING2, fonts.subheading, 1),
                                    (STYLE_BODY, fonts.body, None)):
        style = _add_style(doc, name, fonts.latin, east_asian, BODY_PT,
                           align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _indent_chars(style.element.get_or_add_pPr(), firstLine=2)
        if level is not None:  # outline level: headings show in the navigation pane
            style.paragraph_format.keep_with_next = True
            style.element.pPr.get_or_add_outlineLvl().set(qn("w:val"), str(level))
    signature = _add_style(doc, STYLE_SIGNATURE, fonts.latin, fonts.body, BODY_PT,
                           align=WD_ALIGN_PARAGRAPH.RIGHT)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no CJK/digit gaps: keeps widths predictable
        _child(signature.element.get_or_add_pPr(), tag, _PPR_SEQ, val=0)
    for name, latin, east_asian, size in (
            (STYLE_TABLE, fonts.latin, fonts.table, DEFAULT_TABLE_PT),
            (STYLE_PAGE_NUMBER, fonts.page_number, fonts.page_number, PAGE_NUMBER_PT)):
        style = _add_style(doc, name, latin, east_asian, size, align=WD_ALIGN_PARAGRAPH.CENTER)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        # Off the line grid, or every table line would be 28.95 pt tall.
        _child(style.element.get_or_add_pPr(), "w:snapToGrid", _PPR_SEQ, val=0)


def _configure_page(doc: Document) -> None:
    """A4 portrait, GB/T 9704 margins and a 22-line document grid."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4
    for attr, mm in (("top_margin", 37), ("bottom_margin", 35), ("left_margin", 28),
                     ("right_margin", 26), ("header_distance", 15),
                     ("footer_distance", FOOTER_DISTANCE_MM)):
        setattr(section, attr, Twips(round(mm * TWIPS_PER_MM)))
    _child(section._sectPr, "w:docGrid", ("w:docGrid", "w:printerSettings", "w:sectPrChange"),
           type="lines", linePitch=LINE_PITCH_TWIPS)


def new_document(fonts: Fonts = Fonts()) -> Document:
    """Return an empty A4 document with GB/T 9704 page setup, explicit fonts and page numbers."""
    doc = docx.Document()
    for p in doc.element.body.findall(qn("w:p")):
        doc.element.body.remove(p)
    for rid, rel in list(doc.part.rels.items()):  # Word 2010's copy of styles.xml, theme fonts too
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    _configure_styles(doc, fonts)
    _configure_page(doc)
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:  # the template says ja-JP
        lang.set(qn("w:eastAsia"), "zh-CN")
    add_page_numbers(doc)
    return doc


def style_run(run, style) -> None:
    """Copy the style's fonts, size and bold onto the run so that every run names its fonts."""
    rfonts = style.element.rPr.rFonts
    _set_rfonts(run._r.get_or_add_rPr(), rfonts.get(qn("w:ascii")), rfonts.get(qn("w:eastAsia")))
    run.font.size = style.font.size
    if style.font.bold:
        run.font.bold = True


def get_style(doc: Document, name: str):
    """The named style, looked up once per document (python-docx searches every style on each lookup)."""
    cache = doc.__dict__.setdefault("_gk_styles", {})
    if name not in cache:
        cache[name] = doc.styles[name]
    return cache[name]


def add_styled_paragraph(doc: Document, style_name: str, text: str = "") -> Paragraph:
    """Append a paragraph in style_name whose single run carries explicit fonts."""
    style = get_style(doc, style_name)
    paragraph = doc.add_paragraph()
    paragraph._p.style = style.style_id
    if text:
        style_run(paragraph.add_run(text), style)
    return paragraph


_add_styled = add_styled_paragraph


def add_title(doc: Document, text: str) -> Paragraph:
    """Add the centred 22 pt title; it wraps by itself, or where text has a "\n"."""
    return _add_styled(doc, STYLE_TITLE, text)


def add_heading1(doc: Document, text: str) -> Paragraph:
    """Add a level-1 heading ("一、…"): 16 pt 黑体, first line indented 2 characters."""
    return _add_styled(doc, STYLE_HEADING1, text)


def add_heading2(doc: Document, text: str) -> Paragraph:
    """Add a level-2 heading ("（一）…"): 16 pt 楷体, first line indented 2 characters."""
    return _add_styled(doc, STYLE_HEADING2, text)


def add_body(doc: Document, text: str) -> Paragraph:
    """Add a body paragraph: 16 pt 仿宋, justified, first line indented 2 characters."""
    return _add_styled(doc, STYLE_BODY, text)


def _text_chars(text: str) -> float:
    """Width of text in body characters: CJK counts 1, ASCII a half."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)


def add_signature(doc: Document, organ: str, date_text: str) -> list[Paragraph]:
    """Add a blank line, then the right-aligned organ and date lines; return all three."""
    # GB/T 9704 7.3.5.3 (no seal): organ 2 characters in from the right, the date's first
    # character 2 right of the organ's; a longer date sits 2 in and pushes the organ left.
    organ_w, date_w = _text_chars(organ), _text_chars(date_text)
    date_right = max(2.0, organ_w - date_w)
    lines = [_add_styled(doc, STYLE_SIGNATURE, "")]
    for text, right in ((organ, date_right + date_w + 2 - organ_w), (date_text, date_right)):
        lines.append(_add_styled(doc, STYLE_SIGNATURE, text))
        _indent_chars(lines[-1]._p.get_or_add_pPr(), right=right)
    return lines


def _fill_page_number(footer, align, side: str) -> None:
    """Replace the footer's content with one "— N —" paragraph built on a PAGE field."""
    footer.is_linked_to_previous = False
    for p in footer._element.findall(qn("w:p")):
        footer._element.remove(p)
    paragraph = footer.add_paragraph(style=STYLE_PAGE_NUMBER)
    paragraph.alignment = align
    _indent_chars(paragraph._p.get_or_add_pPr(), size_pt=PAGE_NUMBER_PT, **{side: 1})
    for text, fld, instr in (("— ", None, None), ("", "begin", None), ("", None, " PAGE "),
                             ("", "separate", None), ("1", None, None), ("", "end", None),
                             (" —", None, None)):
        run = paragraph.add_run(text)
        style_run(run, paragraph.style)
        if fld:
            _child(run._r, "w:fldChar", fldCharType=fld)
        if instr:
            elm = _child(run._r, "w:instrText")
            elm.set(qn("xml:space"), "preserve")
            elm.text = instr


def add_page_numbers(doc: Document) -> None:
    """Page numbers: odd pages right-aligned, even pages left-aligned, each 1 character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    for section in doc.sections:
        _fill_page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right")
        _fill_page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")


def _borders(parent, tag: str, order, edges) -> None:
    """Write single 0.5 pt black borders on the given edges."""
    box = _child(parent, tag, order)
    for edge in edges:
        _child(box, f"w:{edge}", val="single", sz=4, space=0, color="000000")


def _table_style(doc: Document, size_pt: float):
    """Return the table-text paragraph style for this size, creating it on first use."""
    base = get_style(doc, STYLE_TABLE)
    if size_pt == DEFAULT_TABLE_PT:
        return base
    rfonts = base.element.rPr.rFonts
    return _add_style(doc, f"{STYLE_TABLE} {size_pt:g}pt", rfonts.get(qn("w:ascii")),
                      rfonts.get(qn("w:eastAsia")), size_pt, base=STYLE_TABLE)


def _style_paragraphs(tc, style) -> None:
    """Give a cell's unstyled paragraphs the table style (an empty 16 pt line heightens the row)."""
    for p in tc.iter(qn("w:p")):
        if p.pPr is None or p.pPr.pStyle is None:
            p.style = style.style_id


def add_grid_table(doc: Document, n_rows: int, n_cols: int, col_widths_mm,
                   font_size_pt: float = DEFAULT_TABLE_PT) -> Table:
    """Add a fixed-layout table, bordered on every cell and centred in the text block."""
    if len(col_widths_mm) != n_cols:
        raise ValueError(f"{n_cols} columns but {len(col_widths_mm)} widths")
    widths = [mm_to_twips(w) for w in col_widths_mm]
    if sum(widths) > mm_to_twips(TEXT_WIDTH_MM):
        raise ValueError(f"table is {sum(col_widths_mm):g} mm wide, text block {TEXT_WIDTH_MM} mm")
    table = doc.add_table(rows=n_rows, cols=n_cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed: Word and WPS keep our widths
    tbl_pr = table._tbl.tblPr
    _child(tbl_pr, "w:tblW", _TBLPR_SEQ, w=sum(widths), type="dxa")
    _borders(tbl_pr, "w:tblBorders", _TBLPR_SEQ, _EDGES)
    margins = _child(tbl_pr, "w:tblCellMar", _TBLPR_SEQ)
    for edge, twips in (("top", 0), ("left", 57), ("bottom", 0), ("right", 57)):  # 1 mm sides
        _child(margins, f"w:{edge}", w=twips, type="dxa")
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        grid_col.w = Twips(width)
    style = _table_style(doc, font_size_pt)
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths):
            tc_pr = tc.get_or_add_tcPr()
            tc_pr.width = Twips(width)
            _borders(tc_pr, "w:tcBorders", _TCPR_SEQ, _EDGES[:4])
            tc_pr.vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _style_paragraphs(tc, style)
    return table


def _cell_style(cell: _Cell):
    """The table-text style of the cell's first paragraph (the 10.5 pt one if it has none)."""
    style = cell.paragraphs[0].style
    return style if style.name.startswith(STYLE_TABLE) else cell.part.document.styles[STYLE_TABLE]


def set_cell_text(cell: _Cell, text: str, align: str = "center", bold: bool = False) -> _Cell:
    """Replace the cell's content with one paragraph of text in the table font and size."""
    style = _cell_style(cell)
    for p in cell._tc.p_lst[1:]:
        cell._tc.remove(p)
    paragraph = cell.paragraphs[0]
    for r in paragraph._p.r_lst:
        paragraph._p.remove(r)
    paragraph.style = style
    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER,
                           "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    run = paragraph.add_run(text)
    style_run(run, style)
    if bold:
        run.font.bold = True
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return cell


def merge(table: Table, r0: int, c0: int, r1: int, c1: int, text: str = "", **options) -> _Cell:
    """Merge the inclusive grid range (r0, c0)-(r1, c1), then write text (set_cell_text options)."""
    style = _cell_style(table.cell(r0, c0))
    cell = table.cell(r0, c0).merge(table.cell(r1, c1))
    for r in range(r0, r1 + 1):  # a continuation cell's fresh empty paragraph has no style
        _style_paragraphs(table._tbl.tr_lst[r].tc_at_grid_offset(c0), style)
    return set_cell_text(cell, text, **options)


def unique_cells(row: _Row) -> list[_Cell]:
    """The row's cells with each merged cell once (python-docx repeats it per grid column)."""
    seen, cells = set(), []
    for cell in row.cells:
        if cell._tc not in seen:
            seen.add(cell._tc)
            cells.append(cell)
    return cells


def repeat_header_rows(table: Table, n: int) -> None:
    """Mark the first n rows as header rows, repeated on every page the table reaches."""
    for row in table.rows[:n]:
        _child(row._tr.get_or_add_trPr(), "w:tblHeader")


def keep_rows_whole(table: Table) -> None:
    """Forbid a page break inside any row."""
    for row in table.rows:
        _child(row._tr.get_or_add_trPr(), "w:cantSplit")


def set_vertical_text(cell: _Cell) -> None:
    """Run the cell's text top to bottom with CJK characters upright (w:textDirection tbRlV)."""
    _child(cell._tc.get_or_add_tcPr(), "w:textDirection", _TCPR_SEQ, val="tbRlV")


def add_gap(doc: Document) -> Paragraph:
    """An empty paragraph in the 10.5 pt table style: a small space after a table, off the line grid."""
    return add_styled_paragraph(doc, STYLE_TABLE)
