"""Pieces the 2019 and 2021 formats print identically: sections, table 3's frame, table 4, the rules.

A later format may reuse them or declare its own; nothing outside model/formats spells a label.
"""
from __future__ import annotations

from ..declaration import (Balance, CarryRule, Evaluation, KeyFigure, Kind, Node, ProseFigure, Ratio, Section,
                           node)

OVERVIEW_TOPICS = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")


def sections(other_hint: str = "") -> tuple[Section, ...]:
    return (
        Section("overview", "一、总体情况", default_subsections=OVERVIEW_TOPICS,
                hint="按主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面概述，小标题可增删改。"),
        Section("proactive", "二、主动公开政府信息情况", table="t2"),
        Section("applications", "三、收到和处理政府信息公开申请情况", table="t3",
                hint="部分公开（区分处理的）的申请只计入“（二）部分公开”，不再计入其他情形。"),
        Section("appeals", "四、政府信息公开行政复议、行政诉讼情况", table="t4"),
        Section("problems", "五、存在的主要问题及改进情况",
                hint="写明本年度存在的主要问题、改进措施，以及上年度问题的整改情况。"),
        Section("other", "六、其他需要报告的事项", hint=other_hint),
    )


T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

T3_COLUMNS = (
    node("申请人情况", None,
         node("自然人", "natural"),
         node("法人或其他组织", None,
              node("商业企业", "business"),
              node("科研机构", "research"),
              node("社会公益组织", "public_interest"),
              node("法律服务机构", "legal_service"),
              node("其他", "other_org")),
         node("总计", "total", total=True)),
)


def t3_rows(other: Node) -> tuple[Node, ...]:
    """Table 3's rows; `other` is （六）其他处理, the one row the two formats print differently."""
    return (
        node("一、本年新收政府信息公开申请数量", "new", short="新收"),
        node("二、上年结转政府信息公开申请数量", "carried_in", short="上年结转"),
        node("三、本年度办理结果", None,
             node("（一）予以公开", "granted"),
             node("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"),
             node("（三）不予公开", "refused",
                  node("1.属于国家秘密", "secret"),
                  node("2.其他法律行政法规禁止公开", "law_forbidden"),
                  node("3.危及“三安全一稳定”", "three_safety"),
                  node("4.保护第三方合法权益", "third_party"),
                  node("5.属于三类内部事务信息", "internal"),
                  node("6.属于四类过程性信息", "process"),
                  node("7.属于行政执法案卷", "enforcement_file"),
                  node("8.属于行政查询事项", "inquiry")),
             node("（四）无法提供", "unable",
                  node("1.本机关不掌握相关政府信息", "not_held"),
                  node("2.没有现成信息需要另行制作", "need_create"),
                  node("3.补正后申请内容仍不明确", "unclear")),
             node("（五）不予处理", "not_processed",
                  node("1.信访举报投诉类申请", "petition"),
                  node("2.重复申请", "repeated"),
                  node("3.要求提供公开出版物", "publication"),
                  node("4.无正当理由大量反复申请", "mass_repeated"),
                  node("5.要求行政机关确认或重新出具已获取信息", "confirm_existing")),
             other,
             node("（七）总计", "total", total=True, short="办理总计")),
        node("四、结转下年度继续办理", "carried_over", short="结转下年度"),
    )


def _result_group(label: str, key: str) -> Node:
    return node(label, key,
                node("结果维持", "upheld"), node("结果纠正", "corrected"), node("其他结果", "other"),
                node("尚未审结", "pending"), node("总计", "total", total=True))


T4_COLUMNS = (
    _result_group("行政复议", "review"),
    node("行政诉讼", None,
         _result_group("未经复议直接起诉", "suit_direct"),
         _result_group("复议后起诉", "suit_after_review")),
)

BALANCE = Balance("t3", left=("new", "carried_in"), right=("total", "carried_over"))
CARRY = (CarryRule("t3", row="carried_in", from_row="carried_over"),)

# What prose commonly quotes, in the wording reports use; a match must agree with the table.
_N = r"[：:]?\s*(\d+)\s*(?:件|个|起)"
PROSE_FIGURES = (
    ProseFigure(r"(?:新收|收到|受理)(?:各类)?(?:政府信息公开|依申请公开)?(?:申请)?(?:共|总计|合计)?" + _N,
                "t3.new.total", "本年新收申请"),
    ProseFigure(r"办结(?:政府信息公开|依申请公开)?(?:申请)?(?:共|总计|合计)?" + _N, "t3.total.total", "办理总计"),
    ProseFigure(r"结转(?:至)?下(?:一)?年度?(?:继续办理)?(?:申请)?(?:共)?" + _N, "t3.carried_over.total",
                "结转下年度"),
    ProseFigure(r"行政复议(?:案件)?(?:共)?" + _N, "t4.review.total", "行政复议总计"),
    ProseFigure(r"行政诉讼(?:案件)?(?:共)?" + _N, "t4.suit_direct.total", "行政诉讼总计（未经复议直接起诉 + 复议后起诉）",
                also=("t4.suit_after_review.total",)),
    ProseFigure(r"(?<!不)予以公开(?:的)?(?:申请)?(?:共)?" + _N, "t3.granted.total", "予以公开总计"),
    ProseFigure(r"(?<!不)部分公开(?:的)?(?:申请)?(?:共)?" + _N, "t3.partial.total", "部分公开总计"),
    ProseFigure(r"(?:制发|印发|出台|制定)(?:行政)?规范性文件(?:共)?" + _N, "t2.normative.issued", "规范性文件本年制发件数"),
    ProseFigure(r"(?:作出)?行政处罚(?:决定|案件)?(?:共)?" + _N, "t2.penalty.decisions", "行政处罚处理决定数量"),
)

# 同比变化: the figures a superior compares with last year's (ids shared by both formats).
KEY_FIGURES = (
    KeyFigure("新收申请", ("t3.new.total",)),
    KeyFigure("办理总计", ("t3.total.total",)),
    KeyFigure("行政许可处理决定", ("t2.license.decisions",)),
    KeyFigure("行政处罚处理决定", ("t2.penalty.decisions",)),
    KeyFigure("行政复议", ("t4.review.total",)),
    KeyFigure("行政诉讼", ("t4.suit_direct.total", "t4.suit_after_review.total")),
)

RATIOS = (
    Ratio("实质公开率", ("t3.granted.total", "t3.partial.total"), ("t3.total.total",), "（予以公开 + 部分公开）÷ 办理总计"),
    Ratio("复议纠错率", ("t4.review.corrected",), ("t4.review.total",), "结果纠正 ÷ 行政复议总计"),
)

# 审核下级单位年报: the figures compared across units (model/review.py).
REVIEW_FIGURES = (
    KeyFigure("新收", ("t3.new.total",)),
    KeyFigure("上年结转", ("t3.carried_in.total",)),
    KeyFigure("办理总计", ("t3.total.total",)),
    KeyFigure("结转下年度", ("t3.carried_over.total",)),
    KeyFigure("行政复议", ("t4.review.total",)),
    KeyFigure("行政诉讼", ("t4.suit_direct.total", "t4.suit_after_review.total")),
)

EVALUATION = Evaluation(key_figures=KEY_FIGURES, ratios=RATIOS, review_figures=REVIEW_FIGURES)

__all__ = ["Kind", "sections", "T3_CORNER", "T3_COLUMNS", "t3_rows", "T4_COLUMNS", "BALANCE", "CARRY",
           "PROSE_FIGURES", "KEY_FIGURES", "RATIOS", "EVALUATION"]
