"""Start-up measurement: with GKNB_BENCH_EXIT_ON_SHOWN=1 the program reports when its window is first shown, then quits.

benchmarks/run.py sets the variable, spawns the program (from source or frozen) and reads the line
`GKNB_SHOWN <perf_counter_ns> <heavy modules loaded>`; perf_counter is system-wide on Linux and Windows,
so the benchmark subtracts its own spawn time. Without the variable nothing is installed.
"""
from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "GKNB_BENCH_EXIT_ON_SHOWN"
HEAVY = ("docx", "openpyxl", "lxml")  # what must not load before the first export


class _FirstExpose(QObject):
    """Waits for the window's first expose, lets that expose paint, then prints the time and quits."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.done = False

    def eventFilter(self, obj, event) -> bool:
        if not self.done and event.type() == QEvent.Type.Expose and obj.isExposed():
            self.done = True
            QTimer.singleShot(0, self._report)  # after the expose's own paint and flush
        return False

    def _report(self) -> None:
        loaded = ",".join(m for m in HEAVY if m in sys.modules) or "-"
        line = f"GKNB_SHOWN {time.perf_counter_ns()} {loaded}\n"
        if sys.stdout is not None:
            sys.stdout.write(line)
            sys.stdout.flush()
        QApplication.quit()


def install(window: QWidget) -> None:
    """Arm the probe on a shown (or about to be shown) top-level window when the variable is set."""
    if os.environ.get(ENV) != "1":
        return
    window.winId()  # creates the native window, so its QWindow exists before the first expose
    handle = window.windowHandle()
    probe = _FirstExpose(window)
    handle.installEventFilter(probe)
    if handle.isExposed():  # already shown and exposed: report at the next turn of the event loop
        probe.done = True
        QTimer.singleShot(0, probe._report)
