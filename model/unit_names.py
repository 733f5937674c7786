"""Matching the units a superior expects with the organs named in the reports received (缺报).

Names are written many ways: 全称 and 简称, with or without the region in front, 人民政府办公室 or 政府办.
An exact match (after cleaning) is taken as is; a tolerant one is proposed and flagged for confirmation;
a name with several candidates is left unmatched with the candidates listed, never guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .text_clean import clean_name, clean_text

_DROP = re.compile(r"[\s\u3000\u00a0\u200b·・.,，、:：;；\"'“”‘’()（）\[\]【】《》<>-]+")
# Longest first: 人民政府办公室 must become 政府办, not 政府办公室.
_SUFFIXES = (("人民政府办公室", "政府办"), ("人民政府办公厅", "政府办"), ("政府办公室", "政府办"),
             ("政府办公厅", "政府办"), ("人民政府", "政府"), ("委员会办公室", "委办"), ("委员会", "委"),
             ("办公室", "办"), ("办公厅", "办"))
HEADER_WORDS = {"单位", "单位名称", "单位全称", "名称", "机关", "机关名称", "报送单位", "应报单位", "应报单位名称", "序号"}


def clean(name: str) -> str:
    """The name without spaces, punctuation and width differences: equal cleaned names are the same unit."""
    return _DROP.sub("", unicodedata.normalize("NFKC", name or ""))


def canonical(name: str) -> str:
    """The cleaned name with the usual suffix variants written one way (人民政府办公室 → 政府办)."""
    n = clean(name)
    for long, short in _SUFFIXES:
        n = n.replace(long, short)
    return n


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _tolerant(a: str, b: str) -> bool:
    """Two canonical names that may be one unit: one ends with the other (region prefix left off), or the
    shorter is an abbreviation of the longer (its characters in order, ending alike: 发改委)."""
    short, long = sorted((a, b), key=len)
    if len(short) < 2 or short == long:
        return short == long and bool(short)
    if long.endswith(short):
        return True
    return len(short) >= 3 and short[-1] == long[-1] and _subsequence(short, long)


@dataclass
class Match:
    """One expected unit: the reported name it was matched with (None: 缺报), and whether to confirm it."""

    expected: str
    found: str | None = None
    exact: bool = True
    candidates: list[str] = field(default_factory=list)  # when several reports could be this unit

    @property
    def missing(self) -> bool:
        return self.found is None

    def describe(self) -> str:
        """The line a reviewer reads for a match that is not plain."""
        if self.found is None:
            if self.candidates:
                return f"「{self.expected}」未确定：可能是{'、'.join(f'「{c}」' for c in self.candidates)}，请核对单位名称。"
            return f"「{self.expected}」未报送。"
        if not self.exact:
            return f"「{self.expected}」按「{self.found}」计，名称不完全相同，请确认。"
        return f"「{self.expected}」已报送。"


def match_units(expected: list[str], reported: list[str]) -> list[Match]:
    """Match each expected name with at most one reported name, exact matches first."""
    out: list[Match] = []
    taken: set[str] = set()
    by_clean: dict[str, str] = {}
    for r in reported:
        by_clean.setdefault(clean(r), r)
    pending: list[Match] = []
    for e in expected:
        hit = by_clean.get(clean(e))
        m = Match(e)
        if hit is not None and hit not in taken:
            m.found = hit
            taken.add(hit)
        else:
            pending.append(m)
        out.append(m)
    # Tolerant matches only among what exact matching left over, each proposed once.
    free = [r for r in reported if r not in taken]
    proposals = {id(m): [r for r in free if _tolerant(canonical(m.expected), canonical(r))] for m in pending}
    claims: dict[str, int] = {}
    for cands in proposals.values():
        for c in cands:
            claims[c] = claims.get(c, 0) + 1
    for m in pending:
        cands = proposals[id(m)]
        if len(cands) == 1 and claims[cands[0]] == 1:
            m.found, m.exact = cands[0], False
            taken.add(cands[0])
        elif cands:
            m.candidates = cands
    return out


def parse_unit_list(text: str) -> list[str]:
    """Names pasted or loaded as text: one a line; blank lines, a header and leading numbers dropped."""
    names: list[str] = []
    seen: set[str] = set()
    for line in clean_text(text).split("\n"):
        name = re.sub(r"^\s*\d+\s*[.、．)）]?\s*", "", line).strip().strip("\u3000")
        name = clean_name(name.split("\t")[0]).strip()
        if not name or clean(name) in HEADER_WORDS or clean(name) in seen:
            continue
        seen.add(clean(name))
        names.append(name)
    return names
