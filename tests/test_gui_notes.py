"""出错说明 in the window: attach a note to a warning, clear it, undo it; 已说明 / 已消除; the filters; the
step list's counts; the ratios and the deadline on 检查与导出."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui.steps.findings import FINDING_ROLE
from gui_helpers import demo_window, ime_type, table_step, type_cell
from model import project
from model.checker import ERROR


win = demo_window  # the window with the demo sample open as a copy (tests/gui_helpers.py)


def texts(page):
    return [page.list.item(r).text() for r in range(page.list.count())]


def select(qtbot, win, words):
    page = win.findings
    win.go(len(win.steps) - 1)
    rows = [r for r, t in enumerate(texts(page)) if words in t]
    assert rows, texts(page)
    page.list.setFocus()
    page.list.setCurrentRow(rows[0])
    return page


def make_jump(qtbot, win):
    """行政处罚 from the baseline's figure to ten times it: a 同比变化 warning on 二."""
    view = table_step(win, "t2").view
    win.doc.report.baseline.cells["t2.penalty.decisions"] = 12
    type_cell(qtbot, view, "t2.penalty.decisions", "96")
    win.refresh_states()


def test_attach_a_note_then_clear_it_and_undo(win, qtbot):
    make_jump(qtbot, win)
    t2 = win.step_for(table="t2")
    assert win.step_list.states[t2] == "warning" and "1 个提醒" in win.step_list.tip(t2)
    page = select(qtbot, win, "同比变化")
    assert page.note_edit.isEnabled() and not page.note_clear.isEnabled()
    page.note_edit.setFocus(); ime_type(page.note_edit, "本年开展专项执法")
    qtbot.keyClick(page.note_edit, Qt.Key_Return)
    key = page.list.currentItem().data(FINDING_ROLE).key
    assert win.doc.report.notes == {key: "本年开展专项执法"}
    win.refresh_states()
    assert any("〔已说明：本年开展专项执法〕" in t for t in texts(page))
    assert win.step_list.states[t2] == "complete" and "1 条已说明" in win.step_list.tip(t2)
    assert "1 条已说明" in page.summary.text()
    assert win.doc.undo_stack.undoText() == "修改出错说明"
    saved = project.loads(project.dumps(win.doc.report))  # the note is in the file, under the same key
    assert saved.notes == {key: "本年开展专项执法"}
    select(qtbot, win, "同比变化")
    qtbot.mouseClick(page.note_clear, Qt.LeftButton)
    assert win.doc.report.notes == {} and page.note_edit.text() == ""
    win.refresh_states()
    assert win.step_list.states[t2] == "warning"
    win.undo()  # the clear is undone: the note is back
    assert win.doc.report.notes == {key: "本年开展专项执法"}
    assert win.stack.currentIndex() == len(win.steps) - 1


def test_an_error_keeps_its_note_and_stays_an_error(win, qtbot):
    view = table_step(win, "t3").view
    type_cell(qtbot, view, "t3.new.natural", str(win.doc.report.cells["t3.new.natural"] + 1))
    win.refresh_states()
    page = select(qtbot, win, "勾稽")
    page.note_edit.setFocus(); ime_type(page.note_edit, "正在核对")
    qtbot.mouseClick(page.note_save, Qt.LeftButton)
    win.refresh_states()
    assert any("〔说明：正在核对（错误仍须改正）〕" in t for t in texts(page))
    assert win.step_list.states[win.step_for(table="t3")] == "error"


def test_a_note_whose_finding_is_gone_is_kept_until_dropped(win, qtbot):
    make_jump(qtbot, win)
    page = select(qtbot, win, "同比变化")
    page.note_edit.setFocus(); ime_type(page.note_edit, "专项执法")
    qtbot.keyClick(page.note_edit, Qt.Key_Return)
    type_cell(qtbot, table_step(win, "t2").view, "t2.penalty.decisions", "20")  # no longer a jump
    win.refresh_states()
    [gone] = [t for t in texts(page) if t.startswith("【已消除·同比变化】")]
    assert "专项执法" in gone and "1 条说明的问题已消除" in page.summary.text()
    page = select(qtbot, win, "已消除")
    qtbot.mouseClick(page.note_clear, Qt.LeftButton)
    win.refresh_states()
    assert win.doc.report.notes == {} and not [t for t in texts(page) if "已消除" in t]


def test_filters_by_level_place_and_unexplained(win, qtbot):
    make_jump(qtbot, win)
    r = win.doc.report
    type_cell(qtbot, table_step(win, "t3").view, "t3.new.natural", str(r.cells["t3.new.natural"] + 1))
    win.refresh_states()
    page = win.findings
    every = page.list.count()
    assert every >= 3
    page.level_filter.setCurrentIndex(page.level_filter.findData(ERROR))
    assert texts(page) and all(t.startswith("【错误") for t in texts(page))
    page.level_filter.setCurrentIndex(0)
    page.place_filter.setCurrentIndex(page.place_filter.findData("t2"))
    assert texts(page) and all("同比变化" in t for t in texts(page))
    page.place_filter.setCurrentIndex(0)
    select(qtbot, win, "同比变化")
    page.note_edit.setFocus(); ime_type(page.note_edit, "专项执法")
    qtbot.keyClick(page.note_edit, Qt.Key_Return)
    win.refresh_states()
    page.unexplained_only.setChecked(True)
    assert page.list.count() == every - 1 and not any("同比变化" in t for t in texts(page))
    page.unexplained_only.setChecked(False)
    assert page.list.count() == every


def test_ratios_and_deadline_are_shown(win, qtbot):
    win.go(len(win.steps) - 1)
    win.refresh_states()
    text = win.findings.indicators.text()
    assert "实质公开率：" in text and "复议纠错率：" in text
    assert "发布期限：政府部门应在 2026年1月31日 前公布" in text and "条例第四十九条" in text
