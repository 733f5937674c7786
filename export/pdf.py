"""The PDF and the printed copy: the report's printed blocks (export/document.py) and table grids
(export/grid.py, sized by export/word.py's table_geometry) laid out on A4 pages and drawn with QPainter.

One page renderer serves QPdfWriter (the .pdf, fonts embedded as subsets, text selectable) and QPrinter (打印,
打印预览). Qt's own PDF writer is used rather than a PDF library: it is already in the program (QtGui), it
embeds any font Qt can draw (CFF/OpenType CJK fonts such as Noto CJK included, which reportlab cannot), and it
adds nothing to the build.

The page follows GB/T 9704 and the .docx (export/docx_layout.py): A4, margins 37/35/28/26 mm, 28.95 pt lines,
2号 title, 3号 headings and body, 五号/小五 tables bordered on every cell with every merge, header rows repeated
on a new page, rows never split, 落款 and "— N —" page numbers (odd pages right, even pages left).

Coordinates are in twentieths of a point (UNIT per pt): fonts then get whole pixel sizes (10.5 pt = 210) and
the layout is the same on every device; the painter is scaled to the device once per page.
"""
from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from model.format import COLUMN, ROW
from model.report import Report

from .atomic import write_atomically
from .document import BODY, HEADING1, HEADING2, SIGNATURE, TABLE, TITLE, UNIT, blocks
from .fonts import PageFonts, page_fonts
from .grid import Layout, balanced_lines, layout
from .pdf_text_map import radical_map, fix_text_mapping

UNIT_PT = 20  # layout units per point
MM = 72 / 25.4 * UNIT_PT
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, 26 * MM, 37 * MM, 35 * MM
TEXT_W, TEXT_H = PAGE_W - LEFT - RIGHT, PAGE_H - TOP - BOTTOM  # 156 x 225 mm
PITCH = 28.95 * UNIT_PT  # 22 lines a page
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, TITLE_LINE_PT = 16, 22, 14, 35
NUMBER_GAP = 7 * MM  # the page number's dashes, below the text block
CELL_PAD = 1 * MM  # left and right, as the .docx's cell margins
BORDER_PT = 0.5

def _font(family: str, latin: str, pt: float, bold: bool = False):
    """A font of `pt` points in layout units: digits and Latin letters from the Latin face (Times New Roman
    is customary; CJK faces' own digits also lose their text in some PDF readers' search), the rest CJK."""
    from PySide6.QtGui import QFont

    f = QFont()
    f.setFamilies([latin, family])
    f.setPixelSize(round(pt * UNIT_PT))
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    f.setKerning(False)
    return f


# ---- text -------------------------------------------------------------------------------------------------

def _cjk_only(font):
    """The same font without its Latin face first."""
    f = type(font)(font)
    f.setFamilies(font.families()[1:] or font.families())
    return f


def _punctuation_ranges(text: str, font, formats):
    """Format ranges that set “ ” ‘ ’ — … in the CJK face, as Word does for East Asian text: a Latin face
    would draw them narrow, though the layout (export/grid.text_width) counts them as Chinese characters."""
    from PySide6.QtGui import QTextCharFormat, QTextLayout

    def font_at(i: int):
        for fr in formats:
            if fr.start <= i < fr.start + fr.length:
                return fr.format.font()
        return font

    out, i = [], 0
    while i < len(text):
        if ord(text[i]) >= 0x2000 and unicodedata.east_asian_width(text[i]) == "A":
            j = i
            while j < len(text) and ord(text[j]) >= 0x2000 and unicodedata.east_asian_width(text[j]) == "A":
                j += 1
            fr = QTextLayout.FormatRange()
            fr.start, fr.length = i, j - i
            fmt = QTextCharFormat()
            fmt.setFont(_cjk_only(font_at(i)))
            fr.format = fmt
            out.append(fr)
            i = j
        else:
            i += 1
    return out


