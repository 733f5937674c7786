"""The list of units a superior expects reports from: a text file (one a line) or an .xlsx (first column)."""
from __future__ import annotations

import os
from pathlib import Path

from model.os_errors import read_error_message
from model.unit_names import parse_unit_list

MAX_BYTES = 5 * 1024 * 1024


class UnitListError(Exception):
    """A unit list that cannot be read; str() is the clerk's message."""


def read_unit_list(path: str | os.PathLike) -> list[str]:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UnitListError(f"「{path.name}」太大，不像单位名单（名单通常只有几 KB）。")
        raw = path.read_bytes()
    except OSError as e:
        raise UnitListError(read_error_message(e, path, "单位名单")) from None
    if raw[:2] == b"PK":
        return parse_unit_list("\n".join(_first_column(path)))
    for enc in ("utf-8-sig", "gb18030"):  # Notepad on a Chinese Windows may still save GBK
        try:
            return parse_unit_list(raw.decode(enc))
        except UnicodeDecodeError:
            continue
    raise UnitListError(f"「{path.name}」不是文本文件或 Excel 文件（.xlsx），无法读取单位名单。")


def _first_column(path: Path) -> list[str]:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            return [str(row[0]).strip() for row in ws.iter_rows(max_col=1, values_only=True)
                    if row and row[0] is not None and str(row[0]).strip()]
        finally:
            wb.close()
    except Exception:  # a damaged or foreign workbook: say so, never a traceback
        raise UnitListError(f"「{path.name}」不是可读取的 Excel 文件（.xlsx）。请另存为 .xlsx 或把名单粘贴为文本。") from None
