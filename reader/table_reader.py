"""Reading tables 2, 3 and 4 of an old report into cell ids, whatever the table's physical shape.

Each Word table is assigned to a declared table by the labels it holds. Then, row by row: a row whose
label cells fit a declared row is a data row; its figures are placed under the columns its header rows
name (or, when the header cannot be read, in the declared order if the count fits). Everything that
cannot be placed is said, in the clerk's words, in `unplaced`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from model import formats
from model.declaration import Kind
from model.format import Format, cell_id
from model.values import Value, parse

from .blocks import Cell, TableGrid
from .docx_match import (Target, best, column_groups, column_targets, guess, heading_fits, knows, norm, ratio,
                         row_targets, score, vocabulary)
from .limits import TIME_LIMIT, Deadline

MAX_TEXTS = 400  # distinct texts of one table looked at to tell which table it is (表三 has ~60)
MAX_DOC_TEXTS = 5000  # distinct texts of all tables of one document compared with the labels
NEAR = 0.85  # a text this close to a declared label counts as holding it
MAX_HEADER = 6  # header rows kept above a block (表三 and 表四 have 3)
MAX_ROWS = 400  # rows of one declared table read (表三 has 28; 表二 split in parts ~25)
_VALUE_WORDS = {"无", "暂无", "空", "无数据"}  # words some reports put where a figure belongs


class Classifier:
    """Which declared labels each text of the document's tables is near, worked out once per distinct text.

    A text is compared only with the labels its length and its characters leave possible (most pairs are
    ruled out without a similarity ratio), and at most MAX_DOC_TEXTS distinct texts are looked at per
    document, under the import's deadline: a file of many near-label cells cannot run long.
    """

    def __init__(self, deadline: Deadline):
        self.deadline = deadline
        self.cache: dict[str, dict[str, float]] = {}
        words: dict[str, None] = {}
        for fmt in formats.all_formats().values():
            for tid in fmt.tables:
                words.update(dict.fromkeys(vocabulary(fmt, tid)))
        self.by_length: dict[int, list[tuple[str, Counter]]] = {}
        for w in words:
            self.by_length.setdefault(len(w), []).append((w, Counter(w)))

    def near(self, text: str) -> dict[str, float]:
        """Declared labels (normalized) with their similarity to this normalized text, those >= 0.85 only."""
        hit = self.cache.get(text)
        if hit is not None:
            return hit
        if len(self.cache) >= MAX_DOC_TEXTS:
            return {}
        self.deadline.check()
        out: dict[str, float] = {}
        n = len(text)
        counts = Counter(text)
        for length in range(int(n * 0.73), int(n / 0.73) + 2):
            for w, wc in self.by_length.get(length, ()):
                if w == text:
                    out[w] = 1.0
                    continue
                common = sum(min(k, wc[ch]) for ch, k in counts.items() if ch in wc)
                if 2 * common / (n + length) < NEAR:
                    continue
                r = ratio(text, w)
                if r >= NEAR:
                    out[w] = r
        self.cache[text] = out
        return out

    def texts(self, grid: TableGrid) -> list[str]:
        texts = {norm(c.text) for row in grid.rows for c in row if c.origin is None}
        return [t for t in texts if t and len(t) <= 80 and not is_number(t)][:MAX_TEXTS]

    def kinds(self, fmt: Format, grid: TableGrid) -> dict[str, int]:
        """How many distinct labels of each declared table this table holds."""
        near = [self.near(t) for t in self.texts(grid)]
        out = {}
        for tid in fmt.tables:
            words = set(vocabulary(fmt, tid))
            out[tid] = sum(1 for found in near if not words.isdisjoint(found))
        return out


def table_kinds(fmt: Format, grid: TableGrid) -> dict[str, int]:
    """How many distinct labels of each declared table this table holds (one table, its own deadline)."""
    return Classifier(Deadline()).kinds(fmt, grid)


def is_number(text: str) -> bool:
    for kind, units in ((Kind.SIGNED, ()), (Kind.AMOUNT, ("元", "万元"))):
        try:
            value, _ = parse(text, kind, units)
        except ValueError:
            continue
        return value is not None
    return False


def _is_blank(text: str) -> bool:
    try:
        return parse(text, Kind.AMOUNT, ("元", "万元"))[0] is None
    except ValueError:
        return False


@dataclass
class _Header:
    """Header rows above a block's data rows and, per block, the grid range of each column they name."""

    rows: list[list[Cell]] = field(default_factory=list)
    ranges: dict[int, tuple[dict, dict]] = field(default_factory=dict)