AUTOSPACE_EM = 0.25  # Word's and WPS's gap between Chinese and Latin letters or digits (autoSpaceDE/DN)


def _is_han(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) == "W" and unicodedata.category(ch) == "Lo"


def _autospace_ranges(text: str, font, formats):
    """A quarter-em after a Chinese character followed by a Latin letter or digit, and after a letter or
    digit followed by a Chinese character (2019 年), as Word and WPS set Chinese text by default."""
    from PySide6.QtGui import QFont, QTextCharFormat, QTextLayout

    out = []
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if (_is_han(a) and b.isascii() and b.isalnum()) or (a.isascii() and a.isalnum() and _is_han(b)):
            f = QFont(next((fr.format.font() for fr in formats if fr.start <= i < fr.start + fr.length), font))
            f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, AUTOSPACE_EM * f.pixelSize())
            fr = QTextLayout.FormatRange()
            fr.start, fr.length = i, 1
            fmt = QTextCharFormat()
            fmt.setFont(f)
            fr.format = fmt
            out.append(fr)
    return out


def _lines(text: str, font, width: float, first_indent: float = 0.0, align=None, formats=(),
           autospace: bool = False):
    """Lay text out in lines of `width` (the first `first_indent` in); returns the QTextLayout, laid out."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QTextLayout, QTextOption

    text = text.replace("\n", "\u2028")
    tl = QTextLayout(text, font)
    opt = QTextOption(align if align is not None else Qt.AlignmentFlag.AlignLeft)
    opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    tl.setTextOption(opt)
    ranges = list(formats) + _punctuation_ranges(text, font, formats)
    if autospace:
        ranges += _autospace_ranges(text, font, formats)
    if ranges:
        tl.setFormats(ranges)
    tl.beginLayout()
    first = True
    while True:
        line = tl.createLine()
        if not line.isValid():
            break
        indent = first_indent if first else 0.0
        line.setLineWidth(max(1.0, width - indent))
        line.setPosition(QPointF(indent, 0))
        first = False
    tl.endLayout()
    return tl


def _draw_line(painter, line, x: float, top: float, height: float) -> None:
    """Draw one QTextLine centred vertically in a line box of `height` at (x, top)."""
    from PySide6.QtCore import QPointF

    y = top + (height - line.height()) / 2 - line.y()
    line.draw(painter, QPointF(x, y))


# ---- boxes and pages --------------------------------------------------------------------------------------

@dataclass
class Box:
    """One unbreakable piece of the page flow: a line of text, a table row, a gap."""

    height: float
    draw: Callable | None = None  # draw(painter, top)
    keep: bool = False  # keep with the next box on one page
    table: TablePlan | None = None
    row: int = -1
    kind: str = ""  # the export.document block kind it belongs to ("" for a blank line or gap)


@dataclass
class Placed:
    box: Box
    top: float


def _text_boxes(text: str, font, pitch: float, width: float, first_indent: float, align, formats=(),
                x: float = 0.0, keep_all: bool = False, autospace: bool = True, kind: str = BODY) -> list[Box]:
    tl = _lines(text, font, width, first_indent, align, formats, autospace)
    n = tl.lineCount()
    out = []
    for i in range(n):
        line = tl.lineAt(i)

        def draw(painter, top, line=line, tl=tl):
            _draw_line(painter, line, LEFT + x, top, pitch)
        # Widow and orphan control, as Word's: a paragraph's first two and last two lines stay together;
        # keep_all holds the whole paragraph together and with what follows (headings, title, 落款).
        keep = keep_all or (n > 1 and i in (0, n - 2) and i < n - 1)
        out.append(Box(pitch, draw, keep, kind=kind))
    return out


# ---- tables -----------------------------------------------------------------------------------------------

@dataclass
class Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    left: bool
    vertical: bool


@dataclass
class TablePlan:
    """A table measured for the page: column x positions, row heights, its cells and font."""

    lay: Layout
    font: object
    size: float
    xs: list[float]  # column edges, len n_cols + 1, absolute
    heights: list[float]
    cells: list[Cell]
    keep: set[int] = field(default_factory=set)
    layouts: dict = field(default_factory=dict)  # id(cell) -> its text laid out in its width, made once

    @property
    def header_rows(self) -> int:
        return self.lay.header_rows


def _table_cells(lay: Layout, size: float, widths_mm: list[float]) -> list[Cell]:
    """The cells as the .docx prints them (export/word.py add_report_table): column labels and tall row
    labels broken into even lines, one-row row labels left-aligned, narrow tall labels top to bottom."""
    from .word import CELL_PADDING_MM, PT_MM

    out = []
    for it, text in lay.cells:
        vertical = lay.vertical(it)
        if it.role == COLUMN or (it.role == ROW and it.rowspan > 1 and not vertical):
            room = (sum(widths_mm[it.col:it.col + it.colspan]) - CELL_PADDING_MM - 0.2) / (size * PT_MM)
            text = balanced_lines(text, room)
        out.append(Cell(it.row, it.col, it.rowspan, it.colspan, text, it.role == ROW and it.rowspan == 1,
                        vertical))
    return out


def plan_table(report: Report, tid: str, blanks_as_zero: bool, fonts: PageFonts) -> TablePlan:
    from .word import PAGE_ROOM_PT, ROW_HEIGHT, table_geometry

    lay = layout(report, tid, blanks_as_zero)
    size, widths_mm = table_geometry(lay)
    font = _font(fonts.table, fonts.latin, size)
    x0 = LEFT + (TEXT_W - sum(widths_mm) * MM) / 2
    xs = [x0]
    for w in widths_mm:
        xs.append(xs[-1] + w * MM)
    cells = _table_cells(lay, size, widths_mm)
    n_rows = lay.spec.n_rows
    heights = [size * ROW_HEIGHT * UNIT_PT] * n_rows
    pad_v = 1 * UNIT_PT  # the .docx's cells have no top or bottom margin: a hair of room
    plan = TablePlan(lay, font, size, xs, heights, cells)
    for c in sorted(cells, key=lambda c: c.rowspan):
        need = _text_height(plan, c) + pad_v
        span = range(c.row, c.row + c.rowspan)
        short = need - sum(heights[r] for r in span)
        if short > 0:
            for r in span:
                heights[r] += short / c.rowspan
    # Keep rules as the .docx's (word.add_report_table): a table that fits a page moves to the next page whole
    # (table 2 may break between its blocks); a longer one keeps its header and first two rows together.
    fits = sum(heights) <= PAGE_ROOM_PT * UNIT_PT
    if fits and len(lay.spec.blocks) > 1:
        plan.keep = set(range(n_rows)) - {b.end - 1 for b in lay.spec.blocks}
    else:
        plan.keep = set(range(n_rows if fits else lay.header_rows + 2))
    return plan


def _draw_segment(painter, plan: TablePlan, rows: list[tuple[int, float]]) -> None:
    """Draw the table rows placed on one page: (row, top) in page order, the repeated header rows first.
    A cell whose rows are split over pages is drawn on each page as far as it reaches."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QPen

    pos = {r: i for i, (r, _) in enumerate(rows)}
    painter.setPen(QPen(Qt.GlobalColor.black, BORDER_PT * UNIT_PT))
    painter.setFont(plan.font)
    for c in plan.cells:
        runs, run = [], []  # the cell's rows on this page, in consecutive runs
        for r in range(c.row, c.row + c.rowspan):
            if r in pos and (not run or pos[r] == pos[run[-1]] + 1):
                run.append(r)
            elif r in pos:
                runs.append(run)
                run = [r]
        if run:
            runs.append(run)
        if not runs:
            continue
        x, w = plan.xs[c.col], plan.xs[c.col + c.colspan] - plan.xs[c.col]
        rects = [QRectF(x, rows[pos[run[0]]][1], w, sum(plan.heights[r] for r in run)) for run in runs]
        for rect in rects:
            painter.drawRect(rect)
        if not c.text:
            continue
        # The text in each part it fits (a group label goes on with its rows on the next page); failing
        # that, once, in the largest part on the page that holds the cell's first row.
        fitting = [rect for rect in rects if _text_height(plan, c) <= rect.height()]
        if not fitting and c.row in pos:
            fitting = [max(rects, key=lambda rect: rect.height())]
        for rect in fitting:
            _cell_text(painter, plan, c, rect)


