"""The small things of the clerk's screen: the export folder, a status bar that does not move the layout,
recent files with their folder, 落款日期, a year of the other format, a fresh report from last year."""
from __future__ import annotations

import datetime as dt
import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import DEMO_SAMPLE
from gui_helpers import activate, table_step, type_cell

from model import project
from model.checker import ERROR


def save_dialogs(dialogs) -> list[str]:
    return [folder for kind, _, folder in dialogs.shown if kind == "getSaveFileName"]


def test_the_first_export_offers_the_projects_folder(win, qtbot, dialogs, tmp_path, monkeypatch):
    import gui.export_actions as ea

    written = []
    monkeypatch.setattr(ea, "_writer", lambda kind: lambda report, path, **k: written.append(path))
    folder = tmp_path / "年报" / "2025"
    folder.mkdir(parents=True)
    shutil.copy(DEMO_SAMPLE, folder / "demo.gknb")
    assert win.open_file(str(folder / "demo.gknb"))
    win.go(len(win.steps) - 1)
    qtbot.mouseClick(win.findings.word_btn, Qt.LeftButton)  # cancelled: no file chosen
    assert save_dialogs(dialogs)[-1].startswith(str(folder / win.doc.report.title))
    elsewhere = tmp_path / "共享"
    elsewhere.mkdir()
    dialogs.files.append(str(elsewhere / "x.docx"))
    qtbot.mouseClick(win.findings.word_btn, Qt.LeftButton)
    assert written == [str(elsewhere / "x.docx")]
    qtbot.mouseClick(win.findings.excel_btn, Qt.LeftButton)  # then where this report was exported to
    assert save_dialogs(dialogs)[-1].startswith(str(elsewhere))
    win.doc.undo_stack.setClean()


def test_an_unsaved_report_exports_next_to_the_last_project(win, qtbot, dialogs, tmp_path):
    folder = tmp_path / "projects"
    folder.mkdir()
    win.settings.set_folder("project", folder / "any.gknb")
    assert win.open_file(str(DEMO_SAMPLE), as_copy=True)
    win.export("docx")
    assert save_dialogs(dialogs)[-1].startswith(str(folder))
    win.doc.undo_stack.setClean()


def test_the_status_bar_is_there_from_the_start_and_moves_nothing(win, qtbot):
    assert win.statusBar().isVisible()
    assert win.open_file(str(DEMO_SAMPLE), as_copy=True)
    win.go(2)
    QApplication.processEvents()
    before = (win.next_btn.mapTo(win, win.next_btn.rect().topLeft()), win.stack.geometry())
    win.statusBar().showMessage("已导出：某某.docx", 8000)
    QApplication.processEvents()
    assert (win.next_btn.mapTo(win, win.next_btn.rect().topLeft()), win.stack.geometry()) == before
    win.doc.undo_stack.setClean()


def test_recent_files_show_their_folder(win, qtbot, tmp_path):
    paths = []
    for name in ("甲局", "乙局"):
        (tmp_path / name).mkdir()
        paths.append(tmp_path / name / "年报.gknb")
        shutil.copy(DEMO_SAMPLE, paths[-1])
        assert win.open_file(str(paths[-1]))
    items = [win.start.recent.item(i).text() for i in range(win.start.recent.count())]
    assert items == [f"年报.gknb\n所在文件夹：{p.parent.resolve()}" for p in reversed(paths)]
    win.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in win.recent_menu.actions()]
    assert len(texts) == 2 and all(t.startswith("年报.gknb") for t in texts)
    assert "甲局" in texts[1] and "乙局" in texts[0]
    win.recent_menu.actions()[1].trigger()  # opens 甲局's
    assert win.doc.path.resolve() == paths[0].resolve()


def test_signing_date_defaults_to_31_january_and_is_optional(win, qtbot):
    win.start.organ.setText("某某局")
    win.start.year.setValue(2024)
    qtbot.mouseClick(win.start.new_btn, Qt.LeftButton)
    meta = win.steps[1]
    assert win.doc.report.meta.date is None
    assert meta.date.date().toPython() == dt.date(2025, 1, 31) and not meta.date.isEnabled()
    win.refresh_states()
    assert win.step_list.states[1] == "complete"  # 基本信息 complete without a date
    qtbot.mouseClick(meta.has_date, Qt.LeftButton)
    assert win.doc.report.meta.date == dt.date(2025, 1, 31)
    win.doc.undo_stack.setClean()


