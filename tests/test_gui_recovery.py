"""Autosave and crash recovery: a session that dies leaves a recovery file; the next start offers it."""
from __future__ import annotations

from pathlib import Path

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
    dialogs.answers.append("恢复")
    assert win2.offer_recovery()
    assert "上次程序没有正常关闭" in dialogs.texts("choice")[-1]
    assert dialogs.options[-1] == ["恢复", "以后再说", "丢弃"]
    assert win2.doc.report.cells["t3.new.natural"] == 77
    assert win2.doc.path == path and win2.isWindowModified()  # restored, not yet saved
    assert recovery.orphans(tmp_path / "recovery") == []
    win2.save()
    from model import project

    assert project.load(path).cells["t3.new.natural"] == 77
    win2.close()


def crashed_session(qtbot, tmp_path) -> Path:
    """A session that typed into the demo and crashed; returns the recovery file it left."""
    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    type_cell(qtbot, table_step(win, "t2").view, "t2.rules.issued", "5")
    assert win.autosaver.autosave()
    crash(win)
    return win.autosaver.data


def test_later_keeps_the_recovery_file_and_asks_again_next_start(qtbot, tmp_path, dialogs):
    data = crashed_session(qtbot, tmp_path)
    win2 = make_window(qtbot, tmp_path)
    dialogs.answers.append("以后再说")
    assert not win2.offer_recovery()
    assert win2.doc is None and data.exists()
    win2.close()
    win3 = make_window(qtbot, tmp_path)  # the next start asks again
    dialogs.answers.append("恢复")
    assert win3.offer_recovery() and win3.doc.report.cells["t2.rules.issued"] == 5
    assert len(dialogs.texts("choice")) == 2
    win3.doc.undo_stack.setClean()


def test_later_by_clicking_the_real_button(qtbot, tmp_path, dialogs):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    data = crashed_session(qtbot, tmp_path)
    win2 = make_window(qtbot, tmp_path)
    QMessageBox.exec = dialogs.real_exec  # this once, a real box that the clerk clicks (monkeypatch restores)
    seen = []

    def click():
        box = QApplication.activeModalWidget()
        seen.extend(b.text() for b in box.buttons())
        later = next(b for b in box.buttons() if b.text() == "以后再说")
        assert box.defaultButton().text() == "恢复"
        qtbot.mouseClick(later, Qt.LeftButton)

    QTimer.singleShot(0, click)
    assert not win2.offer_recovery()
    assert sorted(seen) == sorted(["恢复", "以后再说", "丢弃"]) and data.exists() and win2.doc is None


def test_discard_asks_once_more(qtbot, tmp_path, dialogs):
    data = crashed_session(qtbot, tmp_path)
    win2 = make_window(qtbot, tmp_path)
    dialogs.answers += ["丢弃", "保留"]  # second thoughts: kept
    assert not win2.offer_recovery() and data.exists()
    assert "无法找回" in dialogs.texts("choice")[-1]
    dialogs.answers += ["丢弃", "丢弃"]
    assert not win2.offer_recovery()
    assert not data.exists() and recovery.orphans(tmp_path / "recovery") == []


def test_escape_is_later(qtbot, tmp_path, dialogs):
    data = crashed_session(qtbot, tmp_path)
    win2 = make_window(qtbot, tmp_path)
    assert not win2.offer_recovery()  # no choice: the Escape button
    assert data.exists()


def test_a_recovery_file_older_than_30_days_is_offered_once_more_then_removed(qtbot, tmp_path, dialogs):
    import os
    import time

    data = crashed_session(qtbot, tmp_path)
    old = time.time() - (recovery.KEEP_DAYS + 2) * 86400
    os.utime(data, (old, old))
    win2 = make_window(qtbot, tmp_path)
    assert not win2.offer_recovery()
    text = dialogs.texts("choice")[-1]
    assert "超过 30 天" in text and "最后一次" in text and dialogs.options[-1] == ["恢复", "不恢复，删除"]
    assert not data.exists() and recovery.orphans(tmp_path / "recovery") == []


def test_an_old_recovery_file_can_still_be_restored(qtbot, tmp_path, dialogs):
    import os
    import time

    data = crashed_session(qtbot, tmp_path)
    old = time.time() - 40 * 86400
    os.utime(data, (old, old))
    win2 = make_window(qtbot, tmp_path)
    dialogs.answers.append("恢复")
    assert win2.offer_recovery() and win2.doc.report.cells["t2.rules.issued"] == 5
    win2.doc.undo_stack.setClean()


def test_a_recovery_file_too_large_is_named_with_its_size_not_dropped(qtbot, tmp_path, dialogs, monkeypatch):
    from model import project

    data = crashed_session(qtbot, tmp_path)
    size = data.stat().st_size
    monkeypatch.setattr(project, "MAX_BYTES", size - 1)  # the limit model/project.py enforces
    win2 = make_window(qtbot, tmp_path)
    assert not win2.offer_recovery()
    text = dialogs.texts("choice")[-1]
    assert data.name in text and f"{max(size // 1024, 1)} KB" in text and "无法打开" in text
    assert data.exists()  # kept: 保留 is the cautious answer
    dialogs.answers += ["丢弃", "删除"]
    assert not win2.offer_recovery() and not data.exists()


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


def test_an_autosave_too_large_to_reopen_is_said_and_the_last_good_one_kept(qtbot, tmp_path, dialogs, monkeypatch):
    from model import project

    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    type_cell(qtbot, table_step(win, "t3").view, "t3.new.natural", "77")
    assert win.autosaver.autosave()
    good = win.autosaver.data.read_bytes()
    monkeypatch.setattr(project, "MAX_BYTES", len(good) + 10)  # the next edit makes it just too large
    win.doc.apply_text(("section", win.doc.format.sections[-1].id), "很长的说明。" * 20)
    assert not win.autosaver.autosave()
    assert win.autosaver.data.read_bytes() == good  # the previous autosave stays whole, and is still offered
    assert win.statusBar().currentMessage().startswith("自动保存已暂停：")
    assert list((tmp_path / "recovery").glob(".*.tmp")) == []  # the one atomic writer left nothing behind