class TableReader:
    """Reads the Word tables assigned to one declared table into `inputs` / `reported` by cell id."""

    def __init__(self, fmt: Format, table_id: str, unplaced: list[str], deadline: Deadline | None = None):
        self.fmt, self.tid, self.unplaced = fmt, table_id, unplaced
        self.deadline = deadline or Deadline()
        self.spec = fmt.tables[table_id]
        self.name = self.spec.name
        self.rows = row_targets(fmt, table_id)
        self.inputs: dict[str, Value] = {}
        self.reported: dict[str, Value] = {}
        self.units: dict[str, str] = {}
        self.read_rows: dict[tuple[int, tuple[str, ...]], str] = {}  # (block, row keys) -> where it was read
        self.read_cells: dict[str, str] = {}  # cell id -> where it was read
        self.matched: set[tuple[int, tuple[str, ...]]] = set()  # rows found, read or not (then said why)
        self.titles = [Target(b, (), (layout.block.title,), True) for b, layout in enumerate(self.spec.blocks)
                       if layout.block.title]
        self.header_words = [norm(i.text) for i in self.spec.items if i.role in ("column", "corner") and i.text]
        self.blank_data = False  # a table without row labels whose data row is entirely blank
        self.deferred: list[tuple] = []  # rows whose label was guessed (shortened, reworded, renumbered)
        self.notes: list[str] = []  # what was guessed, for the clerk to confirm

    def read(self, grids: list[TableGrid]) -> None:
        self._rows(grids)
        self._guessed()

    def _rows(self, grids: list[TableGrid]) -> None:
        header = _Header()
        last_was_data = False
        seen = 0
        for grid in grids:
            for r, row in enumerate(grid.rows, 1):
                seen += 1
                self.deadline.check()
                if seen > MAX_ROWS:
                    self.unplaced.append(f"{self.name}超过 {MAX_ROWS} 行，不像是官方格式的表格，后面的行未读取。")
                    return
                where = (f"{self.name}第 {r} 行" if len(grids) == 1
                         else f"{self.name}（文档第 {grid.index} 个表格）第 {r} 行")
                if all(not norm(c.text) for c in row):
                    if not self.rows and header.rows and len(row) > 1:
                        self.blank_data = True
                    continue
                labels, values = _split(row)
                target, ambiguous = best(labels, self.rows) if (labels and self.rows) else (None, False)
                if target is not None and target.leaf:
                    self.matched.add((target.block, target.keys))
                    self._data_row(values, target.block, target.keys, _show(labels), header, where)
                    last_was_data = True
                    continue
                if (target is None or not _own_fits(labels, target)) and labels and self.rows and _figures(values):
                    found = guess(labels, self.rows)
                    if len(found) == 1:  # read after the rows that fit outright: never two rows into one cell
                        self.deferred.append((values, found[0], labels, header, where))
                        last_was_data = True
                        continue
                    if found:
                        self.matched.update((t.block, t.keys) for t in found)  # said here, not again as missing
                        names = "」或「".join(_clip(t.labels[-1], 20) for t in found[:4])
                        self.unplaced.append(f"{where}「{_clip(_show(labels))}」可能是格式中的「{names}」，无法确定是哪一行，"
                                             f"其中的数字（{_figures_text(values)}）未导入，请对照原文填写。")
                        continue
                if target is not None:  # a grouping label: holds no figures in the official layout
                    if any(norm(c.text) for c in values):
                        parts = [t.labels[-1] for t in self.rows if t.leaf and t.keys[:len(target.keys)] == target.keys
                                 and len(t.keys) > len(target.keys)]
                        self.unplaced.append(f"{where}「{_show(labels)}」：{self.fmt.id} 年格式中没有这一行本身，只列其下"
                                             f"各分项（{_clip('、'.join(parts))}），这一行的数字未导入。")
                    continue
                if self._heading(row):
                    continue
                if self._title(row) is not None:  # a block's title row: its header follows
                    header, last_was_data = _Header(), False
                    continue
                if self._is_header(row):
                    if last_was_data:
                        header, last_was_data = _Header(), False
                    header.rows.append(row)
                    del header.rows[:-MAX_HEADER]
                    continue
                if not self.rows and not labels and any(is_number(c.text) for c in values):
                    self._data_row(values, 0, (), "", header, where)
                    last_was_data = True
                    continue
                text = _show(labels) or _show(tuple(c.text for c in row))
                extra = "（与格式中的几行都相近，无法确定是哪一行）" if ambiguous else ""
                figures = f"（{_figures_text(values)}）" if _figures(values) and labels else ""
                self.unplaced.append(f"{where}「{_clip(text)}」未能对应到格式中的任何一行{extra}，其中的数字{figures}未导入。")

    def _guessed(self) -> None:
        """Rows read by numbering, position and words: each into its row unless a row that fits outright took it."""
        for values, target, labels, header, where in self.deferred:
            key = (target.block, target.keys)
            declared = target.labels[-1]
            if key in self.read_rows:
                self.unplaced.append(f"{where}「{_clip(_show(labels))}」像是「{_clip(declared)}」，但这一行已在"
                                     f"{self.read_rows[key]}读取，这一行的数字（{_figures_text(values)}）未导入。")
                continue
            self.matched.add(key)
            before = len(self.read_cells)
            self._data_row(values, target.block, target.keys, _show(labels), header, where)
            if len(self.read_cells) > before:
                self.notes.append(f"{where}「{_clip(_show(labels))}」与格式的行名不完全一样，按编号、位置和文字读作"
                                  f"「{_clip(_show(target.labels), 60)}」。")

    def _title(self, row: list[Cell]) -> int | None:
        texts = [c.text for c in row if c.origin is None and norm(c.text)]
        if len(texts) != 1 or not self.titles:
            return None
        target, _ = best((texts[0],), self.titles)
        return target.block if target is not None else None

    def _heading(self, row: list[Cell]) -> bool:
        """A row holding only the section heading (some reports put it in the table's first row)."""
        texts = [c.text for c in row if c.origin is None and norm(c.text)]
        return len(texts) == 1 and heading_fits(texts[0], self.fmt.section_of_table(self.tid).heading)

    def _is_header(self, row: list[Cell]) -> bool:
        return any(knows(c.text, self.header_words) for c in row if c.origin is None)

    def _data_row(self, values: list[Cell], block: int, row_keys: tuple[str, ...], label: str, header: _Header,
                  where: str) -> None:
        key = (block, row_keys)
        row_name = f"「{label}」行" if label else "数据行"
        cols = column_targets(self.fmt, self.tid, block)
        ranges, groups = self._header_map(header, block, cols)
        placed, in_groups, unknown = _by_header(values, ranges, groups, header.rows)
        if header.rows and not ranges:
            named = [c.text.strip() for row in header.rows for c in row if c.origin is None and norm(c.text)
                     and any(c.col < v.col + v.span and v.col < c.col + c.span for v in values)]
            if named:
                wanted = "、".join(c.labels[-1] for c in cols)
                self.unplaced.append(f"{where}{row_name}：表头的栏目「{_clip('、'.join(dict.fromkeys(named)))}」与"
                                     f" {self.fmt.id} 年格式的栏目（{_clip(wanted)}）对不上，这一行的数字未导入。")
                return
        if placed is None or len(placed) < len(cols):
            cells = list(values)
            while len(cells) > len(cols) and not norm(cells[0].text):
                cells.pop(0)  # a blank label cell the label column left over
            if len(cells) == len(cols):
                placed, in_groups, unknown = list(zip(cols, cells)), [], []
        if not placed:
            shown = "、".join(c.text.strip() or "（空）" for c in values) or "没有"
            self.unplaced.append(f"{where}{row_name}有 {len(values)} 个数字格（{_clip(shown)}），"
                                 f"格式中这一行有 {len(cols)} 列，无法确定各数字属于哪一列，未导入。")
            return
        for text in dict.fromkeys(unknown):
            self.unplaced.append(f"{where}{row_name}「{_clip(text)}」列不是 {self.fmt.id} 年格式的栏目，其中的数字未导入。")
        for group in dict.fromkeys(in_groups):
            self.unplaced.append(f"{where}{row_name}「{group}」列是小计列，官方格式中没有这一列，其中的数字未导入"
                                 f"（各项数字已分别读取）。")
        self.read_rows.setdefault(key, where)
        for col, cell in placed:
            cid = cell_id(self.tid, row_keys, col.keys)
            if cid in self.read_cells:
                self.unplaced.append(f"{where}{self.fmt.place(cid)}与{self.read_cells[cid]}重复，未导入。")
                continue
            self.read_cells[cid] = where
            self._value(cid, "" if cell.origin else cell.text, where)

    def _header_map(self, header: _Header, block: int, cols: list[Target]):
        if block not in header.ranges:
            header.ranges[block] = _column_ranges(header.rows, cols + column_groups(self.fmt, self.tid, block))
        return header.ranges[block]

    def _value(self, cid: str, text: str, where: str) -> None:
        spec = self.fmt.cells[cid]
        place = self.fmt.place(cid)
        try:
            value, unit = parse(text, spec.kind, spec.units)
        except ValueError as e:
            self.unplaced.append(f"{where}{place}的「{text.strip()}」无法识别：{e}。这一格未导入。")
            return
        if unit and spec.kind is Kind.AMOUNT and not spec.units and unit != spec.unit:
            self.unplaced.append(f"{where}{place}写的是「{text.strip()}」，单位是{unit}，格式要求{spec.unit}；"
                                 f"为免换算出错，这一格未导入，请按{spec.unit}填写。")
            return
        if spec.units and unit:
            self.units[cid] = unit
        if spec.computed:
            if value is not None:
                self.reported[cid] = value
        else:
            self.inputs[cid] = value

    def missing(self) -> list[str]:
        """Declared rows no Word row was matched to, and columns a matched row lacked."""
        out = []
        for b, layout in enumerate(self.spec.blocks):
            title = f"「{layout.block.title}」" if layout.block.title else ""
            for leaf in layout.row_leaves:
                name = f"「{leaf.name}」行" if leaf.name else "数据行"
                if (b, leaf.keys) not in self.read_rows:
                    if not self.blank_data and (b, leaf.keys) not in self.matched:
                        out.append(f"{self.name}{title}{name}在文档中没有找到，保持空白。")
                    continue
                lacking = [f"「{c.name}」" for c in layout.col_leaves
                           if not c.node.total and cell_id(self.tid, leaf.keys, c.keys) not in self.read_cells]
                if lacking:
                    out.append(f"{self.name}{title}{name}的{'、'.join(lacking)}列在文档中没有找到，保持空白。")
        return out


