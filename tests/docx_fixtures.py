"""Word files that imitate real published reports, built with python-docx for the import tests.

- `seed_docx`: the seed report (shared/seed/*.txt) laid out as its text shows, typos and all.
- `hand_docx`: any Report laid out in the official grid, as a clerk might type it by hand in Word or
  WPS, with the drift real files show (numbering "1、", an extra blank row, "5件", full-width digits,
  stray spaces, blank or wrong totals, reworded headings, table 2 split into one table per block).
"""
from __future__ import annotations

import re
from pathlib import Path

from model.format import DATA
from model.report import Report
from model.values import format_value

SEED_TXT = Path(__file__).resolve().parents[2] / "shared" / "seed" / "kaifeng-commerce-2019-report.txt"
if not SEED_TXT.exists():  # worktrees live beside /work/shared
    SEED_TXT = Path("/work/shared/seed/kaifeng-commerce-2019-report.txt")


def grid_table(doc, n_cols: int, rows: list[list]):
    """A bordered table from rows of cell specs: "text", ("text", colspan), or None (the cell above,
    continued downwards: a vertical merge). Merges first, then text, as python-docx requires."""
    rects: list[list] = []  # [top, left, bottom, right, text]
    cover: dict[int, int] = {}
    for r, row in enumerate(rows):
        col, here = 0, {}
        for spec in row:
            if spec is None:
                idx = cover[col]
                rects[idx][2] = r
                span = rects[idx][3] - rects[idx][1] + 1
            else:
                text, span = (spec, 1) if isinstance(spec, str) else spec
                rects.append([r, col, r, col + span - 1, text])
                idx = len(rects) - 1
            for c in range(col, col + span):
                here[c] = idx
            col += span
        assert col == n_cols, (r, col, row)
        cover = here
    return _append_table(doc, n_cols, len(rows), rects)


def _append_table(doc, n_cols: int, n_rows: int, rects: list[list]):
    """Write the table's XML as Word does (w:gridSpan, w:vMerge): python-docx's merge() is slow on big grids."""
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    starts = {(top, left): (bottom, right, text) for top, left, bottom, right, text in rects}
    inside = {}
    for top, left, bottom, right, _ in rects:
        for r in range(top + 1, bottom + 1):
            inside[(r, left)] = right - left + 1
    xml = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           f'</w:tblPr><w:tblGrid>' + '<w:gridCol w:w="600"/>' * n_cols + '</w:tblGrid>']
    for r in range(n_rows):
        xml.append("<w:tr>")
        c = 0
        while c < n_cols:
            if (r, c) in starts:
                bottom, right, text = starts[(r, c)]
                span, merge = right - c + 1, '<w:vMerge w:val="restart"/>' if bottom > r else ""
                paras = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                                if line else "<w:p/>" for line in text.split("\n"))
            else:
                span, merge, paras = inside[(r, c)], "<w:vMerge/>", "<w:p/>"
            grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            xml.append(f"<w:tc><w:tcPr>{grid}{merge}</w:tcPr>{paras}</w:tc>")
            c += span
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    tbl = parse_xml("".join(xml))
    doc.element.body.sectPr.addprevious(tbl)
    return tbl


# ---- the seed report, as its text shows ------------------------------------------------------------

_SEED_HEADING = re.compile(r"^[1-6]、")


def seed_parts() -> list[tuple[str, object]]:
    """The seed text as ("p", text) and ("table", rows of cell texts), in order."""
    lines = [l.replace("[bookmark: _GoBack]", "") for l in SEED_TXT.read_text("utf-8").splitlines()]
    parts: list[tuple[str, object]] = []
    rows: list[list[str]] | None = None
    row: list[str] = []
    for line in lines:
        if line.startswith("\t"):
            if rows is None:
                rows = []
            row.append(line[1:])
        elif rows is not None and not line.strip():
            if row:
                rows.append(row)
                row = []
        elif rows is not None and not _SEED_HEADING.match(line):
            row[-1] += "\n" + line  # 尚/未/审/结: one cell, a line per character
        else:
            if rows is not None:
                if row:
                    rows.append(row)
                parts.append(("table", rows))
                rows, row = None, []
            parts.append(("p", line))
    return parts


def _seed_t2(rows):
    spans = {1: [4], 3: [1, 1, 2], 4: [1, 1, 1, 1]}
    return 4, [[(t, s) for t, s in zip(row, spans[len(row)])] for row in rows]


def _cont(text, span=1):
    return None if not text.strip() else (text, span)


def _seed_t3(rows):
    h0, h1, h2 = rows[:3]
    out = [[(h0[0], 3), (h0[1], 7)],
           [None, _cont(h1[1]), (h1[2], 5), _cont(h1[3])],
           [None, None] + [(t, 1) for t in h2[2:7]] + [None]]
    for row in rows[3:]:
        labels, values = row[:-7], row[-7:]
        spans = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[len(labels)]
        out.append([_cont(t, s) for t, s in zip(labels, spans)] + [(v, 1) for v in values])
    return 10, out


def _seed_t4(rows):
    h0, h1, h2, data = rows
    return 15, [[(h0[0], 5), (h0[1], 10)],
                [(t, 1) for t in h1[:5]] + [(h1[5], 5), (h1[6], 5)],
                [None] * 5 + [(t, 1) for t in h2[5:]],
                [(t, 1) for t in data]]


