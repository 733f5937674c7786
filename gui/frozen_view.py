"""Frozen header rows (and label columns) for a table view: second views over the same model.

As in Qt's "Frozen Column" example, but the frozen parts sit in the body view's viewport margins rather than
over its cells: the body hides the rows (columns) they show, so its own scrolling, scrollTo and Ctrl+End
never put a cell under them. The header view shows the header rows of the block at the top of the body
(table 2 has one header per block), follows the body's horizontal scroll and shares its column widths; the
label view shows the label columns, follows the vertical scroll and shares the row heights.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

from model.format import DATA

_STYLE = "QTableView { border: none; background: #ececec; } QTableView::item { padding: 0 3px; }"


class _Pane(QTableView):
    """One frozen part: no headers, no scroll bars, no focus; it shows what the body hides."""

    def __init__(self, body: QTableView):
        super().__init__(body)
        self.setModel(body.model())
        self.setItemDelegate(body.itemDelegate())
        self.setSelectionModel(body.selectionModel())
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.hide()
        self.setFocusPolicy(Qt.NoFocus)
        self.setFrameShape(QFrame.NoFrame)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.NoSelection)  # a click on a label leaves the clerk's selection
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setStyleSheet(_STYLE)
        self.hide()

    def wheelEvent(self, event) -> None:  # scrolling over the header scrolls the table
        self.parent().wheelEvent(event)


class FrozenParts(QObject):
    """Keeps `body`'s header rows, and on request its label columns, in sight while the body scrolls."""

    def __init__(self, body):
        super().__init__(body)
        self.body = body
        m = body.model()
        spec = m.spec
        self.blocks: list[tuple[int, int, int]] = []  # (first row, first body row, end) per block
        top = 0
        for b in spec.blocks:
            self.blocks.append((top, b.header_end, b.end))
            top = b.end
        self.first_data_col = min((it.col for it in spec.items if it.role == DATA), default=0)
        # Label columns can be frozen only where no label or title reaches across into the data columns.
        c = self.first_data_col
        self.can_freeze_columns = c > 0 and not any(it.col < c < it.col + it.colspan for it in spec.items)
        self.top = _Pane(body)
        self.left = _Pane(body)
        self.corner = _Pane(body)
        self.columns_frozen = False
        self.block = -1
        # The sizes, kept here: a section the body hides reports 0 there.
        self.widths = [body.columnWidth(c) for c in range(m.columnCount())]
        self.heights = [body.rowHeight(r) for r in range(m.rowCount())]
        self._spans()
        self._show_block(0)
        m.modelReset.connect(self._spans)
        body.horizontalScrollBar().valueChanged.connect(self._follow)
        body.verticalScrollBar().valueChanged.connect(self._follow)
        body.horizontalHeader().sectionResized.connect(self._column_resized)
        body.verticalHeader().sectionResized.connect(self._row_resized)
        for w in (body, body.horizontalHeader(), body.verticalHeader(), body.viewport()):
            w.installEventFilter(self)

    # ---- what each part shows ------------------------------------------------------------------

    def _spans(self) -> None:
        for pane in (self.top, self.left, self.corner):
            pane.clearSpans()
            for it in self.body.model().spans():
                pane.setSpan(it.row, it.col, it.rowspan, it.colspan)

    def header_rows(self) -> range:
        """The rows the header view shows now: the header of the block at the top of the body."""
        start, end, _ = self.blocks[self.block]
        return range(start, end)

    def _show_block(self, k: int) -> None:
        if k == self.block:
            return
        self.block = k
        n = self.body.model().rowCount()
        shown = set(self.header_rows())
        first_start, first_end, _ = self.blocks[0]
        for r in range(n):
            in_header = r in shown
            self.top.setRowHidden(r, not in_header)
            self.corner.setRowHidden(r, not in_header)
            self.left.setRowHidden(r, first_start <= r < first_end)
            self.body.setRowHidden(r, first_start <= r < first_end)
        self.layout()

    def freeze_columns(self, on: bool) -> None:
        """Freeze the label columns (when the table is wider than the view)."""
        on = on and self.can_freeze_columns
        if on == self.columns_frozen:
            return
        self.columns_frozen = on
        c0 = self.first_data_col
        for c, w in enumerate(self.widths):
            label = c < c0
            self.body.setColumnHidden(c, on and label)
            self.top.setColumnHidden(c, on and label)
            self.left.setColumnHidden(c, not label)
            self.corner.setColumnHidden(c, not label)
            for view in (self.body, self.top, self.left, self.corner):
                view.setColumnWidth(c, w)
        self.layout()

    def set_sizes(self, widths: list[int], heights: list[int]) -> None:
        """Column widths and row heights for the body and every frozen part alike."""
        self.widths, self.heights = list(widths), list(heights)
        for view in (self.body, self.top, self.left, self.corner):
            for c, w in enumerate(widths):
                view.setColumnWidth(c, w)
            for r, h in enumerate(heights):
                view.setRowHeight(r, h)
        self.layout()

    # ---- following the body ---------------------------------------------------------------------

    def _column_resized(self, c: int, _old: int, new: int) -> None:
        if new:  # 0: the body just hid it
            self.widths[c] = new
            for pane in (self.top, self.left, self.corner):
                pane.setColumnWidth(c, new)
            self.layout()

    def _row_resized(self, r: int, _old: int, new: int) -> None:
        if new:
            self.heights[r] = new
            for pane in (self.top, self.left, self.corner):
                pane.setRowHeight(r, new)
            self.layout()

    def _follow(self, *_) -> None:
        body = self.body
        top_row = body.rowAt(0)
        k = 0
        for i, (start, end, stop) in enumerate(self.blocks):
            if start <= top_row < stop:
                # Within a block's own header rows the body shows that header: keep the previous one above.
                k = i if top_row >= end or i == 0 else i - 1
        self._show_block(k)
        self.top.horizontalScrollBar().setValue(body.horizontalScrollBar().value())
        self.left.verticalScrollBar().setValue(body.verticalScrollBar().value())

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Resize, QEvent.Move):
            self._place()
        return False

    def header_height(self) -> int:
        return sum(self.heights[r] for r in self.header_rows())

    def label_width(self) -> int:
        return sum(self.widths[:self.first_data_col]) if self.columns_frozen else 0

    def layout(self) -> None:
        """Reserve room for the parts and place them there. QTableView lays its viewport out around its own
        header views (and resets any other viewport margins), so the headers, shown at the frozen parts'
        size, hold the room, and the parts cover them exactly."""
        body = self.body
        top_h, left_w = self.header_height(), self.label_width()
        hh, vh = body.horizontalHeader(), body.verticalHeader()
        hh.setFixedHeight(max(top_h, 1))
        hh.setVisible(top_h > 0)
        vh.setFixedWidth(max(left_w, 1))
        vh.setVisible(left_w > 0)
        body.updateGeometries()
        self._place()

    def _place(self) -> None:
        hh, vh = self.body.horizontalHeader(), self.body.verticalHeader()
        f = self.body.frameWidth()
        top_h = hh.height() if not hh.isHidden() else 0
        left_w = vh.width() if not vh.isHidden() else 0
        vp = self.body.viewport().geometry()
        self.top.setGeometry(vp.x(), f, vp.width(), top_h)
        self.left.setGeometry(f, vp.y(), left_w, vp.height())
        self.corner.setGeometry(f, f, left_w, top_h)
        for pane, on in ((self.top, top_h > 0), (self.left, left_w > 0), (self.corner, left_w > 0 and top_h > 0)):
            pane.setVisible(on)
            pane.raise_()
        self.top.horizontalScrollBar().setValue(self.body.horizontalScrollBar().value())
        self.left.verticalScrollBar().setValue(self.body.verticalScrollBar().value())
