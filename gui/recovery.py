"""Autosave to a recovery file every short while, and finding what a crashed session left behind.

Each running window owns one recovery file, guarded by a QLockFile: a recovery file whose lock can be
taken belongs to a session that is gone (crashed, killed, power cut), so it is offered for restoring.
A clean close or a save deletes the window's own recovery file.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

if TYPE_CHECKING:  # the window is built before any report: model.project loads with the first autosave
    from .document import ReportDocument

INTERVAL_MS = 60_000
KEEP_DAYS = 30  # an older recovery file is offered once more, then removed


def default_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation) or str(Path.home() / ".gknb")
    return Path(base) / "recovery"


class Orphan(NamedTuple):  # a NamedTuple, cheaper to define than a dataclass: this loads at start-up
    """A recovery file left by a session that ended without closing properly."""

    data: Path
    original: str | None  # the project file it was editing, if it had one
    saved_at: str

    def discard(self) -> None:
        for p in (self.data, self.data.with_suffix(".json"), self.data.with_suffix(".lock")):
            p.unlink(missing_ok=True)

    def size(self) -> int:
        try:
            return self.data.stat().st_size
        except OSError:
            return 0

    def age_days(self) -> float:
        """Days since it was last autosaved (the file's own time: the .json beside it may be missing)."""
        import time

        try:
            return (time.time() - self.data.stat().st_mtime) / 86400
        except OSError:
            return 0.0

    def is_old(self) -> bool:
        return self.age_days() > KEEP_DAYS


class Autosaver(QObject):
    """Writes the document to this session's recovery file when it has unsaved changes."""

    problem = Signal(str)  # an autosave that cannot be done for a reason the clerk must know (too large)

    def __init__(self, folder: Path | None = None, interval_ms: int = INTERVAL_MS, parent=None):
        super().__init__(parent)
        self.folder = Path(folder) if folder else default_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"session-{os.urandom(6).hex()}"  # random like uuid4, without loading uuid (and platform)
        self.data = self.folder / f"{name}.gknb"
        self.lock = QLockFile(str(self.folder / f"{name}.lock"))
        self.lock.setStaleLockTime(0)
        self.lock.tryLock(0)
        self.doc: ReportDocument | None = None
        self._saved_revision = -1
        self._too_large: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()

    def watch(self, doc: ReportDocument | None) -> None:
        self.doc = doc
        self._saved_revision = -1
        self.discard()

    def autosave(self) -> bool:
        """Write the recovery file if there is something unsaved and new; True when written."""
        doc = self.doc
        if doc is None or doc.undo_stack.isClean() or doc.revision == self._saved_revision:
            return False
        from model import project
        from model.atomic import replace_file

        data = project.dumps(doc.report).encode("utf-8")
        if len(data) > project.MAX_BYTES:  # could not be opened again: say so (once), instead of a useless file
            if self._too_large is None:
                self._too_large = project.size_message(doc.report, len(data))
                self.problem.emit("自动保存已暂停：" + self._too_large)
            return False
        self._too_large = None
        meta = {"original": str(doc.path) if doc.path else None, "saved_at": _now(), "title": doc.report.title}
        try:  # the one atomic writer: a crash during an autosave leaves the previous autosave whole
            replace_file(self.data, lambda f: f.write(data))
            replace_file(self.data.with_suffix(".json"), lambda f: f.write(json.dumps(meta, ensure_ascii=False)
                                                                            .encode("utf-8")))
        except OSError:
            return False  # autosave is a safety net: never trouble the clerk while typing
        self._saved_revision = doc.revision
        return True

    def discard(self) -> None:
        for p in (self.data, self.data.with_suffix(".json")):
            p.unlink(missing_ok=True)

    def close(self) -> None:
        """A clean end: nothing to recover."""
        self.timer.stop()
        self.discard()
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)


def orphans(folder: Path | None = None) -> list[Orphan]:
    """Recovery files whose session is no longer running."""
    folder = Path(folder) if folder else default_folder()
    out = []
    if not folder.is_dir():
        return out
    for lock_path in folder.glob("session-*.lock"):
        # A dead session with nothing unsaved leaves only its lock: tidy it away.
        if not lock_path.with_suffix(".gknb").exists():
            lock = QLockFile(str(lock_path))
            if lock.tryLock(0):
                lock.unlock()
                lock_path.unlink(missing_ok=True)
    for data in sorted(folder.glob("session-*.gknb")):
        lock = QLockFile(str(data.with_suffix(".lock")))
        if not lock.tryLock(0):
            continue  # another window is still running and owns it
        lock.unlock()
        meta = {}
        try:
            meta = json.loads(data.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        out.append(Orphan(data, meta.get("original"), meta.get("saved_at", "")))
    return out


def _now() -> str:
    import datetime as dt

    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")
