"""What every reader refuses, and how: the one error type, the time limit, and the bounded file read.

Only regular files are read (a FIFO, a device, a symlink to /dev/zero are refused before opening, in
milliseconds), never more than the size limit, and all the work of one import runs under one deadline.
"""
from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from model.project import read_error_message

TIME_LIMIT = 10  # seconds for one whole import: a real report takes a few tenths


class ReadError(Exception):
    """A file that cannot be read as a published report; str() is the clerk's message."""


class Deadline:
    """The time one import may take; `check()` raises ReadError once it has passed."""

    def __init__(self, seconds: float = TIME_LIMIT):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise ReadError(f"文件内容过于复杂，无法在 {self.seconds:g} 秒内读完，不像是政府信息公开年报。"
                            "请确认选择的是年报文件（Word 文档或网页）。")


def regular_size(path: Path, what: str) -> int:
    """The size of a regular file; ReadError (a clerk's message) for anything else."""
    try:
        st = os.stat(path)  # follows symlinks: a link to /dev/zero is judged by what it points to
    except OSError as e:
        raise ReadError(read_error_message(e, path, what)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(read_error_message(IsADirectoryError(21, "Is a directory", str(path)), path, what))
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(f"「{path.name}」不是普通文件（可能是设备或管道），不能作为{what}读取。请选择保存在磁盘上的年报文件。")
    return st.st_size


def too_large(path: Path, size: int, limit: int, what: str) -> ReadError:
    return ReadError(f"「{path.name}」有 {size // 1024 // 1024} MB，超过了可导入的大小（{limit // 1024 // 1024} MB）。"
                     f"年报的{what}通常只有几百 KB；如果其中有很多图片，请删去图片后另存再导入。")


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The whole content of a regular file of at most `limit` bytes (read at most limit + 1, whatever stat said)."""
    size = regular_size(path, what)
    if size > limit:
        raise too_large(path, size, limit, what)
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise ReadError(read_error_message(e, path, what)) from None
    if len(data) > limit:
        raise too_large(path, len(data), limit, what)
    return data


def read_head(path: Path, n: int, what: str) -> bytes:
    """The first n bytes of a regular file."""
    regular_size(path, what)
    try:
        with open(path, "rb") as f:
            return f.read(n)
    except OSError as e:
        raise ReadError(read_error_message(e, path, what)) from None
