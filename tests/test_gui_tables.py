"""Filling tables through the GUI like a clerk: typing, Enter/Tab, Delete, paste (good and bad), undo/redo."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from conftest import SEED_SAMPLE
from gui_helpers import make_window, paste, shown, table_step, type_cell

from gui.table_model import ReportTableModel


@pytest.fixture
def win(qtbot, tmp_path, dialogs):
    w = make_window(qtbot, tmp_path)
    assert w.open_file(str(SEED_SAMPLE), as_copy=True)
    yield w
    w.doc.undo_stack.setClean()  # no "save changes?" question at teardown


def balance(step, col):
    return step.balance.labels[col].property("state")


def test_table_models_pass_qt_model_tester(win, qtmodeltester):
    for tid in win.doc.format.tables:
        qtmodeltester.check(ReportTableModel(win.doc, tid))


def test_typing_updates_totals_and_balance_line(win, qtbot):
    step = table_step(win, "t3")
    view = step.view
    assert shown(view, "t3.new.total") == "0"
    assert balance(step, "natural") == "bad" and balance(step, "business") == "ok"
    # The seed's 自然人 column: 上年结转 1 but nothing answered. Type the answer in, as a clerk would.
    type_cell(qtbot, view, "t3.new.natural", "4")
    assert win.doc.report.cells["t3.new.natural"] == 4
    assert shown(view, "t3.new.total") == "4"
    # Enter moved the cursor down to 上年结转.
    assert view.tableModel().cell_at(view.currentIndex()) == "t3.carried_in.natural"
    assert "5 ≠ 0" in step.balance.labels["natural"].text()
    type_cell(qtbot, view, "t3.granted.natural", "3")
    assert shown(view, "t3.total.natural") == "3" and shown(view, "t3.total.total") == "3"
    type_cell(qtbot, view, "t3.carried_over.natural", "2")
    assert balance(step, "natural") == "ok" and balance(step, "total") == "ok"
    assert "5 ＝ 5" in step.balance.labels["total"].text()


def test_tab_moves_right_and_skips_nothing_editable(win, qtbot):
    view = table_step(win, "t3").view
    type_cell(qtbot, view, "t3.new.natural", "1", key=Qt.Key_Tab)
    assert view.tableModel().cell_at(view.currentIndex()) == "t3.new.business"
    qtbot.keyClick(view, Qt.Key_F2)
    assert view.state() == view.State.EditingState
    qtbot.keyClick(view.focusWidget() if view.focusWidget() is not view else view, Qt.Key_Escape)


def test_computed_cells_are_read_only(win, qtbot):
    view = table_step(win, "t3").view
    m = view.tableModel()
    ix = m.index_of("t3.total.total")
    assert not m.flags(ix) & Qt.ItemIsEditable
    view.setCurrentIndex(ix)
    view.setFocus()
    qtbot.keyClick(view, "7")
    assert view.state() != view.State.EditingState and shown(view, "t3.total.total") == "0"
    assert "自动计算，不能直接填写" in win.steps[win.stack.currentIndex()].note.text()


def test_bad_typing_is_refused_with_the_cell_named(win, qtbot):
    step = table_step(win, "t3")
    view = step.view
    view.setCurrentIndex(view.tableModel().index_of("t3.new.business"))
    view.setFocus()
    for ch in "abc":
        qtbot.keyClick(QApplication.focusWidget(), ch)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert view.state() == view.State.EditingState  # kept in its editor (tests/test_gui_editing.py)
    assert win.doc.report.cells["t3.new.business"] == 0
    assert "表三「一、本年新收政府信息公开申请数量」行「商业企业」列" in step.note.text()
    assert "不是数字" in step.note.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert view.state() != view.State.EditingState and win.doc.report.cells["t3.new.business"] == 0


def test_delete_clears_to_blank_and_undo_restores(win, qtbot):
    view = table_step(win, "t3").view
    view.setCurrentIndex(view.tableModel().index_of("t3.carried_in.natural"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Delete)
    assert win.doc.report.cells["t3.carried_in.natural"] is None
    assert shown(view, "t3.carried_in.natural") == ""
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert win.doc.report.cells["t3.carried_in.natural"] == 1


def test_paste_forgiving_block_is_one_undo_step(win, qtbot):
    step = table_step(win, "t3")
    view = step.view
    stack = win.doc.undo_stack
    before = stack.count()
    # Full-width digits, thousands separator, a unit, a dash for blank; the 总计 column at the end is skipped.
    paste(qtbot, view, "t3.new.natural", "１２\t1,234\t5件\t—\t0\t0\t999\r\n3\t0\t0\t/\t0\t0\t\r\n")
    cells = win.doc.report.cells
    assert (cells["t3.new.natural"], cells["t3.new.business"], cells["t3.new.research"]) == (12, 1234, 5)
    assert cells["t3.new.public_interest"] is None and cells["t3.carried_in.natural"] == 3
    assert cells["t3.carried_in.public_interest"] is None
    assert shown(view, "t3.new.total") == "1251"
    assert stack.count() == before + 1
    assert "跳过了 1 个" in step.note.text()
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert cells["t3.new.natural"] == 0 and cells["t3.new.business"] == 0 and cells["t3.carried_in.natural"] == 1
    assert shown(view, "t3.new.total") == "0"
    qtbot.keyClick(view, Qt.Key_Y, Qt.ControlModifier)
    assert cells["t3.new.business"] == 1234 and shown(view, "t3.new.total") == "1251"


@pytest.mark.parametrize("block, where, why", [
    ("1\tabc\t3", "「商业企业」列", "不是数字"),
    ("1\n-2", "「二、上年结转政府信息公开申请数量」行「自然人」列", "负数"),
    ("2.5", "「自然人」列", "不是整数"),
    ("1\t2\t3\t4\t5\t6\t7\t8\t9", "超出了表三的范围", "没有粘贴任何内容"),
])
def test_bad_paste_is_refused_whole(win, qtbot, block, where, why):
    step = table_step(win, "t3")
    before = dict(win.doc.report.cells)
    count = win.doc.undo_stack.count()
    paste(qtbot, step.view, "t3.new.natural", block)
    assert win.doc.report.cells == before  # nothing half-applied
    assert win.doc.undo_stack.count() == count
    assert where in step.note.text() and why in step.note.text()
    assert "没有粘贴任何内容" in step.note.text()


def test_paste_into_table2_follows_spans_and_units(win, qtbot):
    view = table_step(win, "t2").view
    # 采购项目数量 then the spanned 采购总金额 (one visual column even though it spans two grid columns).
    paste(qtbot, view, "t2.procurement.projects", "3\t25.1万元")
    r = win.doc.report
    assert r.cells["t2.procurement.projects"] == 3
    assert str(r.cells["t2.procurement.amount"]) == "25.1" and r.units["t2.procurement.amount"] == "万元"
    assert shown(view, "t2.procurement.amount") == "25.1 万元"
    # 本年增/减 may be negative.
    paste(qtbot, view, "t2.license.change", "-8")
    assert r.cells["t2.license.change"] == -8


def test_copy_gives_tab_separated_block(win, qtbot):
    from PySide6.QtWidgets import QApplication

    view = table_step(win, "t3").view
    m = view.tableModel()
    view.setCurrentIndex(m.index_of("t3.new.natural"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Right, Qt.ShiftModifier)
    qtbot.keyClick(view, Qt.Key_Down, Qt.ShiftModifier)
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    assert QApplication.clipboard().text() == "0\t0\n1\t0\n"


def test_typing_replaces_the_old_figure_and_f2_edits_it(win, qtbot):
    view = table_step(win, "t3").view
    assert win.doc.report.cells["t3.carried_in.natural"] == 1
    type_cell(qtbot, view, "t3.carried_in.natural", "5")
    assert win.doc.report.cells["t3.carried_in.natural"] == 5  # replaced, not "15"
    view.setCurrentIndex(view.tableModel().index_of("t3.carried_in.natural"))
    qtbot.keyClick(view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    editor.end(False)
    qtbot.keyClick(editor, "0")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: win.doc.report.cells["t3.carried_in.natural"] == 50)
    # Shift+Enter goes back up.
    qtbot.keyClick(view, Qt.Key_Return, Qt.ShiftModifier)
    assert view.tableModel().cell_at(view.currentIndex()) == "t3.carried_in.natural"
