"""gui/worker.py: long jobs in worker processes (or threads) with progress and 取消, results on the GUI thread;
and the Word import running through it while the window keeps working."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

import worker_jobs
from conftest import DEMO_SAMPLE
from docx_fixtures import seed_docx
from gui import worker
from gui.worker import PROCESS, THREAD, Job
from model import formats


def ticking(qtbot):
    """A timer that counts while the GUI thread's event loop runs."""
    ticks = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    return ticks, timer


def press_cancel_when_shown(qtbot, seen: dict, ready=lambda: True):
    """Like a clerk: once the progress dialog is on screen (and `ready()`), click its 取消."""
    timer = QTimer(interval=20)

    def poll():
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.objectName() == "worker_progress" and w.isVisible()]
        if not dialogs or not ready():
            return
        timer.stop()
        seen["dialog"] = len(dialogs)
        seen["label"] = dialogs[0].labelText()
        seen["t"] = time.monotonic()
        qtbot.mouseClick(dialogs[0].findChild(QPushButton), Qt.LeftButton)
    timer.timeout.connect(poll)
    timer.start()
    seen["timer"] = timer


@pytest.mark.parametrize("kind", [PROCESS, THREAD])
def test_items_run_in_parallel_with_progress_and_results_in_order(qapp, kind):
    seen, progress = [], []
    gui_thread = qapp.thread()

    def on_item(i, result, error):
        assert QThread.currentThread() is gui_thread  # delivered on the GUI thread
        seen.append((i, result, error))

    job = Job(worker_jobs.square, (1,), items=list(range(8)), workers=2, kind=kind)
    w = worker.Worker(job)
    w.progress.connect(lambda d, n: progress.append((d, n)))
    w.itemDone.connect(lambda i, r: on_item(i, r, None))
    loop_done = []
    w.finished.connect(lambda: loop_done.append(True))
    w.start()
    deadline = time.monotonic() + 30
    while not loop_done and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.005)
    assert loop_done and not w.outcome.cancelled
    assert w.outcome.results == [x * x + 1 for x in range(8)] and w.outcome.errors == {}
    assert sorted(i for i, *_ in seen) == list(range(8))
    assert progress == [(d, 8) for d in range(1, 9)]


def test_run_reports_each_items_error_and_keeps_the_others(qapp):
    got = {}
    outcome = worker.run(None, "正在计算……", Job(worker_jobs.fail_on_three, items=[1, 2, 3, 4], workers=2),
                         on_item=lambda i, r, e: got.__setitem__(i, (r, e)))
    assert outcome.results == [1, 2, None, 4] and list(outcome.errors) == [2]
    assert isinstance(outcome.errors[2], ValueError) and str(outcome.errors[2]) == "三不行"
    assert got[2][1] is outcome.errors[2] and got[3] == (4, None)
    assert outcome.done == 4 and not outcome.cancelled


def test_a_single_call_returns_its_result_or_its_error(qapp):
    import os

    outcome = worker.run(None, "稍等……", Job(worker_jobs.sleep_then_pid, (0.0,)))
    assert outcome.error is None and outcome.result != os.getpid()  # it ran in another process
    outcome = worker.run(None, "稍等……", Job(worker_jobs.fail_on_three, (3,)))
    assert outcome.result is None and isinstance(outcome.error, ValueError)
    assert worker.run(None, "稍等……", Job(worker_jobs.square, items=[])).results == []


def test_cancel_kills_the_worker_processes_at_once_and_the_loop_kept_running(qtbot, tmp_path):
    ticks, timer = ticking(qtbot)
    seen = {}
    start = time.monotonic()
    both_busy = lambda: len(list(tmp_path.glob("*.pid"))) == 2 or time.monotonic() - start > 20  # noqa: E731
    press_cancel_when_shown(qtbot, seen, ready=both_busy)
    job = Job(worker_jobs.write_pid_and_sleep, items=[str(tmp_path)] * 6, workers=2)
    outcome = worker.run(None, "正在审核……", job)
    ended = time.monotonic()
    timer.stop()
    assert seen["dialog"] == 1 and seen["label"] == "正在审核……（0/6）"
    assert outcome.cancelled and outcome.done == 0
    assert ended - seen["t"] < 0.5  # 取消 returns at once
    assert len([t for t in ticks if start < t < ended]) > 20  # the event loop ran all along
    pids = [int(p.stem) for p in tmp_path.glob("*.pid")]
    assert len(pids) == 2  # two workers, each started one item; the other four never ran
    from model.lock import pid_alive

    qtbot.waitUntil(lambda: not any(pid_alive(p) for p in pids), timeout=2000)


def import_button(win) -> QPushButton:
    return [b for b in win.start.actions_box.findChildren(QPushButton) if b.text().startswith("导入已发布的年报")][0]