def _own_fits(labels: tuple[str, ...], target: Target) -> bool:
    """Whether the row's own label is the grouping's label (a grouping row), not a shortened row under it."""
    return ratio(norm(labels[-1]), norm(target.labels[-1])) >= 0.75


def _figures(values: list[Cell]) -> bool:
    """Whether a row's cells right of its label are figures (or blanks), with at least one figure."""
    cells = [c for c in values if c.origin is None]
    return any(is_number(c.text) for c in cells) and all(is_number(c.text) or _is_blank(c.text) for c in cells)


def _figures_text(values: list[Cell]) -> str:
    return _clip("、".join(c.text.strip() or "空" for c in values if c.origin is None), 60)


def _by_header(values: list[Cell], ranges: dict, groups: dict, header_rows: list[list[Cell]]):
    """Place a row's cells under the columns its header names. Returns (placed [(column, cell)], labels of
    grouping headers over figures (subtotal columns), header texts over figures that name no declared
    column); placed is None when a figure has no header above it, or two."""
    if not ranges:
        return None, [], []
    by_column: dict = {}
    in_groups, unknown = [], []
    for cell in values:
        hits = [i for i, (a, b) in ranges.items() if cell.col < b and a < cell.col + cell.span]
        blank = not norm(cell.text)
        if len(hits) == 1:
            by_column.setdefault(hits[0], []).append(cell)
            continue
        if blank:
            continue  # an empty cell under two columns or none says nothing
        under = [g for g, (a, b) in groups.items() if cell.col < b and a < cell.col + cell.span]
        if not hits and under:
            in_groups.append(under[-1])
            continue
        above = _header_text(cell, header_rows)
        if not hits and above:
            unknown.append(above)
            continue
        return None, [], []
    placed = []
    for column, cells in by_column.items():
        filled = [c for c in cells if norm(c.text)]
        if len(filled) > 1:  # two figures under one column (an unmerged wide column): which one is meant?
            return None, [], []
        placed.append((column, filled[0] if filled else cells[0]))
    placed.sort(key=lambda pc: pc[1].col)
    return placed, in_groups, unknown


