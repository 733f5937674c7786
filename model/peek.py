"""A report's title, and the title of the report in a project file read from its meta alone (json only).

The start page names the samples with it: building their Reports (and their formats' grids) only to show
two titles would slow the window's first showing. docs/project-file.md describes the `meta` object.
"""
from __future__ import annotations

import json
import os
from pathlib import Path


def report_title(organ: str, year: int) -> str:
    return f"{organ}{year}年政府信息公开工作年度报告"


def project_title(path: str | os.PathLike) -> str | None:
    """The title of the report a project file holds; None when the file or its meta cannot be read."""
    try:
        meta = json.loads(Path(path).read_bytes())["meta"]  # bytes: json detects UTF-8 (with or without BOM)
        organ, year = meta["organ"], meta["year"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(organ, str) or not isinstance(year, int) or isinstance(year, bool):
        return None
    return report_title(organ, year)
