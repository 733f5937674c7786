"""The table widget a clerk fills like a spreadsheet: spans, keys (Enter/Tab/arrows/Delete/F2), a refused
value kept in its editor with the reason beside it, the context menu, copy and paste."""
from __future__ import annotations

from PySide6.QtCore import (QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLabel, QMenu,
                               QStyledItemDelegate, QTableView)

from model.format import DATA
from model.values import parse

from .commands import SetCellsCommand
from .parsing import CellInputError, parse_for_cell
from .table_model import ReportTableModel

GRID = QColor("#8c8c8c")
_ARROWS = {Qt.Key_Left: (0, -1), Qt.Key_Right: (0, 1), Qt.Key_Up: (-1, 0), Qt.Key_Down: (1, 0)}
_PLAIN = Qt.KeyboardModifiers(Qt.NoModifier)


class _Delegate(QStyledItemDelegate):
    """Draws each cell's own right and bottom border (so merged cells have no stray grid lines), opens a
    right-aligned line editor, and gives its keys the spreadsheet's meaning (see ReportTableView)."""

    def paint(self, painter, option, index):
        super().paint(painter, option, index)
        r = option.rect
        painter.save()
        painter.setPen(GRID)
        painter.drawLine(r.topRight(), r.bottomRight())
        painter.drawLine(r.bottomLeft(), r.bottomRight())
        painter.restore()

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        editor.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        return editor

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.KeyPress and self.parent().editor_key(editor, event):
            return True
        return super().eventFilter(editor, event)


class _Bubble(QLabel):
    """The reason a typed value was refused, shown right under (or over) the cell being edited. A child of the
    viewport, like the editor: scrolling moves it with its cell."""

    def __init__(self, view: QTableView):
        super().__init__(view.viewport())
        self.setObjectName("refusal_bubble")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: #fff4d6; color: #8a1020; border: 1px solid #c98a00;"
                           " padding: 4px 6px; }")
        self.hide()

    def show_at(self, cell, text: str) -> None:
        view = self.parent()
        self.setText(text)
        em = self.fontMetrics().horizontalAdvance("国")
        width = min(max(cell.width(), 22 * em), max(view.width() - 8, 10 * em))
        self.setFixedWidth(width)
        self.adjustSize()
        x = max(0, min(cell.left(), view.width() - width))
        below = cell.bottom() + 2
        y = below if below + self.height() <= view.height() or cell.top() < self.height() \
            else cell.top() - self.height() - 2
        self.move(x, y)
        self.show()
        self.raise_()


