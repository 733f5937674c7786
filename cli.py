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

# Each verb's exit codes and what they mean: shown under `gknb VERB -h`, named in README's command table
# (tests/test_readme_cli.py holds the two together). argparse's own errors (a missing or unknown argument) are 2.
EXIT_CODES = {
    "new": {0: "已新建", 2: "参数有误，或文件已存在、无法写入"},
    "check": {0: "没有错误（可能有提醒）", 1: "有错误", 2: "文件无法读取"},
    "cells": {0: "已列出", 2: "没有这种格式"},
    "export": {0: "已导出（年报有错误时也导出，并列出错误）", 1: "加了 --strict 而年报有错误：没有导出",
               2: "文件无法读取或无法写入"},
    "import": {0: "全部内容已读取并保存", 1: "有些内容未能读取（读到的已保存）",
               2: "不是年报或无法读取：没有保存"},
    "review": {0: "应报单位都已报送，且都没有错误", 1: "有单位的年报有错误、有文件未计入（重复的除外）或有单位缺报",
               2: "没有读取到任何年报，或参数有误、无法写入"},
}
SHOWN_ERRORS = 5  # errors listed by `export` before "……另有 N 个"


def _epilog(verb: str) -> str:
    return "退出码：" + "；".join(f"{code} {text}" for code, text in EXIT_CODES[verb].items()) + "。"


def _parser() -> ChineseArgumentParser:
    p = ChineseArgumentParser(prog="gknb", description="公开年报助手：政府信息公开工作年度报告的编制、检查与导出。"
                              "不带命令时打开图形界面（可带一个项目文件）。")
    p.add_argument("--version", action="version", version=version_text(), help="显示版本号并退出")
    sub = p.add_subparsers(dest="verb", required=True, metavar="命令")

    n = sub.add_parser("new", help=HELP["new"], epilog=_epilog("new"))
    n.add_argument("--year", type=year_type, required=True, metavar="年度", help="报告年度，如 2026")
    n.add_argument("--organ", required=True, metavar="机关名称", help="机关名称（最多 200 个字）")
    n.add_argument("--format", dest="format_id", metavar="格式",
                   help="强制使用的格式（2019 或 2021），默认按年度确定")
    n.add_argument("-o", "--output", required=True, metavar="文件", help="要写入的 .gknb 文件")

    c = sub.add_parser("check", help=HELP["check"], epilog=_epilog("check"))
    c.add_argument("file", metavar="文件", help=".gknb 项目文件")
    c.add_argument("--last", metavar="上年文件", help="上一年度的 .gknb 项目文件（检查结转和现行有效件数）；"
                   "不是上一年度或格式不同时会提醒")
    c.add_argument("--json", action="store_true", help="以 JSON 输出")

    e = sub.add_parser("cells", help=HELP["cells"], epilog=_epilog("cells"))
    e.add_argument("--format", dest="format_id", required=True, metavar="格式", help="2019 或 2021")
    e.add_argument("--json", action="store_true", help="以 JSON 输出")

    x = sub.add_parser("export", help=HELP["export"], epilog=_epilog("export"))
    x.add_argument("file", metavar="文件", help=".gknb 项目文件")
    x.add_argument("--docx", metavar="文件.docx", help="要写入的 Word 文件（已存在则整体替换）")
    x.add_argument("--xlsx", metavar="文件.xlsx", help="要写入的 Excel 文件（已存在则整体替换）")
    x.add_argument("--pdf", metavar="文件.pdf", help="要写入的 PDF 文件（A4，字体嵌入文件；已存在则整体替换）")
    x.add_argument("--html", metavar="文件.html", help="要写入的网页文件（供门户网站发布；已存在则整体替换）")
    blank = x.add_mutually_exclusive_group()
    blank.add_argument("--blank-as-zero", dest="blanks_as_zero", action="store_true", default=True,
                       help="空白单元格写为 0（默认，通常的公开形式）")
    blank.add_argument("--keep-blank", dest="blanks_as_zero", action="store_false", help="空白单元格保留空白")
    x.add_argument("--fallback-fonts", action="store_true",
                   help="Word 和 PDF 只用 Windows 自带字体（宋体、黑体、楷体、仿宋），适合未安装仿宋_GB2312、方正小标宋简体的电脑"
                   "（Excel 和网页不受影响）")
    x.add_argument("--strict", action="store_true",
                   help="年报有错误（如勾稽关系不符）时不导出，退出码 1；默认照常导出并列出错误")
    i = sub.add_parser("import", help=HELP["import"], epilog=_epilog("import"))
    i.add_argument("file", metavar="年报文件", help="已发布的年报：Word（.docx）或网页（.html、.htm、.mht、.mhtml），按内容识别")
    i.add_argument("-o", "--output", required=True, metavar="文件", help="要写入的 .gknb 文件（不能是要读取的文件）")
    i.add_argument("--year", type=year_type, metavar="年度", help="报告年度：标题中没有年度时用它；标题中有另一年度时以它为准，"
                   "并提醒两个年度")
    i.add_argument("--overwrite", action="store_true", help="输出文件已存在时覆盖它")
    import review_cli

    review_cli.add_parser(sub, HELP["review"])
    sub.choices["review"].epilog = _epilog("review")
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
    from model.os_errors import is_folder, show_path

    out = Path(out)
    if is_folder(out):
        return (f"「{show_path(out)}」是一个文件夹，不是文件：请写要写入的文件名，"
                f"例如「{show_path(out / ('年报' + suffix))}」。")
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
    organ = args.organ.strip()  # full-width spaces too
    problem = (year_problem(args.year) or _organ_problem(organ) or name_problem(organ)
               or _output_problem(out, project.SUFFIX, []) or _existing_output(out, "new"))
    if problem:
        return fail(problem)
    try:
        report = Report.new(organ, args.year, args.format_id)
    except (KeyError, ValueError) as e:
        return fail(e.args[0])
    try:
        project.save(report, out)
    except project.ProjectError as e:
        return fail(str(e))
    print(f"已新建 {report.title}（格式 {report.format.id}）：{out}")
    return 0


