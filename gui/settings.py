"""UI state remembered between runs (QSettings): window geometry, recent files, last folders. Never the report."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class UiSettings:
    """A thin typed wrapper; `path` gives tests their own ini file."""

    def __init__(self, path: str | Path | None = None):
        self.qs = QSettings(str(path), QSettings.IniFormat) if path else QSettings("gknb", "gknb")

    def geometry(self) -> QByteArray | None:
        v = self.qs.value("window/geometry")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self.qs.setValue("window/geometry", data)

    def recent(self) -> list[str]:
        v = self.qs.value("recent/files", [])
        items = [v] if isinstance(v, str) else list(v or [])
        return [p for p in items if p and Path(p).exists()][:MAX_RECENT]

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        items = [x for x in self.recent() if x != p]
        self.qs.setValue("recent/files", [p] + items[: MAX_RECENT - 1])

    def folder(self, what: str, fallback: str | None = None) -> str:
        """The last folder used for `what` ("project" or "export"), or `fallback`, or the home folder."""
        v = self.qs.value(f"folders/{what}", "")
        return v if v and Path(v).is_dir() else fallback or str(Path.home())

    def set_folder(self, what: str, path: str | Path) -> None:
        self.qs.setValue(f"folders/{what}", str(Path(path).parent))

    def sync(self) -> None:
        self.qs.sync()
