"""Declaration integrity for every format: ids, grids, spans, computed cells, the registry."""
import importlib
import textwrap

import pytest

from model import formats
from model.declaration import Kind
from model.format import CORNER, DATA, ROW, COLUMN

ALL = list(formats.all_formats().values())


@pytest.fixture(params=ALL, ids=lambda f: f.id)
def fmt(request):
    return request.param


def test_both_official_formats_are_declared():
    assert [f.id for f in ALL] == ["2019", "2021"]


@pytest.mark.parametrize("year,fid", [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021"), (2026, "2021")])
def test_format_follows_the_year(year, fid):
    assert formats.for_year(year).id == fid


def test_years_before_the_first_format_are_refused():
    with pytest.raises(ValueError, match="2018"):
        formats.for_year(2018)


def test_cell_ids_are_unique_and_readable(fmt):
    ids = [c.id for t in fmt.tables.values() for c in t.cells]
    assert len(ids) == len(set(ids))
    for cid in ids:
        assert cid.split(".")[0] in fmt.tables
        assert all(part.isidentifier() and part.islower() for part in cid.split("."))


def test_every_grid_position_is_covered_exactly_once(fmt):
    for t in fmt.tables.values():
        seen = {}
        for it in t.items:
            assert it.rowspan >= 1 and it.colspan >= 1
            assert 0 <= it.row and it.row + it.rowspan <= t.n_rows, it
            assert 0 <= it.col and it.col + it.colspan <= t.n_cols, it
            for r in range(it.row, it.row + it.rowspan):
                for c in range(it.col, it.col + it.colspan):
                    assert (r, c) not in seen, f"{t.id}: {it} overlaps {seen[(r, c)]}"
                    seen[(r, c)] = it
        assert len(seen) == t.n_rows * t.n_cols, f"{t.id}: holes in the grid"


def test_data_items_and_cells_agree(fmt):
    for t in fmt.tables.values():
        data = {it.cell: (it.row, it.col) for it in t.items if it.role == DATA}
        assert data == {c.id: c.grid for c in t.cells}
        assert all(it.text for it in t.items if it.role in (ROW, COLUMN))


def test_computed_cells_sum_real_cells_without_cycles(fmt):
    for c in fmt.cells.values():
        for a in c.addends:
            assert a in fmt.cells and a != c.id
            assert fmt.cells[a].table == c.table
        assert c.id not in fmt.dependents[c.id]


def test_every_section_and_table_is_there(fmt):
    assert [s.heading for s in fmt.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert [s.table for s in fmt.sections] == [None, "t2", "t3", "t4", None, None]
    assert fmt.sections[0].default_subsections == ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")


def _item(t, text):
    return next(it for it in t.items if it.text == text)


def test_table3_header_merges_as_printed(fmt):
    t = fmt.tables["t3"]
    assert t.n_cols == 10 and t.repeat_rows == 3
    corner = next(it for it in t.items if it.role == CORNER)
    assert corner.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (corner.row, corner.col, corner.rowspan, corner.colspan) == (0, 0, 3, 3)
    assert (_item(t, "申请人情况").colspan, _item(t, "申请人情况").row) == (7, 0)
    legal = _item(t, "法人或其他组织")
    assert (legal.row, legal.col, legal.colspan, legal.rowspan) == (1, 4, 5, 1)
    assert [it.text for it in t.items if it.role == COLUMN and it.row == 2] == [
        "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for label in ("自然人", "总计"):
        it = next(i for i in t.items if i.text == label and i.role == COLUMN)
        assert (it.row, it.rowspan) == (1, 2)


def test_table3_rows_as_printed(fmt):
    t = fmt.tables["t3"]
    outcome_rows = {"2019": 20, "2021": 22}[fmt.id]
    result = _item(t, "三、本年度办理结果")
    assert (result.col, result.colspan, result.rowspan) == (0, 1, outcome_rows)
    assert t.n_rows == 3 + 3 + outcome_rows
    assert (_item(t, "一、本年新收政府信息公开申请数量").colspan, _item(t, "四、结转下年度继续办理").colspan) == (3, 3)
    assert (_item(t, "（三）不予公开").rowspan, _item(t, "（四）无法提供").rowspan, _item(t, "（五）不予处理").rowspan) == (8, 3, 5)
    assert _item(t, "3.危及“三安全一稳定”").col == 2
    other = _item(t, "（六）其他处理")
    assert (other.rowspan, other.colspan) == ((1, 2) if fmt.id == "2019" else (3, 1))
    assert _item(t, "（七）总计").colspan == 2


def test_table3_totals(fmt):
    cols = ["natural", "business", "research", "public_interest", "legal_service", "other_org"]
    assert fmt.cells["t3.new.total"].addends == tuple(f"t3.new.{c}" for c in cols)
    outcome = fmt.cells["t3.total.natural"].addends
    assert len(outcome) == {"2019": 19, "2021": 21}[fmt.id] and "t3.refused.secret.natural" in outcome
    assert "t3.new.natural" not in outcome and "t3.carried_over.natural" not in outcome
    assert len(fmt.computed_ids) == {"2019": 23 + 6 + 3, "2021": 25 + 6 + 3}[fmt.id]


def test_table4_layout_and_totals(fmt):
    t = fmt.tables["t4"]
    assert (t.n_rows, t.n_cols, t.repeat_rows) == (4, 15, 3)
    assert [(it.text, it.colspan) for it in t.items if it.role == COLUMN and it.row == 0] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [it.text for it in t.items if it.role == COLUMN and it.row == 1] == [
        "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]
    assert all(it.rowspan == 2 for it in t.items if it.role == COLUMN and it.row == 1 and it.col < 5)
    for group in ("review", "suit_direct", "suit_after_review"):
        assert fmt.cells[f"t4.{group}.total"].addends == tuple(
            f"t4.{group}.{k}" for k in ("upheld", "corrected", "other", "pending"))


def test_table2_blocks():
    f19, f21 = formats.get("2019"), formats.get("2021")
    assert [it.text for it in f21.tables["t2"].items if it.role == "title"] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert [it.text for it in f19.tables["t2"].items if it.role == "title"][-1] == "第二十条第（九）项"
    decisions = next(it for it in f21.tables["t2"].items if it.text == "本年处理决定数量")
    assert (decisions.col, decisions.colspan) == (1, 3)
    assert f21.cells["t2.fees.amount"].kind is Kind.AMOUNT and f21.cells["t2.fees.amount"].unit == "万元"
    assert f19.cells["t2.penalty.change"].kind is Kind.SIGNED
    assert f19.cells["t2.procurement.amount"].units == ("元", "万元")
    fees_change = next(it for it in f19.tables["t2"].items if it.cell == "t2.fees.change")
    assert fees_change.colspan == 2  # the block's last column spans what it leaves over


def test_ids_are_shared_across_formats_where_meaning_is_the_same():
    f19, f21 = formats.get("2019"), formats.get("2021")
    shared = set(f19.cells) & set(f21.cells)
    assert {f"t3.carried_over.{c}" for c in f21.column_keys("t3")} <= shared
    assert {f"t3.carried_in.{c}" for c in f21.column_keys("t3")} <= shared
    assert set(f21.tables["t4"].cells[i].id for i in range(15)) <= shared
    assert "t2.normative.issued" in shared and "t2.penalty.decisions" in shared


def test_a_third_format_needs_only_its_declaration(tmp_path, monkeypatch):
    pkg = tmp_path / "extra"
    pkg.mkdir()
    (pkg / "f2031.py").write_text(textwrap.dedent("""
        from dataclasses import replace
        from model.formats.f2021 import DECL as OLD
        DECL = replace(OLD, id="2031", title="假想的2031年格式", years=(2031, 9999))
    """), encoding="utf-8")
    import model.formats as registry
    monkeypatch.setattr(registry, "__path__", list(registry.__path__) + [str(pkg)])
    monkeypatch.setattr(registry.f2021, "DECL", registry.f2021.DECL.__class__(
        **{**registry.f2021.DECL.__dict__, "years": (2021, 2030)}))
    registry.all_formats.cache_clear()
    try:
        assert registry.for_year(2031).id == "2031"
        assert registry.for_year(2030).id == "2021"
        from model.report import Report
        assert Report.new("某局", 2032).format.id == "2031"
    finally:
        registry.all_formats.cache_clear()
        importlib.invalidate_caches()
