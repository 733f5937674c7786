"""The open report as the GUI sees it: the Report, its file, its undo stack, and signals for every change.

Every edit reaches the Report through an undo command (gui/commands.py) that calls the apply_* methods
here; the pages only listen to the signals, so undo, redo, paste and typing all refresh the same way.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from model.report import Report, Subsection
from model.values import Value


class ReportDocument(QObject):
    """One open report: path (None until saved), undo stack, change signals."""

    cellsChanged = Signal(list)  # input cell ids whose value or unit changed
    textChanged = Signal(tuple)  # a text key, see text()/apply_text()
    subsectionsChanged = Signal()  # the list of subsections was restructured
    metaChanged = Signal()
    notesChanged = Signal(str)  # the key of a finding whose 出错说明 was written or cleared
    changed = Signal()  # anything changed (for findings, step states, autosave)

    def __init__(self, report: Report, path: str | Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.report = report
        self.path = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.revision = 0  # bumped on every change, so autosave knows whether anything is new
        self.last_change: tuple = ()  # ("cells", ids) / ("text", key) / ("subsections",) / ("meta",)
        # One file, one editor (model/lock.py): the lock this window holds on `path`, or read_only when
        # another window or PC holds it; `disk` is the file as last loaded or saved, to notice other writers.
        self.lock = None
        self.read_only = False
        self.disk = None
        self._heartbeat: QTimer | None = None

    def hold(self, lock) -> None:
        """Keep this lock (a model.lock.Lock, or None) and refresh it while the report stays open."""
        if lock is self.lock:
            return
        self.release()
        self.lock = lock
        if lock is not None:
            from model.lock import REFRESH_SECONDS

            self._heartbeat = QTimer(self, interval=REFRESH_SECONDS * 1000)
            self._heartbeat.timeout.connect(lock.refresh)
            self._heartbeat.start()

    def release(self) -> None:
        """Give the file back: on close, on opening another file, after 另存为 to another one."""
        if self._heartbeat is not None:
            self._heartbeat.stop()
            self._heartbeat = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @property
    def format(self):
        return self.report.format

    # ---- reading ---------------------------------------------------------------------------------

    def text(self, key: tuple) -> str:
        """("section", id) -> section text; ("sub", i, "title"|"text") -> a subsection's field."""
        if key[0] == "section":
            return self.report.texts.get(key[1], "")
        sub = self.report.subsections[key[1]]
        return getattr(sub, key[2])

    # ---- applying (called by undo commands only) -------------------------------------------------

    def apply_cells(self, values: dict[str, Value], units: dict[str, str], reported: dict | None) -> None:
        for cid, v in values.items():
            self.report.set(cid, v)
        self.report.units.update(units)
        if reported is not None:
            self.report.reported = dict(reported)
            self.report.invalidate()
        ids = list(values) + [u for u in units if u not in values]
        self.last_change = ("cells", ids)
        self._emit(self.cellsChanged, ids)

    def apply_text(self, key: tuple, value: str) -> None:
        if key[0] == "section":
            self.report.texts[key[1]] = value
        else:
            setattr(self.report.subsections[key[1]], key[2], value)
        self.last_change = ("text", key)
        self._emit(self.textChanged, key)

    def apply_subsections(self, subs: list[tuple[str, str]]) -> None:
        self.report.subsections = [Subsection(t, x) for t, x in subs]
        self.last_change = ("subsections",)
        self._emit(self.subsectionsChanged)

    def apply_meta(self, field: str, value) -> None:
        setattr(self.report.meta, field, value)
        self.last_change = ("meta",)
        self._emit(self.metaChanged)

    def apply_note(self, key: str, text: str) -> None:
        """Attach the clerk's 出错说明 to a finding's key; an empty text clears it."""
        text = text.strip()
        if text:
            self.report.notes[key] = text
        else:
            self.report.notes.pop(key, None)
        self.last_change = ("notes", key)
        self._emit(self.notesChanged, key)

    def _emit(self, signal, *args) -> None:
        self.revision += 1
        signal.emit(*args)
        self.changed.emit()
