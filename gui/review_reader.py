"""Reading the review's files off the GUI thread: a QThread drives reader/batch.py's process pool and
hands each FileSummary to the GUI thread by a queued signal; 取消 sets the batch's cancel event.

One job, one class: when gui/worker.py (the program's one worker mechanism) lands, this class is what
is replaced by a worker job running `read_files` over the same list.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal


class ReviewReader(QThread):
    """Reads `files` in worker processes; emits fileRead(summary) per file as it finishes."""

    fileRead = Signal(object)

    def __init__(self, files: list[str], year: int | None, parent=None, reader=None):
        super().__init__(parent)
        self.files, self.year = files, year
        self.cancel_event = threading.Event()
        self.reader = reader  # a picklable top-level function; None: reader.batch.summarise

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        from reader.batch import read_files, summarise

        for summary in read_files(self.files, self.year, cancel=self.cancel_event, reader=self.reader or summarise):
            self.fileRead.emit(summary)
