"""Findings lead exactly there: a prose finding opens its subsection and selects the sentence with the
figure; the side list's tooltips say what the findings are."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui_helpers import activate, demo_window, ime_type, table_step, type_cell


win = demo_window  # the window with the demo sample open as a copy (tests/gui_helpers.py)


def activate_finding(qtbot, win, words: str):
    """On 检查与导出, select the finding whose text holds `words` and press Enter, as a clerk would."""
    page = win.findings
    win.go(len(win.steps) - 1)
    rows = [r for r in range(page.list.count()) if words in page.list.item(r).text()]
    assert rows, [page.list.item(r).text() for r in range(page.list.count())]
    activate(qtbot, win)
    page.list.setFocus()
    page.list.setCurrentRow(rows[0])
    qtbot.keyClick(page.list, Qt.Key_Return)
    return page.list.item(rows[0]).text()


def test_a_prose_finding_opens_its_subsection_and_selects_the_sentence(win, qtbot):
    said = win.doc.report.value("t3.new.total")
    assert f"新收政府信息公开申请{said}件" in win.doc.report.subsections[1].text  # the demo agrees so far
    type_cell(qtbot, table_step(win, "t3").view, "t3.new.natural", str(win.doc.report.cells["t3.new.natural"] + 3))
    win.refresh_states()
    text = activate_finding(qtbot, win, "正文")
    assert f"「一、总体情况（二）依申请公开」中写“新收政府信息公开申请{said}件”" in text
    overview = win.step_for(section="overview")
    assert win.stack.currentIndex() == overview
    page = win.steps[overview]
    assert page.list.currentRow() == 1 and page.title_edit.text() == "依申请公开"
    selected = page.text_edit.textCursor().selectedText()
    assert selected == f"全年新收政府信息公开申请{said}件，上年结转3件；"
    assert page.text_edit.hasFocus()


def test_a_finding_in_a_prose_section_selects_its_sentence(win, qtbot):
    i = win.step_for(section="problems")
    win.go(i)
    editor = win.steps[i].editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    new = win.doc.report.value("t3.new.total")
    ime_type(editor, f"\n另外，𠀋字测试：本年度共新收政府信息公开申请{new + 5}件。此外无其他。")
    win.refresh_states()
    activate_finding(qtbot, win, "五、存在的主要问题及改进情况")
    assert win.stack.currentIndex() == i
    assert editor.textCursor().selectedText() == f"另外，𠀋字测试：本年度共新收政府信息公开申请{new + 5}件。"


def test_step_tooltips_say_what_the_findings_are(win, qtbot):
    view = table_step(win, "t3").view
    type_cell(qtbot, view, "t3.new.natural", str(win.doc.report.cells["t3.new.natural"] + 3))
    win.refresh_states()
    t3 = win.step_for(table="t3")
    tip = win.step_list.tip(t3)
    balance = [f for f in win.findings.findings if f.rule == "勾稽"]
    assert len(balance) == 2  # the 自然人 column, and so the 总计 column
    assert tip.startswith(f"有错误：{len(balance)} 个错误\n· 【勾稽】表三「自然人」列：") and "「总计」列" in tip
    overview = win.step_for(section="overview")
    tip = win.step_list.tip(overview)
    assert tip.startswith("有提醒：1 个提醒") and "（二）依申请公开" in tip and "正文" in tip
    # Hovering the row shows it.
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    vp = win.step_list.viewport()
    pos = win.step_list.visualItemRect(win.step_list.item(overview)).center()
    QApplication.sendEvent(vp, QHelpEvent(QHelpEvent.ToolTip, pos, vp.mapToGlobal(pos)))
    assert QToolTip.isVisible() and QToolTip.text() == tip
    QToolTip.hideText()


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="新收申请件36，。；！？\n 𠀋a", max_size=60), st.data())
def test_the_selected_sentence_holds_the_words_and_no_other_sentence(text, data):
    from gui.text_widgets import sentence_around

    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quoted = text[start:end]
    if quoted[0].isspace() or any(ch in "。！？!?；;\n" for ch in quoted):
        return  # a finding quotes words (a regular expression's match) within one sentence
    s, e = sentence_around(text, start, end)
    assert s <= start < end <= e
    inner = text[s:e]
    assert not any(ch in "。！？；\n" for ch in inner[:-1])  # one sentence: an end mark only at its end
    assert not inner[0].isspace()
    assert s == 0 or text[s - 1] in "。！？；\n" or text[s - 1].isspace()  # from the sentence's start
    assert e == len(text) or inner[-1] in "。！？；" or text[e] == "\n"  # to its end
