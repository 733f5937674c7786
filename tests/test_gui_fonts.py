"""The fonts the Word document asks for: which this PC lacks (QFontDatabase), said on the 检查与导出 page and
after export, and the fallback set offered and written."""
from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QMessageBox

from conftest import DEMO_SAMPLE
from gui import export_actions
from gui_helpers import make_window


def _fonts_here(monkeypatch, families):
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *a: list(families)))


def test_missing_fonts_follow_the_font_database(qapp, monkeypatch):
    from export.fonts import requested_fonts

    _fonts_here(monkeypatch, [])
    assert export_actions.missing_fonts() == requested_fonts()
    _fonts_here(monkeypatch, ["FangSong_GB2312", "黑体", "KaiTi_GB2312", "SimSun", "Times New Roman"])
    assert export_actions.missing_fonts() == ["方正小标宋简体"]
    _fonts_here(monkeypatch, requested_fonts())
    assert export_actions.missing_fonts() == []
    assert export_actions.fonts_note() == ("", False, False)
    _fonts_here(monkeypatch, [])  # not even the fallback set (a Linux PC without Windows fonts)
    text, offer, propose = export_actions.fonts_note()
    assert offer and not propose and "本电脑也没有" in text


def _docx_text(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode() + z.read("word/styles.xml").decode()


@pytest.mark.parametrize("use_fallback", [True, False])
def test_check_page_names_missing_fonts_and_offers_the_fallback(qtbot, tmp_path, dialogs, monkeypatch,
                                                               use_fallback):
    from export.docx_layout import Fonts

    _fonts_here(monkeypatch, ["宋体", "黑体", "楷体", "仿宋", "Times New Roman"])  # a stock Windows
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", staticmethod(lambda url: True))
    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    page = win.steps[-1]
    win.go(len(win.steps) - 1)
    qtbot.waitUntil(lambda: page.fonts_note.isVisible(), timeout=2000)
    note = page.fonts_note.text()
    for name in (Fonts().title, Fonts().body, Fonts().subheading):
        assert name in note
    assert "宋体" in note and f"{Fonts.FALLBACK.body}代替{Fonts().body}" in note
    assert page.fallback_fonts.isVisible() and page.fallback_fonts.isChecked()
    page.fallback_fonts.setChecked(use_fallback)
    out = tmp_path / "r.docx"
    dialogs.files.append(str(out))
    dialogs.answers.append(QMessageBox.No)
    qtbot.mouseClick(page.word_btn, Qt.LeftButton)
    xml = _docx_text(out)
    assert (Fonts().body in xml) is not use_fallback
    assert (Fonts().title in xml) is not use_fallback
    done = dialogs.texts("question")[-1]
    assert "使用的字体" in done
    if not use_fallback:
        assert "本电脑没有安装" in done and Fonts().body in done
    win.doc.undo_stack.setClean()
