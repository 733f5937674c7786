"""格式 2019: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号 (report years 2019–2020)."""
from ..declaration import Block, FormatDecl, Kind, Table, node
from .common import (BALANCE, CARRY, EVALUATION, PROSE_FIGURES, T3_COLUMNS, T3_CORNER, T4_COLUMNS, sections,
                     t3_rows)

_ITEMS = (node("上一年项目数量", "prior_items"), node("本年增/减", "change", kind=Kind.SIGNED))

DECL = FormatDecl(
    id="2019",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）（国办公开办函〔2019〕60号）",
    years=(2019, 2020),
    sections=sections(),
    tables=(
        Table("t2", "表二", (
            Block(title="第二十条第（一）项", corner="信息内容",
                  columns=(node("本年新制作数量", "issued"), node("本年新公开数量", "published"),
                           node("对外公开总数量", "public_total")),
                  rows=(node("规章", "rules"), node("规范性文件", "normative"))),
            Block(title="第二十条第（五）项", corner="信息内容",
                  columns=_ITEMS + (node("处理决定数量", "decisions"),),
                  rows=(node("行政许可", "license"), node("其他对外管理服务事项", "other_service"))),
            Block(title="第二十条第（六）项", corner="信息内容",
                  columns=_ITEMS + (node("处理决定数量", "decisions"),),
                  rows=(node("行政处罚", "penalty"), node("行政强制", "coercion"))),
            Block(title="第二十条第（八）项", corner="信息内容", columns=_ITEMS,
                  rows=(node("行政事业性收费", "fees"),)),
            Block(title="第二十条第（九）项", corner="信息内容",
                  columns=(node("采购项目数量", "projects"),
                           node("采购总金额", "amount", kind=Kind.AMOUNT, units=("元", "万元"))),
                  rows=(node("政府集中采购", "procurement"),)),
        )),
        Table("t3", "表三", (Block(corner=T3_CORNER, columns=T3_COLUMNS,
                                   rows=t3_rows(node("（六）其他处理", "other"))),)),
        Table("t4", "表四", (Block(columns=T4_COLUMNS),)),
    ),
    balance=BALANCE,
    carry=CARRY,
    prose_figures=PROSE_FIGURES,
    evaluation=EVALUATION,
)
