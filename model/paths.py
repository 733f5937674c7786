"""Where the program's own files are, whether run from the source tree or frozen by PyInstaller (no Qt)."""
from __future__ import annotations

import sys
from pathlib import Path

# model/paths.py -> the repository root holds resources/ when run from source.
_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def is_frozen() -> bool:
    """True inside a PyInstaller build (one-file or one-folder)."""
    return bool(getattr(sys, "frozen", False))


def root() -> Path:
    """The folder holding resources/: the bundle's data folder when frozen, else the repository root.

    One-file builds unpack to a temporary folder named by sys._MEIPASS; one-folder builds set it to the
    folder of their data files (`_internal` next to the exe). Both keep the source tree's layout.
    """
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))
    return _SOURCE_ROOT


def resource_path(*parts: str) -> Path:
    """A file or folder under resources/, e.g. resource_path("samples", "demo-2021.gknb")."""
    return root().joinpath("resources", *parts)


def samples_dir() -> Path:
    """The sample projects shipped with the program."""
    return resource_path("samples")


SEED_SAMPLE_NAME = "kaifeng-commerce-2019.gknb"
DEMO_SAMPLE_NAME = "demo-2021.gknb"


def seed_sample() -> Path:
    """The 2019 seed report (a real report, with two 勾稽 errors kept on purpose)."""
    return samples_dir() / SEED_SAMPLE_NAME


def demo_sample() -> Path:
    """The balanced 2021 demo project."""
    return samples_dir() / DEMO_SAMPLE_NAME


def icon_path() -> Path:
    """The application icon (PNG; the .ico next to it is for the Windows exe)."""
    return resource_path("icon.png")
