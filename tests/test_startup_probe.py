"""The start-up probe the benchmarks rely on, and what the program loads before its window shows."""
import os
import subprocess
import sys
import time

from conftest import ROOT


def test_window_shows_without_docx_or_openpyxl_loaded(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GKNB_BENCH_EXIT_ON_SHOWN="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    t0 = time.perf_counter_ns()
    r = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    line = next(x for x in r.stdout.splitlines() if x.startswith("GKNB_SHOWN "))
    _, shown_ns, heavy = line.split()
    assert int(shown_ns) > t0  # a time on the parent's clock, after the spawn
    assert heavy == "-", f"loaded before the window showed: {heavy}"


def test_without_the_variable_the_probe_stays_away(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from gui import startup_probe

    monkeypatch.delenv(startup_probe.ENV, raising=False)
    w = QWidget()
    qtbot.addWidget(w)
    startup_probe.install(w)
    assert w.findChild(startup_probe._FirstExpose) is None
