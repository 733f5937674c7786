"""A unit's report opened from the review is for reading: every editor of the wizard's pages is made
read-only (text fields, spin boxes, the tables' typing, Delete and paste, the subsection buttons) until
another report is opened, which builds the pages afresh."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
                               QPlainTextEdit, QTextEdit)

# Keys that only move or copy; everything else typed into a table would change a cell.
_MOVES = {Qt.Key_Up, Qt.Key_Down, Qt.Key_Left, Qt.Key_Right, Qt.Key_Tab, Qt.Key_Backtab, Qt.Key_PageUp,
          Qt.Key_PageDown, Qt.Key_Home, Qt.Key_End, Qt.Key_Shift, Qt.Key_Control, Qt.Key_Alt, Qt.Key_Escape}


class _TableGuard(QObject):
    """Eats the key presses with which a table view would change cells."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.KeyPress, QEvent.ShortcutOverride):
            if event.matches(QKeySequence.Copy) or event.matches(QKeySequence.SelectAll):
                return False
            return event.key() not in _MOVES
        return False


def make_read_only(main) -> int:
    """Make the pages of the main window's open report read-only; returns how many widgets were changed."""
    guard = _TableGuard(main)
    main._read_only_guard = guard  # kept alive with the window; the pages it watches go with the report
    changed = 0
    findings = getattr(main, "findings", None)
    for step in main.steps[1:]:
        if step is findings:
            continue  # its list only jumps to cells, and exporting a copy harms nobody
        for w in step.findChildren(QLineEdit) + step.findChildren(QPlainTextEdit) + step.findChildren(QTextEdit):
            w.setReadOnly(True)
            changed += 1
        for w in step.findChildren(QAbstractSpinBox):
            w.setReadOnly(True)
            changed += 1
        for w in step.findChildren(QComboBox) + step.findChildren(QAbstractButton):
            w.setEnabled(False)
            changed += 1
        for view in step.findChildren(QAbstractItemView):
            view.setEditTriggers(QAbstractItemView.NoEditTriggers)
            view.installEventFilter(guard)
            view.viewport().installEventFilter(guard)
            changed += 1
    return changed
