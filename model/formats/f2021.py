"""格式 2021: 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 (report years 2021 on)."""
from ..declaration import Block, FormatDecl, InForceRule, Kind, ProseFigure, Table, node
from .common import (_N, BALANCE, CARRY, EVALUATION, PROSE_FIGURES, T3_COLUMNS, T3_CORNER, T4_COLUMNS, sections,
                     t3_rows)

_DECISIONS = (node("本年处理决定数量", "decisions"),)

DECL = FormatDecl(
    id="2021",
    title="中华人民共和国政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）",
    years=(2021, 9999),
    sections=sections(other_hint="按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）说明本年度收取信息处理费"
                                 "的情况，如“全年收取信息处理费0元”；没有其他事项的写“无”。"),
    tables=(
        Table("t2", "表二", (
            Block(title="第二十条第（一）项", corner="信息内容",
                  columns=(node("本年制发件数", "issued"), node("本年废止件数", "repealed"),
                           node("现行有效件数", "in_force")),
                  rows=(node("规章", "rules"), node("行政规范性文件", "normative"))),
            Block(title="第二十条第（五）项", corner="信息内容", columns=_DECISIONS,
                  rows=(node("行政许可", "license"),)),
            Block(title="第二十条第（六）项", corner="信息内容", columns=_DECISIONS,
                  rows=(node("行政处罚", "penalty"), node("行政强制", "coercion"))),
            Block(title="第二十条第（八）项", corner="信息内容",
                  columns=(node("本年收费金额（单位：万元）", "amount"),),
                  rows=(node("行政事业性收费", "fees"),), kind=Kind.AMOUNT, unit="万元"),
        ), width=4),
        Table("t3", "表三", (Block(corner=T3_CORNER, columns=T3_COLUMNS, rows=t3_rows(
            node("（六）其他处理", "other",
                 node("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "no_correction"),
                 node("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "unpaid_fee"),
                 node("3.其他", "other")))),)),
        Table("t4", "表四", (Block(columns=T4_COLUMNS),)),
    ),
    balance=BALANCE,
    carry=CARRY,
    in_force=InForceRule("t2", rows=("rules", "normative"), in_force="in_force", issued="issued",
                         repealed="repealed"),
    # 2021 prints 本年废止件数: prose quoting it must agree too.
    prose_figures=PROSE_FIGURES + (
        ProseFigure(r"废止(?:行政)?规范性文件(?:共)?" + _N, "t2.normative.repealed", "行政规范性文件本年废止件数"),),
    # 国办函〔2020〕109号: 六 states the 信息处理费 collected; table 3 counts applications dropped for unpaid fees.
    evaluation=EVALUATION._replace(fee_words=r"信息处理费", unpaid_fee_cell="t3.other.unpaid_fee.total"),
)