def _cell_layout(plan: TablePlan, c: Cell):
    """The cell's text laid out in its width (kept: measuring, fitting and drawing use the same lines)."""
    from PySide6.QtCore import Qt

    tl = plan.layouts.get(id(c))
    if tl is None:
        align = Qt.AlignmentFlag.AlignLeft if c.left else Qt.AlignmentFlag.AlignHCenter
        width = plan.xs[c.col + c.colspan] - plan.xs[c.col] - 2 * CELL_PAD
        tl = plan.layouts[id(c)] = _lines(c.text, plan.font, width, align=align)
    return tl


def _text_height(plan: TablePlan, c: Cell) -> float:
    if c.vertical:
        return len(c.text) * plan.size * 1.05 * UNIT_PT
    tl = _cell_layout(plan, c)
    return sum(tl.lineAt(i).height() for i in range(tl.lineCount()))


def _cell_text(painter, plan: TablePlan, c: Cell, rect) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt

    if c.vertical:  # upright characters top to bottom, centred
        step = plan.size * 1.05 * UNIT_PT
        y = rect.center().y() - step * len(c.text) / 2
        for ch in c.text:
            painter.drawText(QRectF(rect.x(), y, rect.width(), step), int(Qt.AlignmentFlag.AlignCenter), ch)
            y += step
        return
    tl = _cell_layout(plan, c)
    total = _text_height(plan, c)
    y = rect.center().y() - total / 2
    for i in range(tl.lineCount()):
        line = tl.lineAt(i)
        line.draw(painter, QPointF(rect.x() + CELL_PAD, y - line.y()))
        y += line.height()


