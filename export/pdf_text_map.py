"""The PDF's text layer: Qt's PDF writer maps shared glyphs to Kangxi radicals (工作 extracted as ⼯作, and a
search for 工作 misses it); this puts the ideographs back without moving any offset in the file."""
from __future__ import annotations

import functools
import re
import unicodedata


RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement, Kangxi Radicals


@functools.lru_cache(maxsize=8)
def radical_map(families: tuple[str, ...]) -> dict[int, int]:
    """Radical → the ideograph CJK fonts draw with the same glyph (⼯ → 工, ⺠ → 民).

    Qt's PDF writer maps each glyph back to the first code point that uses it, and in Noto CJK, Source Han
    and others the Kangxi radicals come first: the text of 工作 would read ⼯作 and a search for 工作 would
    miss it. NFKC gives the Kangxi radicals' ideographs; the fonts themselves give the supplement's.
    """
    from PySide6.QtGui import QFont, QRawFont

    out = {}
    for c in RADICALS:
        n = unicodedata.normalize("NFKC", chr(c))
        if n != chr(c) and len(n) == 1:
            out[c] = ord(n)
    ideographs = "".join(chr(c) for c in range(0x4E00, 0xA000))
    radicals = "".join(chr(c) for c in RADICALS)
    for family in dict.fromkeys(families):
        raw = QRawFont.fromFont(QFont(family))
        if not raw.isValid():
            continue
        first: dict[int, int] = {}
        for i, g in enumerate(raw.glyphIndexesForString(ideographs)):
            if g:
                first.setdefault(g, 0x4E00 + i)
        for c, g in zip(RADICALS, raw.glyphIndexesForString(radicals)):
            if g in first and c not in out:
                out[c] = first[g]
    return out


_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def fix_text_mapping(pdf: bytes, radicals: dict[int, int]) -> bytes:
    """Point the ToUnicode maps' radicals at their ideographs. Qt writes these maps uncompressed, one glyph
    per entry (`<g> <g> <u>` or `<g0> <g1> [<u> …]`); each 4-digit value is replaced by another of the same
    length, so no offset in the file moves."""
    data = bytearray(pdf)
    for num in set(_TO_UNICODE.findall(pdf)):
        obj = pdf.find(b"\n" + num + b" 0 obj")
        start = pdf.find(b"stream\n", obj) + len(b"stream\n")
        end = pdf.find(b"endstream", start)
        if obj < 0 or start < len(b"stream\n") or end < 0:
            continue
        body = pdf[start:end]
        if b"beginbfrange" not in body or b"FlateDecode" in pdf[obj:start]:
            continue
        lines = body.split(b"\n")
        for i, line in enumerate(lines):
            codes = _HEX4.findall(line)
            if len(codes) < 3 or (b"[" not in line and codes[0] != codes[1]):
                continue  # not a per-glyph entry: a range of consecutive code points would shift whole

            def swap(m):
                u = int(m.group(1), 16)
                return b"<%04X>" % radicals[u] if u in radicals else m.group(0)
            head = line.split(b">", 2)  # the two glyph ids stay as they are
            if len(head) == 3:
                lines[i] = head[0] + b">" + head[1] + b">" + _HEX4.sub(swap, head[2])
        fixed = b"\n".join(lines)
        assert len(fixed) == len(body)
        data[start:end] = fixed
    return bytes(data)
