"""Replacing a file in one step: whatever interrupts a write, the target is the old file or the new one."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable


def replace_file(path: str | os.PathLike, write: Callable[[BinaryIO], None], *, keep_backup: bool = False) -> None:
    """Call write(stream) on a temporary file beside `path`, make it durable, then swap it in.

    With keep_backup the previous version is kept as PATH.bak. Any exception (OSError or a writer's own)
    propagates after the temporary file is removed; the target is then untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def _copy_beside(src: Path, dst: Path) -> None:
    """Copy src to dst through a temporary file, so dst too is always whole."""
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    finally:
        if os.path.exists(tmp):
            _remove_quietly(tmp)


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
