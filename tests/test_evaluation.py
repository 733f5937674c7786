"""The evaluators' rules (文字重复, 问题简略/上年整改, 信息处理费, 同比变化, 正文 beyond the four figures),
the ratios and the deadline: each on both sides of its threshold, in both formats, with and without last year."""
import datetime as dt

import pytest

from model import project
from model.checker import INFO, WARNING, check
from model.indicators import deadline, ratios
from model.report import Baseline, start_from_last
from test_checker import FEE, PROBLEMS, zeros

YEARS = [2020, 2025]  # the 2019 format, the 2021 format


def of(findings, rule):
    return [f for f in findings if f.rule == rule]


# ---- 五、存在的主要问题及改进情况 -------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("text, said", [("", "未填写"), ("无", "只写了“无”"), ("暂无。", "只写了“暂无。”"),
                                        ("工作还有不足，下一步改进。", "只有 11 个字")])
def test_problems_empty_none_or_a_few_words(year, text, said):
    r = zeros(year)
    r.texts["problems"] = text
    [f] = of(check(r), "问题简略")
    assert f.level == WARNING and said in f.message and f.section == "problems"
    assert not of(check(r), "上年整改")


@pytest.mark.parametrize("year", YEARS)
def test_problems_threshold_is_thirty_characters(year):
    r = zeros(year)
    r.texts["problems"] = "上年度" + "问" * 26  # 29 characters
    assert of(check(r), "问题简略")
    r.texts["problems"] = "上年度" + "问" * 27 + "。"  # 30, punctuation not counted
    assert not of(check(r), "问题简略") and not of(check(r), "上年整改")


@pytest.mark.parametrize("year", YEARS)
def test_problems_without_a_word_on_last_year(year):
    r = zeros(year)
    r.texts["problems"] = "政策解读形式较为单一，图解、视频等解读方式运用不够。下一步将丰富解读形式，做到同步起草、同步发布。"
    [f] = of(check(r), "上年整改")
    assert f.level == INFO and "上年度问题的整改情况" in f.message
    r.texts["problems"] += "去年提出的问题已经全部整改到位。"
    assert not of(check(r), "上年整改")


# ---- 六、信息处理费 (2021 only) ------------------------------------------------------------------------

def test_fee_statement_is_asked_only_by_the_2021_format():
    r = zeros(2020)
    r.texts["other"] = "无"
    assert not of(check(r), "信息处理费")


@pytest.mark.parametrize("text, level, said", [
    ("本年度无其他需要报告的事项，严格落实各项规定。", WARNING, "没有说明信息处理费的收取情况"),
    ("无", INFO, "只写了“无”"), ("", INFO, "未填写")])
def test_fee_statement_missing_with_no_unpaid_fees(text, level, said):
    r = zeros(2025)
    r.texts["other"] = text
    [f] = of(check(r), "信息处理费")
    assert f.level == level and said in f.message and "国办函〔2020〕109号" in f.message


@pytest.mark.parametrize("text, said", [("无", "只写了“无”"), ("本年度无其他事项。", "没有说明信息处理费")])
def test_fee_statement_missing_while_table_3_drops_unpaid_applications(text, said):
    r = zeros(2025)
    r.texts["other"] = text
    r.set("t3.other.unpaid_fee.natural", 2)
    [f] = of(check(r), "信息处理费")
    assert f.level == WARNING and "为 2 件" in f.message and said in f.message
    assert f.cells == ("t3.other.unpaid_fee.total",)
    r.texts["other"] = FEE
    assert not of(check(r), "信息处理费")


# ---- 同比变化 -----------------------------------------------------------------------------------------

def with_last(r, **figures):
    r.baseline = Baseline(r.meta.year - 1, dict(figures))
    return r


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("before, now, jumps", [
    (12, 96, True), (12, 60, False), (12, 61, True), (10, 2, False), (10, 1, True),
    (0, 10, True), (0, 9, False), (9, 1, False), (2, 9, False), (50, 9, True), (50, 10, False)])
def test_penalty_jumps_more_than_five_times_or_under_a_fifth(year, before, now, jumps):
    r = zeros(year)
    r.set("t2.penalty.decisions", now)
    with_last(r, **{"t2.penalty.decisions": before})
    found = of(check(r), "同比变化")
    assert bool(found) == jumps
    if jumps:
        assert found[0].level == WARNING and f"由{year - 1}年的 {before} 件变为本年的 {now} 件" in found[0].message
        assert found[0].cells == ("t2.penalty.decisions",)


