"""What every reader refuses, and how: the one error type, the time limit, and the bounded file read.

Only regular files are read (model.files: a FIFO, a device, a symlink to /dev/zero are refused in
milliseconds, without blocking), never more than the size limit, and all the work of one import runs
under one deadline.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from model.files import FileRefused, open_regular
from model.os_errors import read_error_message

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


@contextmanager
def open_file(path: Path, limit: int, what: str):
    """A regular file opened for reading (model.files: FIFOs, devices, symlinks to them refused without
    blocking), refused with the reader's own advice when it is larger than `limit`."""
    try:
        with open_regular(path, sys.maxsize, what) as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise too_large(path, size, limit, what)
            yield f
    except FileRefused as e:
        raise ReadError(str(e)) from None
    except OSError as e:
        raise ReadError(read_error_message(e, path, what)) from None


def too_large(path: Path, size: int, limit: int, what: str) -> ReadError:
    return ReadError(f"「{path.name}」有 {size // 1024 // 1024} MB，超过了可导入的大小（{limit // 1024 // 1024} MB）。"
                     f"年报的{what}通常只有几百 KB；如果其中有很多图片，请删去图片后另存再导入。")


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The whole content of a regular file of at most `limit` bytes (read at most limit + 1, whatever stat said)."""
    with open_file(path, limit, what) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise too_large(path, len(data), limit, what)
    return data


def read_head(path: Path, n: int, what: str) -> bytes:
    """The first n bytes of a regular file."""
    with open_file(path, sys.maxsize, what) as f:
        return f.read(n)
