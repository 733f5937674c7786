"""Reading published .docx reports written by hand: the seed, a 2021 report with drift, wrong and blank totals."""
import datetime as dt

import pytest

from conftest import DEMO_SAMPLE, SEED_SAMPLE
from docx_fixtures import hand_docx, messy_value, seed_docx
from reader.docx_reader import read_docx
from model import project
from model.checker import check


def same_content(got, expected):
    """Figures, texts and subsections equal (the test's notion of "reads back the same")."""
    assert got.format.id == expected.format.id
    assert got.cells == expected.cells
    assert got.texts == expected.texts
    assert [(s.title, s.text) for s in got.subsections] == [(s.title, s.text) for s in expected.subsections]
    assert got.units == expected.units


@pytest.fixture(scope="module")
def demo():
    return project.load(DEMO_SAMPLE)


@pytest.fixture(scope="module")
def seed():
    return project.load(SEED_SAMPLE)


def test_seed_report_reads_as_its_text_shows(tmp_path, seed):
    result = read_docx(seed_docx(tmp_path / "开封.docx"))
    r = result.report
    same_content(r, seed)
    assert (r.meta.organ, r.meta.year) == ("开封市商务局", 2019)
    # The seed's typos ("上年政府信息公开申请数量", "只记这一情形", "以获取信息", corner "家") still place their rows.
    assert r.cells["t3.carried_in.natural"] == 1
    assert r.cells["t3.not_processed.confirm_existing.natural"] == 0
    assert r.cells["t3.partial.natural"] == 0 and r.cells["t2.penalty.decisions"] == 2
    assert r.cells["t4.suit_direct.other"] == 1
    assert result.unplaced == [] and result.read_tables == ["t2", "t3", "t4"] and result.complete
    # Totals the document printed are kept as reported; they agree, so only the real 勾稽 errors remain.
    assert r.reported == seed.reported
    assert [f.rule for f in check(r) if f.level == "error"] == ["勾稽", "勾稽"]
    # Year and organ were guessed from the text: the clerk is asked to confirm.
    assert any("2019" in n for n in result.notes) and any("开封市商务局" in n for n in result.notes)


def test_hand_typed_2021_report_with_drift(tmp_path, demo):
    path = hand_docx(demo, tmp_path / "2025.docx", numbering="、", blank_row_after=12, value_text=messy_value,
                     headings={"appeals": "四、政府信息公开行政复议和行政诉讼情况",
                               "problems": "五、政府信息公开工作存在的主要问题及改进情况"})
    result = read_docx(path)
    r = result.report
    same_content(r, demo)
    assert (r.meta.organ, r.meta.year, r.meta.date) == ("示例市示例局", 2025, dt.date(2026, 1, 20))
    assert result.unplaced == [] and result.complete
    assert r.cells["t3.new.natural"] == 24 and r.cells["t2.license.decisions"] == 1285
    assert str(r.cells["t2.fees.amount"]) in ("96.5", "96.50")
    assert r.reported["t3.total.total"] == demo.value("t3.total.total")
    assert check(r) == check(demo) or [f for f in check(r) if f.level == "error"] == []


def test_blank_totals_stay_unreported(tmp_path, demo):
    result = read_docx(hand_docx(demo, tmp_path / "blank.docx", blank_totals=True))
    same_content(result.report, demo)
    assert result.report.reported == {}  # nothing printed, nothing to compare; sums are derived
    assert result.report.value("t3.total.total") == demo.value("t3.total.total")
    assert result.unplaced == []


def test_wrong_grand_total_is_kept_with_both_figures(tmp_path, demo):
    computed = demo.value("t3.total.natural")
    path = hand_docx(demo, tmp_path / "wrong.docx", totals={"t3.total.natural": str(computed + 4)})
    result = read_docx(path)
    r = result.report
    same_content(r, demo)
    assert r.reported["t3.total.natural"] == computed + 4  # never silently "fixed"
    assert r.value("t3.total.natural") == computed
    totals = [f for f in check(r) if f.rule == "总计"]
    assert len(totals) == 1 and f"原文填写 {computed + 4}，按各项相加应为 {computed}" in totals[0].message
    assert "表三「（七）总计」行「自然人」列" in totals[0].message
    assert totals[0].message in result.summary()
    assert result.total_findings() == totals


def test_split_table_two_and_joined_label_column(tmp_path, demo, seed):
    for report, name in ((demo, "d.docx"), (seed, "s.docx")):
        result = read_docx(hand_docx(report, tmp_path / name, split_t2=True, join_labels=True, numbering="、"))
        same_content(result.report, report)
        assert result.unplaced == [], result.unplaced


def test_format_follows_the_title_year_or_the_tables(tmp_path, seed, demo):
    assert read_docx(hand_docx(seed, tmp_path / "a.docx")).report.format.id == "2019"
    # No year anywhere: the tables' labels decide (2019 has 本年新制作数量, 政府集中采购 ...).
    r = read_docx(hand_docx(seed, tmp_path / "b.docx", title="政府信息公开工作年度报告", signature=False,
                            headings={"overview": "一、总体情况"}))
    assert r.report.format.id == "2019"
    no_year = dict(title="政府信息公开工作年度报告", signature=False)
    assert read_docx(hand_docx(demo, tmp_path / "c.docx", **no_year)).report.format.id == "2021"
    # The caller's year wins.
    assert read_docx(tmp_path / "a.docx", year=2020).report.meta.year == 2020


def test_what_cannot_be_placed_is_said_exactly(tmp_path, demo):
    extra = {"t3": (27, [("（三）不予公开小计", 3)] + [("0", 1)] * 7),
             "t2": (3, [("某某事项", 1), ("5", 1), ("1", 1), ("2", 1)])}
    value = lambda v, cid: "约3" if cid == "t3.granted.business" else messy_value(v, cid)  # noqa: E731
    result = read_docx(hand_docx(demo, tmp_path / "odd.docx", extra_rows=extra, value_text=value))
    u = result.unplaced
    assert "表二第 4 行「某某事项」未能对应到格式中的任何一行，其中的数字（5、1、2）未导入。" in u
    assert any(m.startswith("表三第 28 行「（三）不予公开小计」：2021 年格式中没有这一行本身，只列其下各分项（1.属于国家秘密、")
               and m.endswith("），这一行的数字未导入。") for m in u), u
    assert any("「（一）予以公开」行「商业企业」列的「约3」无法识别" in m for m in u), u
    assert result.report.cells["t3.granted.business"] is None  # not read as 0
    assert not result.complete and "未能导入的内容（3 处）" in result.summary()


def test_missing_table_and_section_are_reported(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("某某县某某局2024年政府信息公开工作年度报告")
    doc.add_paragraph("一、总体情况")
    doc.add_paragraph("（一）主动公开")
    doc.add_paragraph("全年主动公开信息100条。")
    doc.add_paragraph("五、存在的主要问题及改进情况")
    doc.add_paragraph("问题不少。")
    doc.save(tmp_path / "short.docx")
    result = read_docx(tmp_path / "short.docx")
    r = result.report
    assert (r.meta.organ, r.meta.year, r.format.id) == ("某某县某某局", 2024, "2021")
    assert [(s.title, s.text) for s in r.subsections] == [("主动公开", "全年主动公开信息100条。")]
    assert r.texts["problems"] == "问题不少。"
    assert "没有找到表三（收到和处理政府信息公开申请情况），其中的数字保持空白。" in result.unplaced
    assert "没有找到「六、其他需要报告的事项」这一部分的标题，这部分内容未导入。" in result.unplaced
    assert result.read_tables == [] and all(v is None for v in r.cells.values())
