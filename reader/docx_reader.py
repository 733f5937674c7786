"""Reading a published .docx annual report (written by anyone, in Word or WPS) into a Report.

The file is opened under docx_safety's limits, its body becomes plain blocks (docx_body), and report.py
reads the title, sections and tables from those blocks, as for every other source.
"""
from __future__ import annotations

from pathlib import Path

from .docx_body import blocks
from .docx_safety import DocxReadError, read_document
from .limits import Deadline
from .report import ImportResult, read_blocks

__all__ = ["read_docx", "docx_blocks", "ImportResult", "DocxReadError"]


def docx_blocks(path, deadline: Deadline | None = None):
    root = read_document(path)
    if deadline:
        deadline.check()
    return blocks(root, Path(path).name)


def read_docx(path, year: int | None = None) -> ImportResult:
    """Read an old report. DocxReadError (a message for the clerk) when the file is not a readable .docx."""
    deadline = Deadline()
    return read_blocks(docx_blocks(path, deadline), year, deadline)
