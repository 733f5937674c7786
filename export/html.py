"""The report as a clean web page for the agency's portal: the printed blocks (export/document.py) and the
tables' grids (export/grid.py) as plain HTML.

Plain markup a web editor keeps: h1/h2/h3/p, and each table as a bordered <table> with rowspan/colspan
exactly as printed and column widths in percent (the portal's column decides the width). No class
attributes, no scripts, no external references (no fonts, images or style sheets to fetch); UTF-8 with its
meta charset. The same page goes to the clipboard (复制为网页内容) with a plain-text copy beside it.
"""
from __future__ import annotations

import os
from html import escape

from model.format import COLUMN, ROW
from model.report import Report

from .atomic import write_atomically
from .document import BODY, HEADING1, HEADING2, SIGNATURE, TABLE, TITLE, UNIT, blocks
from .grid import Layout, layout

CELL_STYLE = "border:1px solid #000;padding:2px 4px;"
TABLE_STYLE = "border-collapse:collapse;width:100%;"  # the portal's own font and column width


def _text(text: str) -> str:
    return "<br>".join(escape(part) for part in text.split("\n"))


def _percents(widths_mm: list[float]) -> list[float]:
    """Column widths in percent of the table, summing to 100 (one decimal)."""
    total = sum(widths_mm)
    out = [round(w * 100 / total, 1) for w in widths_mm]
    out[-1] = round(100 - sum(out[:-1]), 1)
    return out


def table_html(lay: Layout) -> str:
    """One table: header rows in <thead> as <th>, the rest in <tbody>; every merge as printed."""
    from .word import table_geometry

    _, widths_mm = table_geometry(lay)
    spec = lay.spec
    by_row: dict[int, list] = {}
    for it, text in lay.cells:
        by_row.setdefault(it.row, []).append((it, text))
    cols = "".join(f'<col style="width:{p:g}%">' for p in _percents(widths_mm))
    head, body = [], []
    for r in range(spec.n_rows):
        header = r < spec.repeat_rows
        tag = "th" if header else "td"
        cells = []
        for it, text in sorted(by_row.get(r, []), key=lambda x: x[0].col):
            attrs = ""
            if it.rowspan > 1:
                attrs += f' rowspan="{it.rowspan}"'
            if it.colspan > 1:
                attrs += f' colspan="{it.colspan}"'
            align = "left" if it.role == ROW and it.rowspan == 1 else "center"
            style = CELL_STYLE + f"text-align:{align};"
            if lay.vertical(it):
                style += "writing-mode:vertical-rl;"
            if it.role == COLUMN or header:
                style += "font-weight:normal;"
            cells.append(f'<{tag}{attrs} style="{style}">{_text(text)}</{tag}>')
        (head if header else body).append("<tr>" + "".join(cells) + "</tr>")
    # width="100%" as well as the style: older web editors and LibreOffice read only the attribute
    parts = [f'<table border="1" cellspacing="0" cellpadding="2" width="100%" style="{TABLE_STYLE}">',
             f"<colgroup>{cols}</colgroup>"]
    if head:
        parts.append("<thead>" + "".join(head) + "</thead>")
    parts.append("<tbody>" + "".join(body) + "</tbody></table>")
    return "\n".join(parts)


def body_html(report: Report, blanks_as_zero: bool = True) -> str:
    """The article: what goes inside <body> (and onto the clipboard as HTML)."""
    out = []
    signature = []
    for b in blocks(report):
        if b.kind == TITLE:
            # one line on the web: the break after the organ is a print convention (GB/T 9704's trapezoid)
            out.append(f'<h1 style="text-align:center;">{escape(b.text.replace(chr(10), ""))}</h1>')
        elif b.kind == HEADING1:
            out.append(f"<h2>{escape(b.text)}</h2>")
        elif b.kind == HEADING2:
            out.append(f"<h3>{escape(b.text)}</h3>")
        elif b.kind == BODY:
            if b.lead:
                text = f"<strong>{escape(b.lead)}</strong>{escape(b.text[len(b.lead):])}"
            else:
                text = escape(b.text)
            out.append(f'<p style="text-indent:2em;">{text}</p>')
        elif b.kind == UNIT:
            out.append(f'<p style="text-align:right;">{escape(b.text)}</p>')
        elif b.kind == TABLE:
            out.append(table_html(layout(report, b.text, blanks_as_zero)))
        elif b.kind == SIGNATURE:
            signature.append(escape(b.text))
    if signature:
        out.append('<p style="text-align:right;">' + "<br>".join(signature) + "</p>")
    return "\n".join(out)


def page_html(report: Report, blanks_as_zero: bool = True) -> str:
    """The whole .html file."""
    return ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(report.title)}</title>\n</head>\n<body>\n"
            f"{body_html(report, blanks_as_zero)}\n</body>\n</html>\n")


def plain_text(report: Report, blanks_as_zero: bool = True) -> str:
    """The clipboard's plain-text copy: the prose as paragraphs, each table row's cells separated by tabs
    (a merged cell's text in its first row and column)."""
    out = []
    for b in blocks(report):
        if b.kind == TABLE:
            lay = layout(report, b.text, blanks_as_zero)
            grid = [[""] * lay.spec.n_cols for _ in range(lay.spec.n_rows)]
            for it, text in lay.cells:
                grid[it.row][it.col] = text.replace("\n", "")
            out.extend("\t".join(row) for row in grid)
        else:
            out.append(b.text.replace("\n", ""))
    return "\n".join(out) + "\n"


def write_html(report: Report, path: str | os.PathLike, *, blanks_as_zero: bool = True) -> None:
    """Write the report to `path` (.html, UTF-8) atomically; raises ExportError with the clerk's message."""
    write_atomically(path, lambda stream: stream.write(page_html(report, blanks_as_zero).encode("utf-8")))
