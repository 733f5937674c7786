"""Steps 二 / 三 / 四: one official table, drawn from the format's grid, with table 3's live balance line."""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from model.format import COLUMN, DATA, ROW

from ..document import ReportDocument
from ..frozen_view import FrozenParts
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
        self.frozen = FrozenParts(self.view)
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
        doc.cellsChanged.connect(self._retire_note)
        self._label_cols = _label_widths(self.model, self.view)
        self._fitted_width = -1
        self._content = (0, 0)
        self._wide = False  # wider than the page: a horizontal scroll bar
        self._scrolled_top = False
        self.view.verticalScrollBar().rangeChanged.connect(lambda *_: self._hug())

    def _retire_note(self, _ids) -> None:
        """A later good edit retires an old message. QLabel.clear() re-lays out (and repaints) the whole
        page even on an empty label, so it is called only when there is something to clear."""
        if self.note.text():
            self.note.clear()

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
        """Label columns keep their width (narrower when room is short); data columns share the page's width
        within readable bounds, never narrower than their header's longest word; column headers break
        between words; the view's frame then hugs the table, so it looks like the printed one. A table still
        wider than the page scrolls sideways under its frozen label columns."""
        m = self.layout_.contentsMargins()
        view = self.view
        bar_w = view.verticalScrollBar().sizeHint().width()
        avail = self.width() - m.left() - m.right() - 2 * view.frameWidth() - bar_w - 4
        if avail == self._fitted_width or avail <= 0:
            return
        self._fitted_width = avail
        fm = QFontMetrics(view.font())
        em = fm.horizontalAdvance("国")
        n_label = len(self._label_cols[0])
        n_data = self.model.columnCount() - n_label
        data_min = _data_min_width(self.model, fm, self.balance)
        labels = self._label_cols[0]
        if avail - sum(labels) < n_data * data_min:
            labels = self._label_cols[1]
        room = avail - sum(labels)
        data_w = max(data_min, min(int(11 * em), room // max(n_data, 1)))
        widths = list(labels) + [data_w] * n_data
        self.model.set_label_lines(_column_lines(self.model, fm, widths))
        heights = _row_heights(self.model, fm, widths)
        self.frozen.set_sizes(widths, heights)
        self._wide = sum(widths) > avail + bar_w
        self.frozen.freeze_columns(self._wide)
        frame = 2 * view.frameWidth()
        self._content = (sum(widths) + frame, sum(heights) + frame)
        self._hug()
        if view.maximumHeight() >= self._content[1] or not self._scrolled_top:
            self._scrolled_top = True
            view.scrollToTop()
        if self.balance:
            self.balance.align()

    def _hug(self) -> None:
        """The frame around the table as big as the table (plus the scroll bars only when they show)."""
        width, height = self._content
        if not width:
            return
        view = self.view
        vbar, hbar = view.verticalScrollBar(), view.horizontalScrollBar()
        extra_h = hbar.sizeHint().height() if self._wide else 0
        view.setMinimumHeight(min(height + extra_h, 8 * QFontMetrics(view.font()).height()))
        view.setMaximumSize(width + (vbar.sizeHint().width() if vbar.maximum() > 0 else 0), height + extra_h)


# Column headers are broken into lines between words. Chinese has no spaces: a run of Han characters is read
# as two-character words (商业/企业, 社会/公益/组织, 结果/维持), an odd run as three, then two (申请人/情况),
# which is how the national formats print these headers; other text (（单位：万元）, 本年增/减) stays whole.
def _words(text: str) -> list[str]:
    out: list[str] = []
    lead = ""  # an opening quote goes with the word after it
    for part in re.split(r"([（(][^）)]*[）)])", text):
        if part[:1] in ("（", "("):
            # A short bracketed remark stays whole; a long one breaks after its commas.
            out.extend([part] if len(part) <= 8 else re.findall(r"[^，、；]+[，、；]?", part))
            continue
        for run in re.findall(r"[\u4e00-\u9fff]+|[^\u4e00-\u9fff]+", part):
            if not "\u4e00" <= run[0] <= "\u9fff":
                body = run.rstrip("“‘《")
                lead = run[len(body):]
                if body and out:
                    out[-1] += body  # punctuation and Latin stay with what they follow
                elif body:
                    out.append(body)
                continue
            first = 3 if len(run) % 2 and len(run) > 2 else 2
            words = [run[:first]] + [run[i:i + 2] for i in range(first, len(run), 2)]
            words[0], lead = lead + words[0], ""
            out.extend(words)
    if lead:
        out.append(lead)
    return out


def _lines(fm: QFontMetrics, text: str, width: int) -> str:
    """Text with line breaks between words, each line within `width` where a word allows."""
    if fm.horizontalAdvance(text) <= width:
        return text
    lines = [""]
    for w in _words(text):
        if lines[-1] and fm.horizontalAdvance(lines[-1] + w) > width and not (w[0] in "，。、：；）)"):
            lines.append(w)
        else:
            lines[-1] += w
    return "\n".join(lines)


CELL_PAD = 14  # the item's padding (3 px each side), the borders, and a little air
LINE_PAD = 8  # what a line of text may not use of its cell's width (padding and border)


def _column_lines(model: ReportTableModel, fm: QFontMetrics, widths: list[int]) -> dict:
    """Column headers, and row labels in columns wide enough for words, broken between words. The narrow
    column of a label beside many rows (三、本年度办理结果) is read a character or two a line, as printed."""
    em = fm.horizontalAdvance("国")
    out = {}
    for it in model.spec.items:
        width = sum(widths[it.col:it.col + it.colspan]) - LINE_PAD
        # Long sentences (the 2021 format's 1.申请人无正当理由…) are left to Qt: pairs do not read them.
        if it.text and (it.role == COLUMN or (it.role == ROW and width >= 4 * em and len(it.text) <= 16)):
            out[it] = _lines(fm, it.text, width)
    return out


def _data_min_width(model: ReportTableModel, fm: QFontMetrics, balance) -> int:
    """The narrowest a data column may be: its header's longest word, a seven-digit figure, the balance state."""
    em = fm.horizontalAdvance("国")
    need = max(int(3 * em), fm.horizontalAdvance("99999") + CELL_PAD)
    first_data = min((it.col for it in model.spec.items if it.role == DATA), default=0)
    for it in model.spec.items:
        if it.role == COLUMN and it.colspan == 1 and it.col >= first_data and it.text:
            need = max(need, max(fm.horizontalAdvance(w) for w in _words(it.text)) + CELL_PAD)
    if balance is not None:
        need = max(need, balance.min_width())
    return need


def _label_widths(model: ReportTableModel, view) -> tuple[list[int], list[int]]:
    """Widths of the label columns (left of the first data column), from the row labels they hold: roomy,
    and tight for a narrow page.

    A label standing beside many rows (三、本年度办理结果 over 22 rows) is written narrow and tall, as
    printed; others get room for their text up to a cap, and wrap beyond it."""
    fm = QFontMetrics(view.font())
    em = fm.horizontalAdvance("国")
    first_data = min((it.col for it in model.spec.items if it.role == DATA), default=0)
    out = []
    for caps in ((2 * em + 18, 8 * em, 18 * em), (2 * em + 18, 6 * em, 11 * em)):
        widths = [int(1.5 * em)] * first_data
        for it in model.spec.items:
            if it.role != ROW or it.colspan != 1 or it.col >= first_data:
                continue
            cap = caps[0] if it.rowspan >= 10 else caps[1] if it.rowspan >= 3 else caps[2]
            need = fm.horizontalAdvance(it.text) + em
            widths[it.col] = max(widths[it.col], int(min(need, cap)))
        out.append(widths)
    return out[0], out[1]


def _row_heights(model: ReportTableModel, fm: QFontMetrics, widths: list[int]) -> list[int]:
    """Row heights from the wrapped text of single-row items (Qt's own fit ignores spanned cells)."""
    base = fm.height() + 10
    heights = [base] * model.rowCount()
    for it in model.spec.items:
        if it.rowspan != 1 or not it.text:
            continue
        text = model.data(model.index(it.row, it.col)) or it.text
        width = sum(widths[it.col:it.col + it.colspan]) - LINE_PAD
        rect = fm.boundingRect(0, 0, max(width, 10), 10000, Qt.TextWordWrap, text)
        heights[it.row] = max(heights[it.row], rect.height() + 10)
    return heights


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
    lay.addWidget(hint_label("输入后按回车、Tab 或方向键确认并移动；Delete 清空；F2 修改；右键可复制、粘贴、撤销；"
                             "可从 Excel/WPS 复制整块粘贴；空白表示“未报告”，确为零请填 0。"), 1)
    return w


_BALANCE_STYLE = {
    "blank": "color: #777777; border: 1px solid #c8c8c8;",
    "ok": "color: #1e6b1e; background: #e6f4e6; border: 1px solid #9cc79c;",
    "bad": "color: #b00020; background: #fde8ea; border: 1px solid #e0a0a8; font-weight: bold;",
}


class BalanceBar(QWidget):
    """Under table 3: for each applicant column, whether 一 + 二 equals 三（七）+ 四, live. Each state sits
    under its column, and follows the table when it scrolls sideways."""

    def __init__(self, doc: ReportDocument, view: ReportTableView):
        super().__init__()
        self.setObjectName("balance_bar")
        self.doc, self.view = doc, view
        fmt = doc.format
        self.rule = fmt.balance
        self.columns = fmt.column_keys(self.rule.table)
        self.caption = QLabel("勾稽检查\n一+二 ＝ 三+四", self)
        self.caption.setAlignment(Qt.AlignCenter)
        self.caption.setStyleSheet("font-weight: bold;")
        self.strip = QWidget(self)  # clips the states scrolled out of sight
        self.labels: dict[str, QLabel] = {}
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        # A fixed height (room for the figures on a line of their own in a narrow column): a state flipping
        # to bold must not re-lay out (and repaint) the whole page.
        self._height = 3 * QFontMetrics(self._bold).lineSpacing() + 8
        self.setFixedHeight(self._height + 4)
        for col in self.columns:
            lab = QLabel(self.strip)
            lab.setAlignment(Qt.AlignCenter)
            lab.setObjectName(f"balance_{col}")
            self.labels[col] = lab
        doc.cellsChanged.connect(self.refresh)
        view.horizontalHeader().sectionResized.connect(lambda *_: self.align())
        view.horizontalScrollBar().valueChanged.connect(lambda *_: self.align())
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        self.refresh()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Resize:
            self.align()
        return False

    def min_width(self) -> int:
        """The narrowest column that still shows a state's first line whole."""
        return QFontMetrics(self._bold).horizontalAdvance("✗ 不平衡") + 10

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

    def _figures(self, lab: QLabel, ls, sign: str, rs) -> str:
        """「1294 ≠ 33」 on one line where the column is wide enough, else on two: never clipped."""
        one = f"{ls} {sign} {rs}"
        if QFontMetrics(self._bold).horizontalAdvance(one) + 8 <= lab.width():
            return one
        return f"{ls}\n{sign} {rs}"

    def refresh(self, *_):
        for col, lab in self.labels.items():
            st, ls, rs = self.state(col)
            shown = (st, ls, rs, lab.width())
            if lab.property("shown") == shown:
                continue  # unchanged: a new style sheet would re-polish and re-lay out the bar for nothing
            name = self.doc.format.cells[f"{self.rule.table}.{self.rule.left[0]}.{col}"].col_name
            if st == "blank":
                lab.setText("未填")
                lab.setToolTip(f"「{name}」列尚未填写")
            elif st == "ok":
                lab.setText(f"✓ 平衡\n{self._figures(lab, ls, '＝', rs)}")
                lab.setToolTip(f"「{name}」列：一+二 = {ls}，三（七）总计+四 = {rs}，平衡")
            else:
                lab.setText(f"✗ 不平衡\n{self._figures(lab, ls, '≠', rs)}")
                lab.setToolTip(f"「{name}」列：一+二 = {ls}，但三（七）总计+四 = {rs}，相差 {abs(ls - rs)}")
            if lab.property("state") != st:
                lab.setStyleSheet(_BALANCE_STYLE[st])
            lab.setProperty("state", st)
            lab.setProperty("shown", shown)

    def align(self) -> None:
        """Line the column states up under the table's data columns, where the table shows them now."""
        view = self.view
        first = view.tableModel().columnCount() - len(self.columns)
        vp = view.viewport().geometry()
        # Frozen label columns sit left of the viewport; otherwise they are the viewport's first columns.
        caption_w = vp.x() if view.isColumnHidden(0) else max(0, vp.x() + view.columnViewportPosition(first))
        self.caption.setGeometry(0, 2, caption_w, self._height)
        self.strip.setGeometry(caption_w, 2, max(0, vp.right() + 1 - caption_w), self._height)
        for i, lab in enumerate(self.labels.values()):
            x = vp.x() + view.columnViewportPosition(first + i) - caption_w
            lab.setGeometry(x, 0, view.columnWidth(first + i), self._height)
        self.refresh()
