"""Registering the .gknb file type for the current user on Windows, so that double-clicking a project opens it.

Only HKCU\\Software\\Classes is written (no administrator rights needed, nothing for other users). The keys:

    .gknb                                  (default) = gknb.project;  OpenWithProgids\\gknb.project = ""
    gknb.project                           (default) = 公开年报助手项目
    gknb.project\\DefaultIcon               (default) = "C:\\...\\gknb.exe",0
    gknb.project\\shell\\open\\command        (default) = "C:\\...\\gknb.exe" "%1"

The registry is reached through a small interface (`Registry`) so that the logic is tested on any platform
against `MemoryRegistry`; `WindowsRegistry` is the real one (winreg), used only where sys.platform is win32.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Protocol

from model import paths

EXTENSION = ".gknb"
PROG_ID = "gknb.project"
TYPE_NAME = "公开年报助手项目"
CLASSES = r"Software\Classes"


class Registry(Protocol):
    """The few registry operations needed, on keys below HKEY_CURRENT_USER."""

    def get(self, key: str, name: str = "") -> str | None: ...
    def set(self, key: str, value: str, name: str = "") -> None: ...
    def delete_tree(self, key: str) -> None: ...
    def delete_value(self, key: str, name: str) -> None: ...


def command_line() -> tuple[str, str]:
    """(program, icon) that the file type should run: the frozen exe itself, or pythonw with main.py."""
    if paths.is_frozen():  # sys.executable is the exe itself, also for a one-file build
        exe = str(Path(sys.executable).resolve())
        return f'"{exe}" "%1"', f'"{exe}",0'
    py = Path(sys.executable)
    pyw = py.with_name("pythonw.exe") if py.name.lower() == "python.exe" else py  # no console window
    return f'"{pyw}" "{paths.root() / "main.py"}" "%1"', f'"{paths.resource_path("icon.ico")}",0'


def is_registered(reg: Registry) -> bool:
    """Whether .gknb opens with this program (the same command line as now: a moved exe is not registered)."""
    command, _ = command_line()
    return (reg.get(rf"{CLASSES}\{EXTENSION}") == PROG_ID
            and reg.get(rf"{CLASSES}\{PROG_ID}\shell\open\command") == command)


def register(reg: Registry) -> None:
    command, icon = command_line()
    reg.set(rf"{CLASSES}\{PROG_ID}", TYPE_NAME)
    reg.set(rf"{CLASSES}\{PROG_ID}\DefaultIcon", icon)
    reg.set(rf"{CLASSES}\{PROG_ID}\shell\open\command", command)
    reg.set(rf"{CLASSES}\{EXTENSION}", PROG_ID)
    reg.set(rf"{CLASSES}\{EXTENSION}\OpenWithProgids", "", PROG_ID)
    _notify_shell()


def unregister(reg: Registry) -> None:
    """Remove our ProgID; leave .gknb alone if another program has taken it over since."""
    if reg.get(rf"{CLASSES}\{EXTENSION}") == PROG_ID:
        reg.delete_tree(rf"{CLASSES}\{EXTENSION}")
    else:
        reg.delete_value(rf"{CLASSES}\{EXTENSION}\OpenWithProgids", PROG_ID)
    reg.delete_tree(rf"{CLASSES}\{PROG_ID}")
    _notify_shell()


def available() -> bool:
    """The menu items exist only on Windows."""
    return sys.platform == "win32"


def _notify_shell() -> None:
    """Tell Explorer that file associations changed (SHChangeNotify), so icons update without a log-off."""
    if sys.platform != "win32" or os.environ.get("GKNB_NO_SHELL_NOTIFY"):
        return
    import ctypes

    SHCNE_ASSOCCHANGED, SHCNF_IDLIST = 0x08000000, 0
    ctypes.windll.shell32.SHChangeNotify(SHCNE_ASSOCCHANGED, SHCNF_IDLIST, None, None)


class MemoryRegistry:
    """A registry in a dict, for tests and for platforms without one."""

    def __init__(self):
        self.keys: dict[str, dict[str, str]] = {}

    def get(self, key: str, name: str = "") -> str | None:
        return self.keys.get(key.lower(), {}).get(name)

    def set(self, key: str, value: str, name: str = "") -> None:
        self.keys.setdefault(key.lower(), {})[name] = value

    def delete_tree(self, key: str) -> None:
        k = key.lower()
        for known in [x for x in self.keys if x == k or x.startswith(k + "\\")]:
            del self.keys[known]

    def delete_value(self, key: str, name: str) -> None:
        self.keys.get(key.lower(), {}).pop(name, None)


class WindowsRegistry:
    """HKEY_CURRENT_USER through winreg (Windows only)."""

    def __init__(self):
        import winreg

        self._w = winreg

    def get(self, key: str, name: str = "") -> str | None:
        w = self._w
        try:
            with w.OpenKey(w.HKEY_CURRENT_USER, key) as k:
                value, _ = w.QueryValueEx(k, name)
                return value if isinstance(value, str) else None
        except OSError:
            return None

    def set(self, key: str, value: str, name: str = "") -> None:
        w = self._w
        with w.CreateKeyEx(w.HKEY_CURRENT_USER, key, 0, w.KEY_SET_VALUE) as k:
            w.SetValueEx(k, name, 0, w.REG_SZ, value)

    def delete_tree(self, key: str) -> None:
        w = self._w
        try:
            with w.OpenKey(w.HKEY_CURRENT_USER, key, 0, w.KEY_READ) as k:
                children = []
                i = 0
                while True:
                    try:
                        children.append(w.EnumKey(k, i))
                    except OSError:
                        break
                    i += 1
            for child in children:
                self.delete_tree(rf"{key}\{child}")
            w.DeleteKey(w.HKEY_CURRENT_USER, key)
        except FileNotFoundError:
            pass

    def delete_value(self, key: str, name: str) -> None:
        w = self._w
        try:
            with w.OpenKey(w.HKEY_CURRENT_USER, key, 0, w.KEY_SET_VALUE) as k:
                w.DeleteValue(k, name)
        except FileNotFoundError:
            pass


def system_registry() -> Registry:
    return WindowsRegistry() if sys.platform == "win32" else MemoryRegistry()
