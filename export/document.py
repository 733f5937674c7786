"""The report as a sequence of printed blocks (title, headings, paragraphs, tables, 落款), for the Word writer.

Kept apart from python-docx so that the order and the numbering of the prose can be tested cheaply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from model.numbering import OWN_NUMBER, subsection_headings
from model.report import Report

TITLE, HEADING1, HEADING2, BODY, UNIT, TABLE, SIGNATURE = (
    "title", "heading1", "heading2", "body", "unit", "table", "signature")

# A paragraph the clerk numbered （一） / （二）… itself reads as a level-2 heading (五、六 often do).
_OWN_HEADING = OWN_NUMBER
_RUN_IN = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)][^。！？\n]{1,30}[。！？]")
MAX_HEADING = 40


@dataclass(frozen=True)
class Block:
    """One printed block: its kind and text (for a table, the table id)."""

    kind: str
    text: str
    lead: str = ""  # a body paragraph's opening heading words (（一）存在的问题。), printed as a heading run


def paragraphs(text: str) -> list[str]:
    """A section text's paragraphs: one per line, blank lines and surrounding spaces dropped."""
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def _prose(text: str) -> list[Block]:
    """五、六's paragraphs; one the clerk numbered （一） is a level-2 heading, or, when the heading runs on
    into the text in the same paragraph (（一）存在的问题。我局……), a body paragraph whose opening sentence
    is set as a heading (the usual GB/T 9704 run-in form)."""
    out = []
    for p in paragraphs(text):
        m = _OWN_HEADING.match(p)
        lead = _RUN_IN.match(p) if m else None
        whole = lead is not None and lead.group(0) == p
        if m and (whole or (lead is None and len(p) <= MAX_HEADING)):
            out.append(Block(HEADING2, p))
        elif lead:
            out.append(Block(BODY, p, lead.group(0)))
        else:
            out.append(Block(BODY, p))
    return out


def date_text(report: Report) -> str:
    """落款日期 in Arabic numerals without leading zeros (2027年1月5日); empty when not set."""
    d = report.meta.date
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


TITLE_CHARS = 20  # 2号 characters on a line of the 156 mm text block


def title_text(report: Report) -> str:
    """The title, broken after the organ's name when it needs two lines ("\n"), so that the lines form a
    trapezoid (GB/T 9704) rather than leaving 报告 alone on the second line."""
    from .grid import text_width

    title, organ = report.title, report.meta.organ
    rest = title[len(organ):]
    if text_width(title) <= 2 * TITLE_CHARS or not organ or text_width(organ) > 2 * TITLE_CHARS \
            or text_width(rest) > 2 * TITLE_CHARS:
        return title
    return organ + "\n" + rest


def blocks(report: Report, with_units: bool = True) -> list[Block]:
    """Everything the Word document prints, in order."""
    from .grid import table_unit

    out = [Block(TITLE, title_text(report))]
    overview = report.overview_section
    for section in report.format.sections:
        out.append(Block(HEADING1, section.heading))
        if section.table:
            unit = table_unit(report, section.table) if with_units else None
            if unit:
                out.append(Block(UNIT, unit))
            out.append(Block(TABLE, section.table))
        elif section is overview:
            out.extend(Block(BODY, p) for p in paragraphs(report.texts.get(section.id, "")))
            for sub, heading in zip(report.subsections, subsection_headings(report)):
                if heading:
                    out.append(Block(HEADING2, heading))
                out.extend(Block(BODY, p) for p in paragraphs(sub.text))
        else:
            out.extend(_prose(report.texts.get(section.id, "")))
    out.append(Block(SIGNATURE, report.meta.organ))
    if report.meta.date:
        out.append(Block(SIGNATURE, date_text(report)))
    return out
