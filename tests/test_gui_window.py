"""The window as a clerk uses it: fill the seed by keys and clipboard, save with Ctrl+S, reopen; texts, undo,
the modified mark, closing with unsaved changes, the findings page, starting a report."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from conftest import DEMO_SAMPLE, SEED_SAMPLE
from gui_helpers import ime_type, paste, shown, table_step, type_cell

from model import project


def test_fill_seed_by_keys_and_clipboard_save_and_reopen(win, qtbot, dialogs, tmp_path):
    assert win.open_file(str(SEED_SAMPLE), as_copy=True)
    assert not win.isWindowModified()
    step = table_step(win, "t3")
    view = step.view
    assert step.balance.labels["natural"].property("state") == "bad"
    # Repair the seed's 勾稽 error: the one carried-in application was answered (予以公开).
    type_cell(qtbot, view, "t3.granted.natural", "1")
    assert shown(view, "t3.total.natural") == "1" and shown(view, "t3.total.total") == "1"
    assert {lab.property("state") for lab in step.balance.labels.values()} == {"ok"}
    assert win.isWindowModified() and "[*]" in win.windowTitle()
    # Next year's applications arrive from Excel: a block over 新收 and 予以公开.
    paste(qtbot, view, "t3.new.natural", "3\t2\t0\t0\t1\t0")
    paste(qtbot, view, "t3.granted.natural", "4\t２\t0\t0\t1件\t0")
    assert shown(view, "t3.new.total") == "6" and shown(view, "t3.total.total") == "7"
    assert step.balance.labels["total"].property("state") == "ok"
    t4 = table_step(win, "t4").view
    type_cell(qtbot, t4, "t4.review.upheld", "2")
    assert shown(t4, "t4.review.total") == "2"

    target = tmp_path / "kaifeng.gknb"
    dialogs.files.append(str(target))  # the sample is a copy: Ctrl+S asks where
    qtbot.keyClick(t4, Qt.Key_S, Qt.ControlModifier)
    assert target.exists() and not win.isWindowModified()
    figures = win.doc.report.figures()

    win.go(0)
    assert win.open_file(str(target))
    again = win.doc.report.figures()
    assert again == figures and again["t3.total.total"] == 7 and again["t4.review.total"] == 2
    assert str(target.resolve()) in win.settings.recent()
    assert win.start.recent.count() == 1


def test_ctrl_s_saves_to_the_open_file(win, qtbot, tmp_path):
    path = tmp_path / "demo.gknb"
    path.write_bytes(DEMO_SAMPLE.read_bytes())
    assert win.open_file(str(path))
    view = table_step(win, "t2").view
    type_cell(qtbot, view, "t2.rules.issued", "9")
    qtbot.keyClick(view, Qt.Key_S, Qt.ControlModifier)
    assert project.load(path).cells["t2.rules.issued"] == 9
    assert (tmp_path / "demo.gknb.bak").exists()


def test_text_typing_undo_redo_and_modified_mark(win, qtbot):
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    i = win.step_for(section="problems")
    win.go(i)
    editor = win.steps[i].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    before = win.doc.report.texts["problems"]
    ime_type(editor, "补充一句")
    assert win.doc.report.texts["problems"] == before + "补充一句"
    assert win.isWindowModified()
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)  # one step for the whole typing
    assert win.doc.report.texts["problems"] == before and editor.toPlainText() == before
    assert not win.isWindowModified()
    qtbot.keyClick(editor, Qt.Key_Y, Qt.ControlModifier)
    assert editor.toPlainText() == before + "补充一句"


def test_overview_subsections_add_rename_reorder_remove_and_undo(win, qtbot):
    win.open_file(str(SEED_SAMPLE), as_copy=True)
    i = win.step_for(section="overview")
    win.go(i)
    page = win.steps[i]
    titles = lambda: [s.title for s in win.doc.report.subsections]  # noqa: E731
    first = titles()
    page.list.setCurrentRow(5)
    qtbot.mouseClick(page.add_btn, Qt.LeftButton)
    assert len(titles()) == 7 and page.list.currentRow() == 6
    page.title_edit.selectAll()
    ime_type(page.title_edit, "工作考核")
    assert titles()[6] == "工作考核" and page.list.item(6).text() == "（七）工作考核"
    qtbot.mouseClick(page.up_btn, Qt.LeftButton)
    assert titles()[5:] == ["工作考核", "监督保障"]
    page.list.setCurrentRow(0)
    qtbot.mouseClick(page.remove_btn, Qt.LeftButton)
    assert titles()[0] == "主动公开政府信息情况"
    assert "本部分共" in page.count.text()
    for _ in range(4):
        win.undo_act.trigger()
    assert titles() == first


def test_closing_with_unsaved_changes_asks(win, qtbot, dialogs):
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    type_cell(qtbot, table_step(win, "t3").view, "t3.new.natural", "99")
    dialogs.answers.append(dialogs_cancel())
    assert not win.close()
    assert "尚未保存" in dialogs.texts("question")[-1]
    dialogs.answers.append(dialogs_discard())
    assert win.close()


def dialogs_cancel():
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.Cancel


def dialogs_discard():
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.Discard


def test_findings_page_lists_errors_first_and_jumps_to_the_cell(win, qtbot):
    win.open_file(str(SEED_SAMPLE), as_copy=True)
    n = len(win.steps) - 1
    win.go(n)
    page = win.steps[n]
    assert page.list.count() == 2 and "自然人" in page.list.item(0).text()
    assert win.step_list.states[win.step_for(table="t3")] == "error"
    page.list.setCurrentRow(0)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key_Return)
    t3 = win.step_for(table="t3")
    assert win.stack.currentIndex() == t3
    view = win.steps[t3].view
    assert view.tableModel().cell_at(view.currentIndex()) == "t3.new.natural"
    assert len(view.selectedIndexes()) == 4  # 新收, 上年结转, 总计, 结转下年度 of the 自然人 column
    # Answering the carried-in application balances 自然人 and so 总计: both errors go, everywhere.
    type_cell(qtbot, view, "t3.granted.natural", "1")
    qtbot.waitUntil(lambda: page.list.count() == 0)
    assert "检查通过" in page.summary.text()
    assert win.step_list.states[t3] == "complete" and win.step_list.states[n] == "complete"


def test_step_list_and_navigation(win, qtbot):
    assert win.step_list.count() == 1
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    titles = [win.step_list.item(i).text() for i in range(win.step_list.count())]
    assert titles[0] == "开始" and titles[1] == "基本信息" and titles[-1] == "检查与导出"
    assert "六、其他需要报告的事项" in titles
    assert win.stack.currentIndex() == 1
    qtbot.mouseClick(win.next_btn, Qt.LeftButton)
    assert win.stack.currentIndex() == 2
    qtbot.mouseClick(win.prev_btn, Qt.LeftButton)
    win.step_list.setCurrentRow(7)
    assert win.stack.currentIndex() == 7
    assert set(win.step_list.states) <= {"complete", "warning", "error", "empty"}
    assert win.step_list.states[-1] == "complete"  # the demo is balanced and complete


def test_other_section_shows_the_fee_hint_under_2021(win):
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    page = win.steps[win.step_for(section="other")]
    hint = win.doc.format.section("other").hint
    assert "信息处理费" in hint
    from PySide6.QtWidgets import QLabel

    assert any(lab.text() == hint for lab in page.findChildren(QLabel))


def test_new_report_and_meta_page(win, qtbot, dialogs):
    win.start.organ.setText("某某市某某局")
    win.start.year.setValue(2020)
    assert "2019" in win.start.format_label.text()
    win.start.year.setValue(2025)
    qtbot.mouseClick(win.start.new_btn, Qt.LeftButton)
    assert win.doc.report.meta.organ == "某某市某某局" and win.doc.format.id == "2021"
    meta = win.steps[1]
    meta.organ.setFocus()
    meta.organ.end(False)
    ime_type(meta.organ, "办公室")
    assert win.doc.report.meta.organ == "某某市某某局办公室"
    assert "某某市某某局办公室2025年" in meta.title_label.text()
    qtbot.mouseClick(meta.has_date, Qt.LeftButton)
    assert win.doc.report.meta.date is not None
    win.undo_act.trigger()
    assert win.doc.report.meta.date is None


def test_new_year_from_last_years_project(win, qtbot, dialogs, tmp_path):
    last = project.load(DEMO_SAMPLE)
    dialogs.files.append(str(DEMO_SAMPLE))
    qtbot.mouseClick(next(b for b in win.start.findChildren(type(win.start.new_btn))
                          if b.text().startswith("从去年")), Qt.LeftButton)
    r = win.doc.report
    assert r.meta.year == last.meta.year + 1 and r.meta.organ == last.meta.organ
    assert [s.title for s in r.subsections] == [s.title for s in last.subsections]
    assert r.cells["t3.carried_in.natural"] == last.value("t3.carried_over.natural")
    assert win.doc.path is None and win.isWindowModified()


def test_bad_project_file_is_refused_with_a_message(win, dialogs, tmp_path):
    bad = tmp_path / "bad.gknb"
    bad.write_text("{not json", encoding="utf-8")
    assert not win.open_file(str(bad))
    assert dialogs.texts("warning") and win.doc is None


def test_export_without_writers_says_so(win, qtbot, dialogs, monkeypatch):
    import gui.export_actions as ea

    monkeypatch.setattr(ea, "_writer", lambda kind: None)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    page = win.steps[-1]
    qtbot.mouseClick(page.word_btn, Qt.LeftButton)
    assert "暂不能导出Word 文档" in dialogs.texts("warning")[-1]


def test_chinese_standard_buttons():
    from gui.app import install_translator

    assert install_translator(QApplication.instance()) is not None
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_main_py_file_opens_that_project_and_geometry_is_remembered(qtbot, tmp_path, monkeypatch, dialogs):
    """`python main.py FILE`: run() opens the window on that file (exec is replaced so the test goes on)."""
    from PySide6.QtWidgets import QApplication

    import gui.main_window as mw
    from gui import recovery
    from gui.settings import UiSettings

    monkeypatch.setattr(mw, "UiSettings", lambda: UiSettings(tmp_path / "ui.ini"))
    monkeypatch.setattr(recovery, "default_folder", lambda: tmp_path / "recovery")
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    path = tmp_path / "demo.gknb"
    path.write_bytes(DEMO_SAMPLE.read_bytes())
    import main

    assert main.main([str(path)]) == 0
    win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, mw.MainWindow) and w.isVisible())
    qtbot.addWidget(win)
    assert win.doc is not None and win.doc.path == path and "demo.gknb" in win.windowTitle()
    win.resize(1000, 650)
    win.close()
    again = mw.MainWindow()
    qtbot.addWidget(again)
    assert again.size().height() == 650 and str(path.resolve()) in again.settings.recent()


def test_undo_from_another_page_shows_what_changed(win, qtbot):
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    view = table_step(win, "t3").view
    type_cell(qtbot, view, "t3.new.business", "42")
    win.go(win.step_for(section="problems"))
    win.undo_act.trigger()
    assert win.stack.currentIndex() == win.step_for(table="t3")
    assert view.tableModel().cell_at(view.currentIndex()) == "t3.new.business"
    assert "已撤销" in win.statusBar().currentMessage()
    assert win.doc.report.cells["t3.new.business"] != 42


def test_typing_the_organ_name_is_one_undo_step(win, qtbot):
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    meta = win.steps[1]
    win.go(1)
    before = win.doc.report.meta.organ
    meta.organ.setFocus()
    meta.organ.end(False)
    for ch in "abc":
        qtbot.keyClick(meta.organ, ch)
    assert win.doc.report.meta.organ == before + "abc"
    qtbot.keyClick(meta.organ, Qt.Key_Z, Qt.ControlModifier)
    assert win.doc.report.meta.organ == before and meta.organ.text() == before


def test_a_prose_finding_jumps_to_its_text(win, qtbot, dialogs):
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    i = win.step_for(section="problems")
    win.go(i)
    new = win.doc.report.value("t3.new.total")
    ime_type(win.steps[i].editor, f"本年度共新收政府信息公开申请{new + 5}件。")
    win.refresh_states()
    page = win.steps[-1]
    rows = [r for r in range(page.list.count()) if "正文" in page.list.item(r).text()]
    assert rows, "the checker's 正文 rule should flag the figure"
    assert win.step_list.states[i] == "warning"
    win.go(len(win.steps) - 1)
    page.list.setCurrentRow(rows[0])
    page.jump.emit(page.list.item(rows[0]).data(Qt.UserRole + 1))
    assert win.stack.currentIndex() == i


def test_screenshot_script_writes_every_step(tmp_path, qapp):
    import importlib.util

    from PySide6.QtGui import QImage

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    assert shots.main(["--out", str(tmp_path)]) == 0
    files = sorted(tmp_path.glob("step-*.png"))
    assert len(files) == 9
    img = QImage(str(files[4]))
    assert (img.width(), img.height()) == (1366, 768)


def test_the_start_window_is_named_from_the_start(win):
    """The taskbar, Alt+Tab and the self-test see the program's name before any report is open."""
    from gui.main_window import APP_NAME

    assert win.windowTitle() == APP_NAME == "公开年报助手" and win.doc is None
    assert win.open_file(str(DEMO_SAMPLE), as_copy=True)
    assert win.windowTitle().endswith(f" - {APP_NAME}") and win.doc.report.title in win.windowTitle()
