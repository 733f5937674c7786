"""The command line as a script uses it: real subprocesses, exit codes, output."""
import json
import subprocess
import sys

import pytest

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE
from model import formats, project


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_check_seed_reports_its_balance_errors():
    p = run("check", SEED_SAMPLE)
    assert p.returncode == 1
    assert "表三「自然人」列：新收 0 + 上年结转 1 = 1，但办理总计 0 + 结转下年度 0 = 0，相差 1" in p.stdout
    assert "共 2 个错误，0 个提醒。" in p.stdout


def test_check_json():
    p = run("check", SEED_SAMPLE, "--json")
    found = json.loads(p.stdout)
    assert [(f["level"], f["rule"]) for f in found] == [("error", "勾稽"), ("error", "勾稽")]
    assert set(found[0]) == {"level", "rule", "message", "cells", "key", "note"} and found[0]["note"] is None and "t3.carried_in.natural" in found[0]["cells"]


def test_check_demo_passes_and_with_last_year(tmp_path):
    assert run("check", DEMO_SAMPLE).returncode == 0
    last = project.load(DEMO_SAMPLE)
    last.meta.year = 2024
    last.set("t3.carried_over.natural", 5)
    project.save(last, tmp_path / "last.gknb")
    p = run("check", DEMO_SAMPLE, "--last", tmp_path / "last.gknb")
    assert p.returncode == 0 and "[提醒·结转]" in p.stdout


def test_check_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "bad.gknb"
    bad.write_text("{", encoding="utf-8")
    p = run("check", bad)
    assert p.returncode == 2 and "错误：「bad.gknb」文件不完整" in p.stderr and "Traceback" not in p.stderr
    assert run("check", tmp_path / "missing.gknb").returncode == 2


def test_new_takes_the_format_from_the_year(tmp_path):
    p = run("new", "--year", 2026, "--organ", "某某局", "-o", tmp_path / "a.gknb")
    assert p.returncode == 0, p.stderr
    r = project.load(tmp_path / "a.gknb")
    assert (r.format.id, r.meta.organ, r.meta.year) == ("2021", "某某局", 2026)
    assert run("new", "--year", 2020, "--organ", "某某局", "-o", tmp_path / "b.gknb").returncode == 0
    assert project.load(tmp_path / "b.gknb").format.id == "2019"
    assert run("new", "--year", 2026, "--organ", "x", "--format", "2019", "-o", tmp_path / "c.gknb").returncode == 0
    assert project.load(tmp_path / "c.gknb").format.id == "2019"


def test_new_refuses_to_overwrite_and_bad_formats(tmp_path):
    (tmp_path / "a.gknb").write_text("keep", encoding="utf-8")
    p = run("new", "--year", 2026, "--organ", "x", "-o", tmp_path / "a.gknb")
    assert p.returncode == 2 and "已存在" in p.stderr and (tmp_path / "a.gknb").read_text() == "keep"
    p = run("new", "--year", 2026, "--organ", "x", "--format", "1999", "-o", tmp_path / "b.gknb")
    assert p.returncode == 2 and "未知的年报格式" in p.stderr


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_cells_lists_every_cell(fid):
    p = run("cells", "--format", fid, "--json")
    rows = json.loads(p.stdout)
    fmt = formats.get(fid)
    assert [r["id"] for r in rows] == list(fmt.cells)
    first = rows[0]
    assert set(first) >= {"id", "table", "row", "column", "kind", "computed"}
    t3 = next(r for r in rows if r["id"] == "t3.refused.secret.business")
    assert t3["row"] == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    assert t3["column"] == ["申请人情况", "法人或其他组织", "商业企业"] and t3["computed"] is False
    assert next(r for r in rows if r["id"] == "t3.total.total")["computed"] is True


def test_a_hand_written_project_from_the_cells_listing(tmp_path):
    rows = json.loads(run("cells", "--format", "2021", "--json").stdout)
    doc = {"schema": 1, "format": "2021", "meta": {"organ": "手写局", "year": 2025}, "texts": {},
           "cells": {r["id"]: 0 for r in rows if not r["computed"]}}
    (tmp_path / "h.gknb").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run("check", tmp_path / "h.gknb").returncode == 0


def test_importing_model_loads_no_gui_or_office_library():
    code = ("import sys, model, model.formats, model.report, model.checker, model.project, model.values;"
            "model.formats.all_formats();"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'docx', 'openpyxl', 'lxml')];"
            "print(bad); sys.exit(1 if bad else 0)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr
