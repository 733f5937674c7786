"""The Excel export's 审核 sheet: every finding, its level, place, note and state; notes written as text;
the Word report carries none of it."""
import openpyxl

from export.excel import REVIEW_HEADER, build_workbook, write_xlsx
from export.word import write_docx
from model.checker import check
from model.report import Baseline
from test_checker import zeros


def reviewed():
    r = zeros()
    r.set("t2.penalty.decisions", 96)
    r.baseline = Baseline(2024, {"t2.penalty.decisions": 12})
    r.cells["t3.new.natural"] = -1  # a 类型 error (and the 勾稽 it breaks)
    r.invalidate()
    jump = next(f for f in check(r) if f.rule == "同比变化")
    error = next(f for f in check(r) if f.rule == "类型")
    r.notes = {jump.key: "=HYPERLINK(\"http://x\",\"本年开展专项执法\")", error.key: "正在核对",
               "正文:gone": "原先写错的数字已改"}
    return r


def rows_of(ws):
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def test_review_sheet_lists_every_finding_with_its_note_and_state(tmp_path):
    r = reviewed()
    out = tmp_path / "r.xlsx"
    write_xlsx(r, out)
    ws = openpyxl.load_workbook(out)["审核"]
    rows = rows_of(ws)
    assert rows[0] == REVIEW_HEADER
    found = check(r)
    assert len(rows) == 1 + len(found) + 1
    for (n, level, rule, place, message, note, state), f in zip(rows[1:], found):
        assert rule == f.rule and message == f.message and (note or None) == r.notes.get(f.key)
    by_rule = {row[2]: row for row in rows[1:]}
    assert by_rule["同比变化"][1:] == ("提醒", "同比变化", "表二", by_rule["同比变化"][4],
                                    "=HYPERLINK(\"http://x\",\"本年开展专项执法\")", "已说明")
    assert by_rule["类型"][1] == "错误" and by_rule["类型"][5] == "正在核对" and by_rule["类型"][6] == "须改正"
    assert rows[-1][1:] == (None, "正文", None, "原问题已不存在", "原先写错的数字已改", "已消除")
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # a note is never a formula


def test_a_clean_report_says_so():
    ws = build_workbook(zeros())["审核"]
    assert rows_of(ws)[1][4] == "检查通过：没有发现问题。"


def test_the_word_report_carries_no_note(tmp_path):
    import docx

    r = reviewed()
    out = tmp_path / "r.docx"
    write_docx(r, out)
    d = docx.Document(out)
    words = "\n".join(p.text for p in d.paragraphs) + "\n".join(
        c.text for t in d.tables for row in t.rows for c in row.cells)
    assert not any(note in words for note in ("本年开展专项执法", "正在核对", "原先写错的数字已改", "审核"))
