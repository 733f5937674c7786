"""The export buttons end to end: the save dialog, the writers, blanks-as-zero, opening the folder."""
from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE
from gui_helpers import make_window


@pytest.fixture
def opened(monkeypatch):
    urls = []
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


def test_export_word_and_excel_from_the_check_page(qtbot, tmp_path, dialogs, opened):
    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    page = win.steps[-1]
    win.go(len(win.steps) - 1)
    docx, xlsx = tmp_path / "out" / "年报", tmp_path / "out" / "年报.xlsx"
    docx.parent.mkdir()
    dialogs.files += [str(docx), str(xlsx)]
    dialogs.answers += [QMessageBox.Yes, QMessageBox.No]  # open the folder after the first export only
    qtbot.mouseClick(page.word_btn, Qt.LeftButton)
    written = docx.with_suffix(".docx")
    assert written.exists() and written.stat().st_size > 0
    assert [u.toLocalFile() for u in opened] == [str(docx.parent)]
    # The save dialog proposed the report's title as the file name.
    assert dialogs.shown[0][0] == "getSaveFileName" and win.doc.report.title in dialogs.shown[0][2]
    qtbot.mouseClick(page.excel_btn, Qt.LeftButton)
    assert xlsx.exists()
    # The next export starts in the folder used last.
    assert win.settings.folder("export") == str(docx.parent)
    import docx as python_docx

    text = "\n".join(p.text for p in python_docx.Document(str(written)).paragraphs)
    assert win.doc.report.meta.organ in text
    win.doc.undo_stack.setClean()


def test_blanks_as_zero_choice_reaches_the_writer(qtbot, tmp_path, dialogs, monkeypatch):
    import export.excel

    calls = []
    real = export.excel.write_xlsx
    monkeypatch.setattr(export.excel, "write_xlsx", lambda r, p, **kw: (calls.append(kw), real(r, p, **kw)))
    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    page = win.steps[-1]
    page.blanks_as_zero.setChecked(False)
    dialogs.files.append(str(tmp_path / "a.xlsx"))
    qtbot.mouseClick(page.excel_btn, Qt.LeftButton)
    assert calls == [{"blanks_as_zero": False}] and (tmp_path / "a.xlsx").exists()


def test_export_with_errors_asks_first_and_cancel_writes_nothing(qtbot, tmp_path, dialogs):
    win = make_window(qtbot, tmp_path)
    win.open_file(str(SEED_SAMPLE), as_copy=True)  # the seed has two 勾稽 errors
    dialogs.answers.append(QMessageBox.No)
    dialogs.files.append(str(tmp_path / "x.docx"))
    qtbot.mouseClick(win.steps[-1].word_btn, Qt.LeftButton)
    assert "2 个错误" in dialogs.texts("question")[0]
    assert not (tmp_path / "x.docx").exists()


def test_export_failure_is_a_message(qtbot, tmp_path, dialogs):
    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    dialogs.files.append(str(tmp_path / "no-such-folder" / "x.xlsx"))
    qtbot.mouseClick(win.steps[-1].excel_btn, Qt.LeftButton)
    assert dialogs.texts("warning"), "a failed export must say why"
    assert win.doc is not None


def test_window_start_up_loads_no_docx_or_openpyxl():
    code = ("import sys; from gui.app import make_app; app = make_app(); from gui.main_window import MainWindow;"
            "from gui.settings import UiSettings; import tempfile, pathlib; d = pathlib.Path(tempfile.mkdtemp());"
            "w = MainWindow(UiSettings(d / 'ui.ini'), d / 'rec'); w.open_file(sys.argv[1], as_copy=True);"
            "bad = [m for m in ('docx', 'openpyxl') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code, str(DEMO_SAMPLE)], cwd=ROOT, capture_output=True, text=True,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
