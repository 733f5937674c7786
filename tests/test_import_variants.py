"""Physical shapes real reports give their tables: split tables, a subtotal column, split label cells."""
import pytest

from conftest import DEMO_SAMPLE
from docx_fixtures import grid_table, hand_docx
from reader.docx_reader import read_docx
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
    (["平潭综合实验区2019年", "政府信息公开工作年度报告"], "平潭综合实验区", 2019),
    (["某某县", "2023年度政府信息公开", "工作年度报告"], "某某县", 2023),
    (["政府信息公开工作年度报告", "某某县人民政府办公室", "（2023年度）"], "某某县人民政府办公室", 2023),
    (["来源：某某县", "发布时间：2024-01-05", "某某市某某局2023年", "政府信息公开工作年度报告"], "某某市某某局", 2023),
])
def test_title_shapes(lines, organ, year):
    from reader.report import _title

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


def test_run_in_subsection_headings_keep_the_clerks_text(tmp_path):
    from docx import Document

    doc = Document()
    for line in ("某某县某某局2024年政府信息公开工作年度报告", "一、总体情况",
                 "（一）主动公开。全年主动公开信息100条，其中政策文件（含解读）12条。",
                 "（二）依申请公开方面，全年新收申请3件，均按期答复，没有被复议或起诉的情况发生。",
                 "（三）政府信息管理（含“三定”规定）", "动态调整目录，做到应公开尽公开。",
                 "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                 "五、存在的主要问题及改进情况", "无", "六、其他需要报告的事项", "无"):
        doc.add_paragraph(line)
    doc.save(tmp_path / "r.docx")
    subs = [(s.title, s.text) for s in read_docx(tmp_path / "r.docx").report.subsections]
    assert subs == [("主动公开", "全年主动公开信息100条，其中政策文件（含解读）12条。"),
                    ("", "（二）依申请公开方面，全年新收申请3件，均按期答复，没有被复议或起诉的情况发生。"),
                    ("政府信息管理（含“三定”规定）", "动态调整目录，做到应公开尽公开。")]


def test_old_format_tables_under_a_new_year_say_what_does_not_fit(tmp_path):
    """A 2021 report typed into the 2019 template: what fits is read, the rest is named, nothing is guessed."""
    from docx_fixtures import seed_docx

    result = read_docx(seed_docx(tmp_path / "old.docx"), year=2021)
    r, u = result.report, result.unplaced
    assert r.format.id == "2021" and any("更像 2019 年格式" in n for n in result.notes)
    assert "表二第 3 行「规章」行：表头的栏目「本年新制作数量、本年新公开数量、对外公开总数量」与 2021 年格式的栏目" \
           "（本年制发件数、本年废止件数、现行有效件数）对不上，这一行的数字未导入。" in u
    assert r.cells["t2.rules.issued"] is None  # 本年新制作数量 is not silently taken as 本年制发件数
    assert "表二第 11 行「行政处罚」行「本年增/减」列不是 2021 年格式的栏目，其中的数字未导入。" in u
    assert r.cells["t2.penalty.decisions"] == 2  # 处理决定数量 is 本年处理决定数量
    assert any(m.startswith("表三第 24 行「三、本年度办理结果 （六）其他处理」：2021 年格式中没有这一行本身") for m in u)
    assert not any("「规章」行在文档中没有找到" in m for m in u)  # said once, where it is
    assert r.cells["t3.carried_in.natural"] == 1 and r.cells["t4.suit_direct.other"] == 1


def t2_unmerged(doc, r):
    """Table 2 typed without merging the wide figure cells: 行政许可 | (空) | 1285 | (空)."""
    rows = []
    for layout in r.format.tables["t2"].blocks:
        b = layout.block
        rows.append([(b.title, 4)])
        rows.append([(b.corner, 1)] + [(c.node.label, c.span) for c in layout.col_leaves])
        for leaf in layout.row_leaves:
            cells = [(leaf.node.label, 1)]
            for c in layout.col_leaves:
                text = format_value(r.value("t2." + ".".join(leaf.keys + c.keys)))
                cells += [("", 1), (text, 1), ("", 1)] if c.span == 3 else [(text, 1)]
            rows.append(cells)
    grid_table(doc, 4, rows)


def test_wide_figure_cells_typed_unmerged(tmp_path, demo):
    result = read_docx(hand_docx(demo, tmp_path / "u.docx", tables={"t2": t2_unmerged}))
    assert result.unplaced == [] and result.report.cells == demo.cells


def test_table_four_left_entirely_blank(tmp_path, demo):
    report = project.load(DEMO_SAMPLE)
    for cid in [c for c in report.cells if c.startswith("t4.")]:
        report.set(cid, None)
    result = read_docx(hand_docx(report, tmp_path / "b.docx"))
    assert result.unplaced == [] and "t4" in result.read_tables
    assert all(result.report.cells[c] is None for c in result.report.cells if c.startswith("t4."))


def test_shortened_renumbered_labels_in_a_word_file(tmp_path, demo):
    """The same shortened labels as on web pages (test_import_html), typed into a .docx: each into its row."""
    from test_import_html import SHORTENED

    result = read_docx(hand_docx(demo, tmp_path / "short.docx", labels=SHORTENED))
    assert result.report.cells == demo.cells and result.unplaced == [], result.unplaced
    assert sum("按编号、位置和文字读作" in n for n in result.notes) == 2, result.notes
    ambiguous = read_docx(hand_docx(demo, tmp_path / "amb.docx", labels=dict(SHORTENED, **{"（六）其他处理": ""})))
    assert any("可能是格式中的「2.其他法律行政法规禁止公开」或「3.其他」" in m for m in ambiguous.unplaced)
