"""The review file (.gknbreview): UTF-8 JSON keeping a review between sessions; documented in
docs/review-file.md. Saved atomically like the project file; loaded strictly (ReviewFileError with
the clerk's message, never a half-read review). Figures are not kept: reopening reads the files again.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .atomic import replace_file
from .files import FileRefused, read_regular
from .os_errors import write_error_message
from .review import STATUS_LABELS, Record, Review
from .text_clean import clean_line, clean_name, clean_text

SCHEMA = 1
SUFFIX = ".gknbreview"
KIND = "gknb-review"
MAX_BYTES = 20 * 1024 * 1024
TOP_KEYS = {"schema", "kind", "app", "year", "sources", "expected", "units"}
UNIT_KEYS = {"file", "hash", "unit", "status", "opinion"}


class ReviewFileError(Exception):
    """A review file that cannot be read or written; str() is the clerk's message."""


def to_dict(review: Review) -> dict[str, Any]:
    """The review's sources, expected units, and each unit's file, hash, 状态 and 意见. Records of
    files not seen this time are kept, so a folder briefly out of reach loses no decision."""
    units = [{"file": u.file, "hash": u.summary.hash, "unit": u.name, "status": u.status, "opinion": u.opinion}
             for u in sorted(review.units, key=lambda u: u.file)]
    seen = {u.file for u in review.units}
    units += [{"file": r.file, "hash": r.hash, "unit": r.unit, "status": r.status, "opinion": r.opinion}
              for r in sorted(review.records.values(), key=lambda r: r.file) if r.file not in seen]
    return {"schema": SCHEMA, "kind": KIND, "app": "gknb 公开年报助手", "year": review.year,
            "sources": list(review.sources), "expected": list(review.expected), "units": units}


def dumps(review: Review) -> str:
    return json.dumps(to_dict(review), ensure_ascii=False, indent=1) + "\n"


def save(review: Review, path: str | os.PathLike) -> None:
    path = Path(path)
    data = dumps(review).encode("utf-8")
    try:
        replace_file(path, lambda f: f.write(data), keep_backup=True)
    except OSError as e:
        raise ReviewFileError(write_error_message(e, path)) from None


def load(path: str | os.PathLike) -> Review:
    """A Review holding the saved sources, expected units and records, with no unit read yet: the
    caller reads the sources again and adds each file (Review.add restores or resets its 状态)."""
    path = Path(path)
    try:  # a regular file, read bounded: a FIFO or /dev/zero named .gknbreview is refused at once
        raw = read_regular(path, MAX_BYTES, "审核记录文件")
    except FileRefused as e:
        raise ReviewFileError(str(e)) from None
    return loads(raw, path.name)


def loads(raw: bytes | str, name: str = "审核记录文件") -> Review:
    where = f"「{name}」"
    if isinstance(raw, bytes):
        raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ReviewFileError(f"{where}不是 UTF-8 文本，不是审核记录文件，或已经损坏。") from None
    try:
        data = json.loads(raw, parse_constant=_refuse)
    except (ValueError, RecursionError):
        raise ReviewFileError(f"{where}内容已损坏或不完整，不是有效的审核记录文件。") from None
    try:
        return from_dict(data)
    except ReviewFileError as e:
        raise ReviewFileError(f"{where}{e}") from None


def _refuse(name: str):
    raise ValueError(name)


def from_dict(data: Any) -> Review:
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise ReviewFileError("不是审核记录文件。")
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise ReviewFileError(f"的格式版本 schema 应为正整数，实际为 {schema!r}。")
    if schema > SCHEMA:
        raise ReviewFileError(f"由更新版本的公开年报助手保存（格式版本 {schema}），请升级后再打开。")
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ReviewFileError(f"含有不认识的项：{'、'.join(sorted(unknown))}。")
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 9999):
        raise ReviewFileError(f"的 year（年度）应为年份或 null，实际为 {year!r}。")
    review = Review(year, _texts(data.get("sources", []), "sources（文件夹和文件）"),
                    [clean_name(n) for n in _texts(data.get("expected", []), "expected（应报单位）")])
    units = data.get("units", [])
    if not isinstance(units, list):
        raise ReviewFileError("的 units 应为列表。")
    for i, u in enumerate(units, 1):
        rec = _record(u, i)
        review.records[rec.file] = rec
    return review


def _texts(v: Any, what: str) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ReviewFileError(f"的 {what} 应为文本列表。")
    return v


def _record(u: Any, i: int) -> Record:
    where = f"的第 {i} 个单位"
    if not isinstance(u, dict):
        raise ReviewFileError(f"{where}应为对象。")
    unknown = set(u) - UNIT_KEYS
    if unknown:
        raise ReviewFileError(f"{where}含有不认识的项：{'、'.join(sorted(unknown))}。")
    for key in ("file", "hash"):
        if not isinstance(u.get(key), str) or not u[key]:
            raise ReviewFileError(f"{where}缺少 {key}。")
    status = u.get("status", "pending")
    if status not in STATUS_LABELS:
        raise ReviewFileError(f"{where}的状态「{status}」无效，只能是 {'、'.join(STATUS_LABELS)}。")
    for key in ("unit", "opinion"):
        if not isinstance(u.get(key, ""), str):
            raise ReviewFileError(f"{where}的 {key} 应为文本。")
    return Record(u["file"], u["hash"], clean_line(u.get("unit", "")), status, clean_text(u.get("opinion", "")))
