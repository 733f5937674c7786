"""Reading a file someone chose, safely: only regular files, never more than a limit, never blocking.

A path may be a FIFO (open would wait forever), a device such as /dev/zero or /dev/urandom (endless), or
a symlink to one; each is refused at once with a message. Shared by the project loader and, later, the
.docx/HTML readers: open_regular() for readers that seek (zip), read_regular() for those that read whole.
Also same_file(): whether two paths name one file (for outputs that must not replace inputs).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .os_errors import read_error_message, show_path

MB = 1024 * 1024


class FileRefused(Exception):
    """A file that is not read (not regular, too large, or an OS error); str() is the clerk's message."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "一个文件夹"
    if stat.S_ISFIFO(mode):
        return "一个管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "一个设备"
    if stat.S_ISSOCK(mode):
        return "一个套接字"
    return "一个特殊文件"


def size_text(n: int) -> str:
    """A size for a message: 18.4 MB, 350 KB, 12 字节."""
    if n >= MB:
        return f"{n / MB:.1f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} 字节"


LONG_PATH = 248  # Windows refuses longer paths (MAX_PATH, less room for a file name) unless written as \\?\


def native_path(path: str | os.PathLike, nt: bool | None = None) -> str:
    r"""The path to give the OS. On Windows a path past MAX_PATH (deep folders with long Chinese names are
    common) works only in its extended form: \\?\C:\... or, on a network share, \\?\UNC\server\share\...
    Elsewhere, and for short paths, the path itself. `nt` forces Windows' rules (tests run them anywhere)."""
    import ntpath

    nt = os.name == "nt" if nt is None else nt
    if not nt:
        return os.fspath(path)
    full = ntpath.abspath(os.fspath(path)) if os.name == "nt" else ntpath.normpath(os.fspath(path))
    if len(full) < LONG_PATH or full.startswith("\\\\?\\"):
        return full
    if full.startswith("\\\\"):  # \\server\share\... -> \\?\UNC\server\share\...
        return "\\\\?\\UNC\\" + full[2:]
    return "\\\\?\\" + full


def open_regular(path: str | os.PathLike, limit: int, what: str) -> BinaryIO:
    """Open `path` for reading in binary if it is a regular file of at most `limit` bytes.

    `what` names the kind of file expected (年报项目文件, Word 文件) for the messages. FileRefused when
    it is a folder, FIFO, device, socket (also through a symlink), larger than `limit`, or an OS error.
    """
    path = Path(path)
    shown = show_path(path)
    try:
        native = native_path(path)
        st = os.stat(native)  # follows symlinks: a link to /dev/zero is judged by /dev/zero
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(_not_regular(shown, st.st_mode, what))
        if st.st_size > limit:
            raise FileRefused(too_large_message(path.name, st.st_size, limit, what))
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, open returns instead of waiting
        fd = os.open(native, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise FileRefused(_not_regular(shown, st.st_mode, what))
            if os.name == "posix":  # (Windows has no O_NONBLOCK, and set_blocking only for pipes)
                os.set_blocking(fd, True)
            return os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise
    except OSError as e:
        raise FileRefused(read_error_message(e, path, what)) from None


def read_regular(path: str | os.PathLike, limit: int, what: str) -> bytes:
    """The whole content of a regular file of at most `limit` bytes (see open_regular); the read itself
    is bounded too, so a file growing while it is read cannot exceed the limit."""
    path = Path(path)
    with open_regular(path, limit, what) as f:
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise FileRefused(read_error_message(e, path, what)) from None
    if len(data) > limit:
        raise FileRefused(too_large_message(path.name, len(data), limit, what))
    return data


def too_large_message(name: str, size: int, limit: int, what: str) -> str:
    return (f"「{show_path(name, 60)}」有 {size_text(size)}，超过了{what}可以打开的大小（{size_text(limit)}），"
            f"本程序不读取它。")


def _not_regular(shown: str, mode: int, what: str) -> str:
    return f"「{shown}」是{_kind(mode)}，不是{what}，本程序不读取它。请选择一个普通文件。"


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name the same file: the same path, or (when both exist) the same file through
    another path, a symlink or a hard link (same device and inode)."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
