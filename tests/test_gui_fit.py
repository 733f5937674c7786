"""The window fits the screen: placement from the available geometry, remembered geometry clamped, and a real
window (with its 上一步 / 下一步 buttons) inside emulated screens of the sizes offices have."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QRect

from conftest import ROOT, SEED_SAMPLE
from gui.settings import MINIMUM, PREFERRED, fit_geometry

FRAME = (8, 31, 8, 8)


def _frame_of(client: QRect) -> QRect:
    return client.adjusted(-FRAME[0], -FRAME[1], FRAME[2], FRAME[3])


@pytest.mark.parametrize("avail", [QRect(0, 0, 1024, 728), QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 680),
                                   QRect(0, 0, 1093, 574), QRect(0, 0, 1920, 1040), QRect(1920, 0, 1280, 984),
                                   QRect(0, 40, 1366, 728)])
def test_new_window_lies_inside_the_available_area(avail):
    r = fit_geometry(avail, FRAME)
    assert avail.contains(_frame_of(r))
    whole = _frame_of(r).width() == avail.width() and _frame_of(r).height() == avail.height()
    assert whole or (r.width() <= PREFERRED[0] and r.height() <= PREFERRED[1])
    if avail.width() <= 1366:  # a small screen: the whole of it
        assert whole


@pytest.mark.parametrize("wanted", [QRect(100, 80, 1800, 1000), QRect(2500, 900, 1366, 768),
                                    QRect(-400, -300, 900, 600), QRect(200, 100, 800, 500)])
def test_remembered_geometry_is_clamped_to_the_screen(wanted):
    avail = QRect(0, 0, 1366, 728)
    r = fit_geometry(avail, FRAME, wanted)
    assert avail.contains(_frame_of(r))
    assert r.width() == min(wanted.width(), 1366 - 16) and r.height() == min(wanted.height(), 728 - 39)
    if avail.contains(_frame_of(wanted)):
        assert r == wanted  # what fits stays where the clerk put it


PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from gui.app import make_app
from gui.main_window import MainWindow
from gui.settings import UiSettings
app = make_app()
win = MainWindow(UiSettings(sys.argv[2] + "/ui.ini"), recovery_folder=sys.argv[2] + "/rec")
win.show()
win.open_file(sys.argv[3], as_copy=True)
for _ in range(5):
    app.processEvents()
def box(w):
    tl = w.mapToGlobal(w.rect().topLeft())
    return [tl.x(), tl.y(), w.width(), w.height()]
a = win.screen().availableGeometry()
out = {"avail": [a.x(), a.y(), a.width(), a.height()], "frame": list(win.frameGeometry().getRect()),
       "prev": box(win.prev_btn), "next": box(win.next_btn), "steps": box(win.step_list),
       "visible": win.next_btn.isVisible() and win.prev_btn.isVisible()}
win.doc.undo_stack.setClean()
print(json.dumps(out))
"""


def screen_config(tmp_path, width: int, height: int) -> str:
    """QT_QPA_PLATFORM for an offscreen screen of this size (Qt's offscreen plugin reads a JSON config)."""
    cfg = tmp_path / f"screen-{width}x{height}.json"
    cfg.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": width, "height": height,
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={cfg}"


@pytest.mark.parametrize("width,height,scale,logical", [(1024, 768, "1", (1024, 768)),
                                                        (1366, 768, "1", (1366, 768)),
                                                        (1920, 1080, "1", (1920, 1080)),
                                                        (1920, 1080, "1.5", (1280, 720))])
def test_window_and_its_buttons_lie_inside_the_screen(tmp_path, width, height, scale, logical):
    env = dict(os.environ, QT_QPA_PLATFORM=screen_config(tmp_path, width, height), QT_SCALE_FACTOR=scale)
    run = subprocess.run([sys.executable, "-c", PROBE, str(ROOT), str(tmp_path), str(SEED_SAMPLE)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout.strip().splitlines()[-1])
    avail = QRect(*got["avail"])
    assert (avail.width(), avail.height()) == logical
    assert avail.contains(QRect(*got["frame"])), got
    assert got["visible"]
    for name in ("prev", "next", "steps"):
        assert avail.contains(QRect(*got[name])), (name, got)
    assert got["frame"][2] >= min(MINIMUM[0], logical[0] - 2)


def test_a_remembered_window_from_a_bigger_screen_comes_back_inside(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.settings import UiSettings

    avail = QApplication.primaryScreen().availableGeometry()
    settings = UiSettings(tmp_path / "ui.ini")
    big = MainWindow(settings, recovery_folder=tmp_path / "rec")
    qtbot.addWidget(big)
    big.setMinimumSize(0, 0)
    big.setGeometry(avail.width() + 600, avail.height() + 300, avail.width() + 900, avail.height() + 500)
    settings.set_geometry(big.saveGeometry())  # as closing it on the other monitor would
    settings.sync()
    win = MainWindow(UiSettings(tmp_path / "ui.ini"), recovery_folder=tmp_path / "rec")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: avail.contains(win.frameGeometry()), timeout=2000)
    for b in (win.prev_btn, win.next_btn):
        tl = b.mapToGlobal(b.rect().topLeft())
        assert avail.contains(QRect(tl, b.size()))
