"""Files as an attacker or a careless clerk leaves them: FIFOs, devices, huge and strict-loader cases, OS
errors; each through the command line (the window's open and save call the same model functions)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from conftest import DEMO_SAMPLE, ROOT
from model import project
from model.limits import MAX_NAME
from model.os_errors import ERRNO_REASONS, describe, read_error_message, write_error_message

posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev are POSIX")


def run(*args, timeout=30):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=timeout)


def refused(r, *words):
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and r.stderr.startswith("错误：")
    for w in words:
        assert w in r.stderr, r.stderr
    return r.stderr


@posix
@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_fifos_and_devices_are_refused_at_once(tmp_path, kind):
    p = tmp_path / "x.gknb"
    if kind == "fifo":
        os.mkfifo(p)
    else:
        p.symlink_to(f"/dev/{kind}")
    t = time.perf_counter()
    err = refused(run("check", p, timeout=10), "不是年报项目文件")
    assert ("管道" if kind == "fifo" else "设备") in err
    assert time.perf_counter() - t < 5  # the whole process; the refusal itself takes microseconds
    t = time.perf_counter()
    with pytest.raises(project.ProjectError):
        project.load(p)
    assert time.perf_counter() - t < 0.05


def _big_report():
    r = project.load(DEMO_SAMPLE)
    r.texts["problems"] = "粘" * (7 * 1024 * 1024)  # 21 MB in UTF-8
    return r


def test_what_cannot_be_opened_is_not_saved_and_the_message_says_what(tmp_path):
    out = tmp_path / "x.gknb"
    with pytest.raises(project.ProjectError) as e:
        project.save(_big_report(), out)
    msg = str(e.value)
    assert "五、存在的主要问题及改进情况" in msg and "7,340,032 个字" in msg and "20.0 MB" in msg
    assert not out.exists()
    assert project.too_large(_big_report()) == msg
    assert project.too_large(project.load(DEMO_SAMPLE)) is None


def test_the_limit_is_one_limit_saving_loading_and_recovering(tmp_path):
    big = tmp_path / "big.gknb"
    big.write_bytes(b" " * (project.MAX_BYTES + 1))
    refused(run("check", big), "超过了年报项目文件可以打开的大小（20.0 MB）")
    assert "无法恢复" in project.recovery_problem(big) and "20.0 MB" in project.recovery_problem(big)
    ok = tmp_path / "ok.gknb"
    project.save(project.load(DEMO_SAMPLE), ok)
    assert project.recovery_problem(ok) is None


def _with(tmp_path, edit, raw=None):
    data = json.loads(DEMO_SAMPLE.read_text(encoding="utf-8"))
    edit(data)
    p = tmp_path / "x.gknb"
    p.write_text(raw(json.dumps(data, ensure_ascii=False)) if raw else json.dumps(data, ensure_ascii=False),
                 encoding="utf-8")
    return p


def test_duplicate_keys_are_refused(tmp_path):
    p = _with(tmp_path, lambda d: None, raw=lambda s: s.replace('"format": "2021"', '"format": "2021", "format": "2019"'))
    refused(run("check", p), "「format」出现了两次")


def test_baseline_ids_of_no_format_and_impossible_years_are_refused(tmp_path):
    p = _with(tmp_path, lambda d: d.update(baseline={"year": 2024, "cells": {"t9.nothing": 1}}))
    refused(run("check", p), "baseline.cells 中有不认识的单元格编号「t9.nothing」")
    p = _with(tmp_path, lambda d: d.update(baseline={"year": 2020, "cells": {"t3.carried_over.natural": 1}}))
    assert run("check", p).returncode in (0, 1)  # an id of the 2019 format is a good baseline for 2021
    p = _with(tmp_path, lambda d: d.update(baseline={"year": -5, "cells": {}}))
    refused(run("check", p), "baseline.year（上年数据的年度） -5 不是有效的年份")


def test_huge_numbers_and_years_are_not_printed_whole(tmp_path):
    p = _with(tmp_path, lambda d: None, raw=lambda s: s.replace('"year": 2025', '"year": ' + "9" * 300, 1))
    err = refused(run("check", p), "一个 300 位的数字")
    p = _with(tmp_path, lambda d: None, raw=lambda s: s.replace('"t3.new.natural": 24', '"t3.new.natural": ' + "1" * 5000))
    err += refused(run("check", p), "一个 5000 位的数字")
    assert "Exceeds the limit" not in err and "9" * 50 not in err and len(err) < 400
    r = run("new", "--year", "9" * 5000, "--organ", "某局", "-o", tmp_path / "n.gknb")
    assert r.returncode == 2 and "Exceeds" not in r.stderr and "9" * 50 not in r.stderr and "年度" in r.stderr


def test_one_limit_on_names(tmp_path):
    p = _with(tmp_path, lambda d: d["meta"].update(organ="局" * 200_000))
    t = time.perf_counter()
    refused(run("check", p), "机关名称有 200000 个字，太长了：最多 200 个字")
    assert time.perf_counter() - t < 5
    refused(run("new", "--year", 2025, "--organ", "局" * (MAX_NAME + 1), "-o", tmp_path / "n.gknb"), "最多 200 个字")
    assert run("new", "--year", 2025, "--organ", "局" * MAX_NAME, "-o", tmp_path / "n.gknb").returncode == 0


@posix
def test_os_errors_speak_chinese(tmp_path):
    folder = tmp_path / "文件夹.gknb"
    folder.mkdir()
    refused(run("check", folder), "是一个文件夹，不是年报项目文件")
    loop = tmp_path / "loop.gknb"
    loop.symlink_to(loop)
    refused(run("check", loop), "快捷方式（符号链接）层层相套")
    long = tmp_path / ("长" * 200 + ".gknb")
    err = refused(run("check", long), "文件名或路径太长")
    assert "长" * 100 not in err  # the path is shortened in the message
    refused(run("export", DEMO_SAMPLE, "--docx", tmp_path / ("长" * 200 + ".docx")), "文件名或路径太长")
    refused(run("export", DEMO_SAMPLE, "--docx", tmp_path / "无此文件夹" / "a.docx"), "文件夹", "不存在")
    for name in ("File name too long", "Is a directory", "Too many levels", "No such file"):
        assert name not in err


@pytest.mark.parametrize("code", sorted(ERRNO_REASONS))
def test_every_errno_of_the_table_gives_a_chinese_sentence(tmp_path, code):
    e = OSError(code, os.strerror(code))
    for msg in (read_error_message(e, tmp_path / "a.gknb", "年报项目文件"), write_error_message(e, tmp_path / "a.gknb")):
        assert os.strerror(code) not in msg and ("a.gknb" in msg or tmp_path.name in msg)
    assert describe(e) == ERRNO_REASONS[code]


def test_windows_sharing_violation_is_said():
    e = OSError(13, "The process cannot access the file")
    e.winerror = 32
    assert "正被其他程序（如 Word、WPS）打开" in read_error_message(e, "C:/a.docx", "Word 文件")
    assert "正被其他程序（如 Word、WPS）打开" in write_error_message(e, "C:/a.docx")
    assert describe(OSError(99999, "x")) == "系统错误（错误号 99999）"


def test_a_pasted_5000_digit_number_is_not_repeated_whole(win, qtbot):
    from gui_helpers import paste, table_step

    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    step = table_step(win, "t3")
    paste(qtbot, step.view, "t3.new.natural", "1" * 5000)
    note = step.note.text()
    assert "太大了" in note and "共 5000 字" in note and "1" * 60 not in note


@posix
def test_the_window_refuses_a_fifo_at_once(win, dialogs, tmp_path):
    fifo = tmp_path / "x.gknb"
    os.mkfifo(fifo)
    t = time.perf_counter()
    win.open_file(str(fifo))
    assert time.perf_counter() - t < 2
    assert any("管道（FIFO）" in " ".join(map(str, d)) for d in dialogs.shown)
