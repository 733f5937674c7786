"""A file still open in Word or WPS (Windows: sharing violation, winerror 32/33) when the window saves or exports
over it: the message says exactly that and offers 重试 and 另存为…; the old file is untouched each time.
Windows' error is simulated where the replace happens (model/atomic.py's os.replace), on any platform."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from conftest import DEMO_SAMPLE
from gui_helpers import table_step, type_cell

from model import project
from model.os_errors import is_in_use


def sharing_violation(winerror: int = 32) -> OSError:
    e = PermissionError(13, "The process cannot access the file because it is being used by another process")
    e.winerror = winerror
    return e


class HeldOpen:
    """os.replace onto `target` fails as on Windows while Word holds the file, `times` times; records what the
    target held at each refusal (the old file must still be whole)."""

    def __init__(self, monkeypatch, target, times: int = 1, winerror: int = 32):
        self.target, self.left, self.winerror, self.seen = str(target), times, winerror, []
        real = os.replace

        def replace(src, dst, *a, **k):
            if os.path.abspath(dst) == os.path.abspath(self.target) and self.left > 0:
                self.left -= 1
                self.seen.append(open(self.target, "rb").read() if os.path.exists(self.target) else None)
                raise sharing_violation(self.winerror)
            return real(src, dst, *a, **k)

        monkeypatch.setattr(os, "replace", replace)


@pytest.fixture
def opened(win, tmp_path):
    path = tmp_path / "年报.gknb"
    path.write_bytes(DEMO_SAMPLE.read_bytes())
    assert win.open_file(str(path))
    return path


def test_the_errors_are_recognised_by_winerror_and_errno():
    import errno

    assert is_in_use(sharing_violation(32)) and is_in_use(sharing_violation(33))
    assert is_in_use(OSError(errno.EBUSY, "busy")) and not is_in_use(PermissionError(13, "denied"))


def test_saving_over_a_file_open_elsewhere_offers_retry(win, qtbot, dialogs, opened, monkeypatch):
    before = opened.read_bytes()
    type_cell(qtbot, table_step(win, "t2").view, "t2.rules.issued", "41")
    held = HeldOpen(monkeypatch, opened, times=2, winerror=33)
    dialogs.answers += ["重试", "重试"]  # closed in WPS only after the second try
    qtbot.keyClick(win.current_step(), Qt.Key_S, Qt.ControlModifier)
    assert held.seen == [before, before]  # refused twice, the old file whole each time
    title, text = dialogs.shown[-1][1:]
    assert title == "文件正被其他程序使用" and "「年报.gknb」正在其他程序（如 Word、WPS）中打开" in text
    assert dialogs.options[-1] == ["重试", "另存为…", "取消"]
    assert project.load(opened).cells["t2.rules.issued"] == 41 and win.doc.undo_stack.isClean()


def test_save_as_from_the_in_use_question(win, qtbot, dialogs, opened, monkeypatch, tmp_path):
    before = opened.read_bytes()
    type_cell(qtbot, table_step(win, "t2").view, "t2.rules.issued", "42")
    HeldOpen(monkeypatch, opened, times=5)
    other = tmp_path / "年报（新）.gknb"
    dialogs.answers.append("另存为…")
    dialogs.files.append(str(other))
    assert win.save()  # 另存为… saved it under the new name
    assert opened.read_bytes() == before and project.load(other).cells["t2.rules.issued"] == 42
    assert win.doc.path == other


def test_cancel_keeps_the_edit_unsaved(win, qtbot, dialogs, opened, monkeypatch):
    before = opened.read_bytes()
    type_cell(qtbot, table_step(win, "t2").view, "t2.rules.issued", "43")
    HeldOpen(monkeypatch, opened, times=5)
    dialogs.answers.append("取消")
    assert not win.save()
    assert opened.read_bytes() == before and not win.doc.undo_stack.isClean()


def test_exporting_over_a_docx_open_in_word_offers_retry(win, qtbot, dialogs, opened, monkeypatch, tmp_path):
    from docx import Document

    target = tmp_path / "年报.docx"
    target.write_bytes(b"old report, open in Word")
    held = HeldOpen(monkeypatch, target, times=1)
    dialogs.files.append(str(target))
    dialogs.answers.append("重试")
    win.export("docx")
    assert held.seen == [b"old report, open in Word"]
    assert any(t == "文件正被其他程序使用" and "「年报.docx」" in x for _, t, x in dialogs.shown)
    assert Document(str(target)).paragraphs[0].text.startswith(win.doc.report.meta.organ)


def test_export_save_as_writes_elsewhere_and_leaves_the_open_file(win, qtbot, dialogs, opened, monkeypatch, tmp_path):
    target, other = tmp_path / "年报.xlsx", tmp_path / "年报-2.xlsx"
    target.write_bytes(b"open in WPS")
    HeldOpen(monkeypatch, target, times=5)
    dialogs.files += [str(target), str(other)]
    dialogs.answers.append("另存为…")
    win.export("xlsx")
    assert target.read_bytes() == b"open in WPS"
    from openpyxl import load_workbook

    assert load_workbook(other).sheetnames
