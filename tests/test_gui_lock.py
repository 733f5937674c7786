"""One file, one editor, through the window: two windows on one file, another PC's lock, a crash's stale lock,
a file changed on disk under the window, and the lock following the file through close, open and 另存为."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from conftest import DEMO_SAMPLE
from gui_helpers import leave_stale_lock, make_window, table_step, type_cell

from model import lock, project
from model.lock import lock_path, read_holder


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "年报.gknb"
    path.write_bytes(DEMO_SAMPLE.read_bytes())
    return path


def edit(qtbot, win, value: str = "9") -> None:
    type_cell(qtbot, table_step(win, "t2").view, "t2.rules.issued", value)


def ctrl_s(qtbot, win) -> None:
    qtbot.keyClick(win.current_step(), Qt.Key_S, Qt.ControlModifier)


def other_pc(path, *, age=dt.timedelta(minutes=3), host="PC-CAIWU-02", user="王五"):
    seen = dt.datetime.now().astimezone() - age
    data = {"app": "gknb", "user": user, "host": host, "pid": 777, "token": "x",
            "since": seen.replace(hour=9, minute=30, second=0).isoformat(), "seen": seen.isoformat()}
    lock_path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_the_second_window_opens_read_only_and_saves_only_elsewhere(win, qtbot, dialogs, demo, tmp_path):
    assert win.open_file(str(demo))
    assert win.doc.lock.is_ours() and not win.doc.read_only
    holder = read_holder(lock_path(demo))
    assert (holder.host, holder.user) == (lock.this_host(), lock.this_user())

    win2 = make_window(qtbot, tmp_path / "w2")
    dialogs.answers.append("只读打开")
    assert win2.open_file(str(demo))
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("choice", "文件正在使用") and dialogs.options[-1] == ["只读打开", "取消"]
    assert "「年报.gknb」正由本程序的另一个窗口自 " in text and "不能保存到原文件" in text
    assert win2.doc.read_only and win2.doc.lock is None and "只读" in win2.windowTitle()
    mark = win2.findChild(QLabel, "read_only_mark")
    qtbot.waitUntil(mark.isVisible, timeout=2000)  # said for as long as it lasts, not only in the title
    assert "只读" in mark.text()

    edit(qtbot, win2, "5")
    copy = tmp_path / "副本.gknb"
    dialogs.answers.append("另存为…")
    dialogs.files.append(str(copy))
    ctrl_s(qtbot, win2)
    assert dialogs.shown[-2][1] == "只读打开的文件" and dialogs.options[-1] == ["另存为…", "取消"]
    assert project.load(copy).cells["t2.rules.issued"] == 5
    assert project.load(demo).cells["t2.rules.issued"] == project.load(DEMO_SAMPLE).cells["t2.rules.issued"]
    assert not win2.doc.read_only and win2.doc.path == copy and win2.doc.lock.is_ours()
    assert "只读" not in win2.windowTitle() and win.doc.lock.is_ours()  # the first window keeps its file
    assert not mark.isVisible()

    edit(qtbot, win, "7")
    ctrl_s(qtbot, win)  # the holder saves without a question
    assert project.load(demo).cells["t2.rules.issued"] == 7 and dialogs.shown[-1][0] != "choice"
    win.close()
    assert not lock_path(demo).exists()  # released on close
    dialogs.shown.clear()
    assert win2.open_file(str(demo))  # now free: opens for editing, no question; the copy's lock goes back
    assert [k for k, *_ in dialogs.shown] == [] and not win2.doc.read_only
    assert not lock_path(copy).exists() and lock_path(demo).exists()


def test_cancel_on_a_file_in_use_leaves_the_window_as_it_was(win, qtbot, dialogs, demo):
    other_pc(demo)
    assert not win.open_file(str(demo))  # the cautious answer: 取消
    assert win.doc is None and win.stack.currentIndex() == 0
    assert read_holder(lock_path(demo)).user == "王五"  # their lock is untouched


def test_another_pcs_lock_names_who_and_since_when(win, qtbot, dialogs, demo):
    other_pc(demo)
    dialogs.answers.append("只读打开")
    assert win.open_file(str(demo))
    text = dialogs.texts("choice")[-1]
    since = read_holder(lock_path(demo)).since.strftime("%Y-%m-%d %H:%M")
    assert f"正由王五（电脑 PC-CAIWU-02）自 {since} 起打开编辑" in text
    assert win.doc.read_only
    win.close()
    assert read_holder(lock_path(demo)).user == "王五"  # a read-only window never removes another's lock


def test_another_pcs_lock_silent_for_hours_may_be_taken_over(win, qtbot, dialogs, demo):
    other_pc(demo, age=lock.STALE_AFTER + dt.timedelta(minutes=10))
    dialogs.answers.append("接管")
    assert win.open_file(str(demo))
    assert dialogs.shown[-1][1] == "文件上次没有正常关闭" and dialogs.options[-1] == ["接管", "只读打开", "取消"]
    assert "那台电脑已超过 1 小时没有响应" in dialogs.texts("choice")[-1]
    assert not win.doc.read_only and win.doc.lock.is_ours()
    edit(qtbot, win)
    ctrl_s(qtbot, win)
    assert project.load(demo).cells["t2.rules.issued"] == 9


def test_a_crashed_windows_lock_is_offered_for_take_over(qtbot, dialogs, demo, tmp_path):
    crashed = make_window(qtbot, tmp_path / "w1")
    assert crashed.open_file(str(demo))
    leave_stale_lock(crashed.doc)  # its process died: the lock stays, naming a pid that is gone
    assert lock_path(demo).exists()
    win = make_window(qtbot, tmp_path / "w2")
    dialogs.answers.append("接管")
    assert win.open_file(str(demo))
    assert "那个程序已经没有在运行（可能是程序意外关闭或电脑断电）" in dialogs.texts("choice")[-1]
    assert win.doc.lock.is_ours() and not win.doc.read_only
    dialogs.answers.append("只读打开")  # and the clerk who is unsure opens it read-only instead
    leave_stale_lock(win.doc)
    assert win.open_file(str(demo)) and win.doc.read_only


def test_a_file_changed_on_disk_under_the_window_asks_before_overwriting(win, qtbot, dialogs, demo, tmp_path):
    assert win.open_file(str(demo))
    edit(qtbot, win, "9")
    ctrl_s(qtbot, win)  # a save of our own is no change by someone else
    assert [k for k, *_ in dialogs.shown] == []
    theirs = project.load(demo)
    theirs.cells["t2.rules.issued"] = 1234
    project.save(theirs, demo)  # e.g. a colleague saving from another program version, or a sync tool
    edit(qtbot, win, "8")

    ctrl_s(qtbot, win)  # the cautious answer: 取消
    assert dialogs.shown[-1][1] == "文件已在别处被修改" and dialogs.options[-1] == ["覆盖", "另存为…", "取消"]
    assert project.load(demo).cells["t2.rules.issued"] == 1234 and win.isWindowModified()

    other = tmp_path / "我的.gknb"
    dialogs.answers.append("另存为…")
    dialogs.files.append(str(other))
    ctrl_s(qtbot, win)
    assert project.load(other).cells["t2.rules.issued"] == 8 and project.load(demo).cells["t2.rules.issued"] == 1234
    assert win.doc.path == other and not lock_path(demo).exists()  # the lock moved with the file

    win.open_file(str(demo))
    edit(qtbot, win, "6")
    theirs.cells["t2.rules.issued"] = 4321
    project.save(theirs, demo)
    dialogs.answers.append("覆盖")
    ctrl_s(qtbot, win)
    assert project.load(demo).cells["t2.rules.issued"] == 6
    assert project.load(demo.with_name(demo.name + ".bak")).cells["t2.rules.issued"] == 4321  # theirs kept
    assert not win.isWindowModified()


def test_a_lock_taken_over_elsewhere_stops_saves_to_the_file(win, qtbot, dialogs, demo):
    assert win.open_file(str(demo))
    edit(qtbot, win)
    lock.Lock(demo).take_over()  # another window or PC took it over (it thought ours was stale)
    ctrl_s(qtbot, win)  # the cautious answer: 取消
    assert dialogs.shown[-1][1] == "不能保存到原文件" and "已被本程序的另一个窗口自 " in dialogs.texts("choice")[-1]
    assert project.load(demo).cells["t2.rules.issued"] != 9
    assert win.doc.read_only and "只读" in win.windowTitle()


def test_the_lock_is_released_on_opening_another_file_and_follows_save_as(win, qtbot, dialogs, demo, tmp_path):
    second = tmp_path / "二.gknb"
    second.write_bytes(DEMO_SAMPLE.read_bytes())
    assert win.open_file(str(demo)) and lock_path(demo).exists()
    assert win.open_file(str(demo)) and win.doc.lock.is_ours()  # reopening our own file asks nothing
    assert [k for k, *_ in dialogs.shown] == []
    assert win.open_file(str(second))
    assert not lock_path(demo).exists() and lock_path(second).exists()
    moved = tmp_path / "三.gknb"
    dialogs.files.append(str(moved))
    assert win.save_as()
    assert not lock_path(second).exists() and win.doc.lock.is_ours() and win.doc.lock.project == moved
    other_pc(demo)
    dialogs.files.append(str(demo))
    assert not win.save_as()  # 另存为 over a file someone is editing is refused
    assert "正由王五（电脑 PC-CAIWU-02）" in dialogs.texts("warning")[-1]
    assert win.doc.path == moved and lock_path(moved).exists()
    assert win.open_file(str(DEMO_SAMPLE), as_copy=True)  # a sample is a copy: no lock, ours released
    assert win.doc.lock is None and not lock_path(moved).exists()
    assert not lock_path(DEMO_SAMPLE).exists()


def test_a_restored_report_whose_file_another_window_holds_is_restored_unsaved(qtbot, dialogs, demo, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from gui import recovery

    crashed = make_window(qtbot, tmp_path)
    assert crashed.open_file(str(demo))
    edit(qtbot, crashed, "77")
    assert crashed.autosaver.autosave()
    crashed.autosaver.timer.stop()
    crashed.autosaver.lock.unlock()
    crashed.autosaver.close = lambda: None  # a dead process cleans nothing up
    crashed.doc.undo_stack.setClean()
    leave_stale_lock(crashed.doc)
    holder = make_window(qtbot, tmp_path / "w2")
    dialogs.answers.append("接管")
    assert holder.open_file(str(demo)) and holder.doc.lock.is_ours()  # meanwhile a colleague took the file

    win = make_window(qtbot, tmp_path)
    assert len(recovery.orphans(tmp_path / "recovery")) == 1
    dialogs.answers.append("恢复")
    assert win.offer_recovery()
    assert win.doc.report.cells["t2.rules.issued"] == 77 and win.doc.path is None and win.doc.lock is None
    assert "现在正由别人编辑" in win.statusBar().currentMessage()
    assert holder.doc.lock.is_ours()  # the colleague's lock is untouched
