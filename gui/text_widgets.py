"""Text fields bound to the report through undo commands, with Ctrl+Z / Ctrl+Y going to the report's stack."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from .commands import SetMetaCommand, SetTextCommand
from .document import ReportDocument


class UndoForwarder(QObject):
    """Sends a text field's undo/redo keys to the report's undo stack instead of the field's own history,
    so that one Ctrl+Z undoes the last edit wherever it was made."""

    def __init__(self, doc: ReportDocument, parent: QObject):
        super().__init__(parent)
        self.doc = doc

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.ShortcutOverride, QEvent.KeyPress):
            undo = event.matches(QKeySequence.Undo)
            redo = event.matches(QKeySequence.Redo) or (
                event.key() == Qt.Key_Y and event.modifiers() == Qt.ControlModifier)  # Ctrl+Y on every platform
            if undo or redo:
                if event.type() == QEvent.ShortcutOverride:
                    event.accept()  # keep it from window shortcuts: the KeyPress comes here next
                else:
                    (self.doc.undo_stack.undo if undo else self.doc.undo_stack.redo)()
                return True
        if event.type() == QEvent.FocusOut:
            seal_text_merge(self.doc)
        return False


def seal_text_merge(doc: ReportDocument) -> None:
    """End the current typing step: the next typing in the same field becomes a new undo step."""
    stack = doc.undo_stack
    if stack.index() > 0:
        cmd = stack.command(stack.index() - 1)
        if isinstance(cmd, (SetTextCommand, SetMetaCommand)):
            cmd.sealed = True


class BoundText:
    """Keeps a QLineEdit or QPlainTextEdit and a report text (by key) in step, both ways."""

    def __init__(self, doc: ReportDocument, widget: QLineEdit | QPlainTextEdit, key: tuple, label: str):
        self.doc, self.widget, self.key, self.label = doc, widget, key, label
        self._updating = False
        widget.installEventFilter(UndoForwarder(doc, widget))
        self.load()
        sig = widget.textEdited if isinstance(widget, QLineEdit) else widget.textChanged
        sig.connect(self._edited)
        doc.textChanged.connect(self._on_doc_text)

    def rebind(self, key: tuple) -> None:
        self.key = key
        self.load()

    def _get(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def load(self) -> None:
        value = self.doc.text(self.key) if self.key is not None else ""
        if value == self._get():
            return
        self._updating = True
        try:
            w = self.widget
            if isinstance(w, QLineEdit):
                w.setText(value)
            else:
                pos = w.textCursor().position()
                w.setPlainText(value)
                cur = w.textCursor()
                cur.setPosition(min(pos, len(value)))
                w.setTextCursor(cur)
        finally:
            self._updating = False

    def _edited(self, *_):
        if self._updating or self.key is None:
            return
        new, old = self._get(), self.doc.text(self.key)
        if new != old:
            self.doc.undo_stack.push(SetTextCommand(self.doc, self.key, old, new, self.label))

    def _on_doc_text(self, key: tuple) -> None:
        if key == self.key:
            self.load()


_SENTENCE_ENDS = "。！？!?；;\n"


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (to its 。！？ or ；, or the paragraph's end) that holds text[start:end]."""
    s, e = start, end
    while s > 0 and text[s - 1] not in _SENTENCE_ENDS:
        s -= 1
    while e < len(text) and text[e] not in _SENTENCE_ENDS:
        e += 1
    if e < len(text) and text[e] != "\n":
        e += 1  # with its full stop
    while s < e and text[s].isspace():
        s += 1
    return s, e


def select_sentence(editor: QPlainTextEdit, span: tuple[int, int]) -> None:
    """Select, show and focus the sentence of the editor's text that holds `span` (str indices)."""
    text = editor.toPlainText()
    s, e = sentence_around(text, min(span[0], len(text)), min(span[1], len(text)))

    def pos(i: int) -> int:  # Qt counts UTF-16 units: a character beyond the BMP is two
        return len(text[:i].encode("utf-16-le")) // 2

    cur = editor.textCursor()
    cur.setPosition(pos(s))
    cur.setPosition(pos(e), QTextCursor.KeepAnchor)
    editor.setTextCursor(cur)
    editor.ensureCursorVisible()
    editor.setFocus()
