"""A web page as a small element tree, built with the standard library's html.parser under hard limits.

html.parser never fetches anything and knows no entity definitions (a `<!ENTITY>` in a DOCTYPE is only a
declaration it passes by), so there is no entity expansion to bomb and nothing reaches the network;
`&nbsp;` and the other HTML5 named and numeric references become their characters. The builder mends
what browsers mend (an unclosed `<p>`, `<li>`, `<td>`, `<tr>`), ignores end tags that close nothing, and
stays bounded: at most MAX_ELEMENTS elements (else ReadError), nesting beyond MAX_DEPTH flattened.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .limits import Deadline, ReadError

MAX_ELEMENTS = 100_000  # a long report page with its portal has a few thousand
MAX_DEPTH = 200  # deeper elements are attached at this depth (a page of unclosed <font> stays readable)
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "param", "embed",
         "track", "keygen"}
_RAW = {"script", "style", "textarea", "title", "xmp", "noscript", "template"}  # their text is not body text
_P_CLOSERS = {"p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
              "section", "article", "header", "footer", "nav", "aside", "form", "hr", "center", "address",
              "figure", "li", "dd", "dt"}
_SCOPE = {"td", "th", "table", "caption", "html", "body", "button", "object", "template"}
_SPACE = re.compile(r"[ \t\r\n\f]+")


class Element:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Element | None"):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def get(self, name: str, default: str = "") -> str:
        return self.attrs.get(name) or default

    def iter(self):
        """This element and every element under it, in document order (no recursion)."""
        stack = [self]
        while stack:
            el = stack.pop()
            yield el
            stack.extend(reversed([c for c in el.children if isinstance(c, Element)]))

    def text(self, limit: int = 1 << 30) -> str:
        """The text under this element (in document order of elements), stopping after about `limit` characters."""
        parts, n = [], 0
        for el in self.iter():
            if el.tag in _RAW and el is not self:
                continue
            for c in el.children:
                if isinstance(c, str):
                    parts.append(c)
                    n += len(c)
            if n >= limit:
                break
        return _SPACE.sub(" ", "".join(parts)).strip()


class _Builder(HTMLParser):
    def __init__(self, name: str, deadline: Deadline):
        super().__init__(convert_charrefs=True)
        self.name, self.deadline = name, deadline
        self.root = Element("#root", {}, None)
        self.stack = [self.root]
        self.open_tags: dict[str, int] = {}  # how many of each tag the stack holds: most searches end here
        self.count = 0
        self.title = ""

    # -- the open elements --------------------------------------------------------------------------
    def _open(self, tag: str, scope=_SCOPE) -> int:
        """Index in the stack of the nearest open `tag` inside the current scope (by default the table scope
        of HTML's parsing rules; a cell's search stops at its own table only), or -1."""
        if not self.open_tags.get(tag):
            return -1
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t == tag:
                return i
            if t in scope:
                return -1
        return -1

    def _close_to(self, i: int) -> None:
        for el in self.stack[i:]:
            self.open_tags[el.tag] -= 1
        del self.stack[i:]

    def handle_starttag(self, tag, attrs):
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise ReadError(f"「{self.name}」中的网页元素超过 {MAX_ELEMENTS} 个，不像是政府信息公开年报的网页，"
                            "为安全起见不予读取。")
        if self.count % 2000 == 0:
            self.deadline.check()
        a = {k: (v or "") for k, v in attrs[:30]}
        if tag in _P_CLOSERS and (i := self._open("p")) > 0:
            self._close_to(i)
        if tag == "li" and (i := self._open("li")) > 0:
            self._close_to(i)
        if tag in ("td", "th"):
            for t in ("td", "th"):
                if (i := self._cell_open(t)) > 0:
                    self._close_to(i)
        if tag == "tr" and (i := self._in_table("tr")) > 0:
            self._close_to(i)
        if tag in ("thead", "tbody", "tfoot"):
            for t in ("tr", "thead", "tbody", "tfoot"):
                if (i := self._in_table(t)) > 0:
                    self._close_to(i)
        parent = self.stack[-1]
        el = Element(tag, a, parent)
        parent.children.append(el)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(el)
            self.open_tags[tag] = self.open_tags.get(tag, 0) + 1

    def _cell_open(self, tag: str) -> int:
        """An open cell of the innermost table (a new cell or row closes it)."""
        return self._open(tag, ("table",))

    def _in_table(self, tag: str) -> int:
        return self._cell_open(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self._close_to(len(self.stack) - 1)

    def handle_endtag(self, tag):
        if tag in _VOID or tag in ("body", "html"):  # browsers keep what follows </body> in the body
            return
        if tag in ("td", "th", "tr", "tbody", "thead", "tfoot"):
            i = self._cell_open(tag)
        elif tag == "table":
            i = next((k for k in range(len(self.stack) - 1, 0, -1) if self.stack[k].tag == "table"), -1) \
                if self.open_tags.get("table") else -1
        else:
            i = self._open(tag)
        if i > 0:
            self._close_to(i)

    def handle_data(self, data):
        top = self.stack[-1]
        if top.tag == "title" and not self.title:
            self.title = _SPACE.sub(" ", data).strip()[:200]
        if top.children and isinstance(top.children[-1], str):
            top.children[-1] += data
        else:
            top.children.append(data)


def parse_html(text: str, name: str, deadline: Deadline) -> tuple[Element, str]:
    """The page's element tree and its <title>."""
    b = _Builder(name, deadline)
    step = 1 << 16
    for i in range(0, len(text), step):  # fed in pieces so the deadline is checked on any input
        b.feed(text[i:i + step])
        deadline.check()
    b.close()
    return b.root, b.title
