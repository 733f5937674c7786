"""Write a demo document that exercises every export.docx_layout helper, for rendering by eye."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from export.docx_layout import (Fonts, add_body, add_grid_table, add_heading1,  # noqa: E402
                                add_heading2, add_signature, add_title, keep_rows_whole, merge,
                                new_document, repeat_header_rows, set_cell_text,
                                set_vertical_text)

BODY = ("本年度，本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国"
        "政府信息公开条例》，围绕中心工作，持续深化政务公开，全年主动公开政府信息1234条，"
        "其中规范性文件56件，受理政府信息公开申请78件，办结率100%，切实保障人民群众知情权、"
        "参与权、表达权和监督权。")


def build(path: Path, fonts: Fonts = Fonts()) -> Path:
    """Build the demo document at path."""
    doc = new_document(fonts)
    add_title(doc, "某某市某某区人民政府办公室2026年政府信息公开工作年度报告")
    add_body(doc, "本报告由某某市某某区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。")
    add_heading1(doc, "一、总体情况")
    add_heading2(doc, "（一）主动公开")
    for _ in range(3):
        add_body(doc, BODY)
    add_heading1(doc, "二、收到和处理政府信息公开申请情况")
    table3(doc)
    add_heading1(doc, "三、政府信息公开行政复议、行政诉讼情况")
    table4(doc)
    add_body(doc, BODY)
    add_signature(doc, "某某市某某区人民政府办公室", "2027年1月5日")
    doc.save(path)
    return path


def table3(doc) -> None:
    """A 10-column table with a 3-row merged header, like the official table 3."""
    widths = [10, 22, 38] + [12.2] * 7  # 155.4 mm
    t = add_grid_table(doc, 3 + 12, 10, widths, 9)
    merge(t, 0, 0, 2, 2, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    merge(t, 0, 3, 0, 9, "申请人情况")
    merge(t, 1, 3, 2, 3, "自然人")
    merge(t, 1, 4, 1, 8, "法人或其他组织")
    merge(t, 1, 9, 2, 9, "总计")
    for c, label in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], 4):
        set_cell_text(t.cell(2, c), label)
    merge(t, 3, 0, 3, 2, "一、本年新收政府信息公开申请数量", align="left")
    merge(t, 4, 0, 4, 2, "二、上年结转政府信息公开申请数量", align="left")
    side = merge(t, 5, 0, 14, 0, "三、本年度办理结果")
    set_vertical_text(side)
    labels = ["（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理",
              "（六）其他处理", "（七）总计", "四、结转下年度继续办理", "合计", "备注"]
    for r, label in enumerate(labels, 5):
        merge(t, r, 1, r, 2, label, align="left")
        for c in range(3, 10):
            set_cell_text(t.cell(r, c), str(r * c))
    repeat_header_rows(t, 3)
    keep_rows_whole(t)


def table4(doc) -> None:
    """A 15-column table with a 2-row merged header, like the official table 4."""
    t = add_grid_table(doc, 4, 15, [10.4] * 15, 9)
    merge(t, 0, 0, 0, 4, "行政复议")
    merge(t, 0, 5, 0, 9, "行政诉讼（未经复议）")
    merge(t, 0, 10, 0, 14, "行政诉讼（复议后起诉）")
    for c in range(15):
        set_cell_text(t.cell(1, c), ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"][c % 5])
        set_cell_text(t.cell(2, c), str(c))
    merge(t, 3, 0, 3, 14, "注：本表数据截至2026年12月31日。", align="left")
    repeat_header_rows(t, 2)
    keep_rows_whole(t)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gknb-demo.docx")
    print(build(out, Fonts.FALLBACK if "--fallback" in sys.argv else Fonts()))
