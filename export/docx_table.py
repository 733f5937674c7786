"""A whole Word table in one piece of XML: merges known up front, borders, fonts on every run, kept rows.

python-docx's cell access (table.cell, merge) rescans the whole table on every call: building table 3
(28 x 10, 40 merges) through it took seconds. Writing the w:tbl at once takes milliseconds and gives
the same result as docx_layout.add_grid_table + merge + set_cell_text + repeat_header_rows +
keep_rows_whole.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table

from .docx_layout import _EDGES, DEFAULT_TABLE_PT, TEXT_WIDTH_MM, _table_style, mm_to_twips


@dataclass(frozen=True)
class GridCell:
    """One rectangle of a table to build in one go: inclusive grid range, text and how to set it."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    align: str = "center"  # or "left"
    vertical: bool = False


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def add_merged_table(doc: Document, n_rows: int, col_widths_mm, cells, font_size_pt: float = DEFAULT_TABLE_PT,
                     header_rows: int = 0, min_row_height_pt: float = 0, keep_rows=()) -> Table:
    """Add a fixed-layout table, centred, every cell bordered, every row kept whole (w:cantSplit), the
    first `header_rows` repeated on each page. `cells` must tile the grid (every position covered once) — each GridCell is one rectangle.
    The rows in `keep_rows` are kept with the next row (w:keepNext): all of them moves a table shorter
    than a page whole to the next page instead of leaving a few rows behind; the first few keep a long
    table from starting with a lone header at the foot of a page.
    """
    n_cols = len(col_widths_mm)
    widths = [mm_to_twips(w) for w in col_widths_mm]
    if sum(widths) > mm_to_twips(TEXT_WIDTH_MM):
        raise ValueError(f"table is {sum(col_widths_mm):g} mm wide, text block {TEXT_WIDTH_MM} mm")
    style = _table_style(doc, font_size_pt)
    rfonts = style.element.rPr.rFonts
    latin, east_asian = _esc(rfonts.get(qn("w:ascii"))), _esc(rfonts.get(qn("w:eastAsia")))
    half_points = round(font_size_pt * 2)
    rpr = (f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" w:eastAsia="{east_asian}"/>'
           f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')
    borders = "<w:tcBorders>" + "".join(_BORDER.format(e) for e in _EDGES[:4]) + "</w:tcBorders>"
    at: dict[tuple[int, int], GridCell] = {}
    covered: dict[tuple[int, int], GridCell] = {}
    for c in cells:
        at[(c.row, c.col)] = c
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if (r, k) in covered:
                    raise ValueError(f"grid position {(r, k)} covered twice")
                covered[(r, k)] = c
    if len(covered) != n_rows * n_cols:
        raise ValueError("the cells do not tile the grid")

    def tc(c: GridCell, first: bool, keep: bool) -> str:
        width = sum(widths[c.col:c.col + c.colspan])
        pr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
        if c.colspan > 1:
            pr.append(f'<w:gridSpan w:val="{c.colspan}"/>')
        if c.rowspan > 1:
            pr.append('<w:vMerge w:val="restart"/>' if first else "<w:vMerge/>")
        pr.append(borders)
        if c.vertical:
            pr.append('<w:textDirection w:val="tbRlV"/>')
        pr.append('<w:vAlign w:val="center"/>')
        jc = "left" if c.align == "left" else "center"
        lines = '</w:t><w:br/><w:t xml:space="preserve">'.join(_esc(t) for t in c.text.split("\n"))
        run = f'<w:r>{rpr}<w:t xml:space="preserve">{lines}</w:t></w:r>' if first and c.text else ""
        keep_next = "<w:keepNext/>" if keep else ""
        return (f'<w:tc><w:tcPr>{"".join(pr)}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style.style_id}"/>'
                f'{keep_next}<w:jc w:val="{jc}"/></w:pPr>{run}</w:p></w:tc>')

    height = f'<w:trHeight w:val="{round(min_row_height_pt * 20)}" w:hRule="atLeast"/>' if min_row_height_pt else ""
    rows = []
    for r in range(n_rows):
        header = "<w:tblHeader/>" if r < header_rows else ""
        tcs = []
        for k in range(n_cols):
            c = covered[(r, k)]
            if k == c.col:  # a horizontally merged cell is one w:tc spanning its grid columns
                tcs.append(tc(c, first=(r == c.row), keep=r in keep_rows and r < n_rows - 1))
        rows.append(f"<w:tr><w:trPr><w:cantSplit/>{height}{header}</w:trPr>{''.join(tcs)}</w:tr>")
    margins = "".join(f'<w:{e} w:w="{t}" w:type="dxa"/>' for e, t in
                      (("top", 0), ("left", 57), ("bottom", 0), ("right", 57)))  # 1 mm sides
    tbl_borders = "".join(_BORDER.format(e) for e in _EDGES)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    xml = (f'<w:tbl {_W_NS}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{tbl_borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar>{margins}</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
           f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
    tbl = parse_xml(xml)
    doc.element.body._insert_tbl(tbl)
    return Table(tbl, doc._body)
