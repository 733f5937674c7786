"""Steps 二 / 三 / 四: one official table, drawn from the format's grid, with table 3's live balance line."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from model.format import DATA, ROW

from ..document import ReportDocument
from ..table_model import COMPUTED_BG, LABEL_BG, ReportTableModel
from ..table_view import ReportTableView
from . import Step, hint_label


class TableStep(Step):
    """A table page: heading, hint, the table, a legend, messages about refused input."""

    def __init__(self, doc: ReportDocument, section, parent=None):
        super().__init__(parent)
        self.doc, self.section_id, self.table_id, self.title = doc, section.id, section.table, section.heading
        self.heading(section.heading, section.hint)
        self.model = ReportTableModel(doc, section.table, self)
        self.view = ReportTableView(self.model)
        self.view.setObjectName(f"table_{section.table}")
        self.layout_.addWidget(self.view, 10)
        self.balance = None
        if doc.format.balance.table == section.table:
            self.balance = BalanceBar(doc, self.view)
            self.layout_.addWidget(self.balance)
        self.note = QLabel()
        self.note.setObjectName("table_note")
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.note)
        self.layout_.addWidget(_legend())
        self.layout_.addStretch(0)
        self.view.refused.connect(self.show_refusal)
        self.view.message.connect(self.show_info)
        doc.cellsChanged.connect(lambda _ids: self.note.clear())  # a later good edit retires old messages
        self._label_cols = _label_widths(self.model, self.view)
        self._fitted_width = -1
        self._content = (0, 0)
        self.view.verticalScrollBar().rangeChanged.connect(lambda *_: self._hug())

    def show_refusal(self, text: str) -> None:
        self.note.setProperty("kind", "error")
        self.note.setStyleSheet("color: #b00020; font-weight: bold;")
        self.note.setText(text)

    def show_info(self, text: str) -> None:
        self.note.setProperty("kind", "info")
        self.note.setStyleSheet("color: #2a6b2a;")
        self.note.setText(text)

    def show_cells(self, cell_ids: list[str]) -> None:
        self.view.select_cells(cell_ids)

    def is_filled(self) -> bool:
        return any(self.doc.report.cells[c.id] is not None for c in self.model.spec.cells if not c.computed)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        """Label columns keep their width; data columns share the page's width within readable bounds;
        the view's frame then hugs the table, so it looks like the printed one rather than a big grid."""
        m = self.layout_.contentsMargins()
        avail = self.width() - m.left() - m.right() - 2 * self.view.frameWidth() \
            - self.view.verticalScrollBar().sizeHint().width() - 4
        if avail == self._fitted_width or avail <= 0:
            return
        self._fitted_width = avail
        em = QFontMetrics(self.view.font()).horizontalAdvance("国")
        n_data = self.model.columnCount() - len(self._label_cols)
        room = avail - sum(self._label_cols)
        data_w = max(int(4.5 * em), min(int(11 * em), room // max(n_data, 1)))
        for c in range(self.model.columnCount()):
            self.view.setColumnWidth(c, self._label_cols[c] if c < len(self._label_cols) else data_w)
        _fit_rows(self.model, self.view)
        frame = 2 * self.view.frameWidth()
        width = sum(self.view.columnWidth(c) for c in range(self.model.columnCount())) + frame
        height = sum(self.view.rowHeight(r) for r in range(self.model.rowCount())) + frame
        self._content = (width, height)
        self.view.setMinimumHeight(min(height, 8 * QFontMetrics(self.view.font()).height()))
        self._hug()
        if self.view.height() >= height:
            self.view.scrollToTop()
        if self.balance:
            self.balance.align()


    def _hug(self) -> None:
        """The frame around the table as wide as the table (plus the scroll bar only when it shows)."""
        width, height = self._content
        bar = self.view.verticalScrollBar()
        if width:
            self.view.setMaximumSize(width + (bar.sizeHint().width() if bar.maximum() > 0 else 0), height)


def _label_widths(model: ReportTableModel, view) -> list[int]:
    """Widths of the label columns (left of the first data column), from the row labels they hold.

    A label standing beside many rows (三、本年度办理结果 over 22 rows) is written narrow and tall, as
    printed; others get room for their text up to a cap, and wrap beyond it."""
    fm = QFontMetrics(view.font())
    em = fm.horizontalAdvance("国")
    first_data = min((it.col for it in model.spec.items if it.role == DATA), default=0)
    widths = [int(1.5 * em)] * first_data
    for it in model.spec.items:
        if it.role != ROW or it.colspan != 1 or it.col >= first_data:
            continue
        cap = 2 * em + 18 if it.rowspan >= 10 else 8 * em if it.rowspan >= 3 else 18 * em
        need = fm.horizontalAdvance(it.text) + em
        widths[it.col] = max(widths[it.col], int(min(need, cap)))
    return widths


def _fit_rows(model: ReportTableModel, view) -> None:
    """Row heights from the wrapped text of single-row items (Qt's own fit ignores spanned cells)."""
    fm = QFontMetrics(view.font())
    base = fm.height() + 10
    heights = [base] * model.rowCount()
    for it in model.spec.items:
        if it.rowspan != 1 or not it.text:
            continue
        width = sum(view.columnWidth(c) for c in range(it.col, it.col + it.colspan)) - 8
        rect = fm.boundingRect(0, 0, max(width, 10), 10000, Qt.TextWordWrap, it.text)
        heights[it.row] = max(heights[it.row], rect.height() + 10)
    for r, h in enumerate(heights):
        view.setRowHeight(r, h)


def _legend() -> QWidget:
    w = QWidget()
    lay = QHBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    for color, text in (("#ffffff", "白色：请填写"), (COMPUTED_BG.name(), "浅蓝：自动计算"),
                        (LABEL_BG.name(), "灰色：表头")):
        sw = QLabel()
        sw.setFixedSize(14, 14)
        sw.setStyleSheet(f"background: {color}; border: 1px solid #8c8c8c;")
        lay.addWidget(sw)
        lay.addWidget(QLabel(text))
        lay.addSpacing(10)
    lay.addWidget(hint_label("输入后按回车向下、Tab 向右；Delete 清空；F2 修改；可从 Excel/WPS 复制整块粘贴；"
                             "空白表示“未报告”，确为零请填 0。"), 1)
    return w


class BalanceBar(QWidget):
    """Under table 3: for each applicant column, whether 一 + 二 equals 三（七）+ 四, live."""

    def __init__(self, doc: ReportDocument, view: ReportTableView):
        super().__init__()
        self.setObjectName("balance_bar")
        self.doc, self.view = doc, view
        fmt = doc.format
        self.rule = fmt.balance
        self.columns = fmt.column_keys(self.rule.table)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 2)
        lay.setSpacing(0)
        self.caption = QLabel("勾稽检查\n一+二 ＝ 三+四")
        self.caption.setAlignment(Qt.AlignCenter)
        self.caption.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.caption)
        self.labels: dict[str, QLabel] = {}
        for col in self.columns:
            lab = QLabel()
            lab.setAlignment(Qt.AlignCenter)
            lab.setObjectName(f"balance_{col}")
            lay.addWidget(lab)
            self.labels[col] = lab
        lay.addStretch(1)
        doc.cellsChanged.connect(self.refresh)
        view.horizontalHeader().sectionResized.connect(lambda *_: self.align())
        self.refresh()

    def state(self, col: str) -> tuple[str, object, object]:
        """("ok" | "bad" | "blank", left sum, right sum) for one column key."""
        t = self.rule.table
        left = [f"{t}.{row}.{col}" for row in self.rule.left]
        right = [f"{t}.{row}.{col}" for row in self.rule.right]
        r = self.doc.report
        if all(r.value(c) is None for c in left + right):
            return "blank", None, None
        ls, rs = r.sum_of(left) or 0, r.sum_of(right) or 0
        return ("ok" if ls == rs else "bad"), ls, rs

    def refresh(self, *_):
        for col, lab in self.labels.items():
            st, ls, rs = self.state(col)
            name = self.doc.format.cells[f"{self.rule.table}.{self.rule.left[0]}.{col}"].col_name
            if st == "blank":
                lab.setText("未填")
                lab.setStyleSheet("color: #777777; border: 1px solid #c8c8c8;")
                lab.setToolTip(f"「{name}」列尚未填写")
            elif st == "ok":
                lab.setText(f"✓ 平衡\n{ls} ＝ {rs}")
                lab.setStyleSheet("color: #1e6b1e; background: #e6f4e6; border: 1px solid #9cc79c;")
                lab.setToolTip(f"「{name}」列：一+二 = {ls}，三（七）总计+四 = {rs}，平衡")
            else:
                lab.setText(f"✗ 不平衡\n{ls} ≠ {rs}")
                lab.setStyleSheet("color: #b00020; background: #fde8ea; border: 1px solid #e0a0a8; "
                                  "font-weight: bold;")
                lab.setToolTip(f"「{name}」列：一+二 = {ls}，但三（七）总计+四 = {rs}，相差 {abs(ls - rs)}")
            lab.setProperty("state", st)

    def align(self) -> None:
        """Line the column states up under the table's data columns."""
        first = self.view.tableModel().columnCount() - len(self.columns)
        self.caption.setFixedWidth(sum(self.view.columnWidth(c) for c in range(first)) + self.view.frameWidth())
        for i, lab in enumerate(self.labels.values()):
            lab.setFixedWidth(self.view.columnWidth(first + i))