def test_jumps_need_last_year():
    r = zeros()
    r.set("t2.penalty.decisions", 96)
    assert not of(check(r), "同比变化")
    assert of(check(r, {"t2.penalty.decisions": 12}), "同比变化")  # --last's figures


@pytest.mark.parametrize("year", YEARS)
def test_every_key_figure_is_compared(year):
    r = zeros(year)
    r.set("t3.new.natural", 100)
    r.set("t3.granted.natural", 100)
    r.set("t2.license.decisions", 1)
    r.set("t4.review.upheld", 30)
    r.set("t4.suit_direct.upheld", 3)
    r.set("t4.suit_after_review.upheld", 4)
    with_last(r, **{"t3.new.total": 10, "t3.total.total": 10, "t2.license.decisions": 50,
                    "t4.review.total": 5, "t4.suit_direct.total": 1, "t4.suit_after_review.total": 1})
    names = [f.message.split("由")[0] for f in of(check(r), "同比变化")]
    assert names == ["新收申请", "办理总计", "行政许可处理决定", "行政复议"]  # 行政诉讼 7 vs 2: both under 10
    r.set("t4.suit_after_review.upheld", 8)  # 11 vs 2
    assert "行政诉讼" in [f.message.split("由")[0] for f in of(check(r), "同比变化")]


# ---- 正文与表格 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("text, cell, value", [
    ("行政诉讼案件共5件。", "t4.suit_direct.upheld", 4),
    ("予以公开12件，", "t3.granted.natural", 11),
    ("部分公开3件。", "t3.partial.natural", 2),
    ("全年制发规范性文件6件。", "t2.normative.issued", 5),
    ("作出行政处罚96件。", "t2.penalty.decisions", 95)])
def test_more_prose_figures_must_match_the_tables(year, text, cell, value):
    r = zeros(year)
    r.set(cell, value)
    r.subsections[0].text = text
    [f] = of(check(r), "正文")
    assert f"为 {value}" in f.message and f.text_key == ("sub", 0, "text")
    r.set(cell, value + 1)
    assert not of(check(r), "正文")


def test_litigation_is_both_columns_and_not_publicly_refused():
    r = zeros()
    r.set("t4.suit_direct.upheld", 2)
    r.set("t4.suit_after_review.corrected", 3)
    r.subsections[0].text = "行政诉讼5件，不予公开2件。"
    assert not of(check(r), "正文")


def test_repealed_figures_are_quoted_only_in_the_2021_format():
    for year, expected in ((2020, 0), (2025, 1)):
        r = zeros(year)
        r.subsections[0].text = "废止规范性文件3件。"
        assert len(of(check(r), "正文")) == expected


# ---- 文字重复 -------------------------------------------------------------------------------------------

OLD = ("我局坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，主动公开政府信息一百二十条。"
       "依申请公开方面，严格按照条例规定的期限答复申请人，做到件件有回音，全年未发生因答复超期引发的复议诉讼。") * 3
NEW = ("本年度围绕优化营商环境，集中公开涉企政策四十项，编印政策汇编两册，在政务大厅设置查阅点五处。"
       "针对群众关心的教育、医疗、养老问题，开展政策解读十二场，线上答复咨询三百余人次，满意率明显提高。") * 3


def last_year_of(r, texts):
    last = zeros(r.meta.year - 1)
    for k, v in texts.items():
        last.texts[k] = v
    r.baseline = Baseline.of(last)
    return last


@pytest.mark.parametrize("year", YEARS)
def test_a_report_repeating_last_years_is_warned_with_the_section_and_passages(year):
    r = zeros(year)
    r.texts["overview"] = OLD
    last_year_of(r, {"overview": OLD})
    found = of(check(r), "文字重复")
    whole, section = found
    assert whole.level == WARNING and whole.subject == "全文" and "超过 50%" in whole.message
    assert section.section == "overview" and "重复的段落如“我局坚持" in section.message
    # 六 (one sentence, repeated) is counted in the whole, never flagged alone
    assert not [f for f in found if f.section == "other"]


@pytest.mark.parametrize("year", YEARS)
def test_a_rewritten_report_is_told_its_share_only(year):
    r = zeros(year)
    r.texts["overview"] = NEW
    last_year_of(r, {"overview": OLD})
    [f] = of(check(r), "文字重复")
    assert f.level == INFO and "与" in f.message


