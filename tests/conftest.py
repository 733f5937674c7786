"""Shared test setup: Qt runs offscreen; helpers to reach the samples."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Windows started by the tests (and their subprocesses) answer only each other, never a clerk's gknb window
# open on this machine (gui/single_instance.py hands a file to the running window of the same user).
os.environ.setdefault("GKNB_INSTANCE_NAME", f"gknb-tests-{os.getpid()}")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "resources" / "samples"
SEED_SAMPLE = SAMPLES / "kaifeng-commerce-2019.gknb"
DEMO_SAMPLE = SAMPLES / "demo-2021.gknb"


def require_tool(*names: str) -> str:
    """The path of the first of these programs found (LibreOffice, poppler). Missing, the test skips on a
    developer's machine but fails in CI (CI=true), where tools/setup.sh --dev must have installed it."""
    import shutil

    import pytest

    for name in names:
        path = shutil.which(name)
        if path:
            return path
    message = f"{names[0]} is not installed; tools/setup.sh --dev installs it"
    # GKNB_OPTIONAL_TOOLS: a CI without them (the Windows workflow) skips these tests; Linux CI runs them.
    if os.environ.get("CI", "").lower() == "true" and not os.environ.get("GKNB_OPTIONAL_TOOLS"):
        pytest.fail(message)
    pytest.skip(message)


# GUI fixtures shared by the test_gui_* and test_import_gui modules; Qt is imported only when one is used.
import pytest  # noqa: E402


@pytest.fixture
def dialogs(monkeypatch):
    """Modal dialogs answered by the test instead of a clerk (see gui_helpers.Dialogs)."""
    from gui_helpers import Dialogs

    return Dialogs(monkeypatch)


@pytest.fixture
def win(qtbot, tmp_path, dialogs):
    """A main window with its own settings and recovery folder, shown and active."""
    from gui_helpers import make_window

    return make_window(qtbot, tmp_path)
