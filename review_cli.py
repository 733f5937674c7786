"""`python3 main.py review PATH...`: the superior's review of its units' reports, on the command line.

A line per file (counted or left out, and why), 缺报, the totals; --json for scripts; --xlsx the review
workbook, --sum the summed project. Exit 0 when every expected unit reported without errors, 1 when a
unit has errors, a file was left out (other than a duplicate) or a unit is missing, 2 when nothing
could be read.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from model.review import DUPLICATE, KEY_FIGURES, RATES, STATUS_LABELS, Review, format_rate
from model.values import format_value


def add_parser(sub, help_text: str) -> None:
    from cli_parser import year_type

    r = sub.add_parser("review", help=help_text)
    r.add_argument("paths", nargs="+", metavar="路径", help="下级单位的年报文件（.docx、.gknb、网页 .html/.mht）或存放它们的文件夹（含子文件夹）")
    r.add_argument("--year", type=year_type, metavar="年度", help="审核的报告年度，如 2025（默认按多数年报的年度）")
    r.add_argument("--units", metavar="名单", help="应报单位名单：文本文件（每行一个单位）或 Excel 文件（第一列）")
    r.add_argument("--xlsx", metavar="文件.xlsx", help="要写入的审核工作簿（.xlsx，已存在则整体替换）")
    r.add_argument("--sum", dest="sum_path", metavar="文件", help="要写入的汇总项目文件（.gknb，不覆盖已有文件）")
    r.add_argument("--organ", default="", metavar="机关名称", help="汇总项目的机关名称（默认空白，可在程序中填写）")
    r.add_argument("--record", metavar="记录文件", help="审核记录文件（.gknbreview）：存在则沿用其中的状态和意见，审核后保存")
    r.add_argument("--json", action="store_true", help="以 JSON 输出")


def fail(message: str, code: int = 2) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return code


def run(args) -> int:
    from model import review_file
    from reader.batch import review_sources
    from reader.unit_list import UnitListError, read_unit_list

    from model.limits import year_problem

    if args.year is not None and year_problem(args.year):
        return fail(year_problem(args.year))
    for p in args.paths:
        if not os.path.exists(p):
            return fail(f"找不到「{p}」。请检查文件或文件夹的名称。")
    if args.sum_path and Path(args.sum_path).exists():
        return fail(f"「{args.sum_path}」已存在，为避免覆盖已写的内容，请换一个文件名。")
    try:
        review = review_file.load(args.record) if args.record and Path(args.record).exists() else Review()
        if args.units:
            review.expected = read_unit_list(args.units)
    except (review_file.ReviewFileError, UnitListError) as e:
        return fail(str(e))
    review.year = args.year or review.year
    review.sources = [os.path.abspath(p) for p in args.paths]
    for _ in review_sources(review):
        pass
    readable = [u for u in review.units if u.readable]
    matches = review.matches()
    if args.json:
        print(json.dumps(as_json(review, matches), ensure_ascii=False, indent=1))
    else:
        print_text(review, matches)
    code = _write_outputs(review, args)
    if code:
        return code
    if not readable:
        if not args.json:
            print("没有读取到任何年报。", file=sys.stderr)
        return 2
    bad = any(u.errors for u in review.counted) or any(m.missing for m in matches)
    bad = bad or any(u.set_aside != DUPLICATE for u in review.set_aside)
    return 1 if bad else 0


def _write_outputs(review: Review, args) -> int:
    from model import project, review_file

    try:
        if args.record:
            review_file.save(review, args.record)
        if args.sum_path:
            total = review.totals(args.organ)
            if total is None:
                return fail("没有可以汇总的年报。")
            project.save(total.report, args.sum_path)
            if not args.json:
                print(f"已写入汇总项目文件：{args.sum_path}")
        if args.xlsx:
            from export import ExportError
            from export.review_xlsx import write_review_xlsx

            try:
                write_review_xlsx(review, args.xlsx)
            except ExportError as e:
                return fail(str(e))
            if not args.json:
                print(f"已导出审核工作簿：{args.xlsx}")
    except (project.ProjectError, review_file.ReviewFileError) as e:
        return fail(str(e))
    return 0


def _rel(review: Review, path: str) -> str:
    for src in review.sources:
        if os.path.isdir(src) and os.path.commonpath([src, path]) == src:
            return os.path.relpath(path, src)
    return path


def _figures(unit) -> str:
    k = unit.key_figures()
    parts = [f"{label} {format_value(k[label]) or '空白'}" for label, _ in KEY_FIGURES]
    return "  ".join(parts + [f"{name} {format_rate(k[name]) or '—'}" for name in RATES])


def print_text(review: Review, matches) -> None:
    year = review.effective_year
    print(f"审核 {year or '（未确定）'} 年度年报：读取文件 {len(review.units)} 个，计入 {len(review.counted)} 个单位。")
    for u in review.counted:
        mark = "，已重新报送" if u.resubmitted else ""
        print(f"[{STATUS_LABELS[u.status]}{mark}] {u.name}\t{_rel(review, u.file)}\t{u.format_id} 年格式/{u.year} 年度"
              f"\t错误 {u.errors}  提醒 {u.warnings}\t{_figures(u)}")
        if u.opinion:
            print(f"    意见：{u.opinion}")
    for u in review.set_aside:
        print(f"[未计入] {_rel(review, u.file)}：{u.reason}")
    missing = [m.expected for m in matches if m.missing]
    if review.expected:
        print(f"缺报（{len(missing)} 个）：{'、'.join(missing)}" if missing else f"应报单位 {len(matches)} 个，均已报送。")
        for m in matches:
            if not m.exact or m.candidates:
                print(f"  {m.describe()}")
    total = review.totals()
    if total is not None:
        r = total.report
        figures = "  ".join(f"{label} {format_value(r.sum_of(cells)) or '空白'}" for label, cells in KEY_FIGURES)
        from model.review import rate

        rates = "  ".join(f"{name} {format_rate(rate(r, name)) or '—'}" for name in RATES)
        print(f"汇总（{len(total.units)} 个单位）：{figures}  {rates}")
        for n in total.notes():
            print(f"  {n}")


def as_json(review: Review, matches) -> dict:
    total = review.totals()
    units = []
    for u in sorted(review.units, key=lambda u: (not u.counted, u.name, u.file)):
        figures = u.key_figures()
        units.append({
            "unit": u.name, "file": u.file, "format": u.format_id, "year": u.year,
            "errors": u.errors, "warnings": u.warnings,
            "findings": [{"level": f.level, "rule": f.rule, "message": f.message, "cells": list(f.cells)}
                         for f in u.findings],
            "status": u.status, "opinion": u.opinion, "resubmitted": u.resubmitted,
            "counted": u.counted, "set_aside": u.set_aside, "reason": u.reason or None,
            "figures": {k: (_num(v) if k not in RATES else (float(v) if v is not None else None))
                        for k, v in figures.items()},
        })
    return {
        "year": review.effective_year, "format": review.format_id, "units": units,
        "missing": [m.expected for m in matches if m.missing],
        "to_confirm": [{"expected": m.expected, "found": m.found, "candidates": m.candidates}
                       for m in matches if (m.found and not m.exact) or m.candidates],
        "totals": None if total is None else {
            "units": len(total.units),
            "cells": {c: _num(v) for c, v in total.report.figures().items()},
            "notes": total.notes()},
    }


def _num(v):
    from model.project import _num as num

    return num(v)
