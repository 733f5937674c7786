"""A Qt table model for one official table, built from the format's grid items (labels, spans, cells).

Header rows are ordinary body rows here (QHeaderView cannot span): the view hides its headers and
applies `spans()`. Label cells are disabled (so the cursor skips them), computed cells are read-only.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from model.format import DATA, TITLE, GridItem, TableSpec
from model.values import format_value

from .commands import SetCellsCommand
from .document import ReportDocument
from .parsing import CellInputError, parse_for_cell

LABEL_BG = QColor("#ececec")
TITLE_BG = QColor("#dcdcdc")
COMPUTED_BG = QColor("#e3f0fb")
INPUT_BG = QColor("#ffffff")
TEXT = QColor("#1a1a1a")
CELL_ID_ROLE = Qt.UserRole + 1


class ReportTableModel(QAbstractTableModel):
    """Rows x columns of one TableSpec; data cells read and write the report through the document."""

    inputRefused = Signal(str)  # a typed entry that cannot go into its cell: the message for the clerk

    def __init__(self, doc: ReportDocument, table_id: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.spec: TableSpec = doc.format.tables[table_id]
        self._at: dict[tuple[int, int], GridItem] = {}  # top-left position -> item
        self._cover: dict[tuple[int, int], GridItem] = {}  # every position an item covers -> item
        self._pos: dict[str, tuple[int, int]] = {}
        for it in self.spec.items:
            self._at[(it.row, it.col)] = it
            for r in range(it.row, it.row + it.rowspan):
                for c in range(it.col, it.col + it.colspan):
                    self._cover[(r, c)] = it
            if it.cell:
                self._pos[it.cell] = (it.row, it.col)
        self._bold = QFont()
        self._bold.setBold(True)
        self._roles = {it: self._static_roles(it) for it in self.spec.items}
        doc.cellsChanged.connect(self._on_cells_changed)

    # ---- structure ------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.spec.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.spec.n_cols

    def spans(self) -> list[GridItem]:
        return [it for it in self.spec.items if it.rowspan > 1 or it.colspan > 1]

    def item_at(self, row: int, col: int) -> GridItem | None:
        """The item covering a grid position (a spanned item covers several)."""
        return self._cover.get((row, col))

    def index_of(self, cell_id: str) -> QModelIndex:
        r, c = self._pos[cell_id]
        return self.index(r, c)

    def cell_at(self, index: QModelIndex) -> str | None:
        it = self._at.get((index.row(), index.column()))
        return it.cell if it else None

    def is_input(self, cell_id: str | None) -> bool:
        return bool(cell_id) and not self.doc.format.cells[cell_id].computed

    def set_label_lines(self, lines: dict[GridItem, str]) -> None:
        """Show these labels with the line breaks given (chosen by the page between whole words)."""
        for it, text in lines.items():
            roles = self._roles[it]
            if roles.get(Qt.DisplayRole) != text:
                roles[Qt.DisplayRole] = text
                ix = self.index(it.row, it.col)
                self.dataChanged.emit(ix, ix, [Qt.DisplayRole])

    # ---- data -----------------------------------------------------------------------------------

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        # Called some ten times per cell on every repaint: everything but a data cell's text is looked up.
        it = self._at.get((index.row(), index.column()))
        if it is None:
            return None
        if it.cell and role in (Qt.DisplayRole, Qt.EditRole):
            return self._text(it.cell, role)
        return self._roles[it].get(role)

    def _static_roles(self, it: GridItem) -> dict:
        """Every role of an item that does not change with the figures."""
        if it.role != DATA:
            align = Qt.AlignLeft | Qt.AlignVCenter if it.role == "row" and it.rowspan == 1 else Qt.AlignCenter
            roles = {Qt.DisplayRole: it.text, Qt.BackgroundRole: QBrush(TITLE_BG if it.role == TITLE else LABEL_BG),
                     Qt.ForegroundRole: QBrush(TEXT), Qt.TextAlignmentRole: int(align)}
            if it.role == TITLE:
                roles[Qt.FontRole] = self._bold
            return roles
        spec = self.doc.format.cells[it.cell]
        what = "自动计算，不能直接修改" if spec.computed else f"填写{spec.kind.chinese}，单位：{spec.unit}"
        roles = {Qt.BackgroundRole: QBrush(COMPUTED_BG if spec.computed else INPUT_BG),
                 Qt.ForegroundRole: QBrush(TEXT), Qt.TextAlignmentRole: int(Qt.AlignRight | Qt.AlignVCenter),
                 Qt.ToolTipRole: f"{self.doc.format.describe(it.cell)}\n{what}", CELL_ID_ROLE: it.cell}
        if spec.computed:
            roles[Qt.FontRole] = self._bold
        return roles

    def _text(self, cid: str, role) -> str:
        text = format_value(self.doc.report.value(cid))
        spec = self.doc.format.cells[cid]
        if spec.units and text:  # a unit the clerk chose (元 / 万元) is shown, and edited, with the figure
            unit = self.doc.report.units.get(cid, spec.unit)
            text += f" {unit}" if role == Qt.DisplayRole else unit
        return text

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        it = self._at.get((index.row(), index.column()))
        if it is None or it.role != DATA:
            return Qt.NoItemFlags  # labels: not selectable, and the cursor skips them
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.is_input(it.cell):
            f |= Qt.ItemIsEditable
        return f

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        """Parse what the clerk typed; a bad entry is refused with inputRefused (never an exception into Qt)."""
        if role != Qt.EditRole or not index.isValid():
            return False
        cid = self.cell_at(index)
        if not self.is_input(cid):
            return False
        try:
            v, unit = parse_for_cell(self.doc.format, cid, str(value))
        except CellInputError as e:
            self.inputRefused.emit(str(e))
            return False
        units = {cid: unit} if unit and self.doc.format.cells[cid].units else {}
        if v == self.doc.report.cells[cid] and not units:
            return True
        self.doc.undo_stack.push(SetCellsCommand(self.doc, {cid: v}, units, f"填写{self.doc.format.describe(cid)}"))
        return True

    # ---- refresh --------------------------------------------------------------------------------

    def _on_cells_changed(self, ids: list) -> None:
        fmt = self.doc.format
        touched = set()
        for cid in ids:
            touched.add(cid)
            touched.update(fmt.dependents.get(cid, ()))
        for cid in touched:
            if cid in self._pos:
                ix = self.index(*self._pos[cid])
                self.dataChanged.emit(ix, ix, [Qt.DisplayRole, Qt.EditRole])
