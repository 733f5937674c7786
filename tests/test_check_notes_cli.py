"""`check --json` gives every finding's key and note; `--last` brings last year's texts (文字重复) and
figures (同比变化)."""
import json

from model import project
from model.checker import check
from test_checker import zeros
from test_cli import run
from test_evaluation import OLD


def explained_jump(tmp_path):
    """r.gknb repeating last year's 总体情况 and with 行政处罚 12 → 96, that jump explained; last.gknb beside it."""
    last = zeros(2024)
    last.texts["overview"] = OLD
    last.set("t2.penalty.decisions", 12)
    r = zeros(2025)
    r.texts["overview"] = OLD
    r.set("t2.penalty.decisions", 96)
    jump = next(f for f in check(r, last) if f.rule == "同比变化")
    r.notes[jump.key] = "本年开展专项执法"
    project.save(r, tmp_path / "r.gknb")
    project.save(last, tmp_path / "last.gknb")
    return r, last, jump


def test_check_json_key_and_note_and_last_years_text(tmp_path):
    r, last, jump = explained_jump(tmp_path)
    p = run("check", tmp_path / "r.gknb", "--last", tmp_path / "last.gknb", "--json")
    assert p.returncode == 0, p.stderr
    found = json.loads(p.stdout)
    assert all(set(f) == {"level", "rule", "message", "cells", "key", "note"} for f in found)
    by_rule = {f["rule"]: f for f in found}
    assert by_rule["同比变化"]["note"] == "本年开展专项执法" and by_rule["同比变化"]["key"] == jump.key
    assert by_rule["文字重复"]["level"] == "warning" and by_rule["文字重复"]["note"] is None
    p = run("check", tmp_path / "r.gknb")  # without --last or a baseline: no cross-year finding
    assert "同比变化" not in p.stdout and "文字重复" not in p.stdout


def test_the_summary_line_counts_explained_warnings_and_information_apart(tmp_path):
    r, last, jump = explained_jump(tmp_path)
    found = check(r, last)
    warnings = sum(f.level == "warning" for f in found)
    infos = sum(f.level == "info" for f in found)
    p = run("check", tmp_path / "r.gknb", "--last", tmp_path / "last.gknb")
    line = p.stdout.strip().splitlines()[-1]
    expected = f"共 0 个错误，{warnings} 个提醒（1 条已说明）" + (f"，{infos} 条信息。" if infos else "。")
    assert line == expected, line
