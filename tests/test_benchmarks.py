"""benchmarks/run.py runs end to end and prints its table (figures are not asserted: they depend on the machine)."""
import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("gui.main_window") is None or importlib.util.find_spec("export.word")
                    is None, reason="the benchmark drives gui and export; it runs once they are on this branch")
def test_quick_benchmark_prints_every_row():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--no-frozen", "--runs", "1"],
                       env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    table = [line for line in r.stdout.splitlines() if line.startswith("| ")]
    for measure in ("start-up ratio program / bare wizard", "python-docx / openpyxl / lxml loaded",
                    "keystroke, GUI: setData → totals and balance line updated", "export seed → .docx + .xlsx",
                    "peak memory, program with the seed sample open"):
        row = next((line for line in table if measure in line), None)
        assert row is not None, f"no row for {measure}:\n{r.stdout}"
        assert " ms" in row or " MB" in row or "none" in row or any(c.isdigit() for c in row.split("|")[2])
