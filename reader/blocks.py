"""The plain blocks every source becomes: paragraphs and table grids with spans (the reader's intermediate).

A .docx body (docx_body) and a web page (html_reader, also inside an .mht) both become a list of
`Paragraph` and `TableGrid`; finding the title, the sections and the table cells (report.py) works on that
list only. `dump` prints the blocks a file became, for diagnosing a file that reads wrong (as Calibre's
--debug-pipeline dumps each stage): `python3 -m reader FILE` prints them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """A paragraph's text; line breaks inside it (w:br, <br>) are '\\n'."""

    text: str
    numbered: bool = False  # Word's own list numbering (w:numPr): its "一、" or "（一）" is not in the text


@dataclass
class Cell:
    """One cell of one physical row: its text and place on the grid; `origin` is the top of a vertical merge."""

    text: str
    col: int
    span: int
    origin: "Cell | None" = None  # set on the lower parts of a vertically merged cell
    rowspan: int = 1

    @property
    def shown(self) -> str:
        """The text a reader sees in this grid position (the merged cell's text on its lower parts too)."""
        return self.origin.text if self.origin is not None else self.text


@dataclass
class TableGrid:
    """A table: its rows of cells (each physical row's cells in order)."""

    rows: list[list[Cell]] = field(default_factory=list)
    index: int = 0  # 1-based position among the document's tables


Block = Paragraph | TableGrid


def dump(items: list[Block], width: int = 24) -> str:
    """The blocks as text: one line per paragraph, a table as its rows of cells with their grid place."""
    out: list[str] = []
    for b in items:
        if isinstance(b, Paragraph):
            out.append(("P# " if b.numbered else "P  ") + b.text.replace("\n", " ⏎ "))
            continue
        out.append(f"T{b.index} ({len(b.rows)} 行)")
        for r, row in enumerate(b.rows, 1):
            cells = []
            for c in row:
                where = f"{c.col}" + (f"+{c.span}" if c.span > 1 else "")
                if c.origin is not None:
                    cells.append(f"[{where} ↑]")
                    continue
                text = c.text.replace("\n", "⏎").strip()
                text = text if len(text) <= width else text[:width] + "…"
                cells.append(f"[{where}{f' ↓{c.rowspan}' if c.rowspan > 1 else ''}] {text}")
            out.append(f"  {r:>3}: " + " | ".join(cells))
    return "\n".join(out)
