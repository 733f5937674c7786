"""审核下级单位年报 in the window: a mixed folder fills the table while it is read, 取消, filters, 状态
editing, double-click opens a copy, 退回 with its notice, 汇总 opens as a new project."""
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from model.review import PASSED, RETURNED, FileSummary
from review_cases import crash_on_bomb, mixed_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("gui-received")
    return root, mixed_folder(root)


def slow_reader(path: str, year):
    time.sleep(0.25)
    return FileSummary(path, problem="测试：不读取")


def _review(qtbot, win, reader=None):
    from gui.review_window import ReviewWindow

    rw = ReviewWindow(win, reader=reader)
    qtbot.addWidget(rw)
    rw.show()
    qtbot.waitExposed(rw)
    return rw


def _read(qtbot, rw, root):
    rw.add_folder(str(root))
    assert rw.reading
    qtbot.waitUntil(lambda: not rw.reading, timeout=60000)


def _row_of(rw, name: str) -> int:
    """The row of the counted unit of this name (the mixed folder also holds a duplicate of 甲局)."""
    for r in range(rw.proxy.rowCount()):
        if rw.proxy.index(r, 0).data() == name and rw.proxy.index(r, 0).data(Qt.UserRole + 2).counted:
            return r
    raise AssertionError(name)


def test_entry_points_on_the_start_page_and_in_the_menu(win):
    buttons = [b.text() for b in win.start.actions_box.findChildren(type(win.start.new_btn))]
    assert "审核下级单位年报…" in buttons
    from PySide6.QtGui import QAction

    acts = [a for a in win.findChildren(QAction) if a.text() == "审核下级单位年报…"]
    assert acts and acts[0].associatedObjects()  # in the 文件 menu
    rw = win.open_review()
    assert rw.isVisible() and win.open_review() is rw
    rw.close()


def test_a_mixed_folder_fills_the_table_and_filters_work(qtbot, win, folder):
    root, expected = folder
    rw = _review(qtbot, win)
    seen_rows = []
    rw.model.rowsInserted.connect(lambda *_: seen_rows.append(rw.model.rowCount()))
    _read(qtbot, rw, root)
    assert rw.model.rowCount() == len(expected) and seen_rows[:3] == [1, 2, 3]  # one row per file as read
    left_out = [r for r in range(rw.model.rowCount()) if rw.model.index(r, 0).data(Qt.UserRole + 2).set_aside]
    assert len(left_out) == sum(v is not None for v in expected.values())
    assert "计入 4 个单位" in rw.summary.text()
    rw.errors_only.setChecked(True)
    units = [rw.proxy.index(r, 0).data(Qt.UserRole + 2) for r in range(rw.proxy.rowCount())]
    assert units and all(u.errors or not u.counted for u in units)
    rw.errors_only.setChecked(False)
    rw.name_filter.setText("丙局")
    assert rw.proxy.rowCount() == 1 and rw.proxy.index(0, 0).data() == "某县丙局"
    rw.name_filter.clear()
    rw.table.sortByColumn(0, Qt.AscendingOrder)  # names in 拼音 order: 丙 bing, 甲 jia, 乙 yi
    names = [rw.proxy.index(r, 0).data() for r in range(rw.proxy.rowCount())]
    counted = [n for n in names if n in ("某县甲局", "某县乙局", "某县丙局")]
    assert counted[0] == "某县丙局" and counted[-1] == "某县乙局"
    rw.table.sortByColumn(3, Qt.DescendingOrder)  # 错误, as numbers
    errors = [rw.proxy.index(r, 3).data() for r in range(rw.proxy.rowCount())]
    numbers = [int(e) for e in errors if e]
    assert numbers == sorted(numbers, reverse=True)


def test_status_and_opinion_are_edited_and_kept(qtbot, win, folder, tmp_path, dialogs):
    from gui.review_model import OPINION, STATUS

    root, _ = folder
    rw = _review(qtbot, win)
    _read(qtbot, rw, root)
    r = _row_of(rw, "某县甲局")
    assert rw.proxy.setData(rw.proxy.index(r, STATUS), "通过")
    assert rw.proxy.setData(rw.proxy.index(r, OPINION), "=核对无误")
    unit = rw.proxy.index(r, 0).data(Qt.UserRole + 2)
    assert (unit.status, unit.opinion) == (PASSED, "=核对无误")
    assert not rw.proxy.setData(rw.proxy.index(r, STATUS), "随便")
    record = tmp_path / "r.gknbreview"
    assert rw.save_record(str(record))
    again = _review(qtbot, win)
    again.open_record(str(record))
    qtbot.waitUntil(lambda: not again.reading, timeout=60000)
    kept = again.review.unit(unit.file)
    assert (kept.status, kept.opinion) == (PASSED, "=核对无误")
    # closing with unsaved decisions offers to save them
    from PySide6.QtWidgets import QMessageBox

    assert not again.dirty
    r2 = _row_of(again, "某县甲局")
    assert again.proxy.setData(again.proxy.index(r2, STATUS), "退回")
    assert again.dirty
    dialogs.answers.append(QMessageBox.Save)
    assert again.close()
    assert "保存审核记录" in [t for _, t, _ in dialogs.shown]
    from model import review_file

    assert review_file.load(record).records[unit.file].status == RETURNED