def test_a_year_of_the_other_format_is_said_and_switching_is_offered(win, qtbot, dialogs):
    assert win.open_file(str(DEMO_SAMPLE), as_copy=True)
    before = project.load(DEMO_SAMPLE)
    meta = win.steps[1]
    win.go(1)
    activate(qtbot, win)
    meta.year.setFocus()
    meta.year.selectAll()
    for ch in "2020":
        qtbot.keyClick(meta.year, ch)
    assert meta.year.value() == 2020  # not snapped back
    assert win.doc.report.meta.year == before.meta.year and win.doc.format.id == "2021"
    assert meta.year_note.isVisible() and "2020 年度的年报应使用 2019 年试行格式" in meta.year_note.text()
    assert f"报告年度仍是 {before.meta.year} 年" in meta.year_note.text()
    assert meta.switch_btn.isVisible() and "改用 2019 年试行格式" in meta.switch_btn.text()
    dialogs.answers.append(QMessageBox.Yes)
    qtbot.mouseClick(meta.switch_btn, Qt.LeftButton)
    assert "将不会保留" in dialogs.texts("question")[-1]
    r = win.doc.report
    assert r.format.id == "2019" and r.meta.year == 2020 and r.meta.organ == before.meta.organ
    assert [s.text for s in r.subsections] == [s.text for s in before.subsections]
    assert r.texts["problems"] == before.texts["problems"]
    assert r.cells["t3.new.natural"] == before.cells["t3.new.natural"]
    assert win.doc.path is None and win.isWindowModified()
    # Back to a year of its own format: the note goes.
    meta = win.steps[1]
    meta.year.setValue(2019)
    assert not meta.year_note.isVisible() and win.doc.report.meta.year == 2019
    win.doc.undo_stack.setClean()


def test_a_report_from_last_year_shows_no_errors_until_something_is_typed(win, qtbot, dialogs):
    dialogs.files.append(str(DEMO_SAMPLE))
    win.from_last_year()
    assert win.doc.report.meta.year == project.load(DEMO_SAMPLE).meta.year + 1
    from model.checker import check

    assert any(f.level == ERROR for f in check(win.doc.report))  # the checker does see unbalanced columns
    assert "error" not in win.step_list.states
    assert not [f for f in win.findings.findings if f.level == ERROR]
    win.export("docx")  # cancelled at the question; the page now lists what the question is about
    assert "个错误" in dialogs.texts("question")[-1] and [f for f in win.findings.findings if f.level == ERROR]
    win.quiet_errors = True
    win.refresh_states()
    type_cell(qtbot, table_step(win, "t3").view, "t3.new.natural", "3")
    win.refresh_states()
    assert "error" in win.step_list.states
    win.doc.undo_stack.setClean()


def test_in_format_keeps_what_both_formats_hold_and_lists_the_rest():
    from gui.steps.meta import in_format

    before = project.load(DEMO_SAMPLE)
    new, dropped = in_format(before, "2019", 2020)
    assert new.format.id == "2019" and new.meta.year == 2020 and new.meta.date == before.meta.date
    for cid, v in before.cells.items():
        if v is None:
            continue
        if cid in dropped:
            assert cid not in new.cells or new.format.cells[cid].computed or new.cells[cid] is None
        else:
            assert new.cells[cid] == v
    assert dropped and all(before.cells[c] is not None for c in dropped)
    assert set(new.texts) == {s.id for s in new.format.sections if not s.table}
    assert new.texts["problems"] == before.texts["problems"]


def test_undo_names_the_subsection_typed_in(win, qtbot):
    from gui_helpers import ime_type

    assert win.open_file(str(DEMO_SAMPLE), as_copy=True)
    i = win.step_for(section="overview")
    win.go(i)
    page = win.steps[i]
    page.list.setCurrentRow(1)
    page.text_edit.moveCursor(page.text_edit.textCursor().MoveOperation.End)
    ime_type(page.text_edit, "另有补充。")
    assert win.undo_actions()[0].text() == f"撤销「修改「{win.doc.report.subsections[1].title}」的内容」"
    win.doc.undo_stack.setClean()
