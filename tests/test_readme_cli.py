"""README against the code: its command table names every verb, option and exit code the parser has (and
nothing else), and its module lists name every module of gui/, gui/steps/ and the top level.

The table is tested, not generated: its prose (what each verb refuses, what it warns about) is English for
maintainers and has no place in the Chinese help, so the two are held together here instead.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys

import cli
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert m, f"README has no section «{title}»"
    return m.group(1)


def table_rows() -> dict[str, tuple[str, str]]:
    """verb -> (command cell, exit-code cell) of README's command table."""
    rows = {}
    for line in section("Command line").splitlines():
        if not line.startswith("| `python3 main.py "):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        assert len(cells) == 3, line
        command = cells[0].strip("`").replace("\\|", "|")
        verb = command.split()[2]
        assert verb not in rows, f"two rows for {verb}"
        rows[verb] = (command, cells[2])
    return rows


def subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_table_has_one_row_per_verb():
    assert list(table_rows()) == list(subparsers()) == list(cli.VERBS)


def test_every_option_of_every_verb_is_in_its_row_and_no_other():
    rows = table_rows()
    for verb, parser in subparsers().items():
        command = rows[verb][0]
        named = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", command))
        known = set()
        for action in parser._actions:
            if not action.option_strings or isinstance(action, argparse._HelpAction):
                continue
            known.update(action.option_strings)
            assert named & set(action.option_strings), f"README's {verb} row does not name {action.option_strings}"
        assert named <= known, f"README's {verb} row names options the parser has not: {named - known}"


def test_every_exit_code_of_every_verb_is_in_its_row_and_in_its_help():
    rows = table_rows()
    assert set(cli.EXIT_CODES) == set(cli.VERBS)
    for verb, codes in cli.EXIT_CODES.items():
        said = {int(c) for c in re.findall(r"(?:^|, )(\d)\b", rows[verb][1])}
        assert said == set(codes), f"README's {verb} row gives exit codes {said}, the command line {set(codes)}"
    # `gknb VERB -h` says them too, as a user reads them
    h = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "-h"], capture_output=True, text=True,
                       encoding="utf-8", cwd=ROOT, timeout=60)
    assert h.returncode == 0 and "退出码：0 已导出" in h.stdout and "1 加了 --strict" in h.stdout


def test_the_top_level_options_are_named():
    text = section("Command line")
    for action in cli._parser()._actions:
        for option in action.option_strings:
            assert f"`{option}" in text or f" {option}" in text, option
    assert "`--selftest [--log FILE]`" in text  # main.py's own, before the parser


def test_every_gui_module_is_named():
    text = section("The window (gui/)")
    missing = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "gui").glob("*.py"))
               + sorted((ROOT / "gui" / "steps").glob("*.py"))
               if p.name != "__init__.py" and not re.search(rf"`(gui/)?(steps/)?{re.escape(p.name)}`", text)]
    assert not missing, f"README's list of gui modules leaves out {missing}"


def test_every_top_level_module_and_folder_is_in_the_layout():
    layout = section("Layout")
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT).stdout.split()
    tops = {t.split("/")[0] + ("/" if "/" in t else "") for t in tracked if not t.startswith(".")}
    if not tops:  # not a git checkout (an unpacked archive): what is on disk
        tops = {p.name + ("/" if p.is_dir() else "") for p in ROOT.iterdir() if not p.name.startswith((".", "_"))}
    wanted = sorted(t for t in tops if (t.endswith(".py") and t != "conftest.py") or
                    (t.endswith("/") and t not in ("screenshots/", "dist/", "build/")))
    missing = [t for t in wanted if not re.search(rf"^{re.escape(t)}\s", layout, re.M)]
    assert not missing, f"README's layout leaves out {missing}"