class ReportTableView(QTableView):
    """Spreadsheet-like editing of one ReportTableModel. `message` carries what the clerk should read.

    As in Excel and WPS: a value typed over a cell is committed by Enter (down, or back to the column a run
    of Tabs started in), Tab (right) and the arrows (that way); in a cell opened with F2 or a double click
    ← and → move the text cursor, and F2 switches between the two. The cursor skips label and computed
    cells. A refused value stays in the editor with the reason beside the cell until it is corrected or
    Escape gives the old value back.
    """

    message = Signal(str)  # information (e.g. cells skipped by a paste)
    refused = Signal(str)  # an input or paste that was refused, with the cell and the reason

    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.typed_over = False  # the open editor was started by typing over the cell (not F2)
        self._editing = QPersistentModelIndex()  # the cell of the open editor
        self._refusal: tuple[object, str] | None = None  # (editor, message) of a refused value still open
        self._tab_run: tuple[int, tuple[int, int]] | None = None  # (column the run started in, cursor after it)
        self._bubble = _Bubble(self)
        self.setModel(model)
        self.setItemDelegate(_Delegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setShowGrid(False)  # the delegate draws the borders: Qt's grid shows through merged cells
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.setTabKeyNavigation(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setStyleSheet("QTableView { border: 1px solid #8c8c8c; } QTableView::item { padding: 0 3px; }"
                           "QTableView::item:selected { background: #ffe9a8; color: #1a1a1a; }"
                           "QTableView::item:focus { border: 2px solid #2f6fd0; }")
        model.modelReset.connect(self.apply_spans)
        model.inputRefused.connect(self.refused)
        self.apply_spans()
        first = next((it for it in model.spec.items if it.role == DATA and model.is_input(it.cell)), None)
        if first:
            self.setCurrentIndex(model.index(first.row, first.col))

    def tableModel(self) -> ReportTableModel:
        return self.model()  # type: ignore[return-value]

    def apply_spans(self) -> None:
        self.clearSpans()
        for it in self.tableModel().spans():
            self.setSpan(it.row, it.col, it.rowspan, it.colspan)

    # ---- keys -----------------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.EditingState
        mods = event.modifiers() & ~Qt.KeypadModifier
        if event.matches(QKeySequence.Paste):
            self.paste()
        elif event.matches(QKeySequence.Copy):
            self.copy()
        elif key in (Qt.Key_Delete, Qt.Key_Backspace) and not editing:
            self.clear_selected()
        elif event.text().strip() and not event.modifiers() & ~(Qt.ShiftModifier | Qt.KeypadModifier) \
                and not editing and self._computed_current():
            m = self.tableModel()
            text = f"{m.doc.format.describe(self._computed_current())}由各项相加自动计算，不能直接填写；" \
                   "请修改它左边或上面的各项数字。"
            self.refused.emit(text)
            self._bubble.show_at(self.visualRect(self.currentIndex()), text)  # beside the cell, until it moves
        elif key in (Qt.Key_Return, Qt.Key_Enter) and not editing:
            self.advance(1 if not mods & Qt.ShiftModifier else -1, 0)
        elif key in _ARROWS and mods == _PLAIN and not editing:
            self.advance(*_ARROWS[key])
        else:
            super().keyPressEvent(event)

    def editor_key(self, editor, event) -> bool:
        """A key pressed in the open editor: True when it was handled here (commit and move, or F2)."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeypadModifier
        if key in (Qt.Key_Return, Qt.Key_Enter) and not mods & ~Qt.ShiftModifier:
            self.commit_and_move(editor, -1 if mods & Qt.ShiftModifier else 1, 0)
        elif key == Qt.Key_Tab and mods == _PLAIN:
            self.commit_and_move(editor, 0, 1, tab=True)
        elif key == Qt.Key_Backtab or (key == Qt.Key_Tab and mods == Qt.ShiftModifier):
            self.commit_and_move(editor, 0, -1, tab=True)
        elif key in _ARROWS and mods == _PLAIN and (self.typed_over or key in (Qt.Key_Up, Qt.Key_Down)):
            self.commit_and_move(editor, *_ARROWS[key])  # ↑/↓ have nothing to do in a one-line editor
        elif key == Qt.Key_F2 and mods == _PLAIN:
            self.typed_over = not self.typed_over  # as in Excel: F2 switches between entering and editing
        else:
            return False
        return True

    def edit(self, index, trigger=None, event=None):
        if trigger is None:
            return super().edit(index)
        if self.state() != QAbstractItemView.EditingState:
            self.typed_over = trigger == QAbstractItemView.AnyKeyPressed
            self._editing = QPersistentModelIndex(index)
        return super().edit(index, trigger, event)

    def _computed_current(self) -> str | None:
        m = self.tableModel()
        cid = m.cell_at(self.currentIndex())
        return cid if cid and not m.is_input(cid) else None

    def focusNextPrevChild(self, next_: bool) -> bool:
        # Tab and Shift+Tab move between input cells (as in a spreadsheet) instead of the label-blind default.
        if self.tabKeyNavigation() and self.state() != QAbstractItemView.EditingState:
            self.advance(0, 1 if next_ else -1, tab=True)
            return True
        return super().focusNextPrevChild(next_)

    # ---- committing what was typed --------------------------------------------------------------

    def commit_and_move(self, editor, drow: int, dcol: int, tab: bool = False) -> None:
        self.commitData(editor)
        if self.refused_text() is not None:
            return  # stays open with the reason beside it
        super().closeEditor(editor, QAbstractItemDelegate.NoHint)
        self.advance(drow, dcol, tab)

    def commitData(self, editor) -> None:
        # Every way an editor commits (a key, a click elsewhere, leaving the page) comes here first: a value
        # the cell cannot hold is not handed to the model, so the editor can keep it.
        m = self.tableModel()
        cid = m.cell_at(QModelIndex(self._editing)) if self._editing.isValid() else None
        if cid and m.is_input(cid):
            text = editor.text()
            try:
                parse_for_cell(m.doc.format, cid, text)
            except CellInputError as e:
                self._refuse(editor, cid, text, str(e))
                return
        self._end_refusal()
        super().commitData(editor)

    def closeEditor(self, editor, hint) -> None:
        if hint == QAbstractItemDelegate.RevertModelCache:  # Escape: the old value stays, the message goes
            if self._refusal is not None:
                self.message.emit("")  # retires the refusal under the table too
            self._end_refusal()
            self._tab_run = None
        elif self._refusal and self._refusal[0] is editor:
            QTimer.singleShot(0, lambda: self._back_to_editor(editor))  # after the click that left it
            return
        # Moving after Enter or Tab is done by commit_and_move; Qt's own hints would move a second time.
        if hint in (QAbstractItemDelegate.EditNextItem, QAbstractItemDelegate.EditPreviousItem):
            hint = QAbstractItemDelegate.NoHint
        super().closeEditor(editor, hint)

    def refused_text(self) -> str | None:
        """The message for a refused value still waiting in its editor, else None."""
        return self._refusal[1] if self._refusal else None

    def settle(self) -> str | None:
        """Commit an open editor (before a save, an export, leaving the page); the refusal message if its
        value was refused and stays there, else None."""
        if self.state() == QAbstractItemView.EditingState and self._editing.isValid():
            editor = self.indexWidget(QModelIndex(self._editing))
            if editor is not None:
                self.commitData(editor)
                if self.refused_text() is None:
                    super().closeEditor(editor, QAbstractItemDelegate.NoHint)
        return self.refused_text()

    def return_to_refused(self) -> None:
        """Put the cursor back into the editor holding a refused value (e.g. when the clerk tries to leave)."""
        if self._refusal:
            self._back_to_editor(self._refusal[0])

    def _refuse(self, editor, cid: str, text: str, message: str) -> None:
        spec = self.tableModel().doc.format.cells[cid]
        try:
            parse(text, spec.kind, spec.units)
            reason = message
        except ValueError as e:
            reason = str(e)
        old = self.tableModel().data(QModelIndex(self._editing), Qt.EditRole)
        back = f"恢复原来的「{old}」" if old else "单元格保持空白"
        self._bubble.show_at(self.visualRect(QModelIndex(self._editing)),
                             f"{reason}。\n此格应填写{spec.kind.chinese}（单位：{'或'.join(spec.units) or spec.unit}）。"
                             f"改正后按回车；按 Esc 放弃，{back}。")
        if self._refusal is None or self._refusal[1] != message:
            self.refused.emit(f"{message}。请改正，或按 Esc 恢复原值。")
        self._refusal = (editor, message)

    def currentChanged(self, current, previous) -> None:
        super().currentChanged(current, previous)
        if self._refusal is None and self._bubble.isVisible():
            self._bubble.hide()  # a note about the cell left behind (a computed one) goes with it

    def _end_refusal(self) -> None:
        if self._refusal is not None:
            self._refusal = None
            self._bubble.hide()

    def _back_to_editor(self, editor) -> None:
        if not self._refusal or self._refusal[0] is not editor or not self._editing.isValid():
            return
        ix = QModelIndex(self._editing)
        if self.currentIndex() != ix:
            self.selectionModel().setCurrentIndex(ix, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(ix)
        self._bubble.show_at(self.visualRect(ix), self._bubble.text())
        editor.setFocus()

    # ---- moving ---------------------------------------------------------------------------------

    def advance(self, drow: int, dcol: int, tab: bool = False) -> None:
        """Move as Enter, Tab or an arrow does; Enter after a run of Tabs returns to the run's first column."""
        cur = self.currentIndex()
        if not cur.isValid():
            return
        here = (cur.row(), cur.column())
        run = self._tab_run if self._tab_run and self._tab_run[1] == here else None
        self._tab_run = None
        if tab:
            self.move(0, dcol)
            now = self.currentIndex()
            self._tab_run = ((run[0] if run else cur.column()), (now.row(), now.column()))
        elif run and drow > 0 and not dcol:
            self.move(1, 0, start=(cur.row(), run[0]))
        else:
            self.move(drow, dcol)

    def move(self, drow: int, dcol: int, start: tuple[int, int] | None = None) -> None:
        """Move the cursor to the next input cell down/up/right/left (skipping labels, computed cells and
        spanned positions); stay when there is none that way."""
        m = self.tableModel()
        cur = self.currentIndex()
        if not cur.isValid():
            return
        r, c = start or (cur.row(), cur.column())
        it = m.item_at(r, c)
        while True:
            if dcol:
                c = (it.col + it.colspan if dcol > 0 else c - 1) if it else c + dcol
            else:
                r += drow
            if not (0 <= r < m.rowCount() and 0 <= c < m.columnCount()):
                return
            nxt = m.item_at(r, c)
            if nxt and nxt.role == DATA and nxt is not it and m.is_input(nxt.cell):
                self.setCurrentIndex(m.index(nxt.row, nxt.col))
                return
            if nxt is not None and dcol:
                it = nxt

    def select_cells(self, cell_ids: list[str]) -> None:
        """Select these cells (the first becomes current) and scroll to it: used by the findings page."""
        m = self.tableModel()
        known = [c for c in cell_ids if c in m._pos]
        if not known:
            return
        sel = QItemSelection()
        for cid in known:
            ix = m.index_of(cid)
            sel.select(ix, ix)
        first = m.index_of(known[0])
        self.setCurrentIndex(first)
        self.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(first)
        self.setFocus()

    # ---- the context menu -----------------------------------------------------------------------

    def contextMenuEvent(self, event) -> None:
        if self.state() == QAbstractItemView.EditingState:
            return  # the editor's own menu (cut, copy, paste of its text)
        at = event.globalPos()
        if event.reason() == event.Reason.Keyboard:  # the menu key or Shift+F10: beside the current cell
            at = self.viewport().mapToGlobal(self.visualRect(self.currentIndex()).center())
        else:
            ix = self.indexAt(event.pos())
            if ix.isValid() and self.tableModel().cell_at(ix) and not self.selectionModel().isSelected(ix):
                self.setCurrentIndex(ix)  # a right click outside the selection selects that cell, as in Excel
        menu = self.context_menu()
        menu.setAttribute(Qt.WA_DeleteOnClose)
        menu.exec(at)

    def context_menu(self) -> QMenu:
        """复制、粘贴、清除内容、撤销、重做, each enabled only when it would do something here."""
        m = self.tableModel()
        menu = QMenu(self)
        menu.setObjectName("table_menu")
        cells = self._selected_cells()
        for text, slot, keys, enabled in (
                ("复制", self.copy, QKeySequence.Copy, bool(cells)),
                ("粘贴", self.paste, QKeySequence.Paste,
                 bool(QGuiApplication.clipboard().text()) and self.currentIndex().isValid()),
                ("清除内容", self.clear_selected, QKeySequence.Delete, bool(self._clearable(cells)))):
            a = menu.addAction(text, slot)
            a.setShortcut(QKeySequence(keys))
            a.setEnabled(enabled)
        menu.addSeparator()
        shared = getattr(self.window(), "undo_actions", None)  # the 编辑 menu's: same names, same effect
        if shared is not None:
            menu.addActions(shared())
            return menu
        stack = m.doc.undo_stack
        for text, slot, enabled, keys in (("撤销", stack.undo, stack.canUndo(), QKeySequence.Undo),
                                          ("重做", stack.redo, stack.canRedo(), QKeySequence("Ctrl+Y"))):
            a = menu.addAction(text, slot)
            a.setShortcut(QKeySequence(keys))
            a.setEnabled(enabled)
        return menu

    # ---- clearing, copy, paste ------------------------------------------------------------------

    def _selected_cells(self) -> list[str]:
        m = self.tableModel()
        out = []
        for ix in self.selectedIndexes() or [self.currentIndex()]:
            cid = m.cell_at(ix)
            if cid and cid not in out:
                out.append(cid)
        return out

    def _clearable(self, cells: list[str]) -> list[str]:
        m = self.tableModel()
        return [c for c in cells if m.is_input(c) and m.doc.report.cells[c] is not None]

    def clear_selected(self) -> None:
        doc = self.tableModel().doc
        ids = self._clearable(self._selected_cells())
        if ids:
            what = f"清除{doc.format.describe(ids[0])}" if len(ids) == 1 else f"清除 {len(ids)} 个单元格"
            doc.undo_stack.push(SetCellsCommand(doc, dict.fromkeys(ids), None, what))

    def copy(self) -> None:
        m = self.tableModel()
        ixs = self.selectedIndexes() or [self.currentIndex()]
        ixs = [ix for ix in ixs if m.cell_at(ix)]
        if not ixs:
            return
        rows = sorted({ix.row() for ix in ixs})
        cols = sorted({ix.column() for ix in ixs})
        chosen = {(ix.row(), ix.column()) for ix in ixs}
        lines = []
        for r in rows:
            lines.append("\t".join(str(m.data(m.index(r, c), Qt.EditRole) or "") if (r, c) in chosen else ""
                                   for c in cols))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def paste(self) -> None:
        """Paste a tab-separated block (Excel, WPS) at the cursor: all of it, or nothing with the reason."""
        text = QGuiApplication.clipboard().text()
        m = self.tableModel()
        cur = self.currentIndex()
        if not text or not cur.isValid():
            return
        block = _split_block(text)
        targets = self._paste_targets(block, cur)
        if isinstance(targets, str):
            self.refused.emit(targets)
            return
        values, units, skipped = {}, {}, 0
        fmt = m.doc.format
        for cid, raw in targets:
            if cid is None or not m.is_input(cid):
                skipped += bool(raw.strip())
                continue
            try:
                v, unit = parse_for_cell(fmt, cid, raw)
            except CellInputError as e:
                self.refused.emit(f"没有粘贴任何内容：{e}")
                return
            values[cid] = v
            if unit and fmt.cells[cid].units:
                units[cid] = unit
        changed = {c: v for c, v in values.items() if m.doc.report.cells[c] != v}
        if changed or units:
            m.doc.undo_stack.push(SetCellsCommand(m.doc, values, units, f"粘贴 {len(values)} 个单元格"))
        note = f"已粘贴 {len(values)} 个单元格" if values else "没有可粘贴的单元格"
        if skipped:
            note += f"；跳过了 {skipped} 个自动计算或标题单元格"
        self.message.emit(note + "。")

    def _paste_targets(self, block: list[list[str]], cur: QModelIndex):
        """(cell id or None, text) for each pasted value, or a message when the block does not fit."""
        m = self.tableModel()
        sel = self.selectedIndexes()
        if len(block) == 1 and len(block[0]) == 1 and len(sel) > 1:
            # One value onto a selection fills every selected cell, as in Excel.
            return [(m.cell_at(ix), block[0][0]) for ix in sel if m.cell_at(ix)]
        # The block starts at the top-left of the selected rectangle (as in Excel), else at the cursor.
        ranges = self.selectionModel().selection()
        top, left = cur.row(), cur.column()
        if len(ranges) == 1 and ranges[0].contains(cur):
            top, left = ranges[0].top(), ranges[0].left()
        out = []
        for i, values in enumerate(block):
            r, c = top + i, left
            for raw in values:
                if r >= m.rowCount() or c >= m.columnCount():
                    if raw.strip():
                        return (f"没有粘贴任何内容：复制的内容有 {len(block)} 行 {max(map(len, block))} 列，"
                                f"从当前单元格起超出了{m.spec.name}的范围。请先选中左上角的单元格再粘贴。")
                    continue
                it = m.item_at(r, c)
                out.append((it.cell if it else None, raw))
                c = (it.col + it.colspan) if it else c + 1
        return out


def _split_block(text: str) -> list[list[str]]:
    """Rows and columns of a tab-separated clipboard text (the final line break Excel adds is dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def fit_columns(view: ReportTableView, label_widths: list[int], data_width: int) -> None:
    """Give label columns their widths and data columns an even width; then fit row heights."""
    m = view.tableModel()
    n_label = len(label_widths)
    for c in range(m.columnCount()):
        view.setColumnWidth(c, label_widths[c] if c < n_label else data_width)
    view.resizeRowsToContents()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
