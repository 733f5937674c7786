"""The list of units a superior expects reports from: a text file (one a line) or an .xlsx (first column)."""
from __future__ import annotations

import io
import os
from pathlib import Path

from model.files import FileRefused, read_regular
from model.unit_names import parse_unit_list

MAX_BYTES = 5 * 1024 * 1024


class UnitListError(Exception):
    """A unit list that cannot be read; str() is the clerk's message."""


def read_unit_list(path: str | os.PathLike) -> list[str]:
    path = Path(path)
    try:
        raw = read_regular(path, MAX_BYTES, "单位名单")
    except FileRefused as e:
        raise UnitListError(str(e)) from None
    if raw[:2] == b"PK":
        return parse_unit_list("\n".join(_first_column(path, raw)))
    for enc in ("utf-8-sig", "gb18030"):  # Notepad on a Chinese Windows may still save GBK
        try:
            return parse_unit_list(raw.decode(enc))
        except UnicodeDecodeError:
            continue
    raise UnitListError(f"「{path.name}」不是文本文件或 Excel 文件（.xlsx），无法读取单位名单。")


def _first_column(path: Path, raw: bytes) -> list[str]:
    """The first column of the workbook already read (bytes), not read from disk a second time."""
    try:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            return [str(row[0]).strip() for row in ws.iter_rows(max_col=1, values_only=True)
                    if row and row[0] is not None and str(row[0]).strip()]
        finally:
            wb.close()
    except Exception:  # a damaged or foreign workbook: say so, never a traceback
        raise UnitListError(f"「{path.name}」不是可读取的 Excel 文件（.xlsx）。请另存为 .xlsx 或把名单粘贴为文本。") from None
