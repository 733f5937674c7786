"""A report's title, and the title of the report in a project file read from its meta alone (json only).

The start page names the samples with it: building their Reports (and their formats' grids) only to show
two titles would slow the window's first showing. docs/project-file.md describes the `meta` object.
"""
from __future__ import annotations

import json
import os


def report_title(organ: str, year: int) -> str:
    return f"{organ}{year}年政府信息公开工作年度报告"


def project_title(path: str | os.PathLike) -> str | None:
    """The title of the report a project file holds; None when the file or its meta cannot be read."""
    from .files import FileRefused, read_regular
    from .limits import MAX_PROJECT_BYTES

    try:
        # a recent file may since have become a FIFO or a link to a device: read only a regular file, bounded
        meta = json.loads(read_regular(path, MAX_PROJECT_BYTES, "年报项目文件"))["meta"]  # bytes: UTF-8, BOM or not
        organ, year = meta["organ"], meta["year"]
    except (FileRefused, ValueError, KeyError, TypeError, RecursionError):
        return None
    if not isinstance(organ, str) or not isinstance(year, int) or isinstance(year, bool):
        return None
    return report_title(organ, year)