# ---- the document -----------------------------------------------------------------------------------------

@dataclass
class Pages:
    """The report laid out: what goes on each page, and the fonts it is drawn with."""

    pages: list[list[Placed]]
    fonts: PageFonts
    title: str
    author: str

    def __len__(self) -> int:
        return len(self.pages)


def _flow(report: Report, blanks_as_zero: bool, fonts: PageFonts) -> list[Box]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCharFormat, QTextLayout

    from .docx_layout import _text_chars

    justify, center, right = (Qt.AlignmentFlag.AlignJustify, Qt.AlignmentFlag.AlignHCenter,
                              Qt.AlignmentFlag.AlignRight)
    body = _font(fonts.body, fonts.latin, BODY_PT)
    heading = _font(fonts.heading, fonts.latin, BODY_PT)
    subheading = _font(fonts.subheading, fonts.latin, BODY_PT)
    title = _font(fonts.title, fonts.latin, TITLE_PT, fonts.title_bold)
    indent = 2 * BODY_PT * UNIT_PT
    out: list[Box] = []
    signature, unit = [], ""
    for b in blocks(report):
        if b.kind == TITLE:
            lines = _text_boxes(b.text, title, TITLE_LINE_PT * UNIT_PT, TEXT_W, 0, center, keep_all=True,
                                kind=TITLE)
            out += lines + [Box(PITCH, keep=True)]  # a blank line below the title
        elif b.kind in (HEADING1, HEADING2):
            font = heading if b.kind == HEADING1 else subheading
            out += _text_boxes(b.text, font, PITCH, TEXT_W, indent, justify, keep_all=True, kind=b.kind)
        elif b.kind == BODY:
            formats = ()
            if b.lead:  # a run-in heading: its opening words in the level-2 heading font
                fr = QTextLayout.FormatRange()
                fr.start, fr.length = 0, len(b.lead)
                fmt = QTextCharFormat()
                fmt.setFont(subheading)
                fr.format = fmt
                formats = (fr,)
            out += _text_boxes(b.text, body, PITCH, TEXT_W, indent, justify, formats)
        elif b.kind == UNIT:
            unit = b.text  # the table's own size: set with the table, just below
        elif b.kind == TABLE:
            plan = plan_table(report, b.text, blanks_as_zero, fonts)
            if unit:  # "单位：件", small and right-aligned just above the table, kept with it
                tl = _lines(unit, plan.font, TEXT_W, align=right)
                h = tl.lineAt(0).height()
                out.append(Box(h, lambda p, top, tl=tl, h=h: _draw_line(p, tl.lineAt(0), LEFT, top, h), True,
                               kind=UNIT))
                unit = ""
            n = plan.lay.spec.n_rows
            out += [Box(plan.heights[r], None, r in plan.keep and r < n - 1, plan, r, TABLE) for r in range(n)]
            gap_layout = _lines(" ", plan.font, TEXT_W)  # kept: a QTextLine dies with its layout
            gap = gap_layout.lineAt(0).height()
            out.append(Box(gap))  # the next heading must not touch the table's bottom border
        elif b.kind == SIGNATURE:
            signature.append(b.text)
    # 落款 (GB/T 9704 7.3.5.3, no seal), as docx_layout.add_signature: a blank line, the organ 2 characters
    # in from the right, the date's first character 2 right of the organ's.
    organ = signature[0] if signature else report.meta.organ
    date = signature[1] if len(signature) > 1 else ""
    organ_w, date_w = _text_chars(organ), _text_chars(date)
    date_right = max(2.0, organ_w - date_w)
    out.append(Box(PITCH, keep=True))
    for text, right_chars in ((organ, date_right + date_w + 2 - organ_w), (date, date_right)):
        if text:
            width = TEXT_W - right_chars * BODY_PT * UNIT_PT
            # no autospace: the 落款's widths stay as computed (the .docx sets autoSpaceDE/DN off there too)
            out += _text_boxes(text, body, PITCH, width, 0, right, keep_all=True, autospace=False,
                               kind=SIGNATURE)
    out[-1].keep = False
    return out


