"""Start-up loads only what the start page needs; the rest loads right after the first paint, not on a click."""
import json
import os
import subprocess
import sys

import pytest

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE

# What an open report needs and the start page does not (gui/main_window.py: DEFERRED and warm_up).
LATER = ("model.format", "model.project", "model.checker", "model.report", "gui.pages", "gui.file_actions",
         "gui.steps.table_page", "gui.table_view", "gui.steps.findings", "gui.export_actions", "gui.import_word",
         "gui.worker", "gui.file_lock", "model.lock")

_CHILD = """
import json, sys
sys.argv = ["main.py"]
from gui import startup_probe
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication

seen = {}
report = startup_probe._FirstExpose._report

def note(self):
    # PySide6 builds its whole Qt namespace (~20 ms) the first time any Qt.* enum is touched.
    seen["shown"] = {"modules": sorted(m for m in sys.modules if m.startswith(("model", "gui"))),
                     "qt_namespace": "Qt" in QtCore.__dict__}
    report(self)

startup_probe._FirstExpose._report = note
import main
main.main([])
win = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
win.warm_up()
seen["warm"] = sorted(m for m in sys.modules if m.startswith(("model", "gui")))
seen["formats_built"] = all("cells" in vars(f) for f in sys.modules["model.formats"].all_formats().values())
print("SEEN " + json.dumps(seen))
"""


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GKNB_BENCH_EXIT_ON_SHOWN="1",
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    r = subprocess.run([sys.executable, "-c", _CHILD], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(next(x for x in r.stdout.splitlines() if x.startswith("SEEN "))[5:])


def test_the_start_page_shows_without_the_report_modules(seen):
    loaded = [m for m in LATER if m in seen["shown"]["modules"]]
    assert loaded == [], f"loaded before the window showed: {loaded}"


def test_the_start_page_shows_without_pysides_qt_namespace(seen):
    assert seen["shown"]["qt_namespace"] is False


def test_after_the_first_paint_the_rest_is_loaded_and_the_grids_built(seen):
    assert [m for m in LATER if m not in seen["warm"]] == []
    assert seen["formats_built"]


def test_sample_titles_read_from_meta_are_the_reports_titles(tmp_path):
    from model import project
    from model.peek import project_title

    for sample in (SEED_SAMPLE, DEMO_SAMPLE):
        assert project_title(sample) == project.load(sample).title
    with_bom = tmp_path / "bom.gknb"
    with_bom.write_bytes(b"\xef\xbb\xbf" + DEMO_SAMPLE.read_bytes())
    assert project_title(with_bom) == project.load(DEMO_SAMPLE).title
    for bad in (b"", b"PK\x03\x04", b'{"meta": {"organ": 1, "year": 2024}}', b'{"meta": []}'):
        (tmp_path / "bad.gknb").write_bytes(bad)
        assert project_title(tmp_path / "bad.gknb") is None
    assert project_title(tmp_path / "missing.gknb") is None


def test_format_titles_from_the_declarations_match_the_built_formats():
    from model import formats

    for year in (2019, 2020, 2021, 2025, 2100):
        assert formats.title_for_year(year) == formats.for_year(year).title
    with pytest.raises(ValueError):
        formats.title_for_year(2018)