def test_cancel_stops_reading(qtbot, win, tmp_path):
    rw = _review(qtbot, win, reader=slow_reader)
    for i in range(30):
        (tmp_path / f"{i:02d}.docx").write_bytes(b"x")
    rw.add_folder(str(tmp_path))
    qtbot.waitUntil(lambda: rw.model.rowCount() >= 2, timeout=30000)
    from PySide6.QtWidgets import QPushButton

    qtbot.waitUntil(lambda: rw.progress is not None and rw.progress.isVisible(), timeout=10000)
    cancel = rw.progress.findChild(QPushButton)
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.LeftButton)
    qtbot.waitUntil(lambda: not rw.reading, timeout=30000)
    assert rw.model.rowCount() < 30 and "已取消" in rw.summary.text()


def test_double_click_opens_a_copy_at_its_findings(qtbot, win, folder):
    root, _ = folder
    rw = _review(qtbot, win)
    _read(qtbot, rw, root)
    r = _row_of(rw, "某县乙局")
    unit = rw.proxy.index(r, 0).data(Qt.UserRole + 2)
    before = Path(unit.file).read_bytes()
    rect = rw.table.visualRect(rw.proxy.index(r, 0))
    qtbot.mouseClick(rw.table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(rw.table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: win.doc is not None, timeout=10000)
    assert win.doc.report.meta.organ == "某县乙局" and win.doc.path is None
    assert win.current_step() is win.findings
    assert "只读副本" in win.statusBar().currentMessage()
    # read-only: typing into table 3, Delete and paste change nothing; the text fields refuse input
    from gui_helpers import activate
    from PySide6.QtWidgets import QLineEdit

    step = win.steps[win.step_for(table="t3")]
    win.go(win.step_for(table="t3"))
    from gui.table_view import ReportTableView

    view = step.findChildren(ReportTableView)[-1]
    cid = "t3.new.natural"
    was = win.doc.report.cells[cid]
    activate(qtbot, win)
    view.setCurrentIndex(view.tableModel().index_of(cid))
    view.setFocus()
    qtbot.keyClicks(view, "9")
    qtbot.keyClick(view, Qt.Key_Return)
    qtbot.keyClick(view, Qt.Key_Delete)
    QApplication.clipboard().setText("5")
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    assert win.doc.report.cells[cid] == was and win.doc.undo_stack.count() == 0
    meta = win.steps[1]
    assert all(e.isReadOnly() for e in meta.findChildren(QLineEdit))
    assert Path(unit.file).read_bytes() == before


def test_send_back_shows_the_notice_to_copy_and_export(qtbot, win, folder, tmp_path):
    root, _ = folder
    rw = _review(qtbot, win)
    _read(qtbot, rw, root)
    r = _row_of(rw, "某县甲局")
    rw.table.selectRow(r)
    rw.return_btn.click()
    unit = rw.proxy.index(r, 0).data(Qt.UserRole + 2)
    assert unit.status == RETURNED
    qtbot.waitUntil(lambda: rw.notice.isVisible(), timeout=5000)
    text = rw.notice.text.toPlainText()
    assert text.startswith("某县甲局：\n你单位2025年政府信息公开工作年度报告存在以下问题：\n1. ")
    assert text.endswith("请修改后重新报送。")
    rw.notice.copy_btn.click()
    assert QApplication.clipboard().text() == text
    out = tmp_path / "通知.docx"
    assert rw.notice.export_word(str(out))
    import docx

    assert docx.Document(out).paragraphs[0].text == "某县甲局："
    rw.notice.close()
    rw.returned_only.setChecked(True)
    assert rw.proxy.rowCount() == 1


def test_sum_opens_as_a_new_project(qtbot, win, folder):
    root, _ = folder
    rw = _review(qtbot, win)
    _read(qtbot, rw, root)
    assert rw.make_sum()
    total = rw.review.totals().report
    assert win.doc.path is None and win.doc.report.cells == total.cells
    assert win.doc.report.value("t3.new.total") == sum(u.report.value("t3.new.total") for u in rw.review.counted)


def test_expected_units_show_who_is_missing_and_the_workbook_is_written(qtbot, win, folder, tmp_path):
    from openpyxl import load_workbook

    root, _ = folder
    rw = _review(qtbot, win)
    _read(qtbot, rw, root)
    rw.edit_expected("应报单位\n某县甲局\n乙局\n某县庚局\n")
    lines = rw.missing.toPlainText().splitlines()
    assert "「某县庚局」未报送。" in lines and any(line.startswith("「乙局」按「某县乙局」计") for line in lines)
    assert "应报 3 个，缺报 1 个" in rw.summary.text()
    out = tmp_path / "审核.xlsx"
    assert rw.export_xlsx(str(out))
    wb = load_workbook(out)
    assert [r[0].value for r in wb["缺报"].iter_rows(min_row=2)][0] == "某县庚局"
    assert wb["表三"].cell(4 + len(rw.review.counted), 1).value == "合计"


def test_a_file_that_kills_its_worker_is_set_aside_in_the_table(qtbot, win, folder):
    root, expected = folder
    rw = _review(qtbot, win, reader=crash_on_bomb)
    _read(qtbot, rw, root)
    assert rw.model.rowCount() == len(expected)
    bomb = rw.review.unit(str(root / "二组" / "炸弹.docx"))
    assert bomb.set_aside == "unreadable" and "意外退出" in bomb.reason
    assert {u.name for u in rw.review.counted} == {"某县甲局", "某县乙局", "某县丙局", "某县辛局"}
