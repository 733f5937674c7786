"""Turning what a clerk types or pastes (or what an old Word report holds) into a cell value, and back.

Forgiving where the intent is clear (full-width digits, "1,234", "5件", "—" or "/" for empty), strict
where it is not: a rejected text raises ValueError with a message a clerk understands.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .declaration import Kind
from .text_clean import clip

Value = int | Decimal | None

# Texts that mean "nothing reported" in a table cell.
BLANKS = {"", "-", "—", "——", "–", "/", "／", "\\", "、"}
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b]+")
_THOUSANDS = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+)(\.\d+)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
COUNT_UNITS = ("件", "个", "项", "条", "次", "起", "宗", "人次")
AMOUNT_UNITS = ("万元", "元")
MAX_ABS = Decimal(10) ** 15  # beyond any figure a report holds; keeps arithmetic exact


def normalize(text: str) -> str:
    """Full-width to half-width, minus signs to '-', spaces removed."""
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("\u2212", "-").replace("\uff0d", "-").replace("﹣", "-")
    return _SPACE.sub("", t)


def parse(text: str, kind: Kind, units: tuple[str, ...] = ()) -> tuple[Value, str | None]:
    """Parse one cell's text. Returns (value, unit written in the text or None); None value = blank."""
    shown = clip(text.strip())  # a pasted 5000-digit number is not repeated whole in the message
    t = normalize(text)
    if t in BLANKS or set(t) <= {"-", "—"}:
        return None, None
    unit = None
    for u in (AMOUNT_UNITS if kind is Kind.AMOUNT else COUNT_UNITS):
        if t.endswith(u):
            unit, t = u, t[: -len(u)]
            break
    if unit and kind is Kind.AMOUNT and units and unit not in units:
        raise ValueError(f"「{shown}」的单位“{unit}”不可用，只能是{'或'.join(units)}")
    m = _THOUSANDS.match(t)
    if m:
        t = m.group(1) + m.group(2).replace(",", "") + (m.group(3) or "")
    if t.startswith("+"):
        t = t[1:]
    if not _NUMBER.match(t):
        raise ValueError(f"「{shown}」不是数字{_HINT[kind]}")
    try:
        d = Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise ValueError(f"「{shown}」不是数字{_HINT[kind]}") from None
    if abs(d) >= MAX_ABS:
        raise ValueError(f"「{shown}」太大了，请检查是否多输了数字")
    return check_kind(d, kind, shown), unit


def check_kind(d: Decimal | int, kind: Kind, shown: str | None = None) -> Value:
    """Return the value in its kind's type (int or Decimal), or raise ValueError saying what is wrong."""
    shown = shown if shown is not None else format_value(d)
    if kind is Kind.AMOUNT:
        if d < 0:
            raise ValueError(f"「{shown}」是负数，金额不能为负")
        return Decimal(d)
    if d != int(d):
        raise ValueError(f"「{shown}」不是整数，件数只能填写整数")
    if kind is Kind.COUNT and d < 0:
        raise ValueError(f"「{shown}」是负数，件数不能为负（只有“本年增/减”可以为负）")
    return int(d)


_HINT = {Kind.COUNT: "，请填写非负整数，如 0、12", Kind.SIGNED: "，请填写整数，减少时写负数，如 -8",
         Kind.AMOUNT: "，请填写金额，如 96171.6"}


def format_value(v: Value) -> str:
    """The text a cell shows: whole numbers plainly, decimals without exponent or trailing zeros."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")  # normalize drops trailing zeros, "f" keeps out the exponent
    return str(v)
