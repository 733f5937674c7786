"""One file, one editor: a lock file beside a project saying who has it open, and the project's disk state.

The lock of `D/NAME.gknb` is `D/~$NAME.gknb.lock`: the `~$` prefix is Word's and WPS's own convention for
"someone has this open" (clerks have seen `~$报告.docx` on shared folders), it is legal on every file
system and SMB share, and OneDrive and Dropbox do not sync `~$` files. On Windows it is hidden, as Word's is.
It holds one JSON object: {"app", "user", "host", "pid", "token", "since", "seen"} (times in ISO 8601 with
the UTC offset; `seen` is refreshed while the window stays open, so a lock from another PC can age).

Stale (a crash left it, the clerk may take it over): on this computer, when its process is gone (or the
computer restarted since it was written); on another computer, when it has not been refreshed for
STALE_AFTER. An unreadable lock file counts as held (someone may be writing it this instant) until its
modification time is STALE_AFTER old.

No Qt here: the GUI (gui/file_actions.py) drives it.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import socket
from pathlib import Path
from typing import NamedTuple

PREFIX, SUFFIX = "~$", ".lock"
REFRESH_SECONDS = 10 * 60  # how often an open window rewrites `seen`
STALE_AFTER = dt.timedelta(hours=1)  # another PC's lock not refreshed for this long is taken to be dead
MAX_LOCK_BYTES = 4096


class Holder(NamedTuple):
    """Who holds a lock, as read from its file."""

    user: str
    host: str
    pid: int
    token: str
    since: dt.datetime
    seen: dt.datetime

    def describe(self) -> str:
        """"张三（电脑 PC-01）自 2026-12-01 09:30 起", for the clerk."""
        who = self.user or "另一位用户"
        where = f"（电脑 {self.host}）" if self.host else ""
        return f"{who}{where}自 {_show(self.since)} 起"


class DiskState(NamedTuple):
    """What a project file on disk was when we loaded or saved it: a later difference means someone else wrote."""

    size: int
    mtime_ns: int
    sha256: str


def lock_path(project: str | os.PathLike) -> Path:
    project = Path(project)
    name = f"{PREFIX}{project.name}{SUFFIX}"
    if len(name.encode("utf-8")) > 240:  # a name near the 255-byte limit: keep the lock name legal
        name = f"{PREFIX}{hashlib.sha1(project.name.encode('utf-8')).hexdigest()[:16]}.gknb{SUFFIX}"
    return project.with_name(name)


def this_host() -> str:
    return socket.gethostname()


def this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service, a container)
        return ""


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _show(t: dt.datetime) -> str:
    return t.astimezone().strftime("%Y-%m-%d %H:%M")


class Lock:
    """This window's claim on one project file."""

    def __init__(self, project: str | os.PathLike):
        self.project = Path(project)
        self.path = lock_path(self.project)
        self.token = os.urandom(8).hex()  # tells apart two windows of one process (same pid)
        self.held = False

    def _content(self, since: dt.datetime) -> bytes:
        now = _now()
        data = {"app": "gknb 公开年报助手", "user": this_user(), "host": this_host(), "pid": os.getpid(),
                "token": self.token, "since": since.isoformat(timespec="seconds"),
                "seen": now.isoformat(timespec="seconds")}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    def acquire(self) -> Holder | None:
        """Take the lock if nobody holds it: None when it is ours now, else who holds it (stale or not).

        OSError when the lock file can be neither created nor read (a read-only folder, say)."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            holder = read_holder(self.path)
            if holder is not None and holder.token == self.token:
                self.held = True
                return None
            return holder or _unknown_holder(self.path)
        try:
            os.write(fd, self._content(_now()))  # one write: a reader sees the whole content or nothing
            os.fsync(fd)
        finally:
            os.close(fd)
        _hide(self.path)
        self.held = True
        return None

    def take_over(self) -> None:
        """Replace whatever lock is there with ours (the clerk chose 接管 for a stale lock)."""
        self._write(_now())
        self.held = True

    def refresh(self) -> bool:
        """Rewrite `seen` while the window stays open; False (and no longer held) if someone took it over."""
        if not self.held:
            return False
        holder = read_holder(self.path)
        if holder is None:
            if self.path.exists():
                return True  # being rewritten this instant, or damaged: leave it, look again next time
            self.held = self._try_write(_now())  # deleted under us: claim it again
            return self.held
        if holder.token != self.token:
            self.held = False
            return False
        return self._try_write(holder.since)

    def is_ours(self) -> bool:
        """Still ours on disk (nobody took it over, nobody deleted it)."""
        holder = read_holder(self.path)
        return self.held and holder is not None and holder.token == self.token

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if not self.held:
            return
        self.held = False
        holder = read_holder(self.path)
        if holder is not None and holder.token == self.token:
            try:
                os.remove(self.path)
            except OSError:
                pass  # a read-only share or a file in use: the next open finds it stale

    def _try_write(self, since: dt.datetime) -> bool:
        try:
            self._write(since)
            return True
        except OSError:
            return False

    def _write(self, since: dt.datetime) -> None:
        tmp = self.path.with_name(f"{self.path.name}.{self.token}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(self._content(since))
                f.flush()
                os.fsync(f.fileno())
            _unhide(self.path)  # Windows refuses to replace a hidden file
            os.replace(tmp, self.path)
        finally:
            if tmp.exists():
                try:
                    os.remove(tmp)
                except OSError:
                    pass
        _hide(self.path)


def read_holder(path: str | os.PathLike) -> Holder | None:
    """The holder written in a lock file; None when there is no such file or it cannot be understood."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_LOCK_BYTES + 1)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_LOCK_BYTES else None
        since = _time(data["since"])
        return Holder(str(data.get("user", ""))[:64], str(data.get("host", ""))[:64], int(data.get("pid", 0)),
                      str(data.get("token", "")), since, _time(data.get("seen") or data["since"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _time(s) -> dt.datetime:
    t = dt.datetime.fromisoformat(str(s))
    return t if t.tzinfo else t.astimezone()


def _unknown_holder(path: Path) -> Holder:
    """A lock file we cannot read (being written, damaged, or not ours): held, aged by its modification time."""
    try:
        t = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        t = _now()
    return Holder("", "", 0, "", t, t)


def is_stale(holder: Holder, now: dt.datetime | None = None) -> bool:
    """A lock its holder can no longer be using (see the module's docstring)."""
    now = now or _now()
    if holder.host and holder.host.lower() == this_host().lower():
        if holder.pid == os.getpid():
            return False  # another window of this very program
        booted = boot_time()
        if booted is not None and holder.seen < booted:
            return True  # written before this computer last started: its pid may now be another program's
        return not pid_alive(holder.pid)
    return now - holder.seen > STALE_AFTER


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _win_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return False
    return True


def _win_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def boot_time() -> dt.datetime | None:
    """When this computer last started, where cheaply known."""
    try:
        if os.name == "nt":
            import ctypes

            ms = ctypes.windll.kernel32.GetTickCount64
            ms.restype = ctypes.c_ulonglong
            return _now() - dt.timedelta(milliseconds=ms())
        with open("/proc/stat", encoding="ascii") as f:
            for line in f:
                if line.startswith("btime "):
                    return dt.datetime.fromtimestamp(int(line.split()[1])).astimezone()
    except (OSError, ValueError, AttributeError):
        pass
    return None


def _set_hidden(path: Path, hidden: bool) -> None:
    if os.name != "nt":
        return
    try:
        import ctypes

        set_attrs = ctypes.windll.kernel32.SetFileAttributesW
        set_attrs(str(path), 0x2 if hidden else 0x80)  # FILE_ATTRIBUTE_HIDDEN / NORMAL
    except (OSError, AttributeError):
        pass


def _hide(path: Path) -> None:
    _set_hidden(path, True)


def _unhide(path: Path) -> None:
    if path.exists():
        _set_hidden(path, False)


def disk_state(path: str | os.PathLike, limit: int = 64 * 1024 * 1024) -> DiskState | None:
    """Size, modification time and SHA-256 of a regular file; None when it is missing or not a regular file."""
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return DiskState(st.st_size, st.st_mtime_ns, h.hexdigest())
    except OSError:
        return None


def changed_since(path: str | os.PathLike, known: DiskState | None) -> bool:
    """True when the file on disk is not what we last loaded or saved (other content, or gone and back)."""
    if known is None:
        return False
    try:
        st = os.stat(path)
        if (st.st_size, st.st_mtime_ns) == (known.size, known.mtime_ns):
            return False  # the common case, without reading the file again
    except OSError:
        return False  # deleted or moved away: saving overwrites nothing of anyone's
    now = disk_state(path)
    if now is None:
        return False  # deleted or moved away: saving overwrites nothing of anyone's
    return now.sha256 != known.sha256
