"""Tolerant matching of a document's labels against the format declaration's labels.

Both sides go through the same normalization (NFKC, no spaces, "1、" read as "1.", curly quotes straight,
the typos real reports make: 记/计, 以/已, 家/加, "和" for "、"), then a similarity ratio decides. The labels
themselves come only from the built Format: nothing here spells one.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from model.declaration import Node
from model.format import Format

LEVEL1 = re.compile(r"^(?:第)?([一二三四五六七八九十]|\d{1,2})(?:[、.,:：]|部分)?")  # "一、" "1、" "1." "第一部分"
THRESHOLD = 0.75  # below this two labels are different labels
MAX_PARTS = 4  # a label path is at most 3 deep; one more for a label split over two cells
MAX_LABEL = 120  # longer text in a label cell is compared by its beginning (keeps matching time bounded)
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_NUMBERING = re.compile(r"(\d+)[、,，]")
_FIX = str.maketrans({"记": "计", "以": "已", "家": "加", "和": "、", "“": '"', "”": '"', "‘": "'", "’": "'",
                      "「": '"', "」": '"', "。": ".", "．": ".", "，": ",", "：": ":", "；": ";"})


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """A label as compared: NFKC, spaces removed, numbering and common typos unified."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _SPACE.sub("", t)
    t = _NUMBERING.sub(r"\1.", t)
    return t.translate(_FIX)


@lru_cache(maxsize=65536)
def ratio(a: str, b: str) -> float:
    """Similarity of two normalized texts, 0..1."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    # Cheap upper bounds first: most pairs compared (figures against labels) share no character at all.
    la, lb = len(a), len(b)
    if 2 * min(la, lb) / (la + lb) < THRESHOLD - 0.2 or not set(a) & set(b):
        return 0.0
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < THRESHOLD - 0.2:
        return m.real_quick_ratio() * 0.5  # cheap upper bound already says "different"
    return m.ratio()


@lru_cache(maxsize=8192)
def _tails(parts: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """A label path's normalized tails (own label, then with its parent, ...) and the whole path joined."""
    p = tuple(n[:MAX_LABEL] for n in map(norm, parts) if n)[-MAX_PARTS:]
    return tuple("".join(p[i:]) for i in range(len(p) - 1, -1, -1)), "".join(p)


@lru_cache(maxsize=65536)
def score(found: tuple[str, ...], declared: tuple[str, ...]) -> tuple[float, float]:
    """How well a path of labels found in a document (outermost first) fits a declared label path.

    Primary: the best match between a tail of the found path and a tail of the declared path, each tail
    ending in the item's own label (so a label column split into two cells, or two joined into one,
    still matches). Secondary, to break ties between leaves with the same own label (表四's three
    结果维持): the whole paths compared.
    """
    f, f_all = _tails(found)
    d, d_all = _tails(declared)
    if not f or not d:
        return 0.0, 0.0
    # Pairs whose characters alone rule out a ratio near the threshold are not compared: a primary score that
    # low is never used (best() keeps >= THRESHOLD), and a file of near-label cells makes many such pairs.
    primary = max((ratio(a, b) for a in f for b in d if _shared(a, b) >= THRESHOLD - 0.2), default=0.0)
    return primary, ratio(f_all, d_all)


@lru_cache(maxsize=65536)
def _chars(text: str) -> Counter:
    return Counter(text)


def _shared(a: str, b: str) -> float:
    """An upper bound of ratio(a, b) from the characters both hold (difflib's quick_ratio, cached)."""
    ca, cb = _chars(a), _chars(b)
    if len(ca) > len(cb):
        ca, cb = cb, ca
    common = sum(min(n, cb[ch]) for ch, n in ca.items() if ch in cb)
    return 2 * common / max(len(a) + len(b), 1)


def heading_fits(text: str, heading: str, numbered: bool = False) -> bool:
    """Whether a line is this section heading, numbered "一、" "1、" "1." or not, worded with the usual drift
    ("和" for "、", "政府信息公开工作存在的主要问题…")."""
    t = norm(text)
    if not t or t[0] in "(（" or len(t) > 40:
        return False
    core = norm(LEVEL1.sub("", heading))
    m = LEVEL1.match(t)
    rest = t[m.end():] if m else t
    numbered = numbered or bool(m and m.group(0))
    if numbered and core in rest and len(rest) <= len(core) + 12:
        return True
    return ratio(rest, core) >= (0.75 if numbered else 0.9)


@dataclass(frozen=True)
class Target:
    """A declared row or column: its block, key path, label path; leaf or grouping (branch)."""

    block: int
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    leaf: bool
    index: int = -1  # position among the block's column leaves (columns only)


def best(found: tuple[str, ...], targets: list[Target]) -> tuple[Target | None, bool]:
    """The best unique target for a found label path: (target, ambiguous). None when nothing fits."""
    scored = [(score(found, t.labels), t) for t in targets]
    scored = [(s, t) for s, t in scored if s[0] >= THRESHOLD]
    if not scored:
        return None, False
    top = max(s[0] for s, _ in scored)
    close = [(s, t) for s, t in scored if s[0] >= top - 0.02]
    close.sort(key=lambda st: st[0][1], reverse=True)
    if len(close) > 1 and close[0][0][1] - close[1][0][1] < 0.01 and close[0][1].keys != close[1][1].keys:
        return None, True
    return close[0][1], False


def row_targets(fmt: Format, table_id: str) -> list[Target]:
    """Every declared row of a table, leaves and the groupings above them (which hold no figures)."""
    out: list[Target] = []

    def walk(nodes: tuple[Node, ...], block: int, keys: tuple, labels: tuple) -> None:
        for n in nodes:
            k = keys + ((n.key,) if n.key else ())
            lab = labels + (n.label,)
            out.append(Target(block, k, lab, n.is_leaf))
            walk(n.children, block, k, lab)

    for b, layout in enumerate(fmt.tables[table_id].blocks):
        walk(layout.block.rows, b, (), ())
    return out