def _paginate(boxes: list[Box]) -> list[list[Placed]]:
    """Fill pages: a run of boxes kept together moves to the next page whole when it fits a page; a table
    row never splits; a table continued on a new page starts with its header rows again."""
    pages: list[list[Placed]] = [[]]
    y = 0.0

    def header(box: Box) -> list[Box]:
        t = box.table
        if t is None or box.row < t.header_rows:
            return []
        return [Box(t.heights[r], None, False, t, r, TABLE) for r in range(t.header_rows)]

    def new_page(first: Box) -> None:
        nonlocal y
        pages.append([])
        y = 0.0
        for h in header(first):
            pages[-1].append(Placed(h, TOP + y))
            y += h.height

    i = 0
    while i < len(boxes):
        j = i
        while boxes[j].keep and j + 1 < len(boxes):
            j += 1
        group = boxes[i:j + 1]
        height = sum(b.height for b in group)
        if y + height > TEXT_H + 0.5 and pages[-1] and \
                height + sum(h.height for h in header(group[0])) <= TEXT_H:
            new_page(group[0])
        for b in group:
            if y + b.height > TEXT_H + 0.5 and pages[-1]:
                new_page(b)
            if y == 0.0 and b.draw is None and b.table is None:
                continue  # a blank line or gap does not open a page
            pages[-1].append(Placed(b, TOP + y))
            y += b.height
        i = j + 1
    return [p for p in pages if p] or [[]]


def lay_out(report: Report, blanks_as_zero: bool = True, fonts=None) -> Pages:
    """The report's pages (a QGuiApplication must exist: fonts are Qt's)."""
    pf = page_fonts(fonts)
    return Pages(_paginate(_flow(report, blanks_as_zero, pf)), pf, report.title, report.meta.organ)


