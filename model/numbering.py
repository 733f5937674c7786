"""How the report numbers what the clerk did not: （一）（二）… before the subsections of 一、总体情况.
One place for the Word, PDF and web writers (export/document.py) and for the checker's messages, which name
a subsection as printed («一、总体情况（二）依申请公开»)."""
from __future__ import annotations

import re

from .report import Report

NUMERALS = "一二三四五六七八九十"
OWN_NUMBER = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")  # a number the clerk typed himself


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (subsection numbers; a report has a handful)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def strip_number(title: str) -> str:
    """A subsection title the clerk numbered himself (（一）主动公开) loses the number: it is generated."""
    return OWN_NUMBER.sub("", title).strip()


def subsection_headings(report: Report) -> list[str]:
    """Each subsection's heading as printed: titled ones numbered in order, "" for one without a title."""
    out, n = [], 0
    for sub in report.subsections:
        title = strip_number(sub.title)
        if title:
            n += 1
            title = f"（{chinese_number(n)}）{title}"
        out.append(title)
    return out
