"""What a clerk types or pastes into a cell, parsed by model.values with a message naming the cell."""
from __future__ import annotations

from model.format import Format
from model.values import Value, parse


class CellInputError(ValueError):
    """A text that cannot go into a cell; str() names the cell and says why, in Chinese."""


def parse_for_cell(fmt: Format, cell_id: str, text: str) -> tuple[Value, str | None]:
    spec = fmt.cells[cell_id]
    try:
        return parse(text, spec.kind, spec.units)
    except ValueError as e:
        raise CellInputError(f"{fmt.describe(cell_id)}：{e}") from None
