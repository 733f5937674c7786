"""A published report as a web page (.html / .htm, "网页，仅 HTML" or "网页，全部") into blocks.

The bytes are decoded (BOM, else the page's meta charset, else UTF-8, else GB18030, which covers GBK and
GB2312), parsed (html_tree), and the article is found among the portal's navigation, headers, footers,
share buttons and related links: the innermost element holding the most section headings. Its content
becomes the same blocks as a .docx body: paragraphs (a `<br>` is a line break), and, for each table that
holds no other table, a grid with its rowspan / colspan (a table that holds tables is layout: its cells are
read as text and its inner tables as tables). Scripts, styles, images and links are never followed; a
`_files` folder beside the page is not opened.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from model import formats

from .blocks import Block, Cell, Paragraph, TableGrid
from .docx_match import heading_fits, norm
from .html_tree import _RAW, Element, parse_html
from .limits import Deadline, ReadError, read_bounded

MAX_PAGE = 20 * 1024 * 1024  # a portal page with a long report is a few hundred KB
MAX_TABLES = 300
MAX_ROWS = 2000
MAX_CELLS = 200  # per row
MAX_SPAN = 100
MAX_COLS = 400  # grid columns of one table (表四 has 15)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "section",
          "article", "center", "address", "figure", "figcaption", "caption", "ul", "ol", "dl", "form",
          "header", "main", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "hr", "body", "html"}
_SKIP_TAGS = _RAW | {"head", "nav", "footer", "aside", "select", "button", "iframe", "object", "svg", "math",
                     "img", "input", "map", "audio", "video", "canvas"}
_BOILER = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|share|bdshare\w*|footer|foot|copyright|"
                     r"sidebar|side|related|xgwz|xgxx|print|toolbar|login|search|banner|fenxiang|dqwz|position|"
                     r"location|weizhi|topbar|top-bar|bottom|friendlink|links|qrcode|ewm)(?:$|[\s_-]|\d)", re.I)
_FURNITURE = re.compile(r"^[【\[〖(（]?\s*(?:打印|关闭|分享到?|收藏|扫一扫|字号|字体|上一篇|下一篇|返回顶部|"
                        r"打印本页|关闭窗口|【?大】?\s*【?中】?\s*【?小】?$|视力保护色)")
_SOURCE = re.compile(r"(?:来源|发布机构|信息来源|发文机关)\s*[:：]\s*([^\s:：|｜]{2,30})")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|日期|时间)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SPACE = re.compile(r"[ \t\r\n\f]+")
_BR = "\ue000"  # a <br> while a paragraph's text is gathered (a private-use character no page holds)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,30})""", re.I)
_PAGE_SEPARATORS = re.compile(r"\s*[-_|｜—–]+\s*")


@dataclass
class Page:
    """What a page gave besides its blocks: the <title>, the 来源 and 发布时间 lines, the notes for the clerk."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    source: str | None = None
    published: str | None = None
    notes: list[str] = field(default_factory=list)


# ---- bytes to text ---------------------------------------------------------------------------------

def decode(data: bytes, declared: str | None = None) -> str:
    """A page's text: the BOM, else the declared charset (MIME part or meta), else UTF-8, else GB18030."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    charset = declared or meta_charset(data)
    if charset:
        enc = _codec(charset)
        if enc:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                pass  # a page that lies about its charset (a GBK page saved as "utf-8"): try the others
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii") if m else None


def _codec(charset: str) -> str | None:
    name = charset.strip().lower()
    if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "hz-gb-2312"):
        return "gb18030"  # the superset: pages labelled GB2312 routinely hold GBK characters
    if name in ("utf8", "unicode"):
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# ---- the page --------------------------------------------------------------------------------------

def read_page(path, deadline: Deadline) -> Page:
    path = Path(path)
    data = read_bounded(path, MAX_PAGE, "网页文件")
    return page_from_text(decode(data), path.name, deadline)


def page_from_text(text: str, name: str, deadline: Deadline) -> Page:
    root, title = parse_html(text, name, deadline)
    body = next((el for el in root.iter() if el.tag == "body"), root)
    walker = _Walker(name, deadline)
    walker.walk(body)
    page = Page(title=title)
    deadline.check()
    article = _article(walker.items, deadline)
    items = [b for b, path in walker.items if article is None or article in path]
    before = [b for b, path in walker.items[: next((i for i, (_, p) in enumerate(walker.items)
                                                    if article is None or article in p), 0)]]
    items = [b for b in items if not (isinstance(b, Paragraph) and _furniture(b))]
    _page_lines(page, walker.meta + before + items)
    items = _without_info_lines(items)
    if not _has_title(items):
        heading = _title_outside(walker.items, article)
        if heading is None and _from_title_tag(title):
            heading = _from_title_tag(title)
            page.notes.append(f"网页正文中没有标题，标题取自网页的页面标题：「{heading}」。")
        if heading:
            items.insert(0, Paragraph(heading))
    for k, g in enumerate((b for b in items if isinstance(b, TableGrid)), 1):
        g.index = k
    page.blocks = items
    return page