def _page_number(painter, fonts: PageFonts, n: int) -> None:
    """"— N —" in 4号 宋体, 7 mm below the text block; odd pages right, even pages left, one character in."""
    from PySide6.QtCore import QPointF, Qt

    font = _font(fonts.page_number, fonts.page_number, PAGE_NUMBER_PT)
    one = PAGE_NUMBER_PT * UNIT_PT
    odd = n % 2 == 1
    align = Qt.AlignmentFlag.AlignRight if odd else Qt.AlignmentFlag.AlignLeft
    tl = _lines(f"— {n} —", font, TEXT_W - 2 * one, align=align)
    line = tl.lineAt(0)
    # GB/T 9704 7.5: the dashes 7 mm below the text block; a dash runs about 0.3 em above the baseline.
    baseline = TOP + TEXT_H + NUMBER_GAP + 0.3 * one
    line.draw(painter, QPointF(LEFT + one, baseline - line.ascent() - line.y()))


def render(pages: Pages, device) -> None:
    """Paint the pages onto a QPdfWriter or QPrinter whose page is A4 and whose painting origin is the paper's
    corner (QPdfWriter with no margins, QPrinter with full-page mode)."""
    from PySide6.QtGui import QPainter

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始绘制页面（打印机或文件不可用）。")
    try:
        scale = device.logicalDpiX() / 72 / UNIT_PT
        for n, page in enumerate(pages.pages, 1):
            if n > 1:
                device.newPage()
            painter.resetTransform()
            painter.scale(scale, scale)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            segment: list[tuple[int, float]] = []
            plan = None
            for placed in page:
                b = placed.box
                if b.table is not None:
                    if plan is not None and b.table is not plan:
                        _draw_segment(painter, plan, segment)
                        segment = []
                    plan = b.table
                    segment.append((b.row, placed.top))
                    continue
                if plan is not None:
                    _draw_segment(painter, plan, segment)
                    plan, segment = None, []
                if callable(b.draw):
                    b.draw(painter, placed.top)
            if plan is not None:
                _draw_segment(painter, plan, segment)
            _page_number(painter, pages.fonts, n)
    finally:
        painter.end()


# ---- the file ---------------------------------------------------------------------------------------------

def ensure_gui_app():
    """Qt's fonts need a QGuiApplication; the command line has none: make one that opens no window."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        args = ["gknb"] if sys.platform.startswith("win") else ["gknb", "-platform", "offscreen"]
        app = QGuiApplication(args)
    return app


def pdf_bytes(pages: Pages) -> bytes:
    """The PDF file of the laid-out pages: A4, PDF/A-1b, fonts embedded as subsets, text searchable."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPdfVersion(QPdfWriter.PdfVersion.PdfVersion_A1b)  # PDF/A-1b: fonts embedded, XMP metadata
    writer.setResolution(1200)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(pages.title)
    writer.setAuthor(pages.author)
    writer.setCreator("公开年报助手")
    render(pages, writer)
    del writer  # the PDF is finished when the writer goes
    buf.close()
    f = pages.fonts
    return fix_text_mapping(bytes(data.data()), radical_map(
        (f.title, f.heading, f.subheading, f.body, f.table, f.page_number)))


def write_pdf(report: Report, path: str | os.PathLike, *, blanks_as_zero: bool = True, fonts=None) -> PageFonts:
    """Write the report to `path` (.pdf) atomically; raises ExportError with the clerk's message. Returns the
    fonts drawn (PageFonts.message() tells the clerk which stood in for missing ones)."""
    ensure_gui_app()
    used = []

    def build(stream) -> None:
        pages = lay_out(report, blanks_as_zero, fonts)
        used.append(pages.fonts)
        stream.write(pdf_bytes(pages))

    write_atomically(path, build)
    return used[0]
