"""The command line as a careless user drives it: outputs onto inputs, wrong years, no display, typos."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

from conftest import DEMO_SAMPLE, ROOT
from docx_fixtures import seed_docx
from model import project

# Symbolic links need administrator rights or developer mode on Windows: these cases are POSIX's (Windows'
# own path cases are in test_windows_paths.py).
posix = pytest.mark.skipif(os.name != "posix", reason="symbolic links as POSIX has them")


def run(*args, env=None, timeout=60):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=timeout, env=env)


def refused(r, *words):
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr
    return r.stderr


def _copy(tmp_path, name="p.gknb"):
    p = tmp_path / name
    p.write_bytes(DEMO_SAMPLE.read_bytes())
    return p


@posix
def test_export_never_replaces_its_input(tmp_path):
    src = _copy(tmp_path, "X.gknb")
    before = src.read_bytes()
    refused(run("export", src, "--docx", src), "扩展名不是 .docx")
    refused(run("export", src, "--xlsx", tmp_path / "x.docx"), "扩展名不是 .xlsx")
    refused(run("export", src, "--docx", tmp_path / "x.xlsx"), "扩展名不是 .docx")
    # a project named like a Word file, reached by another path, a symlink or a hard link
    odd = _copy(tmp_path, "p.docx")
    for other in (tmp_path / "." / "p.docx", tmp_path / "link.docx", tmp_path / "hard.docx"):
        if other.name == "link.docx":
            other.symlink_to(odd)
        elif other.name == "hard.docx":
            os.link(odd, other)
        refused(run("export", odd, "--docx", other), "就是要读取的文件")
    assert src.read_bytes() == before and odd.read_bytes() == before


@posix
def test_two_outputs_that_are_one_file_are_refused(tmp_path):
    src = _copy(tmp_path)
    refused(run("export", src, "--docx", tmp_path / "a.docx", "--xlsx", tmp_path / "a.docx"), "扩展名不是 .xlsx")
    (tmp_path / "a.docx").write_bytes(b"old")
    (tmp_path / "a.xlsx").symlink_to(tmp_path / "a.docx")
    refused(run("export", src, "--docx", tmp_path / "a.docx", "--xlsx", tmp_path / "a.xlsx"), "是同一个文件")
    assert (tmp_path / "a.docx").read_bytes() == b"old"


def test_import_never_replaces_the_report_it_reads(tmp_path):
    a = seed_docx(tmp_path / "a.docx")
    before = a.read_bytes()
    refused(run("import", a, "-o", a, "--overwrite"), "扩展名不是 .gknb")
    os.link(a, tmp_path / "a.gknb")
    refused(run("import", a, "-o", tmp_path / "a.gknb", "--overwrite"), "就是要读取的文件")
    assert a.read_bytes() == before
    refused(run("new", "--year", 2025, "--organ", "某局", "-o", tmp_path / "n.docx"), "扩展名不是 .gknb")


def test_import_year_over_the_titles_year_is_said(tmp_path):
    from export.word import write_docx

    a = tmp_path / "a.docx"
    write_docx(project.load(DEMO_SAMPLE), a)  # its title says 2025
    r = run("import", a, "-o", tmp_path / "x.gknb", "--year", 2024)
    assert r.returncode in (0, 1), r.stderr
    assert "标题中的年度是 2025 年，按 --year 改为 2024 年" in r.stderr
    assert project.load(tmp_path / "x.gknb").meta.year == 2024
    r = run("import", a, "-o", tmp_path / "y.gknb", "--year", 2025)  # the same year: nothing to say
    assert r.returncode in (0, 1) and "提醒" not in r.stderr
    seed = seed_docx(tmp_path / "seed.docx")  # no year in its title: --year is simply taken
    r = run("import", seed, "-o", tmp_path / "z.gknb", "--year", 2020)
    assert "提醒" not in r.stderr and project.load(tmp_path / "z.gknb").meta.year == 2020
    assert "标题中有另一年度时以它为准" in run("import", "-h").stdout.replace("\n", "").replace(" ", "")


def test_check_last_of_another_year_or_format_is_said(tmp_path):
    last = project.load(DEMO_SAMPLE)  # 2025
    last.meta.year = 2022
    project.save(last, tmp_path / "old.gknb")
    r = run("check", DEMO_SAMPLE, "--last", tmp_path / "old.gknb")
    assert "--last 给出的是 2022 年的年报，而本年报是 2025 年的，上一年度应为 2024 年" in r.stderr
    other = project.Report.new("某局", 2024, "2019")
    project.save(other, tmp_path / "f2019.gknb")
    r = run("check", DEMO_SAMPLE, "--last", tmp_path / "f2019.gknb")
    assert "--last 的年报是 2019 年格式，本年报是 2021 年格式" in r.stderr and "2022" not in r.stderr
    good = project.load(DEMO_SAMPLE)
    good.meta.year = 2024
    project.save(good, tmp_path / "good.gknb")
    assert "提醒：" not in run("check", DEMO_SAMPLE, "--last", tmp_path / "good.gknb").stderr


ENGLISH = re.compile(r"usage:|positional arguments|options:|error:|the following|invalid choice|unrecognized|"
                     r"show this help|expected one|invalid int")


def test_argparse_speaks_chinese():
    import cli

    h = run("-h")
    assert h.returncode == 0 and "用法：gknb" in h.stdout and "位置参数" in h.stdout and "显示此帮助并退出" in h.stdout
    assert run("export", "-h").stdout.count("选项") == 1
    for args, word in [(["check"], "缺少必需的参数：文件"), (["check", "a", "b"], "不认识的参数：b"),
                       (["new", "--year", "x", "--organ", "y", "-o", "z"], "不是四位数的年份"),
                       (["check", "a", "--last"], "后面需要一个值"),
                       (["export", "a", "--keep-blank", "--blank-as-zero"], "不能与"),
                       (["--bogus"], "错误：")]:
        r = run(*args)
        assert r.returncode == 2 and word in r.stderr, r.stderr
        assert not ENGLISH.search(r.stdout + r.stderr), r.stderr
    assert cli.run(["chek", "x"]) == 2  # through cli.run, a mistyped verb is argparse's invalid choice


def test_invalid_choice_in_chinese(capsys):
    import cli

    assert cli.run(["chek"]) == 2
    err = capsys.readouterr().err
    assert "参数 命令 的值 'chek' 无效，可选：" in err and not ENGLISH.search(err)


def _no_display_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux can lack a display")
@pytest.mark.parametrize("platform", [None, "xcb"])
def test_no_display_is_said_in_chinese_with_the_verbs(tmp_path, platform):
    env = _no_display_env(**({"QT_QPA_PLATFORM": platform} if platform else {}))
    for args in ([], [str(DEMO_SAMPLE)], [str(tmp_path / "missing.gknb")]):
        err = refused(run(*args, env=env), "没有找到可以显示窗口的图形界面", "check", "export", "import")
        assert "qt.qpa" not in err and "Aborted" not in err
    v = run("--version", env=env)
    assert v.returncode == 0 and "1." in v.stdout and not v.stderr
    refused(run("chek", env=env), "不认识的命令「chek」", "new", "check", "cells")


def test_with_a_display_an_unknown_word_lists_the_verbs_without_opening_a_window():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t = time.perf_counter()
    refused(run("exprot", env=env), "不认识的命令「exprot」", "export")
    assert time.perf_counter() - t < 10


def test_selftest_log_in_a_missing_folder():
    r = run("--selftest", "--log", "/nonexistent/x.txt")
    refused(r, "无法写入自检日志", "/nonexistent", "不存在")


def test_setup_installs_what_a_real_window_needs():
    script = (ROOT / "tools" / "setup.sh").read_text(encoding="utf-8")
    pkgs = " ".join(re.findall(r"pkgs\+?=\(([^)]*)\)", script))
    for name in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
                 "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0"):
        assert name in pkgs.split(), name