def _article(items: list[tuple[Block, tuple[Element, ...]]], deadline: Deadline) -> Element | None:
    """The innermost element that holds the most section headings (the report among the portal)."""
    fmt = list(formats.all_formats().values())[-1]
    counts: dict[int, list] = {}
    for n, (b, path) in enumerate(items):
        if n % 500 == 0:
            deadline.check()
        if not isinstance(b, Paragraph) or len(b.text) > 2000:
            continue
        for line in b.text.split("\n"):
            if any(heading_fits(line.strip(), s.heading) for s in fmt.sections):
                for depth, el in enumerate(path):
                    entry = counts.setdefault(id(el), [0, depth, el])
                    entry[0] += 1
                break
    if not counts:
        return None
    top = max(n for n, _, _ in counts.values())
    return max((e for e in counts.values() if e[0] == top), key=lambda e: e[1])[2]


def _has_title(items: list[Block]) -> bool:
    """Whether the article prints the report's title above its first section heading."""
    from .report import _title

    fmt = list(formats.all_formats().values())[-1]
    lines = []
    for b in items[:20]:
        if isinstance(b, TableGrid):
            break
        for line in b.text.split("\n"):
            if any(heading_fits(line.strip(), s.heading) for s in fmt.sections):
                return _title(lines)[2] > 0
            if line.strip():
                lines.append((False, line.strip()))
    return _title(lines)[2] > 0


def _title_outside(items, article: Element | None) -> str | None:
    """The report's heading printed above the article (a CMS puts it in its own <h1> or title box)."""
    if article is None:
        return None
    before = []
    for b, path in items:
        if article in path:
            break
        before.append(b)
    from .report import _title

    for b in reversed(before[-30:]):  # the nearest above the article: a menu or a link list is further up
        if isinstance(b, Paragraph) and "信息公开" in norm(b.text) and len(b.text) < 120 and \
                _title([(False, t.strip()) for t in b.text.split("\n") if t.strip()])[2] > 0:
            return b.text
    return None


def _from_title_tag(title: str) -> str | None:
    parts = [p for p in _PAGE_SEPARATORS.split(title) if "报告" in p]
    return parts[0].strip() if parts else None


def _without_info_lines(items: list[Block]) -> list[Block]:
    """The article without its 来源 / 发布时间 lines above the first section heading (they are page furniture,
    not the report's preface)."""
    fmt = list(formats.all_formats().values())[-1]
    out = []
    for k, b in enumerate(items):
        if isinstance(b, Paragraph):
            if any(heading_fits(line.strip(), s.heading) for line in b.text.split("\n") for s in fmt.sections):
                return out + items[k:]
            if len(b.text) <= 150 and (_SOURCE.search(b.text) or _PUBLISHED.search(b.text)):
                continue
        out.append(b)
    return out


def _furniture(p: Paragraph) -> bool:
    t = p.text.strip()
    return len(t) <= 40 and bool(_FURNITURE.match(t))


def _page_lines(page: Page, items: list[Block]) -> None:
    """The 来源 / 发布时间 line (before the article or at its top)."""
    for b in items[:40]:
        if not isinstance(b, Paragraph):
            continue
        text = b.text.replace("\u00a0", " ")
        m = _SOURCE.search(text)
        if m and page.source is None:
            page.source = m.group(1)
        d = _PUBLISHED.search(text)
        if d and page.published is None:
            page.published = f"{d.group(1)}年{int(d.group(2))}月{int(d.group(3))}日"
    if page.published:
        page.notes.append(f"网页的发布时间为 {page.published}。")


# ---- elements to blocks ----------------------------------------------------------------------------

