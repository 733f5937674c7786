"""model/lock.py without Qt: one lock per project file, who holds it, when it is stale, taking it over."""
import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from model import lock
from model.lock import Lock, disk_state, changed_since, is_stale, lock_path, read_holder


def other_pc_lock(project, host="PC-OTHER", user="李四", age=dt.timedelta(minutes=5), pid=4242):
    seen = dt.datetime.now().astimezone() - age
    data = {"app": "gknb", "user": user, "host": host, "pid": pid, "token": "t0",
            "since": (seen - dt.timedelta(hours=2)).isoformat(), "seen": seen.isoformat()}
    lock_path(project).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_the_lock_sits_beside_the_project_with_words_convention(tmp_path):
    assert lock_path(tmp_path / "年报.gknb") == tmp_path / "~$年报.gknb.lock"
    long = tmp_path / ("很" * 80 + ".gknb")  # 240 bytes of name: the lock name must stay under 255
    assert len(lock_path(long).name.encode()) < 255 and lock_path(long).name.startswith("~$")


def test_acquire_writes_who_and_when_and_release_removes_it(tmp_path):
    project = tmp_path / "a.gknb"
    a = Lock(project)
    assert a.acquire() is None and a.held
    raw = json.loads(lock_path(project).read_text(encoding="utf-8"))
    assert set(raw) == {"app", "user", "host", "pid", "token", "since", "seen"}
    h = read_holder(lock_path(project))
    assert (h.host, h.pid, h.user) == (lock.this_host(), os.getpid(), lock.this_user())
    assert abs(dt.datetime.now().astimezone() - h.since) < dt.timedelta(minutes=1)
    assert a.acquire() is None  # asking again for our own lock is fine
    a.release()
    assert not lock_path(project).exists() and not a.held


def test_a_second_claimant_in_the_same_process_sees_the_first_and_it_is_not_stale(tmp_path):
    project = tmp_path / "a.gknb"
    a, b = Lock(project), Lock(project)
    assert a.acquire() is None
    holder = b.acquire()
    assert holder is not None and holder.token == a.token and not b.held
    assert not is_stale(holder)
    b.release()  # not its lock: leaves it alone
    assert lock_path(project).exists() and a.is_ours()


def test_a_lock_of_a_dead_process_on_this_computer_is_stale_and_can_be_taken_over(tmp_path):
    project = tmp_path / "a.gknb"
    other_pc_lock(project, host=lock.this_host(), pid=dead_pid(), age=dt.timedelta(0))
    b = Lock(project)
    holder = b.acquire()
    assert holder is not None and is_stale(holder)
    b.take_over()
    assert b.is_ours() and read_holder(lock_path(project)).pid == os.getpid()


def test_a_live_process_on_this_computer_holds_it(tmp_path):
    project = tmp_path / "a.gknb"
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        other_pc_lock(project, host=lock.this_host(), pid=child.pid, age=dt.timedelta(0))
        assert not is_stale(Lock(project).acquire())
    finally:
        child.kill()
        child.wait()
    assert is_stale(read_holder(lock_path(project)))


def test_a_lock_from_before_this_computer_started_is_stale(tmp_path, monkeypatch):
    project = tmp_path / "a.gknb"
    other_pc_lock(project, host=lock.this_host(), pid=1, age=dt.timedelta(minutes=10))  # pid 1 is alive
    monkeypatch.setattr(lock, "boot_time", lambda: dt.datetime.now().astimezone())
    assert is_stale(read_holder(lock_path(project)))
    monkeypatch.setattr(lock, "boot_time", lambda: None)
    assert not is_stale(read_holder(lock_path(project)))


def test_another_pc_holds_it_until_it_has_not_been_refreshed_for_an_hour(tmp_path):
    project = tmp_path / "a.gknb"
    other_pc_lock(project, age=dt.timedelta(minutes=59))
    holder = Lock(project).acquire()
    assert (holder.host, holder.user) == ("PC-OTHER", "李四") and not is_stale(holder)
    assert "李四（电脑 PC-OTHER）自 " in holder.describe()
    other_pc_lock(project, age=lock.STALE_AFTER + dt.timedelta(minutes=1))
    assert is_stale(Lock(project).acquire())
    other_pc_lock(project, age=-dt.timedelta(minutes=3))  # its clock is ahead of ours: fresh
    assert not is_stale(Lock(project).acquire())


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe", b"[]", b'{"since": "yesterday"}', b"x" * 10000])
def test_an_unreadable_lock_file_counts_as_held_until_it_is_old(tmp_path, content):
    project = tmp_path / "a.gknb"
    lock_path(project).write_bytes(content)
    holder = Lock(project).acquire()
    assert holder is not None and not is_stale(holder)
    old = (dt.datetime.now() - lock.STALE_AFTER - dt.timedelta(minutes=5)).timestamp()
    os.utime(lock_path(project), (old, old))
    assert is_stale(Lock(project).acquire())


def test_refresh_keeps_since_and_notices_a_take_over(tmp_path):
    project = tmp_path / "a.gknb"
    a = Lock(project)
    a.acquire()
    since = read_holder(a.path).since
    assert a.refresh() and read_holder(a.path).since == since
    b = Lock(project)
    b.take_over()
    assert not a.refresh() and not a.held and not a.is_ours()
    a.release()  # no longer ours: b's lock stays
    assert b.is_ours()
    os.remove(b.path)
    assert b.refresh() and b.is_ours()  # deleted under us: claimed again
    assert [p.name for p in tmp_path.iterdir()] == [b.path.name]  # no temporary file left


def test_acquire_in_a_folder_that_cannot_be_written_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        Lock(tmp_path / "missing-folder" / "a.gknb").acquire()


def test_disk_state_tells_a_changed_file_from_a_touched_one(tmp_path):
    p = tmp_path / "a.gknb"
    p.write_bytes(b"one")
    known = disk_state(p)
    assert known.size == 3 and not changed_since(p, known)
    os.utime(p, (1, 1))
    assert not changed_since(p, known)  # same content, other time
    p.write_bytes(b"two")
    assert changed_since(p, known)
    p.unlink()
    assert not changed_since(p, known) and disk_state(p) is None
    assert disk_state(tmp_path) is None and not changed_since(p, None)
