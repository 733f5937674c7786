"""The project file (.gknb): UTF-8 JSON holding one report; atomic saves, strict and clear loading.

Layout (schema 2) is documented in docs/project-file.md. Loading either returns a complete Report or
raises ProjectError with a message for the clerk: never a half-read report, never a traceback.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from . import formats
from .atomic import remove_stale_temps, replace_file
from .files import FileRefused, read_regular, size_text
from .limits import MAX_PROJECT_BYTES, name_problem, year_problem
from .os_errors import is_in_use, read_error_message, show_path, write_error_message  # noqa: F401 - shared, old names
from .report import Baseline, Meta, Report, Subsection
from .text_clean import clean_text, clip
from .values import MAX_ABS, Value

SCHEMA = 2
SUFFIX = ".gknb"
MAX_BYTES = MAX_PROJECT_BYTES  # one limit for saving, loading and offering a recovery file
WHAT = "年报项目文件"
MAX_DIGITS = 30  # digits of a number in a project file; the largest figure allowed has 15
TOP_KEYS = {"schema", "app", "format", "meta", "texts", "cells", "units", "reported", "baseline", "notes"}
MAX_KEY = 300  # characters of a finding's key in `notes`; keys the checker makes are far shorter


def _from_schema_1(data: dict) -> dict:
    """Schema 2 added `notes` (出错说明) and `baseline.texts`: a schema-1 file has neither, and means none."""
    data = dict(data)
    data.setdefault("notes", {})
    return data


# schema n -> function turning a schema-n dict into a schema-(n+1) dict. Older files pass through each.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _from_schema_1}


class ProjectError(Exception):
    """A project file that cannot be read or written; str() is the clerk's message. `in_use`: the file is
    open in another program, so closing it there and retrying will work."""

    def __init__(self, message: str, in_use: bool = False):
        super().__init__(message)
        self.in_use = in_use


# ---- writing ---------------------------------------------------------------------------------------

def to_dict(report: Report) -> dict[str, Any]:
    fmt = report.format
    texts: dict[str, Any] = {}
    for s in fmt.sections:
        if s.table:
            continue
        if s is report.overview_section:
            texts[s.id] = {"intro": report.texts.get(s.id, ""),
                           "subsections": [{"title": x.title, "text": x.text} for x in report.subsections]}
        else:
            texts[s.id] = report.texts.get(s.id, "")
    data: dict[str, Any] = {
        "schema": SCHEMA, "app": "gknb 公开年报助手", "format": fmt.id,
        "meta": {"organ": report.meta.organ, "year": report.meta.year,
                 "date": report.meta.date.isoformat() if report.meta.date else None},
        "texts": texts,
        "cells": {cid: _num(report.cells[cid]) for cid in fmt.input_ids},
    }
    if report.units:
        data["units"] = dict(report.units)
    if report.reported:
        data["reported"] = {k: _num(v) for k, v in report.reported.items()}
    if report.baseline:
        data["baseline"] = {"year": report.baseline.year,
                            "cells": {k: _num(v) for k, v in report.baseline.cells.items()}}
        if report.baseline.texts:
            data["baseline"]["texts"] = dict(report.baseline.texts)
    if report.notes:
        data["notes"] = dict(report.notes)
    return data


def _num(v: Value) -> int | float | None:
    # Amounts are Decimal in memory; a float's shortest repr gives the same decimal back on loading.
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1) + "\n"


def save(report: Report, path: str | os.PathLike) -> None:
    """Write atomically (model/atomic.py), keeping the previous version as FILE.bak. On any failure the
    old file is untouched and ProjectError says why; a report too large to be opened again is not saved."""
    path = Path(path)
    data = dumps(report).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ProjectError(size_message(report, len(data)))
    try:
        replace_file(path, lambda f: f.write(data), keep_backup=True)
    except OSError as e:
        raise ProjectError(write_error_message(e, path), in_use=is_in_use(e)) from None


def too_large(report: Report) -> str | None:
    """Why this report cannot be saved (its file would exceed MAX_BYTES, so could not be opened), or None.
    For callers that write a project themselves (the autosave)."""
    size = len(dumps(report).encode("utf-8"))
    return size_message(report, size) if size > MAX_BYTES else None


def size_message(report: Report, size: int) -> str:
    """Which text makes the project too large, how large it is, and the limit."""
    parts = [(s.heading, report.texts.get(s.id, "")) for s in report.format.sections if not s.table]
    parts += [(f"总体情况的小标题「{clip(x.title, 20)}」", x.text) for x in report.subsections]
    name, text = max(parts, key=lambda p: len(p[1]))
    return (f"年报内容有 {size_text(size)}，超过了项目文件的上限（{size_text(MAX_BYTES)}），保存后将无法再打开，"
            f"因此没有保存。最长的是「{name}」，有 {len(text):,} 个字（{size_text(len(text.encode('utf-8')))}）；"
            f"请删去其中误粘贴的内容后再保存。")


def recovery_problem(path: str | os.PathLike) -> str | None:
    """Why the recovery file at `path` cannot be offered for restoring (too large to open, not a regular
    file, unreadable), as a sentence to show the clerk instead of dropping it silently; None when it can
    be offered. It checks the file's size and kind only, in milliseconds; load() reads it."""
    try:
        with open_project(path):
            return None
    except ProjectError as e:
        return f"上次未保存的内容无法恢复：{e}"