class _Walker:
    """Walks the tree (no recursion), collecting (block, the elements it lies in) in document order."""

    def __init__(self, name: str, deadline: Deadline):
        self.name, self.deadline = name, deadline
        self.items: list[tuple[Block, tuple[Element, ...]]] = []
        self.meta: list[Paragraph] = []  # a 政务公开 page's 索引号 / 发布机构 table, as "key：value" lines
        self.tables = 0

    def walk(self, top: Element) -> None:
        parts: list[str] = []
        path: list[Element] = []
        # The stack holds elements to enter and ("leave", el) markers.
        stack: list = [top]
        while stack:
            node = stack.pop()
            if isinstance(node, tuple):
                if node[1].tag in _BLOCK:
                    self._flush(parts, path)
                path.pop()
                continue
            if isinstance(node, str):
                parts.append(node.replace(_BR, ""))
                continue
            tag = node.tag
            if tag in _SKIP_TAGS or _boilerplate(node):
                continue
            if tag == "br":
                parts.append(_BR)
                continue
            if tag == "table" and not any(el.tag == "table" for el in node.iter() if el is not node):
                self._flush(parts, path)
                self._table(node, tuple(path) + (node,))
                continue
            if tag in _BLOCK:
                self._flush(parts, path)
            path.append(node)
            stack.append(("leave", node))
            stack.extend(reversed(node.children))

    def _flush(self, parts: list[str], path: list[Element]) -> None:
        if not parts:
            return
        text = clean("".join(parts))
        parts.clear()
        if text.strip():
            self.items.append((Paragraph(text), tuple(path)))

    def _table(self, table: Element, path: tuple[Element, ...]) -> None:
        self.tables += 1
        if self.tables > MAX_TABLES:
            raise ReadError(f"「{self.name}」中的表格超过 {MAX_TABLES} 个，不像是政府信息公开年报，为安全起见不予读取。")
        caption = next((el for el in table.children if isinstance(el, Element) and el.tag == "caption"), None)
        if caption is not None and cell_text(caption).strip():
            self.items.append((Paragraph(cell_text(caption)), path))
        g = grid(table, self.tables, self.name, self.deadline)
        texts = [c.text.strip() for row in g.rows for c in row if c.origin is None]
        if "索引号" in "".join(texts[:12]).replace(" ", ""):  # the page's metadata, not one of the report's tables
            self.meta.extend(Paragraph("：".join(t.rstrip("：:") for t in texts[i:i + 2])) for i in range(0, len(texts), 2))
            return
        self.items.append((g, path))


def _boilerplate(el: Element) -> bool:
    if el.get("title") in ("header", "footer") or "mso-element:" in el.get("style").replace(" ", ""):
        return True  # a page header or footer LibreOffice or Word put in a saved page (page numbers)
    names = f"{el.get('class')} {el.get('id')}"
    if not names.strip() or not _BOILER.search(names):
        return False
    # A box named like furniture that holds a section heading is the article's own wrapper, not furniture.
    text = el.text(limit=20000)
    return "总体情况" not in text and "主动公开政府信息情况" not in text


def clean(text: str) -> str:
    """HTML white space as IE and Chrome show it: a run (a wrapped source line too) is one space; only a `<br>`
    breaks a line."""
    text = _SPACE.sub(" ", text)
    return "\n".join(line.strip(" ") for line in text.split(_BR)).strip("\n")


def cell_text(el: Element) -> str:
    """A cell's text: its paragraphs and `<br>`s as line breaks (a label split over lines stays one label)."""
    w = _Walker("", Deadline())
    w.walk(el)
    return "\n".join(b.text for b, _ in w.items if isinstance(b, Paragraph))


def _int(v: str, default: int = 1) -> int:
    m = re.match(r"\s*(\d{1,6})", v or "")
    if not m:
        return default
    return max(1, min(int(m.group(1)), MAX_SPAN))


def _rows(table: Element):
    """The table's rows (inside thead / tbody / tfoot too), in order."""
    for ch in table.children:
        if isinstance(ch, Element):
            if ch.tag == "tr":
                yield ch
            elif ch.tag in ("thead", "tbody", "tfoot"):
                yield from (r for r in ch.children if isinstance(r, Element) and r.tag == "tr")


def grid(table: Element, index: int, name: str, deadline: Deadline) -> TableGrid:
    """A table as a grid: each cell at its column, `colspan` as span, `rowspan` as continuation cells."""
    g = TableGrid(index=index)
    pending: list[list] = []  # [top cell, rows still to cover]
    for r, tr in enumerate(_rows(table)):
        if r >= MAX_ROWS:
            raise ReadError(f"「{name}」中第 {index} 个表格超过 {MAX_ROWS} 行，不像是政府信息公开年报，为安全起见不予读取。")
        if r % 200 == 0:
            deadline.check()
        row: list[Cell] = []
        covered: set[int] = set()
        for p in pending:  # disjoint, inside MAX_COLS: this is bounded by the grid's width
            top = p[0]
            row.append(Cell("", top.col, top.span, origin=top))
            top.rowspan += 1
            p[1] -= 1
            covered.update(range(top.col, top.col + top.span))
        pending = [p for p in pending if p[1] > 0]
        below = {c for p in pending for c in range(p[0].col, p[0].col + p[0].span)}  # taken in the next row
        col = 0
        tds = [c for c in tr.children if isinstance(c, Element) and c.tag in ("td", "th")]
        if len(tds) > MAX_CELLS:
            raise ReadError(f"「{name}」中第 {index} 个表格有一行超过 {MAX_CELLS} 个单元格，为安全起见不予读取。")
        for td in tds:
            while col in covered:
                col += 1
            if col >= MAX_COLS:
                break  # beyond any report's width: the rest of the row is dropped
            span, down = min(_int(td.get("colspan")), MAX_COLS - col), _int(td.get("rowspan"))
            cell = Cell(cell_text(td), col, span)
            row.append(cell)
            cols = range(col, col + span)
            if down > 1 and not any(c in below for c in cols):  # overlapping merges: the first one holds
                pending.append([cell, down - 1])
                below.update(cols)
            col += span
        row.sort(key=lambda c: c.col)
        g.rows.append(row)
    return g
