"""The body of a parsed .docx as plain blocks: paragraphs (text) and tables (cells placed on the grid).

Works on element local names, so Word, WPS and strict-OOXML files read alike. A table cell knows its grid
column, its width in grid columns (w:gridSpan) and, for a vertically merged cell's lower parts, the cell
it continues (w:vMerge), so a reader can see a label that spans rows from every row it covers.
"""
from __future__ import annotations

from .blocks import Cell, Paragraph, TableGrid
from .docx_safety import DocxReadError

MAX_TABLES = 300
MAX_ROWS = 2000
MAX_CELLS = 200  # per row
MAX_SPAN = 100

_SKIP = {"del", "delText", "instrText", "Fallback", "moveFrom", "rPr", "pPr", "tblPr", "tcPr", "trPr",
         "commentRangeStart", "footnoteReference", "endnoteReference"}
_CONTAINERS = {"sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"}


def local(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def blocks(root, name: str = "文件") -> list[Paragraph | TableGrid]:
    """The body's paragraphs and tables, in document order; `name` names the file in messages."""
    body = next((ch for ch in root if local(ch) == "body"), None)
    if body is None:
        raise DocxReadError(f"「{name}」中没有 Word 正文，可能已损坏。请在 Word 或 WPS 中另存为 .docx 后再导入。")
    out: list[Paragraph | TableGrid] = []
    _collect(body, out, name)
    return out


def _collect(parent, out: list, name: str) -> None:
    for el in parent:
        local_name = local(el)
        if local_name == "p":
            out.append(Paragraph(paragraph_text(el), _prop(el, "pPr", "numPr") is not None))
        elif local_name == "tbl":
            n = sum(isinstance(b, TableGrid) for b in out) + 1
            if n > MAX_TABLES:
                raise DocxReadError(f"「{name}」中的表格超过 {MAX_TABLES} 个，不像是政府信息公开年报，为安全起见不予读取。")
            out.append(_table(el, n, name))
        elif local_name in _CONTAINERS:
            _collect(el, out, name)


def paragraph_text(p) -> str:
    parts: list[str] = []
    _text(p, parts)
    return "".join(parts)


def _text(el, parts: list[str]) -> None:
    for ch in el:
        name = local(ch)
        if name in _SKIP:
            continue
        if name == "t":
            parts.append(ch.text or "")
        elif name == "tab":
            parts.append(" ")
        elif name in ("br", "cr"):
            parts.append("\n")
        elif name == "noBreakHyphen":
            parts.append("-")
        elif name == "p":  # a paragraph nested in a text box or a table inside this one
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            _text(ch, parts)
        else:
            _text(ch, parts)


def _prop(el, prop_name: str, child_name: str):
    for ch in el:
        if local(ch) == prop_name:
            for g in ch:
                if local(g) == child_name:
                    return g
    return None


def _val(el) -> str | None:
    if el is None:
        return None
    for k, v in el.attrib.items():
        if k.rsplit("}", 1)[-1] == "val":
            return v
    return None


def _int(v: str | None, default: int, least: int = 1) -> int:
    try:
        return max(least, min(int(v), MAX_SPAN)) if v is not None else default
    except ValueError:
        return default


def _children(el, name: str):
    """The `name` children of a table or row, looking through wrappers (sdt, customXml, ins...)."""
    for child in el:
        tag = local(child)
        if tag == name:
            yield child
        elif tag in _CONTAINERS:
            yield from _children(child, name)


def _table(tbl, index: int, name: str) -> TableGrid:
    grid = TableGrid(index=index)
    above: dict[int, Cell] = {}  # grid column -> the cell that covers it in the row above
    for r, tr in enumerate(_children(tbl, "tr")):
        if r >= MAX_ROWS:
            raise DocxReadError(f"「{name}」中第 {index} 个表格超过 {MAX_ROWS} 行，不像是政府信息公开年报，为安全起见不予读取。")
        col = _int(_val(_prop(tr, "trPr", "gridBefore")), 0, least=0)
        row: list[Cell] = []
        here: dict[int, Cell] = {}
        for tc in _children(tr, "tc"):
            if len(row) >= MAX_CELLS:
                raise DocxReadError(f"「{name}」中第 {index} 个表格有一行超过 {MAX_CELLS} 个单元格，为安全起见不予读取。")
            span = _int(_val(_prop(tc, "tcPr", "gridSpan")), 1)
            vmerge = _prop(tc, "tcPr", "vMerge")
            hmerge = _val(_prop(tc, "tcPr", "hMerge"))
            text = "\n".join(paragraph_text(p) for p in tc if local(p) in ("p", "sdt", "customXml", "tbl"))
            if hmerge == "continue" and row:  # legacy horizontal merge: widens the cell to its left
                row[-1].span += span
                for c in range(col, col + span):
                    here[c] = row[-1]
                col += span
                continue
            cell = Cell(text, col, span)
            if vmerge is not None and _val(vmerge) in (None, "continue"):
                top = above.get(col)
                if top is not None:
                    top = top.origin or top
                    cell.origin = top
                    top.rowspan += 1
            row.append(cell)
            for c in range(col, col + span):
                here[c] = cell
            col += span
        grid.rows.append(row)
        above = here
    return grid
