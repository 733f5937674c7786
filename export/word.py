"""The Word export: the report as a GB/T 9704-style document, its tables merged exactly as the format prints them."""
from __future__ import annotations

import os

from model.format import COLUMN, ROW
from model.report import Report

from .atomic import write_atomically
from .document import BODY, HEADING1, HEADING2, TABLE, TITLE, UNIT, blocks, date_text
from .grid import Layout, balanced_lines, layout

PT_MM = 25.4 / 72
CELL_PADDING_MM = 2.0  # docx_layout's 1 mm left + 1 mm right cell margins
CELL_MARGIN_MM = 2.4  # what a column needs beyond its text: the padding and a little slack
TABLE_SIZES = (10.5, 9)  # 五号 where the table fits at its natural width, else 小五
ROW_HEIGHT = 1.8  # rows at least this many times the font size: text clear of the borders
LINE_FACTOR = 1.4  # a line of table text, in font sizes (CJK fonts run tall)
# A table this tall (pt) still fits a page below its heading and unit line: 225 mm less ~20 mm.
PAGE_ROOM_PT = (225 - 20) / PT_MM


def write_docx(report: Report, path: str | os.PathLike, *, blanks_as_zero: bool = True, fonts=None) -> None:
    """Write the report to `path` (.docx) atomically; raises ExportError with the clerk's message.

    `fonts` is an export.docx_layout.Fonts (None: the GB/T 9704 set; Fonts.FALLBACK asks only for fonts
    every Windows 10/11 has).
    """
    # Built inside the atomic write: any failure, even a bug, reaches the clerk as ExportError.
    write_atomically(path, lambda stream: build_document(report, blanks_as_zero, fonts).save(stream))


def build_document(report: Report, blanks_as_zero: bool = True, fonts=None):
    """The python-docx Document of the report."""
    from . import docx_layout as dl

    doc = dl.new_document(fonts or dl.Fonts())
    for b in blocks(report):
        if b.kind == TITLE:
            dl.add_title(doc, b.text)
        elif b.kind == HEADING1:
            dl.add_heading1(doc, b.text)
        elif b.kind == HEADING2:
            dl.add_heading2(doc, b.text)
        elif b.kind == BODY:
            _body(doc, b.text, b.lead)
        elif b.kind == UNIT:
            _unit_line(doc, b.text)
        elif b.kind == TABLE:
            add_report_table(doc, layout(report, b.text, blanks_as_zero))
    # The 落款 blocks (organ, date) are placed by docx_layout's GB/T 9704 rule for a document without seal.
    dl.add_signature(doc, report.meta.organ, date_text(report))
    return doc


def _body(doc, text: str, lead: str) -> None:
    from . import docx_layout as dl

    if not lead:
        dl.add_body(doc, text)
        return
    # A run-in heading: （一）存在的问题。 in the level-2 heading font, the rest of the paragraph as body.
    p = dl.add_body(doc, lead)
    dl.style_run(p.add_run(text[len(lead):]), dl.get_style(doc, dl.STYLE_BODY))
    dl.style_run(p.runs[0], dl.get_style(doc, dl.STYLE_HEADING2))


def _unit_line(doc, text: str) -> None:
    """"单位：件", small and right-aligned just above the table, kept on the table's page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from . import docx_layout as dl

    p = dl.add_styled_paragraph(doc, dl.STYLE_TABLE, text)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.keep_with_next = True


def table_geometry(lay: Layout) -> tuple[float, list[float]]:
    """The font size and the column widths (mm) that fill the text block.

    The size is 五号 when the table fits at its natural width, else 小五 (table 3's long labels, table
    4's fifteen columns). A table narrower than the block gives the room first to its label columns
    (until their labels take one line), then to every column alike; a wider one narrows its widest
    columns first (table 3's longest sub-item labels then take a third line).
    """
    from .docx_layout import TEXT_WIDTH_MM

    room = TEXT_WIDTH_MM - len(lay.widths) * CELL_MARGIN_MM
    for size in TABLE_SIZES:
        unit_mm = size * PT_MM / 2  # one half-character unit at this size
        natural = [w * unit_mm for w in lay.widths]
        if sum(natural) <= room:
            break
    if sum(natural) > room:
        natural = _cap(natural, room)
    else:
        want = [max(0.0, o * unit_mm - n) for o, n in zip(lay.one_line, natural)]
        extra = room - sum(natural)
        if sum(want):
            give = min(1.0, extra / sum(want))
            natural = [n + w * give for n, w in zip(natural, want)]
        # What is left widens the other columns (the figures'), keeping the label columns as they are.
        rest = [n for n, w in zip(natural, want) if not w]
        left = room - sum(natural)
        natural = [n + (0 if w else left * n / sum(rest)) for n, w in zip(natural, want)]
    widths = [w + CELL_MARGIN_MM for w in natural]
    return size, [round(w - 0.005, 2) for w in widths]  # rounded down: the sum never outgrows the block


def estimated_height_pt(cells, widths: list[float], size: float, min_height: float) -> float:
    """Roughly how tall a table prints: each row as tall as its most wrapped label needs."""
    from .grid import lines_needed

    n_rows = max(c.row + c.rowspan for c in cells)
    rows = [min_height] * n_rows
    for c in sorted(cells, key=lambda c: c.rowspan):
        if c.vertical:
            continue
        units = (sum(widths[c.col:c.col + c.colspan]) - CELL_PADDING_MM) / (size * PT_MM / 2)
        need = lines_needed(c.text, units) * size * LINE_FACTOR + 4
        span = range(c.row, c.row + c.rowspan)
        short = need - sum(rows[r] for r in span)
        if short > 0:
            for r in span:
                rows[r] += short / c.rowspan
    return sum(rows)


def _cap(widths: list[float], room: float) -> list[float]:
    """Lower the widest columns to one common level so that the widths sum to `room`."""
    ordered = sorted(widths, reverse=True)
    for i in range(len(ordered)):
        # Columns 0..i capped at `level`, the others as they are.
        level = (room - sum(ordered[i + 1:])) / (i + 1)
        if i + 1 == len(ordered) or level >= ordered[i + 1]:
            return [min(w, level) for w in widths]
    return widths


def add_report_table(doc, lay: Layout):
    """One official table: merged grid, borders, fonts, header rows repeated, rows kept whole, then a small gap."""
    from . import docx_layout as dl
    from .docx_table import GridCell, add_merged_table

    size, widths = table_geometry(lay)

    def shown(it, text: str) -> str:
        if it.role != COLUMN and not (it.role == ROW and it.rowspan > 1 and not lay.vertical(it)):
            return text
        room = (sum(widths[it.col:it.col + it.colspan]) - CELL_PADDING_MM - 0.2) / (size * PT_MM)
        return balanced_lines(text, room)

    cells = [GridCell(it.row, it.col, it.rowspan, it.colspan, shown(it, text),
                         "left" if it.role == ROW and it.rowspan == 1 else "center", lay.vertical(it))
             for it, text in lay.cells]
    min_height = round(size * ROW_HEIGHT, 1)
    fits = estimated_height_pt(cells, widths, size, min_height) <= PAGE_ROOM_PT
    # A table that fits a page is kept whole, each of table 2's blocks with the next too: a page break
    # between blocks left a lone first block at the foot of a page and most of the next page empty.
    keep = set(range(lay.spec.n_rows if fits else lay.header_rows + 2))
    table = add_merged_table(doc, lay.spec.n_rows, widths, cells, size, header_rows=lay.header_rows,
                                min_row_height_pt=min_height, keep_rows=keep)
    dl.add_gap(doc)  # the next heading must not touch the table's bottom border
    return table
