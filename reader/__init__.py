"""Readers of files others wrote: a published report as a .docx, a web page (.html / .htm) or a single-file
web page (.mht / .mhtml). Each source becomes the same plain blocks (blocks.py: paragraphs, table grids
with spans) and everything after that (report.py: title, sections, tables) is shared. Imports model/ only.

`read_report(path, year=None)` recognises the kind from the content; `file_blocks` gives the blocks alone
(`python3 -m reader FILE` prints them, for diagnosing a file that reads wrong).
"""
from __future__ import annotations

from pathlib import Path

from .limits import Deadline, ReadError

__all__ = ["read_report", "file_blocks", "ReadError", "NotAReport", "is_report", "report_problem", "SUFFIXES"]

SUFFIXES = (".docx", ".html", ".htm", ".mht", ".mhtml")  # what the file dialogs offer


def file_blocks(path, deadline: Deadline | None = None):
    """(kind, blocks, page or None) for a .docx, a web page or an .mht."""
    from . import sniff

    deadline = deadline or Deadline()
    path = Path(path)
    k = sniff.kind(path)
    if k == "docx":
        from .docx_reader import docx_blocks

        return k, docx_blocks(path, deadline), None
    if k == "mht":
        from .mht_reader import read_mht

        page = read_mht(path, deadline)
    else:
        from .html_reader import read_page

        page = read_page(path, deadline)
    return k, page.blocks, page


def read_report(path, year: int | None = None):
    """An ImportResult for a published report in any of the accepted kinds; ReadError otherwise, and its
    subclass NotAReport (report.report_problem) for a readable file that is no annual report."""
    from model.os_errors import show_path

    from .report import NotAReport, read_blocks, report_problem

    deadline = Deadline()
    _kind, items, page = file_blocks(path, deadline)
    result = read_blocks(items, year, deadline, source_organ=page.source if page else None)
    problem = report_problem(result)
    if problem:
        raise NotAReport(f"「{show_path(Path(path).name, 60)}」{problem}", result)
    if page:
        result.notes.extend(page.notes)
    return result


def __getattr__(name: str):
    """NotAReport, is_report and report_problem without importing the matching at `import reader`."""
    if name in ("NotAReport", "is_report", "report_problem"):
        from . import report

        return getattr(report, name)
    raise AttributeError(name)
