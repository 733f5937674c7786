"""The one cleaning of text entering a report, from any door: typing, paste, a .docx import, a project file.

Word and WPS put control characters into what they copy (\\x0b for a manual line break, \\x0c for a page
or section break, \\x07 cell marks, \\x1e/\\x1f hyphens) and some programs leave lone surrogates; none of
them can be saved as XML (Word, Excel) and a lone surrogate cannot even be written as UTF-8. Cleaning maps
the breaks to the report's own paragraph break "\\n", drops the other control characters, and replaces a
lone surrogate with U+FFFD, so that every save and every export of a clean text succeeds.

The model calls these in its setters (model/report.py), so no caller has to remember them.
"""
from __future__ import annotations

import re

from .limits import MAX_NAME

# Anything a clean text may not hold: C0 controls but \t and \n, DEL, C1 controls, the Unicode line and
# paragraph separators, surrogates, and the two non-characters XML refuses.
_UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")  # each becomes one "\n"
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n]")


def clean_text(text: str) -> str:
    """A text as the report stores it: paragraphs separated by "\\n", tabs kept, nothing unwritable.

    \\r\\n, \\r, \\x0b (line break), \\x0c (page/paragraph break), NEL, U+2028 and U+2029 become "\\n";
    other control characters are dropped; a lone surrogate becomes U+FFFD. Idempotent, and a text
    holding none of these comes back as the same object (typing costs nothing).
    """
    if not isinstance(text, str):
        raise TypeError(f"text expected, got {type(text).__name__}")
    if _UNCLEAN.search(text) is None:
        return text
    text = _BREAKS.sub("\n", text)
    text = _DROPPED.sub("", text)
    if _SURROGATE.search(text):
        # a valid pair (possible in a str built from UTF-16) joins into one character; a lone one is replaced
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def clean_line(text: str) -> str:
    """A one-line text (a name, a title): clean_text, then any break or tab becomes a space."""
    text = clean_text(text)
    return _LINE_BREAKS.sub(" ", text) if ("\n" in text or "\t" in text) else text


def clean_name(text: str) -> str:
    """A name as stored: clean_line, at most MAX_NAME characters (the doors say so before it comes to this)."""
    text = clean_line(text)
    return text if len(text) <= MAX_NAME else text[:MAX_NAME]


def clip(value: object, limit: int = 40) -> str:
    """Something quoted in a message, short enough to read: a long text ends in "…（共 N 字）", a long
    number is "一个 N 位的数" (never Python's own text about its integer-conversion limit)."""
    if isinstance(value, int) and not isinstance(value, bool):
        digits = len(str(abs(value))) if value.bit_length() < 4000 else int(value.bit_length() * 0.30103) + 1
        return str(value) if digits <= min(limit, 20) else f"一个 {digits} 位的数"
    s = clean_line(str(value))
    return s if len(s) <= limit else f"{s[:limit - 1]}…（共 {len(s)} 字）"