def open_project(path: str | os.PathLike):
    """The project file open for reading, after the checks of model/files.py (ProjectError otherwise)."""
    from .files import open_regular

    try:
        return open_regular(path, MAX_BYTES, WHAT)
    except FileRefused as e:
        raise ProjectError(str(e)) from None


# ---- reading ---------------------------------------------------------------------------------------

def load(path: str | os.PathLike) -> Report:
    """The report in a project file. Only a regular file of at most MAX_BYTES is read (a FIFO, a device or a
    symlink to one is refused at once); our own temporary files a killed save left beside it are removed."""
    path = Path(path)
    try:
        raw = read_regular(path, MAX_BYTES, WHAT)
    except FileRefused as e:
        raise ProjectError(str(e)) from None
    remove_stale_temps(path)
    backup = path.with_name(path.name + ".bak")
    return loads(raw, path.name, backup if _is_file(backup) else None)


def _is_file(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:
        return False


def loads(raw: bytes | str, name: str = "项目文件", backup: Path | None = None) -> Report:
    """Parse a project from bytes or text; ProjectError names what is wrong, and `backup` (the .bak beside
    it, when there is one) for a file a save left empty or cut."""
    where = f"「{show_path(name, 60)}」"
    restore = (f"同一文件夹中有上次保存前的备份「{show_path(backup.name, 60)}」：把它复制一份，改名为"
               f"「{show_path(Path(backup.stem).stem, 40)}（备份）.gknb」后打开。" if backup else "")
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if raw[:2] == b"PK":
            raise ProjectError(f"{where}是 Word/Excel 文件，不是年报项目文件（.gknb）。已发布的 Word 年报请在开始页用“导入已发布的年报…”读取。")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ProjectError(f"{where}不是 UTF-8 文本，不是年报项目文件，或已经损坏。{restore}") from None
    if not raw.strip():
        raise ProjectError(f"{where}是空的{'' if raw else '（0 字节）'}，可能保存时被中断。{restore or '同一文件夹中也没有它的备份（.bak）。'}")
    try:
        data = json.loads(raw, parse_float=_decimal, parse_int=_int, parse_constant=_no_constant,
                          object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        text = raw.strip()
        cut = text.startswith("{") and not text.endswith("}")
        hint = "文件不完整，可能保存时被中断" if cut else "内容已损坏"
        raise ProjectError(f"{where}{hint}（第 {e.lineno} 行第 {e.colno} 列：JSON 格式错误）。{restore}") from None
    except (ValueError, RecursionError) as e:
        raise ProjectError(f"{where}内容已损坏：{_plain(e)}") from None
    try:
        return from_dict(data)
    except ProjectError as e:
        raise ProjectError(f"{where}{e}") from None


class _Refused(ValueError):
    """Raised from inside json.loads with the clerk's words."""


def _no_constant(name: str):
    raise _Refused(f"含有非法数值 {name}")


def _int(s: str) -> int:
    if len(s.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"含有一个 {len(s.lstrip('-'))} 位的数字，不是年报中的数")
    return int(s)


def _decimal(s: str) -> Decimal:
    if len(s) > MAX_DIGITS + 10:
        raise _Refused(f"含有一个 {len(s)} 个字符长的数字，不是年报中的数")
    return Decimal(s)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise _Refused(f"同一个项「{clip(dup)}」出现了两次，不知道该用哪一个")
    return out


def _plain(e: Exception) -> str:
    if isinstance(e, RecursionError):
        return "嵌套层次过深"
    return str(e) if isinstance(e, _Refused) else "JSON 格式错误"


def from_dict(data: Any) -> Report:
    if not isinstance(data, dict):
        raise ProjectError("不是年报项目文件：最外层应为 JSON 对象。")
    schema = data.get("schema")
    if "schema" not in data:
        raise ProjectError("不是年报项目文件：缺少 schema（格式版本）。")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise ProjectError(f"的格式版本 schema 应为正整数，实际为 {_show(schema)}。")
    if schema > SCHEMA:
        raise ProjectError(f"由更新版本的公开年报助手保存（文件格式版本 {schema}，本程序只认识到 {SCHEMA}）。"
                           f"为避免丢失内容，本程序不打开它；请升级公开年报助手后再打开。")
    while schema < SCHEMA:
        data = MIGRATIONS[schema](data)
        schema += 1
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ProjectError(f"含有不认识的项：{_names(unknown)}。")
    fid = _get(data, "format", str, "format（年报格式）")
    try:
        fmt = formats.get(fid)
    except KeyError:
        known = "、".join(formats.all_formats())
        raise ProjectError(f"的年报格式「{clip(fid)}」不是本程序认识的格式（认识的格式：{known}）。"
                           "它可能由更新版本的公开年报助手保存，请升级后再打开。") from None
    report = Report(fmt, _meta(_get(data, "meta", dict, "meta（基本信息）")))
    _texts(report, _get(data, "texts", dict, "texts（正文）"))
    _cells(report, _get(data, "cells", dict, "cells（表格数字）"))
    _units(report, data.get("units", {}))
    report.reported.update(_numbers(data.get("reported", {}), "reported", fmt.cells, computed_only=True))
    if data.get("baseline") is not None:
        b = _get(data, "baseline", dict, "baseline（上年数据）")
        year = _get(b, "year", int, "baseline.year")
        problem = year_problem(year, "baseline.year（上年数据的年度）")
        if problem:
            raise ProjectError(f"的 {problem}")
        report.baseline = Baseline(year, _numbers(_get(b, "cells", dict, "baseline.cells"), "baseline.cells",
                                                  formats.all_cell_ids()),
                                   _baseline_texts(b.get("texts", {})))
        unknown = set(b) - {"year", "cells", "texts"}
        if unknown:
            raise ProjectError(f"的 baseline 含有不认识的项：{_names(unknown)}。")
    report.notes = _notes(data.get("notes", {}))
    report.invalidate()
    return report


def _baseline_texts(texts: Any) -> dict[str, str]:
    """Last year's prose by section id (any format's section ids: last year may have had the other one)."""
    if not isinstance(texts, dict):
        raise ProjectError(f"的 baseline.texts 应为对象（部分编号 → 文本），实际为 {_show(texts)}。")
    known = {s.id for f in formats.all_formats().values() for s in f.sections if not s.table}
    out = {}
    for k, v in texts.items():
        if k not in known:
            raise ProjectError(f"的 baseline.texts 含有不认识的部分「{clip(k)}」。")
        if not isinstance(v, str):
            raise ProjectError(f"的 baseline.texts.{k} 应为文本，实际为 {_show(v)}。")
        out[k] = clean_text(v)
    return out


def _notes(notes: Any) -> dict[str, str]:
    """出错说明: finding key -> the clerk's text. A note whose finding no longer exists is kept (已消除)."""
    if not isinstance(notes, dict):
        raise ProjectError(f"的 notes（出错说明）应为对象（问题编号 → 说明），实际为 {_show(notes)}。")
    out = {}
    for k, v in notes.items():
        if not k or len(k) > MAX_KEY:
            raise ProjectError(f"的 notes 中有一个问题编号「{clip(k)}」为空或过长（{len(k)} 个字符）。")
        if not isinstance(v, str):
            raise ProjectError(f"的 notes 中「{clip(k)}」的说明应为文本，实际为 {_show(v)}。")
        v = clean_text(v).strip()
        if v:
            out[k] = v
    return out


def _names(keys) -> str:
    """Keys for a message: the first five, each shortened, and how many more."""
    keys = sorted(keys)
    more = f" 等 {len(keys)} 项" if len(keys) > 5 else ""
    return "、".join(clip(k) for k in keys[:5]) + more


def _show(v: Any) -> str:
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return clip(v) if isinstance(v, int) else clip(str(v))
    return clip(json.dumps(v, ensure_ascii=False, default=str))


_TYPE_NAMES = {str: "文本", int: "整数", dict: "对象", list: "列表"}


def _get(d: dict, key: str, typ: type, what: str) -> Any:
    if key not in d:
        raise ProjectError(f"缺少 {what}。")
    v = d[key]
    if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
        raise ProjectError(f"的 {what} 应为{_TYPE_NAMES[typ]}，实际为 {_show(v)}。")
    return v


def _meta(m: dict) -> Meta:
    organ = _get(m, "organ", str, "meta.organ（机关名称）")
    problem = name_problem(organ)
    if problem:
        raise ProjectError(f"的{problem}")
    year = _get(m, "year", int, "meta.year（年度）")
    problem = year_problem(year)
    if problem:
        raise ProjectError(f"的{problem}")
    date = m.get("date")
    if date is not None:
        if not isinstance(date, str):
            raise ProjectError(f"的 meta.date（落款日期）应为“年-月-日”形式的文本（例如 2027-01-05），实际为 {_show(date)}。")
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise ProjectError(f"的落款日期「{clip(date)}」不是有效日期：应按“年-月-日”写，例如 2027-01-05。") from None
    return Meta(organ, year, date)


def _texts(report: Report, texts: dict) -> None:
    for s in report.format.sections:
        if s.table or s.id not in texts:
            continue
        v = texts[s.id]
        if s is report.overview_section:
            if not isinstance(v, dict):
                raise ProjectError(f"的 texts.{s.id} 应为含 intro 和 subsections 的对象。")
            report.texts[s.id] = _get(v, "intro", str, f"texts.{s.id}.intro") if "intro" in v else ""
            subs = _get(v, "subsections", list, f"texts.{s.id}.subsections")
            report.subsections = []
            for i, x in enumerate(subs, 1):
                if not isinstance(x, dict):
                    raise ProjectError(f"的第 {i} 个小标题应为含 title 和 text 的对象。")
                title = _get(x, "title", str, f"第 {i} 个小标题的 title")
                problem = name_problem(title, f"第 {i} 个小标题")
                if problem:
                    raise ProjectError(f"的{problem}")
                report.subsections.append(Subsection(title, _get(x, "text", str, f"第 {i} 个小标题的 text")))
        else:
            if not isinstance(v, str):
                raise ProjectError(f"的 texts.{s.id}（{s.heading}）应为文本，实际为 {_show(v)}。")
            report.texts[s.id] = v
    unknown = set(texts) - {s.id for s in report.format.sections if not s.table}
    if unknown:
        raise ProjectError(f"的 texts 含有不认识的部分：{_names(unknown)}。")


def _cells(report: Report, cells: dict) -> None:
    fmt = report.format
    values = _numbers(cells, "cells", fmt.cells)
    for cid, v in values.items():
        if fmt.cells[cid].computed:
            report.reported[cid] = v  # a hand-written total: kept to be compared, never taken as truth
        else:
            report.cells[cid] = v


def _numbers(d: Any, what: str, known=None, computed_only: bool = False) -> dict[str, Value]:
    if not isinstance(d, dict):
        raise ProjectError(f"的 {what} 应为对象（单元格编号 → 数字），实际为 {_show(d)}。")
    out: dict[str, Value] = {}
    for cid, v in d.items():
        if known is not None and cid not in known:
            raise ProjectError(f"的 {what} 中有不认识的单元格编号「{clip(cid)}」（可用 “cells --json” 命令列出全部编号）。")
        if computed_only and not known[cid].computed:
            raise ProjectError(f"的 {what} 中「{cid}」不是计算得出的单元格。")
        out[cid] = _number(v, f"{what} 中「{cid}」")
    return out


def _number(v: Any, where: str) -> Value:
    if v is None:
        return None
    if isinstance(v, float) and math.isfinite(v):  # from_dict given json.loads' own floats
        v = Decimal(repr(v))
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        raise ProjectError(f"的 {where} 应为数字或 null，实际为 {_show(v)}。")
    if abs(v) >= MAX_ABS:
        raise ProjectError(f"的 {where} 数值过大（{_show(v)}）。")
    if isinstance(v, Decimal) and v == v.to_integral_value():
        return int(v)  # 3.0 in a hand-written file is the count 3
    return v


def _units(report: Report, units: Any) -> None:
    if not isinstance(units, dict):
        raise ProjectError(f"的 units 应为对象，实际为 {_show(units)}。")
    for cid, u in units.items():
        spec = report.format.cells.get(cid)
        if spec is None or not spec.units:
            raise ProjectError(f"的 units 中「{clip(cid)}」不是可选单位的单元格。")
        if u not in spec.units:
            raise ProjectError(f"的 units 中「{cid}」的单位「{_show(u)}」无效，只能是{'或'.join(spec.units)}。")
        report.units[cid] = u
