"""Editing a table as in Excel and WPS: arrows commit typed values, Tab-Tab-Enter, skipping computed cells,
ranges, the context menu, undo named in the menu, and a refused value kept in its editor."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu

from gui_helpers import activate, demo_window, focus, make_window, shown, table_step, type_cell


win = demo_window  # the window with the demo sample open as a copy (tests/gui_helpers.py)


def at(view) -> str:
    return view.tableModel().cell_at(view.currentIndex())


def put(qtbot, view, cell_id: str) -> None:
    activate(qtbot, view.window())
    view.setCurrentIndex(view.tableModel().index_of(cell_id))
    view.setFocus()


def keys(qtbot, text: str) -> None:
    for ch in text:
        qtbot.keyClick(focus(), ch)


def editor(view) -> QLineEdit | None:
    w = focus()
    return w if isinstance(w, QLineEdit) and view.isAncestorOf(w) else None


# ---- arrows, Tab, Enter ---------------------------------------------------------------------------------

def test_arrows_commit_a_typed_value_and_move(win, qtbot):
    view = table_step(win, "t3").view
    cells = win.doc.report.cells
    put(qtbot, view, "t3.new.business")
    keys(qtbot, "9")
    assert editor(view) is not None
    qtbot.keyClick(focus(), Qt.Key_Right)
    assert cells["t3.new.business"] == 9 and at(view) == "t3.new.research"
    assert view.state() != view.State.EditingState
    keys(qtbot, "5")
    qtbot.keyClick(focus(), Qt.Key_Left)
    assert cells["t3.new.research"] == 5 and at(view) == "t3.new.business"
    keys(qtbot, "8")
    qtbot.keyClick(focus(), Qt.Key_Down)
    assert cells["t3.new.business"] == 8 and at(view) == "t3.carried_in.business"
    keys(qtbot, "4")
    qtbot.keyClick(focus(), Qt.Key_Up)
    assert cells["t3.carried_in.business"] == 4 and at(view) == "t3.new.business"
    row = [cells[c] or 0 for c in win.doc.format.row_ids("t3", "new") if not c.endswith(".total")]
    assert shown(view, "t3.new.total") == str(sum(row)) and 8 in row and 5 in row


def test_f2_arrows_move_the_text_cursor_and_f2_switches_back(win, qtbot):
    view = table_step(win, "t3").view
    put(qtbot, view, "t3.new.natural")  # 24
    qtbot.keyClick(view, Qt.Key_F2)
    ed = editor(view)
    assert ed is not None and ed.text() == "24" and ed.cursorPosition() == 2
    qtbot.keyClick(ed, Qt.Key_Left)
    assert view.state() == view.State.EditingState and ed.cursorPosition() == 1
    qtbot.keyClick(ed, "1")
    assert ed.text() == "214"
    qtbot.keyClick(ed, Qt.Key_F2)  # now arrows commit, as after typing over
    qtbot.keyClick(ed, Qt.Key_Right)
    assert win.doc.report.cells["t3.new.natural"] == 214 and at(view) == "t3.new.business"
    # ↓ in a cell opened with F2 commits and moves down, over the computed 总计 row as everywhere.
    old = win.doc.report.cells["t3.other.other.natural"]
    put(qtbot, view, "t3.other.other.natural")
    qtbot.keyClick(view, Qt.Key_F2)
    qtbot.keyClick(editor(view), "7")  # appended: F2 puts the text cursor at the end
    qtbot.keyClick(editor(view), Qt.Key_Down)
    assert at(view) == "t3.carried_over.natural" and view.state() != view.State.EditingState
    assert win.doc.report.cells["t3.other.other.natural"] == int(f"{old}7")


def test_double_click_edits_in_place(win, qtbot):
    view = table_step(win, "t3").view
    rect = view.visualRect(view.tableModel().index_of("t3.new.business"))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    ed = editor(view)
    assert ed is not None and ed.text() == "7"
    ed.end(False)
    qtbot.keyClick(ed, Qt.Key_Left)
    assert view.state() == view.State.EditingState


def test_tab_tab_enter_returns_to_the_starting_column(win, qtbot):
    view = table_step(win, "t3").view
    cells = win.doc.report.cells
    put(qtbot, view, "t3.granted.business")
    for value in "123":
        keys(qtbot, value)
        qtbot.keyClick(focus(), Qt.Key_Tab)
    assert (cells["t3.granted.business"], cells["t3.granted.research"], cells["t3.granted.public_interest"]) \
        == (1, 2, 3)
    keys(qtbot, "4")
    qtbot.keyClick(focus(), Qt.Key_Return)
    assert cells["t3.granted.legal_service"] == 4
    assert at(view) == "t3.partial.business"  # the next row, in the column the run started
    # Without typing, too; and a plain Enter after that goes straight down again.
    qtbot.keyClick(view, Qt.Key_Tab)
    qtbot.keyClick(view, Qt.Key_Tab)
    assert at(view) == "t3.partial.public_interest"
    qtbot.keyClick(view, Qt.Key_Return)
    assert at(view) == "t3.refused.secret.business"
    qtbot.keyClick(view, Qt.Key_Return)
    assert at(view) == "t3.refused.law_forbidden.business"
    # An arrow ends the run: Enter then goes down from where the cursor is.
    qtbot.keyClick(view, Qt.Key_Tab)
    qtbot.keyClick(view, Qt.Key_Right)
    qtbot.keyClick(view, Qt.Key_Return)
    assert at(view) == "t3.refused.three_safety.public_interest"


def test_typing_on_a_computed_cell_says_so_beside_it(win, qtbot):
    view = table_step(win, "t4").view
    put(qtbot, view, "t4.review.total")
    qtbot.keyClick(view, "5")
    bubble = view.findChild(QLabel, "refusal_bubble")
    assert bubble.isVisible() and "自动计算，不能直接填写" in bubble.text()
    assert view.state() != view.State.EditingState
    qtbot.keyClick(view, Qt.Key_Left)
    assert at(view) == "t4.review.pending" and not bubble.isVisible()


def test_tab_and_arrows_skip_computed_cells(win, qtbot):
    view = table_step(win, "t4").view
    put(qtbot, view, "t4.review.pending")
    keys(qtbot, "2")
    qtbot.keyClick(focus(), Qt.Key_Tab)  # over 行政复议 总计
    assert win.doc.report.cells["t4.review.pending"] == 2 and at(view) == "t4.suit_direct.upheld"
    qtbot.keyClick(view, Qt.Key_Backtab)
    assert at(view) == "t4.review.pending"
    qtbot.keyClick(view, Qt.Key_Right)
    assert at(view) == "t4.suit_direct.upheld"
    put(qtbot, view, "t4.suit_after_review.pending")
    qtbot.keyClick(view, Qt.Key_Right)  # only a computed 总计 to the right: stay
    assert at(view) == "t4.suit_after_review.pending"
    # Table 3: Down from the last 其他处理 row skips 总计 to 结转下年度继续办理.
    view = table_step(win, "t3").view
    put(qtbot, view, "t3.other.other.natural")
    qtbot.keyClick(view, Qt.Key_Down)
    assert at(view) == "t3.carried_over.natural"
    keys(qtbot, "1")
    qtbot.keyClick(focus(), Qt.Key_Up)
    assert at(view) == "t3.other.other.natural" and win.doc.report.cells["t3.carried_over.natural"] == 1


# ---- ranges -------------------------------------------------------------------------------------------

def selected(view) -> set[str]:
    m = view.tableModel()
    return {m.cell_at(ix) for ix in view.selectedIndexes()}


def test_ctrl_a_shift_arrows_and_shift_click_select_ranges(win, qtbot):
    view = table_step(win, "t3").view
    m = view.tableModel()
    put(qtbot, view, "t3.new.natural")
    qtbot.keyClick(view, Qt.Key_A, Qt.ControlModifier)
    assert selected(view) == {c.id for c in m.spec.cells}
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    lines = QApplication.clipboard().text().splitlines()
    assert len(lines) == 25 and lines[0].split("\t")[:3] == ["24", "7", "1"]
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(m.index_of("t3.new.natural")).center())
    assert selected(view) == {"t3.new.natural"}
    qtbot.keyClick(view, Qt.Key_Right, Qt.ShiftModifier)
    qtbot.keyClick(view, Qt.Key_Down, Qt.ShiftModifier)
    assert selected(view) == {"t3.new.natural", "t3.new.business", "t3.carried_in.natural",
                              "t3.carried_in.business"}
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(m.index_of("t3.granted.research")).center())
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.ShiftModifier,
                     pos=view.visualRect(m.index_of("t3.partial.public_interest")).center())
    assert selected(view) == {f"t3.{r}.{c}" for r in ("granted", "partial") for c in ("research", "public_interest")}
    qtbot.keyClick(view, Qt.Key_Delete)
    assert all(win.doc.report.cells[c] is None for c in selected(view))


# ---- the context menu ---------------------------------------------------------------------------------

def right_click_menu(qtbot, view, cell_id: str, choose: str | None) -> dict[str, bool]:
    """Right-click a cell, read the menu (text -> enabled), and click `choose` in it (or close it)."""
    m = view.tableModel()
    pos = view.visualRect(m.index_of(cell_id)).center()
    seen: dict[str, bool] = {}

    def act():
        menu = QApplication.activePopupWidget()
        assert menu is not None and menu.objectName() == "table_menu"
        for a in menu.actions():
            if a.text():
                seen[a.text()] = a.isEnabled()
        target = next((a for a in menu.actions() if choose and a.text().startswith(choose)), None)
        if target is None:
            menu.close()
            return
        qtbot.mouseClick(menu, Qt.LeftButton, pos=menu.actionGeometry(target).center())

    QTimer.singleShot(0, act)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=pos)  # the clerk points at the cell first
    event = QContextMenuEvent(QContextMenuEvent.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert seen, "the context menu did not open"
    return seen


def test_context_menu_copies_pastes_clears_undoes_and_redoes(win, qtbot):
    view = table_step(win, "t3").view
    cells = win.doc.report.cells
    QApplication.clipboard().clear()
    menu = right_click_menu(qtbot, view, "t3.new.total", None)
    assert list(menu) == ["复制", "粘贴", "清除内容", "撤销", "重做"]
    assert menu["复制"] and not menu["粘贴"] and not menu["清除内容"]  # computed: nothing to clear
    assert not menu["撤销"] and not menu["重做"]

    right_click_menu(qtbot, view, "t3.new.natural", "复制")
    assert QApplication.clipboard().text() == "24\n"
    menu = right_click_menu(qtbot, view, "t3.carried_in.research", "粘贴")
    assert menu["粘贴"] and cells["t3.carried_in.research"] == 24
    menu = right_click_menu(qtbot, view, "t3.carried_in.research", "清除内容")
    assert menu["清除内容"] and cells["t3.carried_in.research"] is None
    menu = right_click_menu(qtbot, view, "t3.carried_in.research", "撤销")
    undo = next(t for t in menu if t.startswith("撤销"))  # names the step, shortened in the middle if long
    assert undo.startswith("撤销「清除表三「二、") and undo.endswith("「科研机构」列」") and menu[undo]
    assert cells["t3.carried_in.research"] == 24
    menu = right_click_menu(qtbot, view, "t3.carried_in.research", "重做")
    redo = next(t for t in menu if t.startswith("重做"))
    assert redo == "重做" + undo[2:] and menu[redo] and cells["t3.carried_in.research"] is None


def test_the_menu_key_opens_the_context_menu_beside_the_current_cell(win, qtbot):
    view = table_step(win, "t3").view
    put(qtbot, view, "t3.granted.research")
    where = []

    def read():
        menu = QApplication.activePopupWidget()
        where.append(menu.geometry())
        menu.close()

    QTimer.singleShot(0, read)
    cell = view.visualRect(view.tableModel().index_of("t3.granted.research"))
    event = QContextMenuEvent(QContextMenuEvent.Keyboard, view.viewport().rect().center(),
                              view.viewport().mapToGlobal(view.viewport().rect().center()))
    QApplication.sendEvent(view.viewport(), event)
    # At the cell (Qt keeps a menu inside the screen, so only its top is sure to be the cell's centre).
    assert where and where[0].top() == view.viewport().mapToGlobal(cell.center()).y()
    assert where[0].top() != view.viewport().mapToGlobal(view.viewport().rect().center()).y()


def edit_menu(win) -> dict[str, bool]:
    """Open 编辑 as the clerk does and read it (text -> enabled)."""
    edit = next(m for m in win.menuBar().findChildren(QMenu) if m.title().startswith("编辑"))
    edit.popup(win.mapToGlobal(win.menuBar().geometry().bottomLeft()))
    seen = {a.text(): a.isEnabled() for a in edit.actions()}
    edit.close()
    return seen


def test_undo_menu_names_the_step(win, qtbot):
    assert edit_menu(win) == {"撤销": False, "重做": False}
    view = table_step(win, "t3").view
    type_cell(qtbot, view, "t3.new.business", "11")
    menu = edit_menu(win)
    undo = next(t for t in menu if t.startswith("撤销"))
    assert undo.startswith("撤销「填写表三") and undo.endswith("「商业企业」列」") and menu[undo]
    assert menu["重做"] is False
    win.undo_act.trigger()
    assert win.doc.report.cells["t3.new.business"] == 7
    assert edit_menu(win) == {"撤销": False, "重做" + undo[2:]: True}
    assert "已撤销：填写表三" in win.statusBar().currentMessage()
    # Ctrl+Y redoes although the menu was not opened in between (being enabled follows the stack at once).
    activate(qtbot, win)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Y, Qt.ControlModifier)
    assert win.doc.report.cells["t3.new.business"] == 11 and win.undo_act.isEnabled()


# ---- a refused value stays where it was typed -------------------------------------------------------

@pytest.mark.parametrize("typed, why", [("abc", "不是数字"), ("-3", "是负数"), ("1.5", "不是整数")])
def test_a_refused_value_stays_in_its_editor_until_escape(win, qtbot, typed, why):
    step = table_step(win, "t3")
    view = step.view
    before = win.doc.undo_stack.count()
    put(qtbot, view, "t3.new.business")
    keys(qtbot, typed)
    for commit in (Qt.Key_Return, Qt.Key_Tab, Qt.Key_Right, Qt.Key_Down):
        qtbot.keyClick(focus(), commit)
        ed = editor(view)
        assert ed is not None and ed.text() == typed, commit
        assert at(view) == "t3.new.business" and win.doc.report.cells["t3.new.business"] == 7
        bubble = view.findChild(QLabel, "refusal_bubble")
        assert bubble.isVisible() and why in bubble.text() and "此格应填写非负整数" in bubble.text()
        assert "恢复原来的「7」" in bubble.text()
        # Beside the cell: right under (or over) it, inside the table.
        cell = view.visualRect(view.tableModel().index_of("t3.new.business"))
        assert abs(bubble.y() - cell.bottom()) < 8 or abs(bubble.geometry().bottom() - cell.top()) < 8
        assert "「商业企业」列" in step.note.text()
    assert win.doc.undo_stack.count() == before
    qtbot.keyClick(focus(), Qt.Key_Escape)
    assert view.state() != view.State.EditingState and not bubble.isVisible()
    assert shown(view, "t3.new.business") == "7" and win.doc.undo_stack.count() == before
    assert step.note.text() == ""  # the line under the table goes with it


def test_the_message_follows_its_cell_when_the_table_scrolls(win, qtbot):
    step = table_step(win, "t3")
    view = step.view
    win.resize(1000, 640)
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    put(qtbot, view, "t3.other.unpaid_fee.natural")
    keys(qtbot, "x")
    qtbot.keyClick(focus(), Qt.Key_Return)
    bubble = view.findChild(QLabel, "refusal_bubble")
    offset = bubble.y() - view.visualRect(view.tableModel().index_of("t3.other.unpaid_fee.natural")).y()
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() - 30)
    cell = view.visualRect(view.tableModel().index_of("t3.other.unpaid_fee.natural"))
    assert bubble.y() - cell.y() == offset
    qtbot.keyClick(focus(), Qt.Key_Escape)


def test_a_refused_value_corrected_is_committed(win, qtbot):
    view = table_step(win, "t3").view
    put(qtbot, view, "t3.new.business")
    keys(qtbot, "1.5")
    qtbot.keyClick(focus(), Qt.Key_Return)
    ed = editor(view)
    ed.selectAll()
    keys(qtbot, "15")
    qtbot.keyClick(focus(), Qt.Key_Return)
    assert win.doc.report.cells["t3.new.business"] == 15 and at(view) == "t3.carried_in.business"
    assert not view.findChild(QLabel, "refusal_bubble").isVisible()


def test_clicking_elsewhere_or_leaving_the_step_keeps_a_refused_value(win, qtbot):
    step = table_step(win, "t3")
    view = step.view
    m = view.tableModel()
    put(qtbot, view, "t3.new.business")
    keys(qtbot, "abc")
    # A click on another cell: the editor keeps "abc", the cursor comes back to it.
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(m.index_of("t3.granted.natural")).center())
    qtbot.waitUntil(lambda: editor(view) is not None)
    assert editor(view).text() == "abc" and at(view) == "t3.new.business"
    # Leaving the step by the side list or 下一步: the page stays, the status bar says why.
    here = win.stack.currentIndex()
    rect = win.step_list.visualItemRect(win.step_list.item(1))
    qtbot.mouseClick(win.step_list.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: editor(view) is not None)
    assert win.stack.currentIndex() == here and win.step_list.currentRow() == here
    assert "不是数字" in win.statusBar().currentMessage()
    qtbot.mouseClick(win.next_btn, Qt.LeftButton)
    qtbot.waitUntil(lambda: editor(view) is not None)
    assert win.stack.currentIndex() == here and editor(view).text() == "abc"
    # Saving does not pretend the value is in: it asks for it first.
    assert not win.save() and win.doc.report.cells["t3.new.business"] == 7
    qtbot.keyClick(focus(), Qt.Key_Escape)
    qtbot.mouseClick(win.next_btn, Qt.LeftButton)
    assert win.stack.currentIndex() == here + 1


def test_a_valid_value_being_typed_is_kept_when_the_clerk_saves(win, qtbot, dialogs, tmp_path):
    view = table_step(win, "t3").view
    put(qtbot, view, "t3.new.business")
    keys(qtbot, "42")
    target = tmp_path / "saved.gknb"
    dialogs.files.append(str(target))
    qtbot.keyClick(focus(), Qt.Key_S, Qt.ControlModifier)
    from model import project

    assert target.exists() and project.load(target).cells["t3.new.business"] == 42


def test_the_message_for_an_amount_names_its_units(qtbot, tmp_path, dialogs):
    from conftest import SEED_SAMPLE

    win = make_window(qtbot, tmp_path)
    assert win.open_file(str(SEED_SAMPLE), as_copy=True)
    view = table_step(win, "t2").view
    put(qtbot, view, "t2.procurement.amount")
    keys(qtbot, "-5")
    qtbot.keyClick(focus(), Qt.Key_Tab)
    bubble = view.findChild(QLabel, "refusal_bubble")
    assert bubble.isVisible() and "金额不能为负" in bubble.text() and "（单位：元或万元）" in bubble.text()
    qtbot.keyClick(focus(), Qt.Key_Escape)
    win.doc.undo_stack.setClean()