def _organ_problem(organ: str) -> str | None:
    if not organ:
        return "机关名称是空的：请在 --organ 后写上机关名称，例如 --organ 某某市某某局（年报的标题由它和年度组成）。"
    return None


def _existing_output(out: Path, verb: str, overwrite: bool = False) -> str | None:
    """Why an existing `-o` cannot be written (without --overwrite): it is there (a folder: _output_problem)."""
    from model.os_errors import show_path

    try:
        exists = out.exists()
    except OSError:
        return None  # the save says why
    if exists and not overwrite:
        more = "（或加 --overwrite 覆盖它）" if verb == "import" else ""
        return f"「{show_path(out)}」已存在，为避免覆盖，请换一个文件名{more}。"
    return None


def _summary_line(findings, notes: dict) -> str:
    """共 N 个错误，N 个提醒（N 条已说明），N 条信息。 — information is not counted as 提醒."""
    from model.checker import ERROR, INFO, LEVEL_NAMES, WARNING

    count = {level: sum(f.level == level for f in findings) for level in LEVEL_NAMES}
    explained = sum(f.level == WARNING and bool(notes.get(f.key)) for f in findings)
    line = f"共 {count[ERROR]} 个错误，{count[WARNING]} 个提醒"
    line += f"（{explained} 条已说明）" if explained else ""
    return line + (f"，{count[INFO]} 条信息。" if count[INFO] else "。")


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
        print(_summary_line(findings, report.notes) if findings else "检查通过：没有发现问题。")
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
    errors = _errors_listed(report, args.file)
    if errors and args.strict:
        return fail(f"{errors}\n因为加了 --strict，没有导出任何文件。请改正这些错误后再导出。", 1)
    if args.fallback_fonts and not (args.docx or args.pdf):
        kinds = "、".join(k for k, out in (("Excel 文件", args.xlsx), ("网页文件", args.html)) if out)
        warn(f"--fallback-fonts 只改变 Word 和 PDF 文件的字体，对本次导出的文件（{kinds}）不起作用。")
    try:
        if args.docx:
            from export.fonts import Fonts, requested_fonts
            from export.word import write_docx

            fonts = Fonts.FALLBACK if args.fallback_fonts else Fonts()
            write_docx(report, args.docx, blanks_as_zero=args.blanks_as_zero, fonts=fonts)
            print(f"已导出 Word 文件：{args.docx}（使用字体：{'、'.join(requested_fonts(fonts))}）")
        if args.xlsx:
            from export.excel import write_xlsx

            write_xlsx(report, args.xlsx, blanks_as_zero=args.blanks_as_zero)
            print(f"已导出 Excel 文件：{args.xlsx}")
        if args.pdf:
            from export.fonts import Fonts
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
    if errors:
        warn(f"{errors}\n文件已照常导出；发布前请改正（加 --strict 则有错误时不导出）。")
    return 0


def _errors_listed(report, file) -> str:
    """The checker's errors as the window would warn of them: the count and the first few; "" when none."""
    from model.checker import ERROR, check

    errors = [f for f in check(report) if f.level == ERROR]
    if not errors:
        return ""
    lines = [f"检查发现 {len(errors)} 个错误："]
    lines += [f"  · [{f.rule}] {f.message}" for f in errors[:SHOWN_ERRORS]]
    if len(errors) > SHOWN_ERRORS:
        lines.append(f"  ……另有 {len(errors) - SHOWN_ERRORS} 个，用 gknb check {file} 可以看到全部。")
    return "\n".join(lines)


def cmd_import(args) -> int:
    from model import project
    from model.limits import year_problem
    from reader import ReadError, read_report

    out = Path(args.output)
    problem = (args.year is not None and year_problem(args.year)) or _output_problem(out, project.SUFFIX, [args.file])
    problem = problem or _existing_output(out, "import", args.overwrite)
    if problem:
        return fail(problem)
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
