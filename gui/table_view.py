"""The table widget a clerk fills like a spreadsheet: spans, keys (Enter/Tab/Delete/F2), copy and paste."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView

from model.format import DATA

from .commands import SetCellsCommand
from .parsing import CellInputError, parse_for_cell
from .table_model import ReportTableModel


GRID = QColor("#8c8c8c")


class _Delegate(QStyledItemDelegate):
    """Draws each cell's own right and bottom border (so merged cells have no stray grid lines) and opens
    a right-aligned line editor."""

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


class ReportTableView(QTableView):
    """Spreadsheet-like editing of one ReportTableModel. `message` carries what the clerk should read."""

    message = Signal(str)  # information (e.g. cells skipped by a paste)
    refused = Signal(str)  # an input or paste that was refused, with the cell and the reason

    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
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
        if event.matches(QKeySequence.Paste):
            self.paste()
        elif event.matches(QKeySequence.Copy):
            self.copy()
        elif key in (Qt.Key_Delete, Qt.Key_Backspace) and self.state() != QAbstractItemView.EditingState:
            self.clear_selected()
        elif event.text().strip() and not event.modifiers() & ~(Qt.ShiftModifier | Qt.KeypadModifier) \
                and self.state() != QAbstractItemView.EditingState and self._computed_current():
            m = self.tableModel()
            self.refused.emit(f"{m.doc.format.describe(self._computed_current())}由各项相加自动计算，不能直接填写；"
                              "请修改它左边或上面的各项数字。")
        elif key in (Qt.Key_Return, Qt.Key_Enter) and self.state() != QAbstractItemView.EditingState:
            self.move(1 if not event.modifiers() & Qt.ShiftModifier else -1, 0)
        else:
            super().keyPressEvent(event)

    def _computed_current(self) -> str | None:
        m = self.tableModel()
        cid = m.cell_at(self.currentIndex())
        return cid if cid and not m.is_input(cid) else None

    def focusNextPrevChild(self, next_: bool) -> bool:
        # Tab and Shift+Tab move between data cells (as in a spreadsheet) instead of the label-blind default.
        if self.tabKeyNavigation() and self.state() != QAbstractItemView.EditingState:
            self.move(0, 1 if next_ else -1)
            return True
        return super().focusNextPrevChild(next_)

    def closeEditor(self, editor, hint) -> None:
        # Enter commits and moves down, Tab commits and moves right, like a spreadsheet.
        move = {QAbstractItemDelegate.SubmitModelCache: (1, 0), QAbstractItemDelegate.EditNextItem: (0, 1),
                QAbstractItemDelegate.EditPreviousItem: (0, -1)}.get(hint)
        super().closeEditor(editor, QAbstractItemDelegate.NoHint if move else hint)
        if move:
            self.move(*move)

    def move(self, drow: int, dcol: int) -> None:
        """Move the cursor to the next data cell down/right (skipping labels and spanned positions)."""
        m = self.tableModel()
        cur = self.currentIndex()
        if not cur.isValid():
            return
        it = m.item_at(cur.row(), cur.column())
        r, c = cur.row(), cur.column()
        while True:
            if dcol:
                c = (it.col + it.colspan if dcol > 0 else c - 1) if it else c + dcol
            else:
                r += drow
            if not (0 <= r < m.rowCount() and 0 <= c < m.columnCount()):
                return
            nxt = m.item_at(r, c)
            if nxt and nxt.role == DATA and nxt is not it:
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

    # ---- clearing, copy, paste ------------------------------------------------------------------

    def _selected_cells(self) -> list[str]:
        m = self.tableModel()
        out = []
        for ix in self.selectedIndexes() or [self.currentIndex()]:
            cid = m.cell_at(ix)
            if cid and cid not in out:
                out.append(cid)
        return out

    def clear_selected(self) -> None:
        m = self.tableModel()
        doc = m.doc
        ids = [c for c in self._selected_cells() if m.is_input(c) and doc.report.cells[c] is not None]
        if ids:
            doc.undo_stack.push(SetCellsCommand(doc, dict.fromkeys(ids), None, f"清除 {len(ids)} 个单元格"))

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
