"""The registry of official formats: every module `fNNNN.py` in this package declares one as `DECL`.

Adding a format is adding a module; nothing else needs to know its name.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from ..format import Format


@lru_cache(maxsize=None)
def all_formats() -> dict[str, Format]:
    """Every declared format by id, oldest first."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("f") and info.name[1:].isdigit():
            found.append(Format(importlib.import_module(f"{__name__}.{info.name}").DECL))
    return {f.id: f for f in sorted(found, key=lambda f: f.years)}


def get(format_id: str) -> Format:
    """The format with this id; KeyError names the known ones."""
    formats = all_formats()
    if format_id not in formats:
        raise KeyError(f"未知的年报格式「{format_id}」，可用的格式：{'、'.join(formats)}")
    return formats[format_id]


def for_year(year: int) -> Format:
    """The format that applies to a report year (2019–2020 -> 2019, 2021 on -> 2021)."""
    formats = list(all_formats().values())
    for f in formats:
        if f.years[0] <= year <= f.years[1]:
            return f
    if year < formats[0].years[0]:
        raise ValueError(f"{year}年早于现行年报格式（最早适用于{formats[0].years[0]}年），无法编制")
    raise ValueError(f"没有适用于{year}年的年报格式")
