"""The command line: `python main.py VERB ...` for scripting and tests (no verb starts the GUI)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path



def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gknb", description="公开年报助手：政府信息公开工作年度报告的编制、检查与导出。"
                                "不带命令时打开图形界面（可带一个项目文件）。")
    sub = p.add_subparsers(dest="verb", required=True, metavar="命令")

    n = sub.add_parser("new", help="新建年报项目文件")
    n.add_argument("--year", type=int, required=True, help="报告年度，如 2026")
    n.add_argument("--organ", required=True, help="机关名称")
    n.add_argument("--format", dest="format_id", help="强制使用的格式（2019 或 2021），默认按年度确定")
    n.add_argument("-o", "--output", required=True, help="要写入的 .gknb 文件")

    c = sub.add_parser("check", help="检查年报，列出错误和提醒")
    c.add_argument("file", help=".gknb 项目文件")
    c.add_argument("--last", help="上一年度的 .gknb 项目文件（检查结转和现行有效件数）")
    c.add_argument("--json", action="store_true", help="以 JSON 输出")

    e = sub.add_parser("cells", help="列出某一格式的全部单元格编号")
    e.add_argument("--format", dest="format_id", required=True, help="2019 或 2021")
    e.add_argument("--json", action="store_true", help="以 JSON 输出")

    x = sub.add_parser("export", help="导出 Word（.docx）和/或 Excel（.xlsx）文件")
    x.add_argument("file", help=".gknb 项目文件")
    x.add_argument("--docx", help="要写入的 Word 文件（已存在则整体替换）")
    x.add_argument("--xlsx", help="要写入的 Excel 文件（已存在则整体替换）")
    blank = x.add_mutually_exclusive_group()
    blank.add_argument("--blank-as-zero", dest="blanks_as_zero", action="store_true", default=True,
                       help="空白单元格写为 0（默认，通常的公开形式）")
    blank.add_argument("--keep-blank", dest="blanks_as_zero", action="store_false", help="空白单元格保留空白")
    x.add_argument("--fallback-fonts", action="store_true",
                   help="Word 只用 Windows 自带字体（宋体、黑体、楷体、仿宋），适合未安装仿宋_GB2312、方正小标宋简体的电脑")
    i = sub.add_parser("import", help="读取往年已发布的 Word 年报（.docx），生成项目文件")
    i.add_argument("file", help="往年年报的 .docx 文件")
    i.add_argument("-o", "--output", required=True, help="要写入的 .gknb 文件")
    i.add_argument("--year", type=int, help="报告年度（标题中没有年度时使用）")
    i.add_argument("--overwrite", action="store_true", help="输出文件已存在时覆盖它")
    import review_cli

    review_cli.add_parser(sub)
    return p


def run(argv: list[str]) -> int:
    _utf8_stdout()
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.verb](args)
    except BrokenPipeError:  # output piped into `head`: not an error
        return 0


def _utf8_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def fail(message: str, code: int = 2) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return code


def cmd_new(args) -> int:
    from model import project
    from model.report import Report

    out = Path(args.output)
    try:
        report = Report.new(args.organ, args.year, args.format_id)
    except (KeyError, ValueError) as e:
        return fail(e.args[0])
    if out.exists():
        return fail(f"「{out}」已存在，为避免覆盖，请换一个文件名。")
    try:
        project.save(report, out)
    except project.ProjectError as e:
        return fail(str(e))
    print(f"已新建 {report.title}（格式 {report.format.id}）：{out}")
    return 0


def cmd_check(args) -> int:
    from model import project
    from model.checker import ERROR, check

    try:
        report = project.load(args.file)
        last = project.load(args.last).figures() if args.last else None
    except project.ProjectError as e:
        return fail(str(e))
    findings = check(report, last)
    errors = sum(f.level == ERROR for f in findings)
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        for f in findings:
            print(f"[{'错误' if f.level == ERROR else '提醒'}·{f.rule}] {f.message}")
        print(f"共 {errors} 个错误，{len(findings) - errors} 个提醒。" if findings else "检查通过：没有发现问题。")
    return 1 if errors else 0


def cmd_cells(args) -> int:
    from model import formats

    try:
        fmt = formats.get(args.format_id)
    except KeyError as e:
        return fail(e.args[0])
    rows = [{"id": c.id, "table": c.table, "row": list(c.row_labels), "column": list(c.col_labels),
             "kind": c.kind.value, "unit": c.unit, "units": list(c.units), "computed": c.computed,
             "sum_of": list(c.addends)} for c in fmt.cells.values()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            mark = "（自动计算）" if r["computed"] else ""
            print(f"{r['id']}\t{' / '.join(r['row'])}\t{' / '.join(r['column'])}\t{r['kind']} {r['unit']}{mark}")
    return 0


def cmd_export(args) -> int:
    from export import ExportError
    from model import project

    if not args.docx and not args.xlsx:
        return fail("请用 --docx 文件名.docx 和/或 --xlsx 文件名.xlsx 指定要导出的文件。")
    try:
        report = project.load(args.file)
    except project.ProjectError as e:
        return fail(str(e))
    try:
        if args.docx:
            from export.docx_layout import Fonts
            from export.word import requested_fonts, write_docx

            fonts = Fonts.FALLBACK if args.fallback_fonts else Fonts()
            write_docx(report, args.docx, blanks_as_zero=args.blanks_as_zero, fonts=fonts)
            print(f"已导出 Word 文件：{args.docx}（使用字体：{'、'.join(requested_fonts(fonts))}）")
        if args.xlsx:
            from export.excel import write_xlsx

            write_xlsx(report, args.xlsx, blanks_as_zero=args.blanks_as_zero)
            print(f"已导出 Excel 文件：{args.xlsx}")
    except ExportError as e:
        return fail(str(e))
    return 0


def cmd_import(args) -> int:
    from export.docx_reader import DocxReadError, read_docx
    from model import project

    out = Path(args.output)
    if args.year is not None and not 2000 <= args.year <= 2100:
        return fail(f"年度 {args.year} 不是有效的报告年度，请写四位数的年份，如 2024。")
    if out.exists() and not args.overwrite:
        return fail(f"「{out}」已存在，为避免覆盖，请换一个文件名（或加 --overwrite）。")
    try:
        result = read_docx(args.file, year=args.year)
    except DocxReadError as e:
        return fail(str(e))
    try:
        project.save(result.report, out)
    except project.ProjectError as e:
        return fail(str(e))
    print(result.summary())
    print(f"已保存：{out}")
    return 0 if result.complete else 1


def cmd_review(args) -> int:
    import review_cli

    return review_cli.run(args)


COMMANDS = {"new": cmd_new, "check": cmd_check, "cells": cmd_cells, "export": cmd_export, "import": cmd_import,
            "review": cmd_review}
VERBS = tuple(COMMANDS)
