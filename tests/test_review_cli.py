"""`main.py review` as a script uses it: exit codes, --json, --sum, --units, --record."""
import json
import subprocess
import sys

import pytest

from conftest import DEMO_SAMPLE, ROOT
from model import project, review_file
from review_cases import mixed_folder


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "review", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    return root, mixed_folder(root)


@pytest.fixture
def clean_folder(tmp_path):
    """Two balanced 2025 reports without errors: the demo as .gknb and, under another organ, as .docx."""
    from export.word import write_docx

    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    demo = project.load(DEMO_SAMPLE)
    project.save(demo, root / "示例局.gknb")
    demo.meta.organ = "示例市乙局"
    write_docx(demo, root / "sub" / "乙局.docx")
    return root


def test_mixed_folder_json_lists_every_file_and_the_missing(mixed, tmp_path):
    root, expected = mixed
    units = tmp_path / "应报.txt"
    units.write_text("单位名称\n某县甲局\n某县乙局\n某县丙局\n某县庚局\n", "utf-8")
    p = run(root, "--year", 2025, "--units", units, "--json")
    assert p.returncode == 1, p.stderr
    out = json.loads(p.stdout)
    assert out["year"] == 2025 and out["format"] == "2021" and out["missing"] == ["某县庚局"]
    assert len(out["units"]) == len(expected)
    for u in out["units"]:
        assert {"unit", "file", "format", "year", "errors", "warnings", "findings", "status"} <= set(u)
        name = str(__import__("pathlib").Path(u["file"]).relative_to(root)).replace("\\", "/")
        assert u["set_aside"] == expected[name]
        assert u["errors"] == sum(f["level"] == "error" for f in u["findings"])
        assert u["status"] == "pending"
    counted = [u for u in out["units"] if u["counted"]]
    cells = out["totals"]["cells"]
    assert cells["t3.new.total"] == sum(u["figures"]["新收"] for u in counted)


def test_text_output_has_a_line_per_file_and_the_totals(mixed):
    root, expected = mixed
    p = run(root)
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert sum(line.startswith("[待审]") for line in lines) == sum(r is None for r in expected.values())
    assert sum(line.startswith("[未计入]") for line in lines) == sum(r is not None for r in expected.values())
    assert any(line.startswith("汇总（4 个单位）：新收 ") for line in lines)


def test_every_expected_unit_without_errors_exits_0(clean_folder, tmp_path):
    units = tmp_path / "u.txt"
    units.write_text("示例市示例局\n乙局\n", "utf-8")
    p = run(clean_folder, "--units", units)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "应报单位 2 个，均已报送。" in p.stdout and "请确认" in p.stdout  # 乙局 ~ 示例市乙局
    units.write_text("示例市示例局\n乙局\n丙局\n", "utf-8")
    p = run(clean_folder, "--units", units)
    assert p.returncode == 1 and "缺报（1 个）：丙局" in p.stdout


def test_nothing_readable_exits_2(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"nope")
    assert run(tmp_path).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    p = run(empty, "--json")
    assert p.returncode == 2 and json.loads(p.stdout)["units"] == []
    p = run(tmp_path / "none")
    assert p.returncode == 2 and "找不到" in p.stderr


def test_sum_is_written_as_a_project_and_never_over_another(clean_folder, tmp_path):
    out = tmp_path / "汇总.gknb"
    p = run(clean_folder, "--sum", out, "--organ", "示例市")
    assert p.returncode == 0, p.stderr
    total, demo = project.load(out), project.load(DEMO_SAMPLE)
    assert total.meta.organ == "示例市" and total.meta.year == demo.meta.year
    for cid in demo.format.input_ids:
        v = demo.cells[cid]
        assert total.cells[cid] == (None if v is None else 2 * v), cid
    p = run(clean_folder, "--sum", out)
    assert p.returncode == 2 and "已存在" in p.stderr


def test_record_keeps_decisions_and_a_changed_file_is_pending_again(clean_folder, tmp_path):
    record = tmp_path / "r.gknbreview"
    assert run(clean_folder, "--record", record).returncode == 0
    saved = review_file.load(record)
    assert len(saved.records) == 2
    data = json.loads(record.read_text("utf-8"))
    for u in data["units"]:
        u["status"], u["opinion"] = "passed", "好"
    record.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    changed = project.load(clean_folder / "示例局.gknb")
    changed.set("t3.new.natural", (changed.cells["t3.new.natural"] or 0) + 1)
    project.save(changed, clean_folder / "示例局.gknb")
    out = json.loads(run(clean_folder, "--record", record, "--json").stdout)
    by_name = {u["unit"]: u for u in out["units"]}
    assert (by_name["示例市乙局"]["status"], by_name["示例市乙局"]["resubmitted"]) == ("passed", False)
    assert (by_name["示例市示例局"]["status"], by_name["示例市示例局"]["resubmitted"]) == ("pending", True)
    assert by_name["示例市示例局"]["opinion"] == "好"


def test_bad_unit_list_and_year_are_refused(clean_folder, tmp_path):
    bad = tmp_path / "list.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    p = run(clean_folder, "--units", bad)
    assert p.returncode == 2 and "Excel" in p.stderr
    assert run(clean_folder, "--year", 25).returncode == 2
