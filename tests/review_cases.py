"""Reports and folders for the review tests: varied figures from the declarations, mixed folders of files."""
from __future__ import annotations

import os
import zipfile
from decimal import Decimal
from pathlib import Path

from model import formats, project
from model.declaration import Kind
from model.report import Report
from model.review import FileSummary


def value_for(kind: Kind, n: int):
    if kind is Kind.AMOUNT:
        return Decimal(n) / 10
    if kind is Kind.SIGNED:
        return n - 50
    return n


def varied(fmt, organ: str, year: int, seed: int, blank_every: int = 0) -> Report:
    """A report with a different figure in every input cell; every `blank_every`-th cell left blank."""
    r = Report(fmt)
    r.meta.organ, r.meta.year = organ, year
    for i, cid in enumerate(fmt.input_ids):
        if blank_every and (i + seed) % blank_every == 0:
            continue
        r.set(cid, value_for(fmt.cells[cid].kind, (i * 7 + seed * 13) % 97))
    return r


def summary(report: Report, file: str, hash_: str | None = None, mtime: float = 0.0) -> FileSummary:
    return FileSummary(file, hash_ or f"h-{file}", mtime).take(report)


def mixed_folder(root: Path) -> dict[str, str | None]:
    """A folder as a superior receives it, with subfolders: good .docx and .gknb reports, and files to be
    left out. Returns file name -> the set-aside reason expected (None: counted)."""
    from export.word import write_docx

    f21 = formats.get("2021")
    (root / "一组").mkdir(parents=True)
    (root / "二组" / "补报").mkdir(parents=True)
    expected: dict[str, str | None] = {}

    def put(rel: str, reason: str | None):
        expected[rel] = reason
        return root / rel

    write_docx(varied(f21, "某县甲局", 2025, 1), put("一组/甲局.docx", None), blanks_as_zero=False)
    write_docx(varied(f21, "某县乙局", 2025, 2, blank_every=9), put("一组/乙局.docx", None), blanks_as_zero=False)
    project.save(varied(f21, "某县丙局", 2025, 3), put("二组/丙局.gknb", None))
    write_docx(varied(f21, "某县丁局", 2024, 4), put("二组/丁局2024.docx", "other_year"))
    write_docx(varied(formats.get("2019"), "某县戊局", 2025, 5), put("二组/戊局旧格式.docx", "other_format"))
    dup = put("二组/补报/甲局（副本）.docx", "duplicate")
    dup.write_bytes((root / "一组" / "甲局.docx").read_bytes())
    put("二组/坏文件.docx", "unreadable").write_bytes(b"PK\x03\x04 not really a zip")
    put("二组/空.gknb", "unreadable").write_bytes(b"")
    bomb = put("二组/炸弹.docx", "unreadable")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">'
                   '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><a>&b;&b;&b;</a>')
    from export.html import write_html

    write_html(varied(f21, "某县辛局", 2025, 6), put("二组/辛局网页.html", None))  # a page saved from a portal
    memo = put("二组/会议纪要.docx", "not_report")
    _memo_docx(memo)
    (root / "二组" / "说明.txt").write_text("不是年报", "utf-8")  # not a kind review reads: not listed
    (root / "一组" / "~$甲局.docx").write_bytes(b"lock")  # Word's lock file: skipped
    return expected


def _memo_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("关于召开年度工作会议的通知")
    d.add_paragraph("各科室：定于下周一召开会议。")
    d.save(path)


def crash_on_bomb(path: str, year):
    """A reader that kills its worker process on one file, as a crash in a C library would."""
    from reader.batch import summarise

    if "炸弹" in path:
        os._exit(3)
    return summarise(path, year)
