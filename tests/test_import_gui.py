"""导入已发布的年报… in the window: the summary the clerk lands on, then continuing or starting next year."""
import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from conftest import DEMO_SAMPLE, ROOT
from docx_fixtures import hand_docx, seed_docx
from gui import import_word as iw
from model import project
from model.checker import check

SHOTS = ROOT / "screenshots"
IMPORT = "导入已发布的年报…（Word 或网页）"


def import_button(win) -> QPushButton:
    buttons = [w for w in win.start.actions_box.findChildren(QPushButton) if w.text() == IMPORT]
    assert len(buttons) == 1
    return buttons[0]


def answer(monkeypatch, choice, seen=None, shot=None):
    """The summary dialog is modal: record what it shows and answer as the clerk would."""
    def exec_(dialog):
        if seen is not None:
            seen["status"] = dialog.findChild(QLabel, "import_status").text()
            seen["text"] = dialog.text.toPlainText()
        if shot:
            SHOTS.mkdir(exist_ok=True)
            dialog.show()
            dialog.grab().save(str(SHOTS / shot))
        return choice
    monkeypatch.setattr(iw.ImportSummary, "exec", exec_)


def test_start_page_offers_the_import_beside_from_last_year(win):
    texts = [win.start.actions.itemAt(i).widget().text() for i in range(win.start.actions.count())]
    assert texts.index(IMPORT) == texts.index("从去年的年报开始…") + 1


def test_import_summary_then_continue_editing(win, dialogs, tmp_path, monkeypatch):
    dialogs.files.append(str(seed_docx(tmp_path / "开封.docx")))
    seen = {}
    answer(monkeypatch, iw.CONTINUE, seen, "import-summary.png")
    import_button(win).click()
    assert dialogs.shown[0][0] == "getOpenFileName"
    assert "全部内容都已导入" in seen["status"]
    assert "读取的表格：表二、表三、表四。" in seen["text"] and "请核对：机关名称「开封市商务局」" in seen["text"]
    r = win.doc.report
    assert (r.meta.organ, r.meta.year, r.cells["t3.carried_in.natural"]) == ("开封市商务局", 2019, 1)
    assert win.doc.path is None and win.isWindowModified()  # not saved anywhere yet: closing asks
    assert win.stack.currentIndex() == 1  # lands on the first page of the report
    assert "已导入「开封.docx」" in win.statusBar().currentMessage()
    # The seed's 勾稽 errors are marked on its steps, as for any project.
    assert [f.rule for f in check(r) if f.level == "error"] == ["勾稽", "勾稽"]
    assert win.step_list.tip(win.step_for(table="t3")).startswith("有错误：2 个错误")


def test_import_used_as_last_year(win, dialogs, tmp_path, monkeypatch):
    demo = project.load(DEMO_SAMPLE)
    dialogs.files.append(str(hand_docx(demo, tmp_path / "2025.docx")))
    answer(monkeypatch, iw.NEXT_YEAR)
    import_button(win).click()
    r = win.doc.report
    assert (r.meta.year, r.meta.organ) == (2026, demo.meta.organ)
    assert r.cells["t3.carried_in.business"] == demo.value("t3.carried_over.business")
    assert r.baseline.year == 2025 and r.baseline.cells["t2.normative.in_force"] == 12
    assert [s.title for s in r.subsections] == [s.title for s in demo.subsections]


def test_cancel_keeps_the_window_as_it_was(win, dialogs, tmp_path, monkeypatch):
    dialogs.files.append(str(seed_docx(tmp_path / "s.docx")))
    answer(monkeypatch, 0)
    import_button(win).click()
    assert win.doc is None and win.stack.currentIndex() == 0
    import_button(win).click()  # no file chosen: nothing happens
    assert win.doc is None


def test_unreadable_file_says_why(win, dialogs, tmp_path):
    bad = tmp_path / "old.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    dialogs.files.append(str(bad))
    import_button(win).click()
    warnings = [(t, x) for k, t, x in dialogs.shown if k == "warning"]
    assert warnings and warnings[0][0] == "无法导入" and "旧版 Word 文档（.doc）" in warnings[0][1]
    assert win.doc is None


def test_incomplete_import_is_said_in_the_dialog(qtbot, tmp_path):
    from reader.docx_reader import read_docx

    demo = project.load(DEMO_SAMPLE)
    path = hand_docx(demo, tmp_path / "odd.docx", extra_rows={"t2": (3, [("某某事项", 1), ("5", 1), ("1", 1), ("2", 1)])})
    dialog = iw.ImportSummary(read_docx(path), path)
    qtbot.addWidget(dialog)
    assert "有 1 处内容未能导入" in dialog.findChild(QLabel, "import_status").text()
    assert "表二第 4 行「某某事项」未能对应到格式中的任何一行" in dialog.text.toPlainText()
    assert dialog.next_btn.text() == "用作去年的年报，新建 2026 年年报"
    SHOTS.mkdir(exist_ok=True)
    dialog.show()
    dialog.grab().save(str(SHOTS / "import-summary-incomplete.png"))


