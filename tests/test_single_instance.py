"""One window per user: a second start with a project file hands it to the running window (two processes)."""
import os
import subprocess
import sys
import time
import uuid

import pytest

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE


@pytest.fixture
def instance_name(monkeypatch):
    name = f"gknb-test-{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("GKNB_INSTANCE_NAME", name)
    return name


def _second_start(path, name) -> subprocess.Popen:
    """`python3 main.py FILE` as the clerk's double-click runs it, in a process of its own."""
    env = dict(os.environ, GKNB_INSTANCE_NAME=name, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(path)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_second_start_hands_its_file_to_the_running_window(qtbot, win, instance_name, tmp_path):
    from gui import single_instance

    win.instance_server = single_instance.listen(win)
    assert win.instance_server is not None
    project = tmp_path / "第二个 年报.gknb"
    project.write_bytes(DEMO_SAMPLE.read_bytes())
    t0 = time.monotonic()
    proc = _second_start(project, instance_name)
    qtbot.waitUntil(lambda: win.doc is not None and win.doc.path is not None, timeout=30_000)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)  # the test's event loop must answer it
    assert proc.returncode == 0, proc.stderr.read().decode()
    assert os.path.samefile(win.doc.path, project)
    assert time.monotonic() - t0 < 30


def test_the_same_file_again_only_brings_the_window_forward(qtbot, win, instance_name, tmp_path):
    from gui import single_instance

    win.instance_server = single_instance.listen(win)
    project = tmp_path / "a.gknb"
    project.write_bytes(SEED_SAMPLE.read_bytes())
    win.open_file(str(project))
    doc = win.doc
    proc = _second_start(project, instance_name)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    assert proc.returncode == 0, proc.stderr.read().decode()
    qtbot.wait(100)
    assert win.doc is doc  # not reopened: the clerk's place and undo history stay


def test_without_a_running_window_the_hand_over_fails_at_once(qapp, instance_name, tmp_path):
    from gui import single_instance

    t0 = time.monotonic()
    assert not single_instance.marker().exists()
    assert single_instance.hand_over(str(tmp_path / "x.gknb")) is False
    single_instance.marker().write_text("1")  # a crashed window's marker: one failed connection, no more
    try:
        assert single_instance.hand_over(str(tmp_path / "x.gknb")) is False
    finally:
        single_instance.marker().unlink()
    assert time.monotonic() - t0 < 1.0


def test_the_marker_lives_as_long_as_the_server(qtbot, win, instance_name):
    from gui import single_instance

    server = single_instance.listen(win)
    assert single_instance.marker().read_text().split()[0] == str(os.getpid())
    server.close()
    server.deleteLater()
    qtbot.waitUntil(lambda: not single_instance.marker().exists(), timeout=2000)


def test_a_second_window_does_not_steal_the_first_ones_socket(qtbot, win, instance_name, tmp_path):
    from gui import single_instance
    from gui_helpers import make_window

    first = single_instance.listen(win)
    other = make_window(qtbot, tmp_path / "other")
    assert first is not None and single_instance.listen(other) is None
