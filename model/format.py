"""A built format: the grids, merges and cells that follow from a declaration's header trees.

The merges are not declared: a leaf shallower than the deepest branch spans the remaining header levels,
a branch spans its leaves, and a block with fewer data columns than the grid lets its last column span
the rest. Every reader (GUI, writers, reader of old reports, checker) takes its layout from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .declaration import Block, FormatDecl, Kind, Node, Section, Table

TITLE, CORNER, COLUMN, ROW, DATA = "title", "corner", "column", "row", "data"


@dataclass(frozen=True)
class GridItem:
    """One rectangle of a table grid: a label (title, corner, column or row label) or a data cell."""

    role: str
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str = ""
    cell: str | None = None  # the cell id, for data items


@dataclass(frozen=True)
class CellSpec:
    """A data cell: where it is, what it may hold, and, for a computed cell, what it sums."""

    id: str
    table: str
    kind: Kind
    unit: str
    units: tuple[str, ...]  # choices; empty when the unit is fixed
    row_labels: tuple[str, ...]  # from the outermost label to the row's own
    col_labels: tuple[str, ...]
    row_name: str  # the row as a message names it
    col_name: str
    addends: tuple[str, ...]  # the cells a computed cell sums; empty for an input cell
    grid: tuple[int, int]  # (row, col) of the cell in its table's grid

    @property
    def computed(self) -> bool:
        return bool(self.addends)


@dataclass
class _Leaf:
    node: Node
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    name: str
    siblings: list["_Leaf"]  # every leaf below its parent (at any depth), itself included
    start: int  # first grid row (row leaves) or column (column leaves)
    span: int = 1


def _depth(nodes: tuple[Node, ...]) -> int:
    return max((1 + _depth(n.children) for n in nodes), default=0)


def _walk(nodes, depth, place, start, keys=(), labels=(), named=()):
    """Place a header tree; calls place(node, depth, start, size) and returns (leaves, size)."""
    leaves: list[_Leaf] = []
    pos = start
    for n in nodes:
        k = keys + ((n.key,) if n.key else ())
        lab = labels + (n.label,)
        # A keyed ancestor (（三）不予公开, 行政复议) is part of the name; a pure grouping is not.
        nm = named + ((n.label,) if n.key or not n.children else ())
        if n.is_leaf:
            leaf = _Leaf(n, k, lab, " ".join(nm), leaves, pos)
            leaves.append(leaf)
            place(n, depth, pos, 1)
            pos += 1
        else:
            sub, size = _walk(n.children, depth + 1, place, pos, k, lab, nm)
            place(n, depth, pos, size)
            # This level's list takes in the branch's leaves: a total leaf sums every leaf below its parent.
            leaves.extend(sub)
            pos += size
    return leaves, pos - start


class TableSpec:
    """A table's grid (items with spans), its data cells in reading order, and its header size."""

    def __init__(self, decl: Table):
        self.decl = decl
        self.id, self.name = decl.id, decl.name
        self.items: list[GridItem] = []
        self.cells: list[CellSpec] = []
        self.blocks: list[_BlockLayout] = []
        self.n_cols = decl.width or max(_block_width(b) for b in decl.blocks)
        row = 0
        for block in decl.blocks:
            layout = _BlockLayout(self, block, row)
            self.blocks.append(layout)
            row = layout.end
        self.n_rows = row
        # Header rows repeat on every printed page only where one header serves the whole table.
        self.repeat_rows = self.blocks[0].header_end if len(self.blocks) == 1 else 0

    def __repr__(self) -> str:
        return f"<TableSpec {self.id} {self.n_rows}x{self.n_cols}>"


def _block_width(b: Block) -> int:
    return _depth(b.rows) + sum(1 for _ in _leaves(b.columns))


def _leaves(nodes):
    for n in nodes:
        if n.is_leaf:
            yield n
        else:
            yield from _leaves(n.children)