def _header_text(cell: Cell, rows: list[list[Cell]]) -> str:
    """The lowest header text standing over a cell's columns."""
    for row in reversed(rows):
        for c in row:
            top = c.origin or c
            if norm(top.text) and c.col < cell.col + cell.span and cell.col < c.col + c.span:
                return top.text.strip()
    return ""


def _split(row: list[Cell]) -> tuple[tuple[str, ...], list[Cell]]:
    """A row's label path (texts left of its figures, merged labels included) and its figure cells."""
    first_number = next((i for i, c in enumerate(row) if c.origin is None and is_number(c.text)), len(row))
    last_text = -1
    for i in range(first_number):
        t = norm(row[i].shown)
        if t and not _is_blank(t) and t not in _VALUE_WORDS:
            last_text = i
    labels = tuple(row[i].shown for i in range(last_text + 1) if norm(row[i].shown))
    return labels, row[last_text + 1:]


def _column_ranges(rows: list[list[Cell]], targets: list[Target]):
    """For each declared column (by index) the grid range of the header cell that names it; and the
    ranges of header cells that name a grouping (label -> range)."""
    found: dict[int, tuple[tuple[float, float], tuple[int, int]]] = {}
    groups: dict[str, tuple[int, int]] = {}
    covers: list[dict[int, Cell]] = []
    for row in rows:
        cover = {}
        for c in row:
            for g in range(c.col, c.col + c.span):
                cover[g] = c.origin or c
        covers.append(cover)
    seen: set[int] = set()
    for r, row in enumerate(rows):
        for c in row:
            top = c.origin or c
            if id(top) in seen or not norm(top.text):
                continue
            seen.add(id(top))
            path: list[str] = []
            for cover in covers[: r + 1]:
                above = cover.get(top.col)
                if above is not None and norm(above.text) and (not path or path[-1] != above.text):
                    path.append(above.text)
            target, _ = best(tuple(path), targets)
            if target is None:
                continue
            rng = (top.col, top.col + top.span)
            if not target.leaf:
                groups[target.labels[-1]] = rng
                continue
            s = score(tuple(path), target.labels)
            if target.index not in found or s > found[target.index][0]:
                found[target.index] = (s, rng)
    leaves = [t for t in targets if t.leaf]
    return {leaves[i]: rng for i, (_, rng) in found.items()}, groups


def _show(parts) -> str:
    return " ".join(p.replace("\n", "").strip() for p in parts if p and p.strip())


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


__all__ = ["TableReader", "Classifier", "table_kinds", "is_number", "TIME_LIMIT"]
