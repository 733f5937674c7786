"""The one atomic writer: whatever interrupts a write, the target is the old file or the new one.

Every file the program writes (projects, exports) goes through replace_file. It behaves as a good citizen
on a shared folder: the file replaced keeps its permissions (a new file gets the umask's, not 0600), a
symlink is written through to its target (the link stays a link), and the hidden temporary files a killed
save leaves (`.NAME.<host>-<pid>-<random>.tmp`) are removed at the next save beside them, or by
remove_stale_temps() (the window calls it for the file it opens).
"""
from __future__ import annotations

import os
import re
import stat
import time
import zlib
from pathlib import Path
from typing import BinaryIO, Callable

from .files import native_path

STALE_SECONDS = 10 * 60  # a temporary file this old is an orphan whoever wrote it (a save takes a second)
_NAME_KEPT = 100  # characters of the target's name kept in a temporary file's name (255 is the limit)
_NAME_KEPT_BYTES = 180  # and at most this many UTF-8 bytes: 60 Chinese characters, room for the rest


def _kept(name: str) -> str:
    """The start of a file name used in its temporary files' names: short enough that the whole temporary
    name stays under the 255-byte limit of Linux file systems even for a long Chinese name."""
    kept = name[:_NAME_KEPT]
    while len(kept.encode("utf-8", "surrogatepass")) > _NAME_KEPT_BYTES:
        kept = kept[:-1]
    return kept


def _host_tag() -> str:
    node = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return f"{zlib.crc32(node.encode('utf-8', 'replace')):08x}"


_HOST = _host_tag()


def target_of(path: str | os.PathLike) -> Path:
    """The file a write to `path` replaces: `path` itself, or through symlinks the file they point to."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def replace_file(path: str | os.PathLike, write: Callable[[BinaryIO], None], *, keep_backup: bool = False) -> None:
    """Call write(stream) on a temporary file beside `path`, make it durable, then swap it in.

    With keep_backup the previous version is kept as PATH.bak. Any exception (OSError or a writer's own)
    propagates after the temporary file is removed; the target is then untouched.
    """
    path = Path(native_path(target_of(path)))  # Windows: deep folders past MAX_PATH in their \\?\ form
    remove_stale_temps(path)
    mode = _mode_of(path)
    fd, tmp = _create_temp(path, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        if keep_backup and path.exists():
            _copy_beside(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    finally:
        if tmp is not None:
            _remove_quietly(tmp)


def _mode_of(path: Path) -> int | None:
    """The permission bits to give the new file: those of the file replaced; None for a new file."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _create_temp(path: Path, mode: int | None) -> tuple[int, str]:
    """A new temporary file beside `path` named for remove_stale_temps; a new file's mode follows the umask
    (created 0666 like any program's file), a replaced file's mode is copied."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = path.with_name(f".{_kept(path.name)}.{_HOST}-{os.getpid()}-{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(tmp, flags, 0o600 if mode is not None else 0o666)
        except FileExistsError:
            continue
        if mode is not None and os.name == "posix":  # Windows keeps no such modes
            try:
                os.fchmod(fd, mode)
            except OSError:
                pass  # a file system without modes (a FAT stick, some shares): the default is fine
        return fd, str(tmp)
    raise FileExistsError(17, "File exists", str(path))


def _copy_beside(src: Path, dst: Path) -> None:
    """Copy src to dst through a temporary file, so dst too is always whole."""
    fd, tmp = _create_temp(dst, stat.S_IMODE(os.stat(src).st_mode))
    try:
        with open(src, "rb") as s, os.fdopen(fd, "wb") as d:
            while chunk := s.read(1 << 20):
                d.write(chunk)
        os.replace(tmp, dst)
        tmp = None
    finally:
        if tmp is not None:
            _remove_quietly(tmp)


def _pattern(name: str) -> re.Pattern:
    """Our temporary files for a target `name` (and for its .bak), new style and the older mkstemp style."""
    base = re.escape(_kept(name))
    bak = re.escape(_kept(name + ".bak"))
    return re.compile(rf"\.(?:{base}|{bak})\.(?:([0-9a-f]{{8}})-(\d+)-[0-9a-f]{{8}}|[a-z0-9_]{{8}})\.tmp")


def remove_stale_temps(path: str | os.PathLike) -> int:
    """Remove the temporary files of ours beside `path` that no running save is writing: those of a
    process on this computer that no longer runs, and any older than STALE_SECONDS. Never raises (a
    read-only folder keeps them); returns how many were removed."""
    path = target_of(path)
    pattern = _pattern(path.name)
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if not m:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            mine = m.group(1) == _HOST and m.group(2) is not None
            if old or (mine and int(m.group(2)) != os.getpid() and not _running(int(m.group(2)))):
                os.remove(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id runs on this computer (when unsure: yes, keep its file)."""
    if os.name != "posix":
        return True  # os.kill would terminate it on Windows; age alone decides there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; MoveFileEx is durable enough there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(p: str) -> None:
    try:
        os.remove(p)
    except OSError:
        pass
