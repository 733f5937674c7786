"""The review table's model: one row per file received (model/review.py), 状态 and 意见 editable; and the
filter proxy (错误 only, 退回 only, a name) that also sorts numbers as numbers."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QCollator, QLocale, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from model.review import KEY_FIGURES, RATES, RETURNED, STATUS_LABELS, Review, Unit, format_rate
from model.values import format_value

UNIT, FILE, FORMAT, ERRORS, WARNINGS = range(5)
FIGURES = tuple(range(5, 5 + len(KEY_FIGURES)))
RATE_COLS = tuple(range(5 + len(KEY_FIGURES), 5 + len(KEY_FIGURES) + len(RATES)))
STATUS, OPINION = RATE_COLS[-1] + 1, RATE_COLS[-1] + 2
HEADERS = ["单位", "文件", "格式/年度", "错误", "提醒", *[label for label, _ in KEY_FIGURES], *RATES, "状态", "意见"]
SORT_ROLE = Qt.UserRole + 1
UNIT_ROLE = Qt.UserRole + 2
LABEL_STATUS = {v: k for k, v in STATUS_LABELS.items()}
LEFT_OUT = QColor("#8a8a8a")
ERROR_BG = QColor("#fde7e7")


class ReviewTableModel(QAbstractTableModel):
    """Rows are the review's units in the order they arrived; `unit_added` appends one as it is read."""

    decided = Signal()  # the reviewer changed a 状态 or 意见 in the table

    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        self.rows: list[Unit] = list(review.units)

    def set_review(self, review: Review) -> None:
        self.beginResetModel()
        self.review = review
        self.rows = list(review.units)
        self.endResetModel()

    def unit_added(self, unit: Unit) -> None:
        """A unit taken into the review: a new row, or the row of the same file replaced."""
        for i, u in enumerate(self.rows):
            if u.file == unit.file:
                self.rows[i] = unit
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(unit)
        self.endInsertRows()

    def refreshed(self) -> None:
        """The review decided again what is left out: every row may look different."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(HEADERS) - 1))

    def unit_at(self, row: int) -> Unit:
        return self.rows[row]

    def row_of(self, unit: Unit) -> int:
        return self.rows.index(unit)

    # ---- Qt ---------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return HEADERS[section]
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index):
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() in (STATUS, OPINION) and self.rows[index.row()].counted:
            f |= Qt.ItemIsEditable
        return f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        u, col = self.rows[index.row()], index.column()
        if role == UNIT_ROLE:
            return u
        if role in (Qt.DisplayRole, Qt.EditRole):
            return self._text(u, col, role == Qt.EditRole)
        if role == SORT_ROLE:
            return self._sort_key(u, col)
        if role == Qt.ToolTipRole:
            if not u.counted:
                return u.reason
            if col == FILE:
                return u.file
            if col in (ERRORS, WARNINGS) and u.findings:
                return "\n".join(f"· {f.message}" for f in u.findings[:12])
            if col == OPINION:
                return u.opinion or None
            return None
        if role == Qt.ForegroundRole and not u.counted:
            return QBrush(LEFT_OUT)
        if role == Qt.BackgroundRole and col == ERRORS and u.counted and u.errors:
            return QBrush(ERROR_BG)
        if role == Qt.TextAlignmentRole and (col in (ERRORS, WARNINGS) or col in FIGURES or col in RATE_COLS):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _text(self, u: Unit, col: int, edit: bool = False):
        if col == UNIT:
            return u.name
        if col == FILE:
            return Path(u.file).name
        if not u.counted:
            if col == STATUS:
                return "未计入"
            if col == FORMAT:
                return _format_year(u)
            if col == OPINION:
                return u.reason
            return ""
        if col == FORMAT:
            return _format_year(u)
        if col == ERRORS:
            return str(u.errors)
        if col == WARNINGS:  # the unit's own 出错说明 are counted beside its warnings
            return f"{u.warnings}（{u.explained} 条已说明）" if u.explained else str(u.warnings)
        if col in FIGURES:
            return format_value(u.key_figures()[KEY_FIGURES[col - FIGURES[0]][0]])
        if col in RATE_COLS:
            return format_rate(u.key_figures()[RATES[col - RATE_COLS[0]]])
        if col == STATUS:
            label = STATUS_LABELS[u.status]
            return label if edit or not u.resubmitted else f"{label}（已重新报送）"
        if col == OPINION:
            return u.opinion
        return ""

    def _sort_key(self, u: Unit, col: int):
        if col in (ERRORS, WARNINGS):
            return (u.errors if col == ERRORS else u.warnings) if u.counted else -1
        if col in FIGURES or col in RATE_COLS:
            if not u.counted:
                return float("-inf")
            k = u.key_figures()
            v = k[RATES[col - RATE_COLS[0]]] if col in RATE_COLS else k[KEY_FIGURES[col - FIGURES[0]][0]]
            return float("-inf") if v is None else float(v)
        return self._text(u, col)

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or not index.isValid():
            return False
        u, col = self.rows[index.row()], index.column()
        if col == STATUS:
            status = LABEL_STATUS.get(str(value).strip(), value if value in STATUS_LABELS else None)
            if status is None:
                return False
            self.review.set_status(u, status)
        elif col == OPINION:
            self.review.set_opinion(u, str(value))
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), STATUS), self.index(index.row(), OPINION))
        self.decided.emit()
        return True


def _format_year(u: Unit) -> str:
    """The format the tables use (which may not be the year's) and the year, as far as they mean anything."""
    if u.format_id is None or u.summary.not_report:
        return ""
    return f"{u.summary.tables_format or u.format_id} 格式 / {u.year} 年"


class ReviewFilter(QSortFilterProxyModel):
    """错误 only, 退回 only, and a name (or file name) containing a text; sorting by SORT_ROLE."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.errors_only = False
        self.returned_only = False
        self.name = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        # Names in 拼音 order, as a Chinese reader looks them up (code-point order is no order to them).
        self.collator = QCollator(QLocale(QLocale.Chinese, QLocale.China))
        self.collator.setNumericMode(True)

    def set_filter(self, *, errors_only: bool | None = None, returned_only: bool | None = None,
                   name: str | None = None) -> None:
        self.beginFilterChange()
        if errors_only is not None:
            self.errors_only = errors_only
        if returned_only is not None:
            self.returned_only = returned_only
        if name is not None:
            self.name = name.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row, parent) -> bool:
        u: Unit = self.sourceModel().unit_at(row)
        if self.errors_only and not (u.errors or not u.counted):
            return False
        if self.returned_only and not (u.counted and u.status == RETURNED):
            return False
        if self.name and self.name not in u.name and self.name not in Path(u.file).name:
            return False
        return True

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a == b:  # ties in file order, so equal names (a duplicate) always sort the same way
            return left.data(UNIT_ROLE).file < right.data(UNIT_ROLE).file
        if isinstance(a, str) and isinstance(b, str):
            return self.collator.compare(a, b) < 0
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
