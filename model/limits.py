"""The limits every door agrees on: what the model holds, a project file saves and loads, the CLI accepts.

One number each, so that what can be saved can be opened, and a door that refuses says the same words.
"""
from __future__ import annotations

MAX_PROJECT_BYTES = 20 * 1024 * 1024  # a project file, saved or loaded; a real one is a few tens of KB
MAX_NAME = 200  # characters of a name (机关名称, a subsection's title); real ones have a few dozen
MIN_YEAR, MAX_YEAR = 2000, 2100  # a report year (and a baseline's year)


def name_problem(name: str, what: str = "机关名称") -> str | None:
    """Why a name cannot be taken, or None."""
    if len(name) > MAX_NAME:
        return f"{what}有 {len(name)} 个字，太长了：最多 {MAX_NAME} 个字。"
    return None


def year_problem(year: int, what: str = "年度") -> str | None:
    """Why a year cannot be a report's year, or None. Long numbers are not printed whole."""
    from .text_clean import clip

    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        return f"{what} {clip(year, 12)} 不是有效的年份：应为 {MIN_YEAR} 到 {MAX_YEAR} 之间的年份，例如 2024。"
    return None
