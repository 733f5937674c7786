"""The frozen builds: build them from build.spec (tools/build_exe.py), their sizes and largest files."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_exe  # noqa: E402


def build(onedir: bool, reuse: bool) -> tuple[Path, float | None]:
    """The built program (built now unless `reuse` and it exists) and the build's duration in seconds."""
    import time

    exe = build_exe.target(onedir)
    if reuse and exe.exists():
        return exe, None
    t0 = time.monotonic()
    build_exe.build(onedir)
    return exe, time.monotonic() - t0


def size(path: Path) -> int:
    """Bytes of a file, or of every file under a folder (links not followed)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def largest(folder: Path, n: int = 15) -> list[tuple[int, str]]:
    files = [(p.stat().st_size, p.relative_to(folder).as_posix()) for p in folder.rglob("*")
             if p.is_file() and not p.is_symlink()]
    return sorted(files, reverse=True)[:n]
