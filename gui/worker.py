"""Long jobs off the GUI thread, all through this one mechanism: a progress dialog with 取消, results on the GUI thread.

A Job is either one call `fn(*args)` or, with `items`, one call `fn(item, *args)` per item, spread over
several workers (a folder of reports). It runs in worker processes by default (concurrent.futures'
ProcessPoolExecutor with the "spawn" start method on every system: Windows has no other, and forking a
process that runs Qt is unsafe), because python-docx and lxml hold the GIL, so a thread would still slow
the window, and only a process can be stopped at once when the clerk presses 取消. `fn` must then be a
module-level function of a module that imports no Qt, and its arguments, items and results picklable.
Work that cannot be pickled may use threads (kind=THREAD): 取消 then drops pending items and ignores the
running one's result, which a thread cannot be stopped from computing.

    outcome = worker.run(window, "正在读取……", worker.Job(read_docx, (path,)))
    outcome = worker.run(window, "正在审核……", worker.Job(review_one, items=paths), on_item=add_row)
    pool = worker.prestart(("reader.docx_reader",))   # while the clerk picks the file; then run(..., pool=pool)

`run` shows the dialog (after SHOW_AFTER_MS, so a quick job flashes nothing), keeps the window painting
and its timers running, ignores clicks and keys in the window meanwhile, and returns an Outcome.
`Worker` is the same without the dialog, for a caller that wants its own.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool as WorkerDied  # a worker process died under its item
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

PROCESS, THREAD = "process", "thread"
SHOW_AFTER_MS = 400


@dataclass
class Job:
    """What to run: fn(*args) once, or fn(item, *args) for each item (in parallel, `workers` at a time)."""

    fn: Callable
    args: tuple = ()
    items: Sequence | None = None
    workers: int | None = None  # default: 1 for a single call, every core for items
    kind: str = PROCESS
    tasks_per_child: int | None = None  # a fresh process after this many items (keeps memory flat)

    @property
    def count(self) -> int:
        return 1 if self.items is None else len(self.items)


@dataclass
class Outcome:
    """How a job ended. A single call: `result` or `error`. Items: `results` in item order (None where that
    item failed) and `errors` by item index. `cancelled` when the clerk pressed 取消 (results so far kept)."""

    results: list = field(default_factory=list)
    errors: dict[int, BaseException] = field(default_factory=dict)
    cancelled: bool = False
    done: int = 0

    @property
    def result(self) -> Any:
        return self.results[0] if self.results else None

    @property
    def error(self) -> BaseException | None:
        return self.errors.get(0)


def process_pool(workers: int = 1, tasks_per_child: int | None = None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               max_tasks_per_child=tasks_per_child)


def prestart(modules: tuple[str, ...] = (), workers: int = 1) -> ProcessPoolExecutor | None:
    """Start worker processes now, e.g. while the clerk picks a file, importing `modules` there: the job
    given them later (run(..., pool=...)) then waits neither for a process to start nor for its imports.
    A pool that is not used after all: pool.shutdown(wait=False, cancel_futures=True)."""
    from .worker_child import prepare

    pool = process_pool(workers)
    try:
        for _ in range(workers):
            pool.submit(prepare, tuple(modules))
    except Exception:  # no process could start (resources exhausted): the job will say so when it runs
        pool.shutdown(wait=False, cancel_futures=True)
        return None
    return pool


class Worker(QObject):
    """Runs one Job; its signals arrive on the GUI thread."""

    progress = Signal(int, int)  # items done, items in all
    itemDone = Signal(int, object)  # item index, its result
    itemFailed = Signal(int, object)  # item index, the exception it raised
    finished = Signal()  # done or cancelled: read `outcome`
    _arrived = Signal(int, object)  # from the executor's thread: item index, its future

    def __init__(self, job: Job, parent: QObject | None = None, pool: ProcessPoolExecutor | None = None):
        super().__init__(parent)
        self.job = job
        self.outcome = Outcome(results=[None] * job.count)
        self.over = False
        self._pool = pool  # a prestarted pool, or None: start() makes one; every pool is shut down at the end
        self._executors: list = []
        self._futures: list[Future] = []
        self._calls: list[tuple] = []
        self._workers = 1
        self._broken: list[int] = []  # items whose worker process died under them (maybe another item's doing)
        self._isolating = False
        self._arrived.connect(self._on_arrived, Qt.QueuedConnection)

    def start(self) -> None:
        job = self.job
        if job.count == 0:
            self._finish()
            return
        self._workers = n = max(1, min(job.workers or (1 if job.items is None else os.cpu_count() or 1), job.count))
        if self._pool is not None:
            ex = self._pool
        elif job.kind == THREAD:
            ex = ThreadPoolExecutor(n, thread_name_prefix="gknb-worker")
        else:
            ex = process_pool(n, job.tasks_per_child)
        self._executors.append(ex)
        self._calls = [job.args] if job.items is None else [(item, *job.args) for item in job.items]
        for i in range(len(self._calls)):
            self._submit(ex, i)

    def _submit(self, ex, i: int) -> None:
        try:
            future = ex.submit(self.job.fn, *self._calls[i])
        except Exception as e:  # a pool already broken: the item fails like the others in it
            future = Future()
            future.set_exception(e)
        self._futures.append(future)
        future.add_done_callback(lambda f, i=i: self._emit_arrived(i, f))

    def _emit_arrived(self, i: int, future: Future) -> None:
        try:
            self._arrived.emit(i, future)
        except RuntimeError:
            pass  # this Worker is gone (a cancelled job's stragglers): nobody waits for the item

    def cancel(self) -> None:
        """Stop now: pending items are dropped, running worker processes killed."""
        if self.over:
            return
        self.outcome.cancelled = True
        self.over = True
        for ex in self._executors:
            if not isinstance(ex, ProcessPoolExecutor):
                ex.shutdown(wait=False, cancel_futures=True)  # a running thread ends on its own; its result is dropped
                continue
            # Futures are not cancelled first: Python 3.11's pool, finding its processes killed, sets an error on
            # every pending future and its manager thread dies on one already cancelled, never reaping them.
            procs = list((getattr(ex, "_processes", None) or {}).values())
            if hasattr(ex, "terminate_workers"):  # Python 3.14
                ex.terminate_workers()
            else:
                for proc in procs:
                    proc.kill()
            for proc in procs:
                proc.join(1.0)  # a killed process ends within milliseconds: reap it, leave no zombie
            ex.shutdown(wait=False)
        self.finished.emit()

    def _on_arrived(self, i: int, future: Future) -> None:
        if self.over or future.cancelled():
            return
        out = self.outcome
        error = future.exception()
        if isinstance(error, WorkerDied) and not self._isolating and self.job.count > 1:
            self._broken.append(i)  # its process died, perhaps of another item: it gets a second chance
            self._isolate_if_round_over()
            return
        if error is not None:
            out.errors[i] = error
            self.itemFailed.emit(i, error)
        else:
            out.results[i] = future.result()
            self.itemDone.emit(i, out.results[i])
        out.done += 1
        self.progress.emit(out.done, self.job.count)
        if out.done == self.job.count:
            self._finish()
        elif self._isolating:
            self._next_isolated()
        else:
            self._isolate_if_round_over()

    def _isolate_if_round_over(self) -> None:
        """An item that kills its worker process (a crash in lxml, memory exhausted) breaks the whole pool, and
        every item pending in it fails too. Once the first round is over, each of those runs again in a
        process of its own, `workers` at a time: only the item at fault fails (with WorkerDied)."""
        if self.outcome.done + len(self._broken) < self.job.count:
            return
        self._isolating = True
        for _ in range(min(self._workers, len(self._broken))):
            self._next_isolated()

    def _next_isolated(self) -> None:
        if self._broken:
            ex = process_pool(1)
            self._executors.append(ex)
            self._submit(ex, self._broken.pop(0))
            ex.shutdown(wait=False)  # its process ends after this one item

    def _finish(self) -> None:
        if self.over:
            return
        self.over = True
        for ex in self._executors:
            ex.shutdown(wait=False, cancel_futures=True)
        self.finished.emit()

    def processes(self) -> list:
        """The live worker processes (for tests and measurements)."""
        return [p for ex in self._executors if isinstance(ex, ProcessPoolExecutor)
                for p in list((getattr(ex, "_processes", None) or {}).values())]


class _InputGuard(QObject):
    """While a job runs and before its dialog shows, clicks and keys in the window do nothing (a second
    import started meanwhile, or the window closed under the job); painting and timers go on."""

    BLOCKED = {QEvent.MouseButtonPress, QEvent.MouseButtonRelease, QEvent.MouseButtonDblClick, QEvent.KeyPress,
               QEvent.KeyRelease, QEvent.Wheel, QEvent.Shortcut, QEvent.ShortcutOverride, QEvent.Close}

    def __init__(self, dialog: QWidget, window: QWidget | None):
        super().__init__(dialog)
        self.dialog = dialog
        self.window = window  # None: every window of the program

    def eventFilter(self, obj, event) -> bool:
        if (event.type() in self.BLOCKED and isinstance(obj, QWidget) and not self._in_dialog(obj)
                and (self.window is None or obj.window() is self.window)):
            if event.type() == QEvent.Close:
                event.ignore()
            return True
        return False

    def _in_dialog(self, w: QWidget) -> bool:
        while w is not None:
            if w is self.dialog:
                return True
            w = w.parentWidget()
        return False


def run(parent: QWidget | None, label: str, job: Job, *, title: str = "公开年报助手",
        on_item: Callable[[int, Any, BaseException | None], None] | None = None,
        show_after_ms: int = SHOW_AFTER_MS, pool: ProcessPoolExecutor | None = None) -> Outcome:
    """Run a job under a progress dialog (count/total for items, a busy bar for one call) and return how it
    ended. on_item(index, result, error) is called on the GUI thread as each item ends. `pool`: processes
    from prestart() to run it in (then shut down), instead of new ones."""
    worker = Worker(job, parent, pool)
    total = job.count if job.items is not None else 0
    dialog = QProgressDialog(label, "取消", 0, total, parent)
    dialog.setObjectName("worker_progress")
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(420)  # room for a file's name
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setValue(0)
    if total:
        dialog.setLabelText(f"{label}（0/{total}）")
        worker.progress.connect(lambda done, n: (dialog.setValue(done), dialog.setLabelText(f"{label}（{done}/{n}）")))
    if on_item is not None:
        worker.itemDone.connect(lambda i, r: on_item(i, r, None))
        worker.itemFailed.connect(lambda i, e: on_item(i, None, e))
    dialog.canceled.connect(worker.cancel)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    app = QApplication.instance()
    guard = _InputGuard(dialog, parent.window() if parent is not None else None)
    app.installEventFilter(guard)
    try:
        worker.start()
        if not worker.over:
            loop.exec()
    finally:
        app.removeEventFilter(guard)
        dialog.canceled.disconnect(worker.cancel)
        dialog.close()
        dialog.deleteLater()
        worker.deleteLater()
    return worker.outcome