def test_import_of_a_saved_web_page_and_its_file_filter(win, dialogs, tmp_path, monkeypatch):
    from html_fixtures import encoded, portal_html

    demo = project.load(DEMO_SAMPLE)
    page = tmp_path / "年报.htm"
    labels = {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开", "四、结转下年度继续办理": "四、结转下年度"}
    page.write_bytes(encoded(portal_html(demo, charset="gbk", labels=labels), "gbk"))
    dialogs.files.append(str(page))
    seen = {}
    answer(monkeypatch, iw.CONTINUE, seen, "import-summary-page.png")
    import_button(win).click()
    _, title, *rest = dialogs.shown[0]
    assert "网页" in title and all(f in iw.FILTER for f in ("*.docx", "*.html", "*.htm", "*.mht", "*.mhtml"))
    assert win.doc.report.cells == demo.cells and win.doc.report.meta.organ == demo.meta.organ
    assert "全部内容都已导入" in seen["status"]
    assert "请核对：表三第 7 行「三、本年度办理结果 （二）部分公开」与格式的行名不完全一样" in seen["text"]


def test_from_last_year_accepts_a_published_mht(win, dialogs, tmp_path):
    from html_fixtures import mht, portal_html

    demo = project.load(DEMO_SAMPLE)
    path = tmp_path / "去年.mht"
    path.write_bytes(mht(portal_html(demo).encode("utf-8")))
    dialogs.files.append(str(path))
    win.from_last_year()
    r = win.doc.report
    assert (r.meta.year, r.meta.organ) == (demo.meta.year + 1, demo.meta.organ)
    assert r.cells["t3.carried_in.business"] == demo.value("t3.carried_over.business")


def _drop(win, path):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    win.dragEnterEvent(enter)
    drop = QDropEvent(QPoint(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    win.dropEvent(drop)
    return enter.isAccepted()


def test_dropping_a_report_imports_it_and_a_project_opens(win, qtbot, dialogs, tmp_path, monkeypatch):
    demo = project.load(DEMO_SAMPLE)
    answer(monkeypatch, iw.CONTINUE)
    assert _drop(win, hand_docx(demo, tmp_path / "2025.docx"))
    qtbot.waitUntil(lambda: win.doc is not None)
    assert win.doc.report.cells == demo.cells and win.doc.path is None
    saved = tmp_path / "p.gknb"
    project.save(demo, saved)
    win.doc.undo_stack.setClean()
    assert _drop(win, saved)
    qtbot.waitUntil(lambda: win.doc.path is not None)
    assert str(win.doc.path) == str(saved)
    other = tmp_path / "notes.txt"
    other.write_text("x")
    assert not _drop(win, other)  # neither a project nor a report: the drop is refused


def _not_a_report_warned(dialogs, name):
    warnings = [(t, x) for k, t, x in dialogs.shown if k == "warning"]
    assert len(warnings) == 1 and warnings[0][0] == "无法导入", dialogs.shown
    assert f"「{name}」不是政府信息公开工作年度报告" in warnings[0][1] and "表二、表三、表四" in warnings[0][1]


def test_meeting_minutes_are_refused_by_every_door_of_the_window(win, qtbot, dialogs, tmp_path, monkeypatch):
    """导入, 从去年的年报开始 and a drop take the reader's one test (reader.report_problem): the clerk is told,
    and no summary, no report, no new year's report follows."""
    from test_newcomer_cli import minutes_docx

    path = str(minutes_docx(tmp_path / "纪要.docx"))
    monkeypatch.setattr(iw.ImportSummary, "exec", lambda dialog: pytest.fail("a summary of a non-report"))
    dialogs.files.append(path)
    import_button(win).click()
    _not_a_report_warned(dialogs, "纪要.docx")
    assert win.doc is None
    dialogs.shown.clear()
    dialogs.files.append(path)
    win.from_last_year()
    _not_a_report_warned(dialogs, "纪要.docx")
    assert win.doc is None
    dialogs.shown.clear()
    assert _drop(win, path)
    qtbot.waitUntil(lambda: len(dialogs.shown) > 0)
    _not_a_report_warned(dialogs, "纪要.docx")
    assert win.doc is None and win.windowTitle() == "公开年报助手"