def seed_docx(path) -> Path:
    """The seed report as a Word file: its headings "1、 总体情况", its tables' merges, its typos."""
    from docx import Document

    doc = Document()
    layouts = iter((_seed_t2, _seed_t3, _seed_t4))
    for kind, content in seed_parts():
        if kind == "p":
            doc.add_paragraph(content)
        else:
            n_cols, rows = next(layouts)(content)
            grid_table(doc, n_cols, rows)
    doc.save(path)
    return Path(path)


# ---- any report, typed by hand in the official layout -------------------------------------------------

def hand_docx(report: Report, path, *, numbering: str = ".", blank_row_after: int | None = None,
              value_text=None, blank_totals: bool = False, totals: dict | None = None,
              headings: dict | None = None, title: str | None = None, split_t2: bool = False,
              join_labels: bool = False, extra_rows: dict | None = None, signature: bool = True,
              tables: dict | None = None, labels: dict | None = None) -> Path:
    """Lay a report out as a clerk would type it in Word: the official grid (from the format's items),
    with whatever drift the arguments ask for; `tables` replaces a table by a builder(doc, report); `labels`
    prints some row labels as a report rewords them (declared label -> printed label)."""
    from docx import Document

    fmt = report.format
    doc = Document()
    doc.add_paragraph(title if title is not None else report.title)
    headings = headings or {}
    for s in fmt.sections:
        doc.add_paragraph(headings.get(s.id, s.heading))
        if s.table and s.table in (tables or {}):
            tables[s.table](doc, report)
        elif s.table:
            _hand_table(doc, report, s.table, numbering, blank_row_after, value_text, blank_totals, totals or {},
                        split_t2, join_labels, (extra_rows or {}).get(s.table), labels or {})
        elif s is report.overview_section:
            for line in report.texts[s.id].split("\n") if report.texts[s.id] else []:
                doc.add_paragraph(line)
            for k, sub in enumerate(report.subsections):
                doc.add_paragraph(f"（{'一二三四五六七八九十'[k]}）{sub.title}")
                for line in sub.text.split("\n"):
                    doc.add_paragraph(line)
        else:
            for line in report.texts[s.id].split("\n"):
                doc.add_paragraph(line)
    if signature:
        doc.add_paragraph(report.meta.organ)
        if report.meta.date:
            d = report.meta.date
            doc.add_paragraph(f"{d.year}年{d.month}月{d.day}日")
    doc.save(path)
    return Path(path)


def _hand_table(doc, report, tid, numbering, blank_row_after, value_text, blank_totals, totals, split_t2,
                join_labels, extra_row, labels):
    spec = report.format.tables[tid]
    rows: list[list] = [[] for _ in range(spec.n_rows)]
    starts: dict[tuple[int, int], tuple] = {}
    for item in spec.items:
        if item.role == DATA:
            cell = report.format.cells[item.cell]
            if item.cell in totals:
                text = totals[item.cell]
            elif cell.computed and blank_totals:
                text = ""
            else:
                v = report.value(item.cell)
                text = value_text(v, item.cell) if value_text else format_value(v)
        else:
            text = labels.get(item.text, item.text)
            if numbering != ".":
                text = re.sub(r"^(\d+)\.", rf"\1{numbering}", text)
        starts[(item.row, item.col)] = (text, item)
    covered: dict[tuple[int, int], bool] = {}
    for (r, c), (_, item) in starts.items():
        for rr in range(item.row, item.row + item.rowspan):
            for cc in range(item.col, item.col + item.colspan):
                covered[(rr, cc)] = rr != item.row
    for r in range(spec.n_rows):
        c = 0
        while c < spec.n_cols:
            if (r, c) in starts:
                text, item = starts[(r, c)]
                rows[r].append((text, item.colspan))
                c += item.colspan
            else:
                top = next(i for i in spec.items if i.row < r < i.row + i.rowspan and i.col == c)
                rows[r].append(None)
                c += top.colspan
    if join_labels and tid == "t3":
        rows = _join_t3_labels(rows)
    if extra_row is not None:
        at, row = extra_row
        rows.insert(at, row)
    if blank_row_after is not None:
        rows.insert(blank_row_after + 1, [("", 1)] * spec.n_cols)
    if split_t2 and tid == "t2":
        bounds = [b.end for b in spec.blocks]
        start = 0
        for end in bounds:
            grid_table(doc, spec.n_cols, rows[start:end])
            doc.add_paragraph("")
            start = end
        return
    grid_table(doc, spec.n_cols, rows)


def _join_t3_labels(rows):
    """Table 3 with its label columns joined: one cell per row holds "（三）不予公开 1.属于国家秘密"."""
    out, group = [], ""
    for k, row in enumerate(rows):
        if k < 3:
            out.append(row)
            continue
        labels = [x for x in row[: len(row) - 7]]
        texts = [x[0] for x in labels if x is not None]
        if len(labels) == 3 and labels[1] is not None:
            group = labels[1][0]
        if len(labels) == 3:
            texts = [group + " " + texts[-1]] if labels[1] is None else [" ".join(texts[-2:])]
        text = texts[-1] if texts else ""
        out.append([(text, 3)] + row[len(row) - 7:])
    return out


FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def messy_value(v, cid) -> str:
    """Figures as hands type them: "5件", full-width digits, stray spaces; zero stays "0"."""
    text = format_value(v)
    if v in (None, 0):
        return text
    h = sum(map(ord, cid)) % 3
    return (f"{text}件" if h == 0 and not cid.startswith("t2.fees") else
            text.translate(FULL_WIDTH) if h == 1 else f" {text} ")
