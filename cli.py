"""The command line: `python main.py VERB ...` for scripting and tests (no verb starts the GUI)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from cli_parser import ChineseArgumentParser, year_type

HELP = {"new": "新建年报项目文件", "check": "检查年报，列出错误和提醒", "cells": "列出某一格式的全部单元格编号",
        "export": "导出 Word（.docx）、Excel（.xlsx）、PDF（.pdf）和/或网页（.html）文件",
        "import": "读取已发布的年报（Word 或网页），生成项目文件",
        "review": "审核下级单位报送的年报：逐个检查、列出缺报、汇总"}


def _parser() -> ChineseArgumentParser:
    p = ChineseArgumentParser(prog="gknb", description="公开年报助手：政府信息公开工作年度报告的编制、检查与导出。"
                              "不带命令时打开图形界面（可带一个项目文件）。")
    p.add_argument("--version", action="version", version=version_text(), help="显示版本号并退出")
    sub = p.add_subparsers(dest="verb", required=True, metavar="命令")

    n = sub.add_parser("new", help=HELP["new"])
    n.add_argument("--year", type=year_type, required=True, metavar="年度", help="报告年度，如 2026")
    n.add_argument("--organ", required=True, metavar="机关名称", help="机关名称（最多 200 个字）")
    n.add_argument("--format", dest="format_id", metavar="格式",
                   help="强制使用的格式（2019 或 2021），默认按年度确定")
    n.add_argument("-o", "--output", required=True, metavar="文件", help="要写入的 .gknb 文件")

    c = sub.add_parser("check", help=HELP["check"])
    c.add_argument("file", metavar="文件", help=".gknb 项目文件")
    c.add_argument("--last", metavar="上年文件", help="上一年度的 .gknb 项目文件（检查结转和现行有效件数）；"
                   "不是上一年度或格式不同时会提醒")
    c.add_argument("--json", action="store_true", help="以 JSON 输出")

    e = sub.add_parser("cells", help=HELP["cells"])
    e.add_argument("--format", dest="format_id", required=True, metavar="格式", help="2019 或 2021")
    e.add_argument("--json", action="store_true", help="以 JSON 输出")

    x = sub.add_parser("export", help=HELP["export"])
    x.add_argument("file", metavar="文件", help=".gknb 项目文件")
    x.add_argument("--docx", metavar="WORD文件", help="要写入的 Word 文件（已存在则整体替换）")
    x.add_argument("--xlsx", metavar="EXCEL文件", help="要写入的 Excel 文件（已存在则整体替换）")
    x.add_argument("--pdf", metavar="PDF文件", help="要写入的 PDF 文件（A4，字体嵌入文件；已存在则整体替换）")
    x.add_argument("--html", metavar="网页文件", help="要写入的网页文件（供门户网站发布；已存在则整体替换）")
    blank = x.add_mutually_exclusive_group()
    blank.add_argument("--blank-as-zero", dest="blanks_as_zero", action="store_true", default=True,
                       help="空白单元格写为 0（默认，通常的公开形式）")
    blank.add_argument("--keep-blank", dest="blanks_as_zero", action="store_false", help="空白单元格保留空白")
    x.add_argument("--fallback-fonts", action="store_true",
                   help="Word 和 PDF 只用 Windows 自带字体（宋体、黑体、楷体、仿宋），适合未安装仿宋_GB2312、方正小标宋简体的电脑")
    i = sub.add_parser("import", help=HELP["import"])
    i.add_argument("file", metavar="年报文件", help="已发布的年报：Word（.docx）或网页（.html、.htm、.mht、.mhtml），按内容识别")
    i.add_argument("-o", "--output", required=True, metavar="文件", help="要写入的 .gknb 文件（不能是要读取的文件）")
    i.add_argument("--year", type=year_type, metavar="年度", help="报告年度：标题中没有年度时用它；标题中有另一年度时以它为准，"
                   "并提醒两个年度")
    i.add_argument("--overwrite", action="store_true", help="输出文件已存在时覆盖它")
    import review_cli

    review_cli.add_parser(sub, HELP["review"])
    return p


def version_text() -> str:
    from model import about

    return f"{about.APP_NAME}（{about.APP_ID}）{about.VERSION}"


def verbs_text() -> str:
    """The verbs and what each does, for a message that lists them."""
    return "\n".join(f"  {v:<8}{HELP[v]}" for v in VERBS)


def run(argv: list[str]) -> int:
    _utf8_stdout()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:  # --help, --version, or argparse's (Chinese) error
        return e.code if isinstance(e.code, int) else 2
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


def warn(message: str) -> None:
    print(f"提醒：{message}", file=sys.stderr)


def _output_problem(out: str | Path, suffix: str, inputs: list, others: list = ()) -> str | None:
    """Why `out` cannot be written: a wrong extension, or it is an input or another output (the same file
    through any path, symlink or hard link)."""
    from model.files import same_file
    from model.os_errors import show_path

    out = Path(out)
    kinds = {".docx": "Word 文件", ".xlsx": "Excel 文件", ".pdf": "PDF 文件", ".html": "网页文件",
             ".gknb": "年报项目文件"}
    if out.suffix.lower() != suffix:
        return (f"「{show_path(out)}」的扩展名不是 {suffix}：要写入的是{kinds[suffix]}，文件名应以 {suffix} 结尾"
                f"（为避免把其他文件替换掉，本程序不写入它）。")
    for i in inputs:
        if same_file(out, i):
            return f"要写入的「{show_path(out)}」就是要读取的文件「{show_path(i)}」：写入会把它替换掉。请另选一个文件名。"
    for o in others:
        if same_file(out, o):
            return f"两个要写入的文件「{show_path(o)}」和「{show_path(out)}」是同一个文件，请分别指定不同的文件名。"
    return None


def cmd_new(args) -> int:
    from model import project
    from model.report import Report

    from model.limits import name_problem, year_problem

    out = Path(args.output)
    problem = year_problem(args.year) or name_problem(args.organ) or _output_problem(out, project.SUFFIX, [])
    if problem:
        return fail(problem)
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
    from model.checker import ERROR, LEVEL_NAMES, check

    try:
        report = project.load(args.file)
        last_report = project.load(args.last) if args.last else None
    except project.ProjectError as e:
        return fail(str(e))
    last = None
    if last_report is not None:
        _warn_about_last(report, last_report)
        last = last_report  # its figures and texts: 结转, 现行有效, 同比变化, 文字重复
    findings = check(report, last)
    errors = sum(f.level == ERROR for f in findings)
    if args.json:
        print(json.dumps([f.as_dict(report.notes) for f in findings], ensure_ascii=False, indent=1))
    else:
        for f in findings:
            print(f"[{LEVEL_NAMES[f.level]}·{f.rule}] {f.message}")
        print(f"共 {errors} 个错误，{len(findings) - errors} 个提醒。" if findings else "检查通过：没有发现问题。")
    return 1 if errors else 0


def _warn_about_last(report, last) -> None:
    """--last should be the year before, in the format its year had; otherwise say so (and still compare)."""
    from model import formats

    year, ly = report.meta.year, last.meta.year
    if ly != year - 1:
        warn(f"--last 给出的是 {ly} 年的年报，而本年报是 {year} 年的，上一年度应为 {year - 1} 年；"
             f"仍按 {ly} 年的数字检查结转和现行有效件数。")
    fid, lid = report.format.id, last.format.id
    expected = {fid}
    try:
        expected.add(formats.for_year(ly).id)  # 2020 (2019 format) before 2021 (2021 format) is normal
    except ValueError:
        pass
    if lid != fid and lid not in expected:
        warn(f"--last 的年报是 {lid} 年格式，本年报是 {fid} 年格式；只比较两种格式中编号相同的单元格。")


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

    outputs = [(out, suffix) for out, suffix in ((args.docx, ".docx"), (args.xlsx, ".xlsx"), (args.pdf, ".pdf"),
                                                 (args.html, ".html")) if out]
    if not outputs:
        return fail("请用 --docx 文件名.docx、--xlsx 文件名.xlsx、--pdf 文件名.pdf 或 --html 文件名.html "
                    "指定要导出的文件（可同时指定几个）。")
    for i, (out, suffix) in enumerate(outputs):
        problem = _output_problem(out, suffix, [args.file], [o for o, _ in outputs[:i]])
        if problem:
            return fail(problem)
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
        if args.pdf:
            from export.docx_layout import Fonts
            from export.pdf import write_pdf

            used = write_pdf(report, args.pdf, blanks_as_zero=args.blanks_as_zero,
                             fonts=Fonts.FALLBACK if args.fallback_fonts else Fonts())
            print(f"已导出 PDF 文件：{args.pdf}（{used.message()}）")
        if args.html:
            from export.html import write_html

            write_html(report, args.html, blanks_as_zero=args.blanks_as_zero)
            print(f"已导出网页文件：{args.html}")
    except ExportError as e:
        return fail(str(e))
    return 0


def cmd_import(args) -> int:
    from model import project
    from model.limits import year_problem
    from reader import ReadError, read_report

    out = Path(args.output)
    problem = (args.year is not None and year_problem(args.year)) or _output_problem(out, project.SUFFIX, [args.file])
    if problem:
        return fail(problem)
    if out.exists() and not args.overwrite:
        return fail(f"「{out}」已存在，为避免覆盖，请换一个文件名（或加 --overwrite）。")
    try:
        result = read_report(args.file)
        title_year = result.report.meta.year if not _year_guessed(result) else None
        if args.year is not None and args.year != result.report.meta.year:
            if title_year is not None:
                warn(f"年报标题中的年度是 {title_year} 年，按 --year 改为 {args.year} 年（格式随年度确定）。")
            result = read_report(args.file, year=args.year)  # the year decides the format: read again with it
    except ReadError as e:
        return fail(str(e))
    try:
        project.save(result.report, out)
    except project.ProjectError as e:
        return fail(str(e))
    print(result.summary())
    print(f"已保存：{out}")
    return 0 if result.complete else 1


def _year_guessed(result) -> bool:
    """Whether the reader found no year in the title (its notes then say where the year came from)."""
    return any(n.startswith(("标题中没有年度", "文档中没有找到年度")) for n in result.notes)


def cmd_review(args) -> int:
    import review_cli

    return review_cli.run(args)


COMMANDS = {"new": cmd_new, "check": cmd_check, "cells": cmd_cells, "export": cmd_export, "import": cmd_import,
            "review": cmd_review}
VERBS = tuple(COMMANDS)
