"""UI state remembered between runs (QSettings): window geometry, recent files, last folders. Never the report."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings

MAX_RECENT = 8
# The window's preferred client size on a large screen, and the least that still shows the step list, a
# page and 上一步 / 下一步 (1366x768 at 125 % is 1093x614 logical pixels, a taskbar and a title bar less).
PREFERRED = (1600, 1000)
MINIMUM = (760, 500)


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


def fit_geometry(available: QRect, frame: tuple[int, int, int, int], wanted: QRect | None = None) -> QRect:
    """The window's client rectangle inside a screen's available geometry (taskbar excluded).

    `frame` is the window frame's (left, top, right, bottom) thickness, so that the title bar stays on the
    screen too; `wanted` is a remembered rectangle, kept where it fits and otherwise shrunk and moved in.
    Without one the window takes the preferred size, or the whole available area on a small screen."""
    fl, ft, fr, fb = frame
    room_w = max(1, available.width() - fl - fr)
    room_h = max(1, available.height() - ft - fb)
    if wanted is None or wanted.isEmpty():
        w, h = min(PREFERRED[0], room_w), min(PREFERRED[1], room_h)
        if w >= 0.85 * room_w and h >= 0.85 * room_h:  # nearly all of it: take all of it
            w, h = room_w, room_h
        x = available.x() + fl + (room_w - w) // 2
        y = available.y() + ft + (room_h - h) // 2
        return QRect(x, y, w, h)
    w, h = min(wanted.width(), room_w), min(wanted.height(), room_h)
    x = min(max(wanted.x(), available.x() + fl), available.x() + fl + room_w - w)
    y = min(max(wanted.y(), available.y() + ft), available.y() + ft + room_h - h)
    return QRect(x, y, w, h)
