"""The report model: blank distinct from 0, derived totals, reported totals, a new year from last year."""
from decimal import Decimal

import pytest

from model.report import Report, start_from_last


def test_blank_is_not_zero_and_totals_derive():
    r = Report.new("某局", 2025)
    assert r.value("t3.new.natural") is None and r.value("t3.new.total") is None
    r.set("t3.new.natural", 0)
    assert r.value("t3.new.total") == 0
    r.set("t3.new.business", 4)
    r.set("t3.granted.business", 3)
    r.set("t3.refused.secret.business", 1)
    assert r.value("t3.new.total") == 4
    assert r.value("t3.total.business") == 4
    assert r.value("t3.total.total") == 4
    r.set("t3.refused.secret.business", None)
    assert r.value("t3.total.total") == 3


def test_computed_cells_cannot_be_set():
    r = Report.new("某局", 2025)
    with pytest.raises(KeyError):
        r.set("t3.total.total", 5)


def test_editing_an_addend_drops_the_reported_total_it_feeds():
    r = Report.new("某局", 2025)
    r.reported = {"t3.new.total": 9, "t4.review.total": 2}
    r.set("t3.new.natural", 1)
    assert "t3.new.total" not in r.reported and r.reported == {"t4.review.total": 2}


def test_amounts_sum_as_decimals():
    r = Report.new("某局", 2019)
    r.set("t2.procurement.amount", Decimal("0.1"))
    assert r.value("t2.procurement.amount") == Decimal("0.1")


def test_title():
    assert Report.new("开封市商务局", 2019).title == "开封市商务局2019年政府信息公开工作年度报告"


def test_new_year_from_last_year_across_the_format_change():
    last = Report.new("某局", 2020)
    assert last.format.id == "2019"
    last.subsections[0].title = "贯彻落实新条例情况"
    for col, v in zip(last.format.column_keys("t3")[:6], (2, 1, 0, 0, 0, 3)):
        last.set(f"t3.carried_over.{col}", v)
    new = start_from_last(last)
    assert (new.meta.year, new.format.id, new.meta.organ) == (2021, "2021", "某局")
    assert new.subsections[0].title == "贯彻落实新条例情况" and new.subsections[0].text == ""
    assert new.value("t3.carried_in.natural") == 2 and new.value("t3.carried_in.other_org") == 3
    assert new.value("t3.carried_in.total") == 6
    assert new.baseline.year == 2020 and new.baseline.cells["t3.carried_over.total"] == 6
    assert new.value("t3.new.natural") is None
