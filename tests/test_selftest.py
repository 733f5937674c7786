"""`main.py --selftest` run as a maintainer would, unfrozen: every step passes and says what it did."""
import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gui.app") is None or importlib.util.find_spec("export.word") is None,
    reason="the self-test drives gui.app and export; it runs once they are on this branch")


@pytest.mark.slow
def test_selftest_passes_unfrozen(tmp_path):
    log = tmp_path / "selftest.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--selftest", "--log", str(log)], cwd=tmp_path,
                       env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout
    for step in ("window", "open seed sample", "checker", "export .docx", "export .xlsx", "reopen .docx",
                 "reopen .xlsx", "import the .docx back", "import it as a web page (.mht)"):
        assert f"ok   {step} (" in out, out
    assert "2 勾稽 errors" in out and "docx/openpyxl not loaded" in out
    assert "title '公开年报助手'; icon set" in out  # the start window is named from the start
    assert out.rstrip().endswith("self-test passed")
    assert log.read_text(encoding="utf-8") == out  # the log file holds the same lines (windowed exe has no stdout)
