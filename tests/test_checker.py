"""Every checker rule, on the samples and on reports built for each rule."""
from decimal import Decimal

import pytest

from conftest import DEMO_SAMPLE, SEED_SAMPLE
from model import project
from model.checker import ERROR, WARNING, check, has_errors
from model.report import Baseline, Report

T3_COLS = ["natural", "business", "research", "public_interest", "legal_service", "other_org"]


PROBLEMS = "政策解读形式较为单一。改进措施：丰富解读形式。上年度提出的公开目录更新不及时问题，已建立月度更新机制。"
FEE = "全年收取信息处理费0元。"


def zeros(year=2025, organ="某局"):
    """A report of zeros whose 五 and 六 say what the evaluators ask."""
    r = Report.new(organ, year)
    r.texts["problems"], r.texts["other"] = PROBLEMS, FEE
    for cid in r.format.input_ids:
        r.set(cid, 0 if r.format.cells[cid].kind.value != "amount" else Decimal(0))
    return r


def rules(findings):
    return [(f.level, f.rule) for f in findings]


def test_seed_reports_exactly_its_balance_errors():
    findings = check(project.load(SEED_SAMPLE))
    assert rules(findings) == [(ERROR, "勾稽"), (ERROR, "勾稽")]
    assert findings[0].message == "表三「自然人」列：新收 0 + 上年结转 1 = 1，但办理总计 0 + 结转下年度 0 = 0，相差 1"
    assert findings[1].message.startswith("表三「总计」列：新收 0 + 上年结转 1 = 1")
    assert set(findings[0].cells) == {"t3.new.natural", "t3.carried_in.natural", "t3.total.natural",
                                      "t3.carried_over.natural"}


def test_demo_has_no_findings():
    assert check(project.load(DEMO_SAMPLE)) == []


def test_a_zero_report_is_clean():
    assert check(zeros()) == []


def test_balance_per_column_with_figures():
    r = zeros()
    r.set("t3.new.business", 5)
    r.set("t3.granted.business", 3)
    r.set("t3.carried_over.business", 1)
    findings = [f for f in check(r) if f.rule == "勾稽"]
    assert [f.message for f in findings] == [
        "表三「商业企业」列：新收 5 + 上年结转 0 = 5，但办理总计 3 + 结转下年度 1 = 4，相差 1",
        "表三「总计」列：新收 5 + 上年结转 0 = 5，但办理总计 3 + 结转下年度 1 = 4，相差 1"]
    r.set("t3.unable.unclear.business", 1)
    assert not has_errors(check(r))


def test_types_and_signs():
    r = zeros(2019)
    r.cells["t3.new.natural"] = -1
    r.cells["t3.granted.natural"] = Decimal("1.5")
    r.cells["t2.penalty.change"] = -8  # 本年增/减 may be negative
    r.invalidate()
    found = [f for f in check(r) if f.rule == "类型"]
    assert [f.cells for f in found] == [("t3.new.natural",), ("t3.granted.natural",)]
    assert "不能为负" in found[0].message and "表三「一、本年新收政府信息公开申请数量」行「自然人」列" in found[0].message
    assert "不是整数" in found[1].message


def test_reported_totals_that_differ_are_errors_with_both_figures():
    r = zeros()
    r.set("t3.granted.natural", 2)
    r.set("t3.new.natural", 2)
    r.reported = {"t3.total.natural": 3, "t3.new.total": 2}
    found = [f for f in check(r) if f.rule == "总计"]
    assert len(found) == 1
    assert "表三「（七）总计」行「自然人」列：原文填写 3，按各项相加应为 2，相差 1" in found[0].message


def test_blanks_are_warned_per_table_never_read_as_zero():
    r = zeros()
    r.set("t3.new.natural", None)
    r.set("t4.review.upheld", None)
    found = [f for f in check(r) if f.rule == "空白"]
    assert [(f.level, f.cells) for f in found] == [(WARNING, ("t3.new.natural",)), (WARNING, ("t4.review.upheld",))]
    assert "不等于 0" in found[0].message and "表四「行政复议 结果维持」列" in found[1].message


def test_carry_needs_last_year():
    r = zeros()
    r.set("t3.carried_in.natural", 1)
    r.set("t3.granted.natural", 1)
    assert not [f for f in check(r) if f.rule == "结转"]
    last = zeros(2024)
    last.set("t3.carried_over.natural", 2)
    found = [f for f in check(r, last.figures()) if f.rule == "结转"]
    assert [f.cells for f in found] == [("t3.carried_in.natural",), ("t3.carried_in.total",)]
    assert found[0].level == WARNING and "为 1" in found[0].message and "该列为 2" in found[0].message
    r.baseline = Baseline(2024, last.figures())
    assert [f.rule for f in check(r)].count("结转") == 2


def test_in_force_follows_last_year_plus_issued_minus_repealed():
    r = zeros()
    r.set("t2.normative.issued", 3)
    r.set("t2.normative.repealed", 1)
    r.set("t2.normative.in_force", 12)
    last = {"t2.normative.in_force": 10, "t2.rules.in_force": 0}
    assert not [f for f in check(r, last) if f.rule == "现行有效"]
    r.set("t2.normative.in_force", 11)
    found = [f for f in check(r, last) if f.rule == "现行有效"]
    assert len(found) == 1 and "应为 12" in found[0].message and found[0].level == WARNING


def test_in_force_does_not_apply_to_the_2019_format():
    r = zeros(2020)
    assert not [f for f in check(r, {"t2.normative.in_force": 10}) if f.rule == "现行有效"]


@pytest.mark.parametrize("text,cell", [
    ("全年共新收政府信息公开申请12件", "t3.new.total"), ("办结申请7件", "t3.total.total"),
    ("结转下年度继续办理2件", "t3.carried_over.total"), ("发生行政复议案件1件", "t4.review.total"),
])
def test_prose_figures_must_match_the_tables(text, cell):
    r = zeros()
    r.subsections[1].text = f"本年度，{text}。"
    found = [f for f in check(r) if f.rule == "正文"]
    assert len(found) == 1 and found[0].cells == (cell,) and found[0].section == "overview"
    assert "「一、总体情况（二）依申请公开」中写" in found[0].message  # heading and subsection as printed
    start, end = found[0].span
    assert found[0].text_key == ("sub", 1, "text") and text.endswith(r.subsections[1].text[start:end])


def test_prose_finding_numbers_subsections_as_printed():
    r = zeros()
    r.subsections[0].title = ""  # an untitled first part is not numbered, so 依申请公开 becomes （一）
    r.subsections[1].title = "（五）依申请公开"  # a number typed by the clerk is replaced, as in the Word file
    r.subsections[1].text = "新收申请3件。"
    r.texts["problems"] = "另：新收申请4件。"
    messages = {f.text_key: f.message for f in check(r) if f.rule == "正文"}
    assert "「一、总体情况（一）依申请公开」" in messages[("sub", 1, "text")]
    assert messages[("section", "problems")].startswith("「五、存在的主要问题及改进情况」中写“新收申请4件”")


def test_prose_that_agrees_is_silent():
    r = zeros()
    r.texts["problems"] = "全年共受理依申请公开0件，收到来信来访13条。" + PROBLEMS
    assert check(r) == []


def test_errors_come_first():
    r = zeros()
    r.set("t3.new.natural", None)
    r.set("t3.carried_in.natural", 1)
    levels = [f.level for f in check(r)]
    assert levels == sorted(levels, key=lambda lv: lv != ERROR) and ERROR in levels and WARNING in levels
