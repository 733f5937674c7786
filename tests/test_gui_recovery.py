"""Autosave and crash recovery: a session that dies leaves a recovery file; the next start offers it."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from conftest import DEMO_SAMPLE
from gui_helpers import leave_stale_lock, make_window, table_step, type_cell

from gui import recovery


def crash(win) -> None:
    """What a crash leaves: the recovery file, and a lock whose owner is gone."""
    win.autosaver.timer.stop()
    win.autosaver.lock.unlock()
    win.doc.undo_stack.setClean()  # so the test's own teardown closes the window without asking
    win.autosaver.close = lambda: None  # a dead process cleans nothing up
    leave_stale_lock(win.doc)


def test_autosave_writes_only_unsaved_changes(qtbot, tmp_path, dialogs):
    win = make_window(qtbot, tmp_path, autosave_ms=50)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    qtbot.wait(150)
    assert not win.autosaver.data.exists()  # nothing unsaved yet
    type_cell(qtbot, table_step(win, "t3").view, "t3.new.natural", "77")
    qtbot.waitUntil(win.autosaver.data.exists, timeout=2000)
    assert recovery.orphans(tmp_path / "recovery") == []  # our own session is alive: not an orphan
    win.doc.undo_stack.setClean()
    win.close()
    assert not win.autosaver.data.exists()  # a clean close leaves nothing behind


def test_restore_after_crash(qtbot, tmp_path, dialogs):
    win = make_window(qtbot, tmp_path)
    path = tmp_path / "demo.gknb"
    path.write_bytes(DEMO_SAMPLE.read_bytes())
    win.open_file(str(path))
    type_cell(qtbot, table_step(win, "t3").view, "t3.new.natural", "77")
    assert win.autosaver.autosave()
    crash(win)

    found = recovery.orphans(tmp_path / "recovery")
    assert len(found) == 1 and found[0].original == str(path)
    win2 = make_window(qtbot, tmp_path)
    dialogs.answers.append(QMessageBox.Yes)
    assert win2.offer_recovery()
    assert "上次程序没有正常关闭" in dialogs.texts("question")[-1]
    assert win2.doc.report.cells["t3.new.natural"] == 77
    assert win2.doc.path == path and win2.isWindowModified()  # restored, not yet saved
    assert recovery.orphans(tmp_path / "recovery") == []
    win2.save()
    from model import project

    assert project.load(path).cells["t3.new.natural"] == 77
    win2.close()


def test_declining_recovery_discards_it(qtbot, tmp_path, dialogs):
    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    type_cell(qtbot, table_step(win, "t2").view, "t2.rules.issued", "5")
    assert win.autosaver.autosave()
    crash(win)
    win2 = make_window(qtbot, tmp_path)
    dialogs.answers.append(QMessageBox.No)
    assert not win2.offer_recovery()
    assert win2.doc is None and recovery.orphans(tmp_path / "recovery") == []


def test_unexpected_error_autosaves_and_tells_the_clerk(qtbot, tmp_path, dialogs, monkeypatch):
    import sys

    from gui.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    type_cell(qtbot, table_step(win, "t2").view, "t2.rules.issued", "6")
    install_excepthook(win)
    try:
        raise RuntimeError("测试")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert win.autosaver.data.exists()
    assert "自动保存" in dialogs.texts("critical")[-1]
    win.doc.undo_stack.setClean()
