"""The web page for the portal, read back as a browser would (html.parser): each <table> placed on its grid
(rowspan/colspan) must be the format's table, label for label and figure for figure; nothing from Office, no
script, no external reference; the text the clerk typed comes back unchanged."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from export_cases import EXPORTS, load_case
from hypothesis import given, settings
from hypothesis import strategies as st

from export.grid import layout
from export.html import body_html, page_html, plain_text, write_html


class _Page(HTMLParser):
    """Tables as grids of (row, col, rowspan, colspan, text); every tag and attribute seen; the paragraphs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[tuple]] = []
        self.tags: list[tuple[str, dict]] = []
        self.paragraphs: list[str] = []
        self._cell = self._p = None
        self._row = -1
        self._taken: set = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self.tables.append([])
            self._row, self._taken = -1, set()
        elif tag == "tr":
            self._row += 1
            self._col = 0
        elif tag in ("td", "th"):
            while (self._row, self._col) in self._taken:  # skip positions taken by rowspans from above
                self._col += 1
            rs, cs = int(a.get("rowspan", 1)), int(a.get("colspan", 1))
            for r in range(self._row, self._row + rs):
                for c in range(self._col, self._col + cs):
                    assert (r, c) not in self._taken, "cells overlap"
                    self._taken.add((r, c))
            self._cell = [self._row, self._col, rs, cs, ""]
            self._col += cs
        elif tag == "br" and self._cell is not None:
            self._cell[4] += "\n"
        elif tag == "p":
            self._p = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1].append(tuple(self._cell))
            self._cell = None
        elif tag == "p" and self._p is not None:
            self.paragraphs.append(self._p)
            self._p = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[4] += data
        if self._p is not None:
            self._p += data


def _parse(text: str) -> _Page:
    p = _Page()
    p.feed(text)
    p.close()
    return p


@pytest.mark.parametrize("name,blanks", EXPORTS)
def test_tables_are_the_formats_grids(name, blanks):
    report = load_case(name)
    page = _parse(page_html(report, blanks))
    tables = [s.table for s in report.format.sections if s.table]
    assert len(page.tables) == len(tables)
    for tid, got in zip(tables, page.tables):
        lay = layout(report, tid, blanks)
        want = sorted((it.row, it.col, it.rowspan, it.colspan, text) for it, text in lay.cells)
        assert sorted(got) == want, tid
        covered = {(r + i, c + j) for r, c, rs, cs, _ in got for i in range(rs) for j in range(cs)}
        assert len(covered) == lay.spec.n_rows * lay.spec.n_cols  # the grid is tiled, nothing left over


@pytest.mark.parametrize("name", ["seed", "demo"])
def test_nothing_from_office_no_script_no_external_reference(name):
    text = page_html(load_case(name))
    page = _parse(text)
    assert text.startswith("<!DOCTYPE html>")
    assert ("meta", {"charset": "utf-8"}) in page.tags
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "style", "font"), tag
        assert not any(k in ("class", "id", "src", "href", "lang") or k.startswith("on") for k in attrs
                       if not (tag == "html" and k == "lang")), (tag, attrs)
    assert not re.search(r"(?i)https?:|//|mso-|urn:schemas|<o:|<w:|font-family", text)
    widths = [float(m) for m in re.findall(r"<col style=\"width:([\d.]+)%\">", text)]
    assert widths and all(w > 0 for w in widths)
    # each table fills the portal's column, its columns in percent summing to 100
    assert text.count('<table border="1" cellspacing="0" cellpadding="2" width="100%"') == 3
    for group in re.findall(r"<colgroup>(.*?)</colgroup>", text):
        assert abs(sum(float(w) for w in re.findall(r"width:([\d.]+)%", group)) - 100) < 0.01


@pytest.mark.parametrize("name", ["seed", "demo"])
def test_headings_prose_and_signature_are_there(name):
    report = load_case(name)
    text = page_html(report)
    for section in report.format.sections:
        assert f"<h2>{section.heading}</h2>" in text
    page = _parse(text)
    joined = "".join(page.paragraphs)
    assert report.meta.organ in joined
    plain = plain_text(report)
    assert plain.splitlines()[0] == report.title.replace("\n", "")
    assert "\t" in plain  # table rows as tab-separated cells


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_typed_text_comes_back_unchanged(text):
    report = load_case("demo")
    text = text.strip()
    if not text or "\n" in text:
        return
    report.texts[report.format.sections[-1].id] = text
    page = _parse(body_html(report))
    assert any(p == text for p in page.paragraphs) or text.startswith(("（", "(")), text


def test_written_file_is_utf8(tmp_path):
    report = load_case("seed")
    write_html(report, tmp_path / "r.html")
    assert (tmp_path / "r.html").read_bytes().decode("utf-8") == page_html(report)


@pytest.mark.parametrize("name, blanks", [("seed", True), ("demo", True), ("demo-blanks", False)])
def test_our_importer_reads_our_web_page_back(name, blanks, tmp_path):
    """The portal's page, saved by anyone, gives the report back: every input figure, organ, year, sections."""
    from reader import read_report

    report = load_case(name)
    path = tmp_path / "年报.html"
    write_html(report, path, blanks_as_zero=blanks)
    result = read_report(path)
    back = result.report
    assert (back.meta.organ, back.meta.year, back.format.id) == (report.meta.organ, report.meta.year, report.format.id)
    inputs = [c for c, cell in report.format.cells.items() if not cell.computed]
    expected = {c: (report.cells.get(c) if report.cells.get(c) is not None or not blanks else 0) for c in inputs}
    assert {c: back.cells.get(c) for c in inputs} == expected
    assert set(result.sections_found) == {s.id for s in report.format.sections}
    assert result.unplaced == []
