"""Reading a folder of units' files in worker processes: every file once, bad files set aside with a
reason, a crashing worker survived, cancellation, and no unit's file written."""
import os
import threading
from pathlib import Path

import pytest

from model.review import FileSummary, Review
from reader.batch import EXTENSIONS, read_files, summarise, walk
from review_cases import crash_on_bomb, mixed_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("received")
    return root, mixed_folder(root)


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*")}


def test_walk_finds_every_kind_recursively_once(folder):
    root, expected = folder
    files = walk([root, root / "一组", root / "一组" / "甲局.docx"])
    assert [os.path.relpath(f, root).replace(os.sep, "/") for f in files] == sorted(expected)
    assert all(f.endswith(EXTENSIONS) for f in files)


def test_a_mixed_folder_is_read_in_parallel_and_each_file_judged(folder):
    root, expected = folder
    before = _snapshot(root)
    files = walk([root])
    review = Review(2025, [str(root)])
    seen = []
    for s in read_files(files, 2025, workers=2):
        seen.append(s.file)
        review.add(s)
    assert sorted(seen) == files  # each file exactly once
    got = {os.path.relpath(u.file, root).replace(os.sep, "/"): u.set_aside for u in review.units}
    assert got == expected
    for u in review.set_aside:
        assert u.reason and "Traceback" not in u.reason
    assert {u.name for u in review.counted} == {"某县甲局", "某县乙局", "某县丙局", "某县辛局"}
    assert _snapshot(root) == before  # no unit's file written, nothing added beside them


def test_figures_read_from_docx_equal_the_report_written(folder):
    from model import formats
    from review_cases import varied

    root, _ = folder
    s = summarise(str(root / "一组" / "乙局.docx"), 2025)
    want = varied(formats.get("2021"), "某县乙局", 2025, 2, blank_every=9)
    review = Review(2025)
    unit = review.add(s)
    assert unit.report.cells == want.cells
    assert unit.errors == 0 or any(f.rule == "勾稽" for f in unit.findings)


def test_a_file_that_kills_its_worker_is_set_aside_and_the_rest_read(folder):
    root, expected = folder
    files = walk([root])
    results = {s.file: s for s in read_files(files, 2025, workers=2, reader=crash_on_bomb)}
    assert sorted(results) == files
    bomb = results[str(root / "二组" / "炸弹.docx")]
    assert bomb.data is None and "意外退出" in bomb.problem
    readable = {f for f, s in results.items() if s.data is not None}
    assert len(readable) == sum(1 for r in expected.values() if r not in ("unreadable",))


def slow_reader(path: str, year):
    import time

    time.sleep(0.3)
    return FileSummary(path, "h")


def test_cancel_stops_soon():
    files = [f"/nowhere/{i}.docx" for i in range(40)]
    cancel = threading.Event()
    got = []
    for s in read_files(files, workers=2, cancel=cancel, reader=slow_reader):
        got.append(s)
        if len(got) == 3:
            cancel.set()
    assert 3 <= len(got) <= 3 + 4  # what was already in flight finishes, nothing more is handed out


def test_missing_and_folder_paths_give_reasons(tmp_path):
    got = {s.file: s for s in read_files([str(tmp_path / "无.docx"), str(tmp_path)], workers=1)}
    assert "找不到" in got[str(tmp_path / "无.docx")].problem
    assert got[str(tmp_path)].problem


def test_what_the_reader_could_not_place_is_a_warning(tmp_path):
    from export.word import build_document
    from model import formats
    from review_cases import varied

    doc = build_document(varied(formats.get("2021"), "某县壬局", 2025, 7))
    body = doc.element.body
    for p in list(doc.paragraphs):  # remove the heading of section 五 (the text below it stays)
        if p.text.startswith("五、"):
            body.remove(p._p)
    path = tmp_path / "壬局.docx"
    doc.save(path)
    s = summarise(str(path), 2025)
    notes = [f for f in s.findings if f["rule"] == "原文"]
    assert notes and all(f["level"] == "warning" for f in notes)
    assert any("五、存在的主要问题及改进情况" in f["message"] for f in notes)


@pytest.mark.slow
def test_the_review_benchmark_prints_its_table():
    import subprocess
    import sys

    from conftest import ROOT

    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "review.py"), "--files", "6", "--growth", "8"],
                       capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert r.returncode == 0, r.stderr
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in r.stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| measure")}
    assert rows["files"].startswith("6 .docx") and rows["ratio review / floor"].replace(".", "").isdigit()
    assert rows["8 files: peak memory, review process / one worker"].endswith("MB")


def test_a_web_page_is_read_like_a_docx(folder):
    from model import formats
    from review_cases import varied

    root, _ = folder
    unit = Review(2025).add(summarise(str(root / "二组" / "辛局网页.html"), 2025))
    want = varied(formats.get("2021"), "某县辛局", 2025, 6)
    assert unit.counted and unit.name == "某县辛局" and unit.report.cells == want.cells
