"""The registry of official formats: every module `fNNNN.py` in this package declares one as `DECL`.

Adding a format is adding a module; nothing else needs to know its name.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..declaration import FormatDecl
    from ..format import Format


def declarations() -> list[FormatDecl]:
    """Every format's declaration, oldest first: what a title or the years need, without building a Format."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("f") and info.name[1:].isdigit():
            found.append(importlib.import_module(f"{__name__}.{info.name}").DECL)
    return sorted(found, key=lambda d: d.years)


@lru_cache(maxsize=None)
def all_formats() -> dict[str, Format]:
    """Every declared format by id, oldest first."""
    from ..format import Format  # loaded with the first format built, not with the start page

    return {d.id: Format(d) for d in declarations()}


def get(format_id: str) -> Format:
    """The format with this id; KeyError names the known ones."""
    formats = all_formats()
    if format_id not in formats:
        raise KeyError(f"未知的年报格式「{format_id}」，可用的格式：{'、'.join(formats)}")
    return formats[format_id]


def for_year(year: int) -> Format:
    """The format that applies to a report year (2019–2020 -> 2019, 2021 on -> 2021)."""
    return _for_year(list(all_formats().values()), year)


def title_for_year(year: int) -> str:
    """The title of the format for a report year (what the start page shows), without building formats."""
    return _for_year(declarations(), year).title


def _for_year(formats: list, year: int):
    """Of formats or declarations (both have .years), oldest first, the one for this year."""
    for f in formats:
        if f.years[0] <= year <= f.years[1]:
            return f
    if year < formats[0].years[0]:
        raise ValueError(f"{year}年早于现行年报格式（最早适用于{formats[0].years[0]}年），无法编制")
    raise ValueError(f"没有适用于{year}年的年报格式")


@lru_cache(maxsize=None)
def all_cell_ids() -> frozenset[str]:
    """Every cell id of any format (a baseline may hold last year's ids, of another format)."""
    return frozenset(c for f in all_formats().values() for c in f.cells)
