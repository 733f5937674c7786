"""How much of a text repeats another (文字重复): the share of its characters inside a run of at least
`N` characters that also occurs in the other text, and those runs (the repeated passages).

Spaces and punctuation are left out before comparing, so re-punctuated or re-wrapped text still counts as
repeated; reordered paragraphs count fully; a light edit breaks a run only around the changed characters.
Plain Python: a set of last year's N-grams and one pass over this year's text (a few ms on 5 000 characters);
both steps are cached by text, so the checker, which runs on every keystroke, redoes nothing for unchanged
texts.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

N = 8  # characters of a shared run before it counts as repeated: a phrase, not a common word
MIN_PASSAGE = 20  # a repeated passage shown to the clerk is at least this long (in the original text)


class Repetition(NamedTuple):
    """Of a text: how many of its compared characters repeat the other text, of how many, and the passages
    (start, end) in the original text, longest first."""

    repeated: int
    total: int
    passages: tuple[tuple[int, int], ...]

    @property
    def share(self) -> float:
        return self.repeated / self.total if self.total else 0.0


def _keep(ch: str) -> bool:
    """Whether a character is compared: letters, digits, CJK; not spaces, punctuation or symbols."""
    return unicodedata.category(ch)[0] in "LN"


def _compact(text: str) -> tuple[str, tuple[int, ...]]:
    """The compared characters of a text, and for each its position in the text."""
    pos = tuple(i for i, ch in enumerate(text) if _keep(ch))
    return "".join(text[i] for i in pos), pos


@lru_cache(maxsize=16)
def grams(text: str) -> frozenset[str]:
    """Every N-character run of a text's compared characters (last year's report, computed once)."""
    s, _ = _compact(text)
    return frozenset(s[i:i + N] for i in range(len(s) - N + 1))


@lru_cache(maxsize=256)
def measure(text: str, other: str) -> Repetition:
    """How much of `text` repeats `other` (cached: both are immutable strings)."""
    s, pos = _compact(text)
    if len(s) < N:
        return Repetition(0, len(s), ())
    seen = grams(other)
    covered = bytearray(len(s))
    for i in range(len(s) - N + 1):
        if s[i:i + N] in seen:
            covered[i:i + N] = b"\x01" * N
    repeated = sum(covered)
    passages = []
    i = 0
    while i < len(s):
        if covered[i]:
            j = i
            while j < len(s) and covered[j]:
                j += 1
            start, end = pos[i], pos[j - 1] + 1
            if end - start >= MIN_PASSAGE:
                passages.append((start, end))
            i = j
        else:
            i += 1
    passages.sort(key=lambda p: p[0] - p[1])
    return Repetition(repeated, len(s), tuple(passages))