def test_half_and_half_around_the_threshold():
    r = zeros()
    last_year_of(r, {"overview": OLD})
    r.texts["overview"] = OLD[: len(OLD) // 3] + NEW  # about a third repeated
    [f] = of(check(r), "文字重复")
    assert f.level == INFO
    r.texts["overview"] = OLD + NEW[: len(NEW) // 3]  # about three quarters
    assert [f.level for f in of(check(r), "文字重复")] == [WARNING, WARNING]


def test_a_short_repeated_section_is_not_flagged_alone():
    r = zeros()
    r.texts["overview"] = NEW
    last_year_of(r, {"overview": OLD, "problems": PROBLEMS, "other": FEE})
    found = of(check(r), "文字重复")
    assert [f.subject for f in found] == ["全文"] and found[0].level == INFO


def test_repetition_needs_last_years_texts():
    r = zeros()
    r.texts["overview"] = OLD
    assert not of(check(r), "文字重复")  # no baseline
    r.baseline = Baseline(2024, {"t3.new.total": 1})  # a schema-1 baseline: figures only
    assert not of(check(r), "文字重复")


def test_start_from_last_and_last_report_keep_the_texts():
    last = zeros(2024)
    last.texts["overview"] = OLD
    new = start_from_last(last)
    assert new.baseline.texts["overview"].startswith(OLD + "\n主动公开")  # intro, then each subsection
    new.texts["overview"] = OLD
    assert of(check(new), "文字重复")
    new.baseline = None
    assert of(check(new, last), "文字重复")  # --last gives the texts too
    kept = start_from_last(last).baseline.texts
    assert project.loads(project.dumps(start_from_last(last))).baseline.texts == kept


# ---- ratios and deadline -------------------------------------------------------------------------------

def test_ratios():
    r = zeros()
    r.set("t3.new.natural", 10)
    r.set("t3.granted.natural", 6)
    r.set("t3.partial.natural", 2)
    r.set("t3.unable.not_held.natural", 2)
    r.set("t4.review.upheld", 3)
    r.set("t4.review.corrected", 1)
    rates = {x.name: x for x in ratios(r)}
    assert rates["实质公开率"].value == 0.8 and "80.0%" in rates["实质公开率"].text
    assert rates["复议纠错率"].value == 0.25
    assert ratios(zeros())[0].value is None and "—" in ratios(zeros())[0].text


@pytest.mark.parametrize("organ, due", [("某市商务局", dt.date(2026, 1, 31)), ("某市人民政府", dt.date(2026, 3, 31)),
                                        ("某县某镇人民政府", dt.date(2026, 3, 31)),
                                        ("某市人民政府办公室", dt.date(2026, 1, 31))])
def test_deadline_by_kind_of_organ(organ, due):
    r = zeros(2025, organ)
    d = deadline(r, dt.date(2026, 1, 1))
    assert d.date == due and d.days_left == (due - dt.date(2026, 1, 1)).days
    assert f"还有 {d.days_left} 天" in d.text
    assert "已过 1 天" in deadline(r, due + dt.timedelta(days=1)).text
    assert "就是今天" in deadline(r, due).text


def test_typing_in_a_table_does_not_redo_the_repetition_measure():
    import time

    from test_repetition import _report

    r = zeros()
    last_year_of(r, {"overview": _report(1), "problems": PROBLEMS})
    r.texts["overview"] = _report(1)[:2500] + _report(2)[:2500]
    check(r)  # the measure, once
    start = time.perf_counter()
    for n in range(20):
        r.set("t3.new.natural", n)
        found = check(r)
    each = (time.perf_counter() - start) / 20
    assert of(found, "文字重复") and each < 0.005, f"{each * 1000:.2f} ms a keystroke"


def test_a_repeated_passage_is_located_in_its_subsection():
    r = zeros()
    r.texts["overview"] = "本年度工作概述如下。"
    r.subsections[1].text = NEW + OLD
    last_year_of(r, {"overview": OLD})
    [f] = [f for f in of(check(r), "文字重复") if f.section == "overview"]
    assert f.text_key == ("sub", 1, "text")
    a, b = f.span
    assert r.subsections[1].text[a:b].startswith("我局坚持以公开为常态") and b <= len(r.subsections[1].text)
