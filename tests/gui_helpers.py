"""Helpers for the GUI tests: a window with its own settings and recovery folder, and typing like a clerk."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from conftest import DEMO_SAMPLE
from gui.main_window import MainWindow
from gui.settings import UiSettings


def make_window(qtbot, tmp_path, autosave_ms: int = 60_000) -> MainWindow:
    win = MainWindow(UiSettings(tmp_path / "ui.ini"), recovery_folder=tmp_path / "recovery",
                     autosave_ms=autosave_ms)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def activate(qtbot, win) -> None:
    """Keys go to the focus widget of the active window only."""
    if not win.isActiveWindow():
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=2000)


def table_step(win: MainWindow, table_id: str):
    i = win.step_for(table=table_id)
    win.go(i)
    return win.steps[i]


def focus() -> object:
    return QApplication.focusWidget()


def type_cell(qtbot, view, cell_id: str, text: str, key=Qt.Key_Return) -> None:
    """Put the cursor on a cell, type over it key by key, and commit with Enter (or Tab)."""
    model = view.tableModel()
    activate(qtbot, view.window())
    view.setCurrentIndex(model.index_of(cell_id))
    view.setFocus()
    for ch in text:
        qtbot.keyClick(focus() or view, ch)
    qtbot.keyClick(focus() or view, key)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)


def shown(view, cell_id: str) -> str:
    m = view.tableModel()
    return m.data(m.index_of(cell_id))


def paste(qtbot, view, cell_id: str, text: str) -> None:
    QApplication.clipboard().setText(text)
    view.clearSelection()
    view.setCurrentIndex(view.tableModel().index_of(cell_id))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)


class Dialogs:
    """Records message boxes instead of showing them (a modal box would hang an offscreen test)."""

    def __init__(self, monkeypatch):
        from PySide6.QtWidgets import QMessageBox

        self.shown: list[tuple[str, str, str]] = []
        self.answers: list = []  # answers for question() (or a button's text), first in first out
        self.options: list[list[str]] = []  # the buttons of each box with buttons of its own
        from PySide6.QtWidgets import QFileDialog

        self.files: list[str] = []  # answers for the file dialogs; none left = the clerk cancels
        self.real_exec = QMessageBox.exec  # for the test that clicks a real box itself
        for kind in ("warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._make(kind, QMessageBox.Ok), raising=True)
        monkeypatch.setattr(QMessageBox, "question", self._make("question", None))
        monkeypatch.setattr(QMessageBox, "exec", lambda box, *a: self._choose(box))
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._file(name)))

    def _file(self, name):
        def ask(parent, caption="", folder="", filt="", *a, **k):
            self.shown.append((name, caption, folder))
            return (self.files.pop(0) if self.files else "", filt)
        return ask

    def _make(self, kind, default):
        from PySide6.QtWidgets import QMessageBox

        def show(parent, title, text, buttons=None, dflt=None, *a, **k):
            self.shown.append((kind, title, text))
            if kind == "question":
                if self.answers:
                    return self.answers.pop(0)
                # Unasked-for questions get the cautious answer that opens no further dialog.
                return QMessageBox.Discard if buttons is not None and buttons & QMessageBox.Discard \
                    else QMessageBox.No
            return default
        return staticmethod(show)

    def _choose(self, box):
        """A message box with its own buttons (gui/file_lock.choose): record it, click the answer given as
        the button's text (answers, first in first out), else its escape button, as a cautious clerk would."""
        options = [b.text() for b in box.buttons()]
        self.shown.append(("choice", box.windowTitle(), box.text()))
        self.options.append(options)
        want = self.answers.pop(0) if self.answers and isinstance(self.answers[0], str) else None
        button = next((b for b in box.buttons() if b.text() == want), None) if want else box.escapeButton()
        assert button is not None, f"no button {want!r} among {options}"
        button.click()
        return 0

    def texts(self, kind=None) -> list[str]:
        return [t for k, _, t in self.shown if kind in (None, k)]


def ime_type(widget, text: str) -> None:
    """Type Chinese text as an input method commits it (QTest can only press Latin-1 keys)."""
    from PySide6.QtGui import QInputMethodEvent

    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def dead_pid() -> int:
    """The pid of a process that has ended."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def leave_stale_lock(doc) -> None:
    """What a crash leaves of a window's project lock (model/lock.py): the file, naming a process that is gone."""
    import json

    if doc is None or doc.lock is None:
        return
    lock = doc.lock
    data = json.loads(lock.path.read_text(encoding="utf-8"))
    data["pid"] = dead_pid()
    lock.path.write_text(json.dumps(data), encoding="utf-8")
    lock.held = False  # the dead window releases nothing
    doc.lock = None


@pytest.fixture(name="win")
def demo_window(qtbot, tmp_path, dialogs):
    """The window with the demo sample open as a copy (import it as `win` into a test module that wants it);
    left clean afterwards so closing asks nothing."""
    w = make_window(qtbot, tmp_path)
    assert w.open_file(str(DEMO_SAMPLE), as_copy=True)
    yield w
    w.doc.undo_stack.setClean()
