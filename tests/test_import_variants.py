"""Physical shapes real reports give their tables: split tables, a subtotal column, split label cells."""
import pytest

from conftest import DEMO_SAMPLE
from docx_fixtures import grid_table, hand_docx
from export.docx_reader import read_docx
from model import project
from model.values import format_value

ORGS = ("business", "research", "public_interest", "legal_service", "other_org")


@pytest.fixture(scope="module")
def demo():
    return project.load(DEMO_SAMPLE)


def t4_in_two_tables(doc, r):
    """行政复议 and 行政诉讼 as two tables, as some reports print them."""
    v = lambda g, c: format_value(r.value(f"t4.{g}.{c}"))  # noqa: E731
    cols = ("upheld", "corrected", "other", "pending", "total")
    grid_table(doc, 5, [[("行政复议", 5)], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
                        [v("review", c) for c in cols]])
    doc.add_paragraph("")
    grid_table(doc, 10, [[("行政诉讼", 10)], [("未经复议直接起诉", 5), ("复议后起诉", 5)],
                         ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
                         [v(g, c) for g in ("suit_direct", "suit_after_review") for c in cols]])


def t3_with_subtotal_column(doc, r):
    """Table 3 with a 法人或其他组织 小计 column and its two-cell label split: "（二）部分公开" | "（区分处理的…）"."""
    fmt = r.format
    rows = [[("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3), ("申请人情况", 8)],
            [None, "自然人", ("法人或其他组织", 6), "总计"],
            [None, None, "小计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", None]]
    for leaf in fmt.tables["t3"].blocks[0].row_leaves:
        key = ".".join(leaf.keys)
        figures = [r.value(f"t3.{key}.natural"), sum(r.value(f"t3.{key}.{c}") for c in ORGS)]
        figures += [r.value(f"t3.{key}.{c}") for c in ORGS] + [r.value(f"t3.{key}.total")]
        labels = list(leaf.node.label for _ in [0])
        if key == "partial":
            text = leaf.node.label
            cut = text.index("（区分")
            label_cells = [(text[:cut], 1), (text[cut:], 2)]
        else:
            label_cells = [(" ".join(leaf.labels), 3)]
        rows.append(label_cells + [(format_value(x), 1) for x in figures])
        del labels
    grid_table(doc, 11, rows)


def test_two_part_table_four_subtotal_column_and_split_label(tmp_path, demo):
    path = hand_docx(demo, tmp_path / "v.docx", tables={"t4": t4_in_two_tables, "t3": t3_with_subtotal_column})
    result = read_docx(path)
    assert result.report.cells == demo.cells
    assert result.read_tables == ["t2", "t3", "t4"]
    # The subtotal column is said once per row, never read into another column.
    subtotal = [u for u in result.unplaced if "「法人或其他组织」列是小计列" in u]
    assert len(subtotal) == len(demo.format.tables["t3"].blocks[0].row_leaves)
    assert set(result.unplaced) == set(subtotal)
    assert result.total_findings() == []


def test_table_heading_row_inside_table_is_not_content(tmp_path, demo):
    spec = demo.format.tables["t4"]
    extra = {"t4": (0, [("四、政府信息公开行政复议、行政诉讼情况", spec.n_cols)])}
    result = read_docx(hand_docx(demo, tmp_path / "h.docx", extra_rows=extra))
    assert result.unplaced == [] and result.report.cells == demo.cells


@pytest.mark.parametrize("lines, organ, year", [
    (["某某市某某局2023年政府信息公开工作年度报告"], "某某市某某局", 2023),
    (["某某市某某局2023年度政府信息公开工作年度报告"], "某某市某某局", 2023),
    (["2023年度某某县人民政府办公室", "政府信息公开工作年度报告"], "某某县人民政府办公室", 2023),
    (["某某市某某局关于2023年政府信息公开工作年度报告"], "某某市某某局", 2023),
    (["某某市某某局", "2023年政府信息公开工作年度报告"], "某某市某某局", 2023),
    (["某某市某某局政府信息公开工作2023年度报告"], "某某市某某局", 2023),
    (["政府信息公开工作年度报告"], None, None),
])
def test_title_shapes(lines, organ, year):
    from export.docx_reader import _title

    got = _title([(False, t) for t in lines])
    assert got[:2] == (organ, year) and got[2] == len(lines)


def test_headings_and_subsections_numbered_by_word_itself(tmp_path):
    """Word's list numbering keeps "一、" and "（一）" out of the text: the headings must still be found."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document()

    def numbered(text):
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                                               f'<w:numId w:val="1"/></w:numPr>'))

    doc.add_paragraph("某某县某某局2024年政府信息公开工作年度报告")
    numbered("总体情况")
    doc.add_paragraph("2024年，我局认真贯彻条例。")
    numbered("主动公开")
    doc.add_paragraph("全年主动公开信息100条。")
    numbered("依申请公开")
    doc.add_paragraph("全年新收申请3件。")
    numbered("政府信息公开工作存在的主要问题及改进情况")
    doc.add_paragraph("公开意识仍需加强。")
    numbered("其他需要报告的事项")
    doc.add_paragraph("无")
    doc.save(tmp_path / "n.docx")
    r = read_docx(tmp_path / "n.docx").report
    assert r.texts["overview"] == "2024年，我局认真贯彻条例。"
    assert [(s.title, s.text) for s in r.subsections] == [("主动公开", "全年主动公开信息100条。"),
                                                          ("依申请公开", "全年新收申请3件。")]
    assert (r.texts["problems"], r.texts["other"]) == ("公开意识仍需加强。", "无")