def column_targets(fmt: Format, table_id: str, block: int) -> list[Target]:
    """A block's data columns (leaves), left to right."""
    layout = fmt.tables[table_id].blocks[block]
    return [Target(block, leaf.keys, leaf.labels, True, i) for i, leaf in enumerate(layout.col_leaves)]


def column_groups(fmt: Format, table_id: str, block: int) -> list[Target]:
    """A block's column groupings (法人或其他组织, 行政复议 …): header cells that hold no figures."""
    out: list[Target] = []

    def walk(nodes: tuple[Node, ...], keys: tuple, labels: tuple) -> None:
        for n in nodes:
            k, lab = keys + ((n.key,) if n.key else ()), labels + (n.label,)
            if not n.is_leaf:
                out.append(Target(block, k, lab, False))
                walk(n.children, k, lab)

    walk(fmt.tables[table_id].blocks[block].block.columns, (), ())
    return out


def vocabulary(fmt: Format, table_id: str) -> list[str]:
    """Every label printed in a table (titles, corners, column and row labels), normalized."""
    seen: dict[str, None] = {}
    for item in fmt.tables[table_id].items:
        if item.text:
            seen[norm(item.text)] = None
    return list(seen)


def knows(text: str, words: list[str], threshold: float = THRESHOLD) -> bool:
    """Whether a text found in a document is one of these (normalized) labels."""
    t = norm(text)
    return bool(t) and any(ratio(t, w) >= threshold for w in words)


# ---- labels as real reports shorten, reword and renumber them ---------------------------------------

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_NUMBERED = re.compile(r"^\s*(?:第?([一二三四五六七八九十]{1,3})\s*[、.．,，]|[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]|"
                       r"[（(]\s*(\d{1,2})\s*[）)]|(\d{1,2})\s*[、.．,，)）]|([①-⑳]))\s*(.*)$", re.S)
_PAREN = re.compile(r"[（(][^（()）]*[）)]")


def _ordinal(cn: str) -> int:
    if cn == "十":
        return 10
    if cn.startswith("十"):
        return 10 + _CN.index(cn[1]) + 1
    if len(cn) == 2 and cn[1] == "十":
        return (_CN.index(cn[0]) + 1) * 10
    if len(cn) == 3:
        return (_CN.index(cn[0]) + 1) * 10 + _CN.index(cn[2]) + 1
    return _CN.index(cn[0]) + 1


@lru_cache(maxsize=8192)
def numbering(label: str) -> tuple[int | None, str]:
    """A label's ordinal ("四、" "（二）" "（1）" "1." "①" all count) and its words, normalized."""
    t = unicodedata.normalize("NFKC", label or "").strip()
    m = _NUMBERED.match(t)
    if not m:
        return None, norm(t)
    cn_a, cn_b, d_a, d_b, circled, rest = m.groups()
    if cn_a or cn_b:
        n = _ordinal(cn_a or cn_b)
    elif d_a or d_b:
        n = int(d_a or d_b)
    else:
        n = _CIRCLED.index(circled) + 1
    return n, norm(rest)


def _words_fit(found: str, declared: str) -> bool:
    """The found words are the declared label shortened (its parenthetical dropped, cut short) or reworded."""
    if not found:
        return False
    core = norm(_PAREN.sub("", declared)) or declared
    if found in (declared, core) or ratio(found, core) >= THRESHOLD or ratio(found, declared) >= THRESHOLD:
        return True
    return len(found) >= 2 and (declared.startswith(found) or core.startswith(found) or
                                (len(found) >= 4 and found in declared))


def guess(found: tuple[str, ...], targets: list[Target]) -> list[Target]:
    """The declared rows a label path may be when no row fits it well (best() found none, or several): by the
    numbering of the label and of the labels above it, their position in the declared tree, and the words.
    Returns every candidate; only a single one is a reading, several are an ambiguity to report."""
    parts = [p for p in found if norm(p)][-MAX_PARTS:]
    if not parts:
        return []
    own_n, own_w = numbering(parts[-1])
    out = []
    for t in targets:
        if not t.leaf:
            continue
        n, w = numbering(t.labels[-1])
        if own_w:
            if not _words_fit(own_w, w) or (own_n is not None and n is not None and own_n != n):
                continue
        elif own_n is None or own_n != n:
            continue  # numbering alone: it must be the same number
        if not _parents_fit(parts[:-1], t.labels[:-1]):
            continue
        out.append(t)
    for prefer in (lambda t: own_n is not None and numbering(t.labels[-1])[0] == own_n,  # the number decides
                   lambda t: len(parts) > 1 and len(t.labels) == len(parts),  # the depth in the tree
                   lambda t: _style(t.labels[-1]) == _style(parts[-1])):  # "（二）" is a second-level number
        if len(out) > 1:
            out = [t for t in out if prefer(t)] or out
    return out


def _style(label: str) -> str:
    t = unicodedata.normalize("NFKC", label or "").strip()
    m = _NUMBERED.match(t)
    if not m:
        return ""
    return "一、" if m.group(1) else "（一）" if m.group(2) else "（1）" if m.group(3) else "1." if m.group(4) else "①"


def _parents_fit(found: list[str], declared: tuple[str, ...]) -> bool:
    """Every label found above the row names one of the declared row's ancestors (by words or number)."""
    for p in found:
        pn, pw = numbering(p)
        if not any(_words_fit(pw, numbering(d)[1]) and (pn is None or numbering(d)[0] in (None, pn))
                   or (not pw and pn is not None and numbering(d)[0] == pn) for d in declared):
            return False
    return True
