"""Parsing what clerks type and paste: forgiving where the intent is clear, a clear refusal otherwise."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from model.declaration import Kind
from model.values import format_value, parse


@pytest.mark.parametrize("text,value", [
    ("12", 12), ("１２", 12), (" 12 ", 12), ("1,234", 1234), ("１，２３４", 1234), ("5件", 5), ("5 件", 5),
    ("0", 0), ("+3", 3), ("\u300012\u3000", 12), ("3.0", 3),
])
def test_counts_clerks_write(text, value):
    assert parse(text, Kind.COUNT) == (value, "件" if "件" in text else None)


@pytest.mark.parametrize("text", ["", "  ", "-", "—", "——", "/", "／", "－"])
def test_texts_meaning_empty_are_blank(text):
    assert parse(text, Kind.COUNT) == (None, None)


@pytest.mark.parametrize("text,message", [
    ("abc", "不是数字"), ("1.5", "不是整数"), ("-3", "不能为负"), ("12a", "不是数字"), ("1,23", "不是数字"),
    ("5元", "不是数字"), ("1e5", "不是数字"), ("99999999999999999", "太大"),
])
def test_counts_refused_with_a_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse(text, Kind.COUNT)


def test_signed_counts_may_be_negative():
    assert parse("-8", Kind.SIGNED) == (-8, None)
    assert parse("－８", Kind.SIGNED) == (-8, None)
    assert parse("\u22128", Kind.SIGNED) == (-8, None)


def test_amounts_keep_decimals_and_units():
    assert parse("96171.6", Kind.AMOUNT) == (Decimal("96171.6"), None)
    assert parse("73,802,895.90元", Kind.AMOUNT, ("元", "万元")) == (Decimal("73802895.90"), "元")
    assert parse("25.1万元", Kind.AMOUNT, ("元", "万元")) == (Decimal("25.1"), "万元")
    with pytest.raises(ValueError, match="负"):
        parse("-1", Kind.AMOUNT)


def test_format_value():
    assert [format_value(v) for v in (None, 0, 12, Decimal("73802895.90"), Decimal("100"), Decimal("0.5"))] == [
        "", "0", "12", "73802895.9", "100", "0.5"]


@given(st.text(max_size=30), st.sampled_from(list(Kind)))
def test_any_text_gives_a_value_or_a_clear_error(text, kind):
    try:
        value, unit = parse(text, kind)
    except ValueError as e:
        assert str(e) and "「" in str(e)
    else:
        assert value is None or isinstance(value, (int, Decimal))
        if kind is Kind.COUNT and value is not None:
            assert isinstance(value, int) and value >= 0


@given(st.integers(min_value=0, max_value=10 ** 12))
def test_counts_round_trip_through_their_text(n):
    assert parse(format_value(n), Kind.COUNT)[0] == n
    assert parse(f"{n:,}", Kind.COUNT)[0] == n


@given(st.decimals(min_value=0, max_value=10 ** 12, places=2, allow_nan=False, allow_infinity=False))
def test_amounts_round_trip_through_their_text(d):
    assert parse(format_value(d), Kind.AMOUNT)[0] == d