class _BlockLayout:
    """Places one block into its table's grid and derives its cells."""

    def __init__(self, table: TableSpec, block: Block, top: int):
        self.block = block
        width, items = table.n_cols, table.items
        if block.title:
            items.append(GridItem(TITLE, top, 0, 1, width, block.title))
            top += 1
        r_depth, c_depth = _depth(block.rows), _depth(block.columns)
        n_data_cols = sum(1 for _ in _leaves(block.columns))
        extra = width - r_depth - n_data_cols  # the last column spans what the block leaves over
        if r_depth:
            items.append(GridItem(CORNER, top, 0, c_depth, r_depth, block.corner or ""))
        last = list(_leaves(block.columns))[-1]

        def place_col(n: Node, depth: int, start: int, size: int) -> None:
            span = size + (extra if _contains(n, last) else 0)
            rows = 1 if n.children else c_depth - depth
            items.append(GridItem(COLUMN, top + depth, r_depth + start, rows, span, n.label))

        self.col_leaves, _ = _walk(block.columns, 0, place_col, 0)
        for leaf in self.col_leaves:
            leaf.start += r_depth
        self.col_leaves[-1].span += extra
        body = top + c_depth
        self.header_end = body

        def place_row(n: Node, depth: int, start: int, size: int) -> None:
            cols = 1 if n.children else r_depth - depth
            items.append(GridItem(ROW, start, depth, size, cols, n.label))

        if block.rows:
            self.row_leaves, n_rows = _walk(block.rows, 0, place_row, body)
        else:  # one unnamed data row (table 4)
            self.row_leaves, n_rows = [_Leaf(Node(""), (), (), "", [], body)], 1
        self.end = body + n_rows
        for r in self.row_leaves:
            for c in self.col_leaves:
                spec = self._cell(table.id, r, c)
                table.cells.append(spec)
                items.append(GridItem(DATA, r.start, c.start, 1, c.span, cell=spec.id))

    def _cell(self, table_id: str, r: _Leaf, c: _Leaf) -> CellSpec:
        b = self.block
        kind = c.node.kind or r.node.kind or b.kind
        unit = c.node.unit or r.node.unit or b.unit
        units = c.node.units or r.node.units
        if c.node.total:
            addends = tuple(cell_id(table_id, r.keys, o.keys) for o in c.siblings if o is not c)
        elif r.node.total:
            addends = tuple(cell_id(table_id, o.keys, c.keys) for o in r.siblings if o is not r)
        else:
            addends = ()
        row_name = f"{b.title} {r.name}" if b.title else r.name
        return CellSpec(cell_id(table_id, r.keys, c.keys), table_id, kind, units[0] if units else unit,
                        units, r.labels, c.labels, row_name, c.name, addends, (r.start, c.start))


def _contains(n: Node, leaf: Node) -> bool:
    return n is leaf or any(_contains(ch, leaf) for ch in n.children)


def cell_id(table_id: str, row_keys: tuple[str, ...], col_keys: tuple[str, ...]) -> str:
    return ".".join((table_id,) + row_keys + col_keys)


class Format:
    """An official report format, built from its declaration: sections, table grids, cells, rules."""

    def __init__(self, decl: FormatDecl):
        self.decl = decl
        self.id, self.title, self.years = decl.id, decl.title, decl.years
        self.sections: tuple[Section, ...] = decl.sections
        self.balance, self.carry, self.in_force = decl.balance, decl.carry, decl.in_force
        self.prose_figures = decl.prose_figures
        self.evaluation = decl.evaluation

    def __repr__(self) -> str:
        return f"<Format {self.id}>"

    # The grids are built on first use: the start page needs only a format's title and years.
    @cached_property
    def tables(self) -> dict[str, TableSpec]:
        return {t.id: TableSpec(t) for t in self.decl.tables}

    @cached_property
    def cells(self) -> dict[str, CellSpec]:
        return {c.id: c for t in self.tables.values() for c in t.cells}

    @cached_property
    def input_ids(self) -> tuple[str, ...]:
        return tuple(i for i, c in self.cells.items() if not c.computed)

    @cached_property
    def computed_ids(self) -> tuple[str, ...]:
        return tuple(i for i, c in self.cells.items() if c.computed)

    @cached_property
    def dependents(self) -> dict[str, tuple[str, ...]]:
        """For each cell, the computed cells whose value depends on it (directly or not)."""
        direct: dict[str, set[str]] = {}
        for c in self.cells.values():
            for a in c.addends:
                direct.setdefault(a, set()).add(c.id)
        out: dict[str, tuple[str, ...]] = {}
        for cid in self.cells:
            seen: list[str] = []
            todo = list(direct.get(cid, ()))
            while todo:
                d = todo.pop()
                if d not in seen:
                    seen.append(d)
                    todo.extend(direct.get(d, ()))
            out[cid] = tuple(sorted(seen, key=self.order.__getitem__))
        return out

    @cached_property
    def order(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.cells)}

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def section_of_table(self, table_id: str) -> Section:
        return next(s for s in self.sections if s.table == table_id)

    def row_ids(self, table_id: str, row_key: str) -> list[str]:
        """The cells of one row of a single-block table (row key path, e.g. "carried_in"), left to right."""
        keys = tuple(row_key.split("."))
        return [cell_id(table_id, keys, leaf.keys) for leaf in self.tables[table_id].blocks[0].col_leaves]

    def column_keys(self, table_id: str) -> list[str]:
        """The column key paths of a single-block table, left to right."""
        return [".".join(l.keys) for l in self.tables[table_id].blocks[0].col_leaves]

    def describe(self, cell: str) -> str:
        """Name a cell as a clerk reads it in the printed table: 表三「（一）予以公开」行「自然人」列."""
        return self.tables[self.cells[cell].table].name + self.place(cell)

    def place(self, cell: str) -> str:
        """A cell's row and column within its table: 「（一）予以公开」行「自然人」列."""
        c = self.cells[cell]
        return (f"「{c.row_name}」行" if c.row_name else "") + f"「{c.col_name}」列"
