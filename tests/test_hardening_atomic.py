"""Saves as a good citizen: modes kept, symlinks written through, our own stale temporary files removed;
and the kill test: saves killed at random moments never leave an unloadable file or, after the next
save or start, a stray temporary file."""
from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time

import pytest

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE
from model import atomic, project

posix = pytest.mark.skipif(os.name != "posix", reason="modes, symlinks and fork are POSIX")


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def _mode(p):
    return stat.S_IMODE(os.stat(p).st_mode)


@posix
def test_the_mode_of_a_replaced_file_is_kept_and_new_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "r.docx"
        assert run("export", DEMO_SAMPLE, "--docx", out).returncode == 0
        assert _mode(out) == 0o644  # not mkstemp's 0600: a colleague on the share can read it
        out.chmod(0o664)
        assert run("export", DEMO_SAMPLE, "--docx", out).returncode == 0
        assert _mode(out) == 0o664
        p = tmp_path / "p.gknb"
        project.save(project.load(DEMO_SAMPLE), p)
        p.chmod(0o640)
        project.save(project.load(SEED_SAMPLE), p)
        assert _mode(p) == 0o640 and _mode(tmp_path / "p.gknb.bak") == 0o640
    finally:
        os.umask(old)


@posix
def test_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "shared" / "p.gknb"
    real.parent.mkdir()
    project.save(project.load(SEED_SAMPLE), real)
    link = tmp_path / "p.gknb"
    link.symlink_to(real)
    project.save(project.load(DEMO_SAMPLE), link)  # what the window's save calls
    assert link.is_symlink() and project.load(real).meta.organ == "示例市示例局"
    assert (real.parent / "p.gknb.bak").exists() and not (tmp_path / "p.gknb.bak").exists()
    doc = tmp_path / "shared" / "r.xlsx"
    doc.write_bytes(b"old")
    (tmp_path / "r.xlsx").symlink_to(doc)
    assert run("export", DEMO_SAMPLE, "--xlsx", tmp_path / "r.xlsx").returncode == 0
    assert (tmp_path / "r.xlsx").is_symlink() and doc.read_bytes()[:2] == b"PK"


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


@posix
def test_stale_temporary_files_of_ours_are_removed_at_the_next_save_or_open(tmp_path):
    out = tmp_path / "x.gknb"
    project.save(project.load(DEMO_SAMPLE), out)
    host = atomic._HOST
    dead = tmp_path / f".x.gknb.{host}-{_dead_pid()}-0badcafe.tmp"  # a killed save on this computer
    dead_bak = tmp_path / f".x.gknb.bak.{host}-{_dead_pid()}-0badcafe.tmp"
    live = tmp_path / f".x.gknb.{host}-{os.getppid()}-0badcafe.tmp"  # a save still running
    other_pc = tmp_path / ".x.gknb.12345678-1-0badcafe.tmp"  # another PC on the share, recent
    old_style = tmp_path / ".x.gknb.ab_cd12e.tmp"  # an older version's mkstemp name
    not_ours = tmp_path / ".x.gknb.notes.tmp"
    for p in (dead, dead_bak, live, other_pc, old_style, not_ours):
        p.write_bytes(b"{")
    ancient = time.time() - atomic.STALE_SECONDS - 60
    os.utime(old_style, (ancient, ancient))
    project.load(out)  # opening the file (at start) tidies too
    assert not dead.exists() and not dead_bak.exists() and not old_style.exists()
    assert live.exists() and other_pc.exists() and not_ours.exists()
    report = project.load(out)
    os.utime(other_pc, (ancient, ancient))  # once old, anyone's is an orphan
    project.save(report, out)  # the next save tidies
    assert not other_pc.exists() and live.exists() and not_ours.exists()
    assert atomic.remove_stale_temps(out) == 0  # what the window calls at start; nothing left to do


KILLS = 200


@posix
@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_saves_killed_at_random_moments(tmp_path):
    """Each round forks a child that saves in a loop (a small project, alternating two versions) and
    kills it with SIGKILL after a random few milliseconds. The file must always load as one of the two
    versions, and after the next save no temporary file is left."""
    out = tmp_path / "k.gknb"
    a, b = project.load(DEMO_SAMPLE), project.load(SEED_SAMPLE)
    project.save(a, out)
    versions = {project.dumps(a).encode(), project.dumps(b).encode()}
    rng = random.Random(9)
    strays = 0
    t0 = time.perf_counter()
    for _ in range(KILLS):
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: say it runs, then save until killed
            try:
                os.write(ready_w, b"1")
                while True:
                    project.save(b, out)
                    project.save(a, out)
            finally:
                os._exit(1)
        os.read(ready_r, 1)  # fork's own start-up time is not part of the random moment
        os.close(ready_r)
        os.close(ready_w)
        time.sleep(rng.uniform(0, 0.012))  # a save takes a few ms (three fsyncs): the kill lands anywhere in it
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        assert out.read_bytes() in versions  # never half a file
        bak = out.with_name("k.gknb.bak")
        if bak.exists():
            assert bak.read_bytes() in versions
        left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        strays += bool(left)
        if rng.random() < 0.5:
            project.load(out)  # the next start (opening the file) removes what the killed save left...
            assert not [p for p in left if p.exists()]
    project.save(a, out)  # ... and so does the next save
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    print(f"{KILLS} kills, {strays} left a temporary file")
    assert strays > KILLS // 10, f"only {strays} kills landed inside a save: the test did not test much"
    assert time.perf_counter() - t0 < 30