def test_import_runs_in_a_worker_process_and_the_window_keeps_working(win, qtbot, dialogs, tmp_path, monkeypatch):
    from gui import import_word as iw

    dialogs.files.append(str(seed_docx(tmp_path / "开封.docx")))
    monkeypatch.setattr(iw.ImportSummary, "exec", lambda dialog: iw.CONTINUE)
    jobs = []
    real_run = worker.run
    monkeypatch.setattr(worker, "run", lambda parent, label, job, **k: jobs.append(job) or real_run(parent, label, job, **k))
    ticks, timer = ticking(qtbot)
    start = time.monotonic()
    import_button(win).click()
    ended = time.monotonic()
    timer.stop()
    assert len(jobs) == 1 and jobs[0].kind == PROCESS and jobs[0].items is None
    assert win.doc is not None and win.doc.report.meta.organ == "开封市商务局"
    assert win.doc.report.format is formats.get(win.doc.report.format.id)  # this process's own Format
    assert len([t for t in ticks if start < t < ended]) >= 3  # the timers ran while the file was read


def test_cancelling_an_import_leaves_the_window_as_it_was(win, qtbot, dialogs, tmp_path, monkeypatch):
    import reader

    assert win.open_file(str(DEMO_SAMPLE), as_copy=True)
    before = win.doc
    before.undo_stack.setClean()
    title = win.windowTitle()
    dialogs.files.append(str(seed_docx(tmp_path / "慢.docx")))
    monkeypatch.setattr(reader, "read_report", worker_jobs.slow_read)  # the worker runs this instead
    ticks, timer = ticking(qtbot)
    seen = {}
    press_cancel_when_shown(qtbot, seen)
    start = time.monotonic()
    win.go(0)
    import_button(win).click()
    ended = time.monotonic()
    timer.stop()
    assert seen["dialog"] == 1 and seen["label"] == "正在读取「慢.docx」……"
    assert ended - seen["t"] < 0.5 and ended - start < 5
    assert len([t for t in ticks if start < t < ended]) > 20  # the window's event loop ran during the read
    assert win.doc is before and win.windowTitle() == title and win.stack.currentIndex() == 0
    assert [k for k, *_ in dialogs.shown if k in ("warning", "critical")] == []  # a cancel is not an error


def test_clicks_in_the_window_during_a_job_start_nothing(win, qtbot, dialogs, tmp_path, monkeypatch):
    """Before the progress dialog shows, the window ignores clicks: no second import starts under the first."""
    from gui import import_word as iw

    dialogs.files.append(str(seed_docx(tmp_path / "a.docx")))
    monkeypatch.setattr(iw.ImportSummary, "exec", lambda dialog: 0)
    button = import_button(win)
    QTimer.singleShot(30, lambda: qtbot.mouseClick(button, Qt.LeftButton))
    button.click()
    assert [k for k, *_ in dialogs.shown].count("getOpenFileName") == 1


def test_a_prestarted_worker_has_the_reader_loaded_and_no_qt(qapp):
    from gui import import_word

    pool = worker.prestart(import_word.READER_MODULES)
    outcome = worker.run(None, "稍等……", Job(worker_jobs.loaded, ("PySide6", "shiboken6", "reader.docx_reader")),
                         pool=pool)
    assert outcome.error is None and outcome.result == ["reader.docx_reader"]
    assert pool._shutdown_thread  # the pool was given to the job, which shut it down at the end


def test_an_item_that_kills_its_worker_fails_alone(qapp):
    """A hostile file that crashes its process must not take the rest of the batch with it."""
    outcome = worker.run(None, "正在审核……", Job(worker_jobs.die_on_three, items=list(range(8)), workers=2))
    assert list(outcome.errors) == [3] and isinstance(outcome.errors[3], worker.WorkerDied)
    assert outcome.results == [0, 1, 2, None, 4, 5, 6, 7] and outcome.done == 8
    single = worker.run(None, "稍等……", Job(worker_jobs.die_on_three, (3,)))
    assert isinstance(single.error, worker.WorkerDied)  # one call: its own fault, not run again


def test_no_process_can_start_the_import_says_so_in_words(win, dialogs, tmp_path, monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    class Exhausted(ProcessPoolExecutor):
        def submit(self, *a, **k):
            raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(worker, "process_pool", lambda *a, **k: Exhausted(1))
    dialogs.files.append(str(seed_docx(tmp_path / "a.docx")))
    import_button(win).click()
    assert [(k, t) for k, t, _ in dialogs.shown if k == "warning"] == [("warning", "无法导入")]
    assert "读取「a.docx」时出现意外错误，未能导入" in dialogs.texts("warning")[0]
    assert win.doc is None
