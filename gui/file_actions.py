"""The report's file life cycle for the main window: new, open, start from last year, save, export, restore.

The window's methods of the same names call these. This module (dialogs, model.project, the Report) is
imported on first use or right after the window's first paint, never before the start page shows.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from model import project
from model.about import APP_NAME
from model.report import Report, start_from_last

from .document import ReportDocument
from .recovery import Orphan

if TYPE_CHECKING:
    from .main_window import MainWindow

FILTER = "年报项目文件 (*.gknb)"


def maybe_save(win: MainWindow) -> bool:
    """Before the open report goes away: True to go on (saved or discarded), False to stay."""
    if win.doc is None or win.doc.undo_stack.isClean():
        return True
    answer = QMessageBox.question(
        win, APP_NAME, f"「{win.doc.report.title}」有尚未保存的修改。\n\n要先保存吗？",
        QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
    if answer == QMessageBox.Save:
        return win.save()
    return answer == QMessageBox.Discard


def new_report(win: MainWindow, organ: str, year: int) -> None:
    if not organ:
        QMessageBox.information(win, APP_NAME, "请先填写机关名称，例如“开封市商务局”。")
        win.start.organ.setFocus()
        return
    if win.maybe_save():
        win.set_document(ReportDocument(Report.new(organ, year)))


def open_file(win: MainWindow, path: str | None = None, as_copy: bool = False) -> bool:
    """Open a project file (a dialog when path is None). A copy (the samples) has no path: saving asks."""
    if not win.maybe_save():
        return False
    if path is None:
        path, _ = QFileDialog.getOpenFileName(win, "打开年报", win.settings.folder("project"), FILTER)
        if not path:
            return False
    try:
        report = project.load(path)
    except project.ProjectError as e:
        QMessageBox.warning(win, "无法打开", str(e))
        return False
    win.set_document(ReportDocument(report, None if as_copy else path))
    if not as_copy:
        win.settings.add_recent(path)
        win.settings.set_folder("project", path)
        win.start.set_recent(win.settings.recent())
    return True


def from_last_year(win: MainWindow) -> None:
    if not win.maybe_save():
        return
    path, _ = QFileDialog.getOpenFileName(win, "选择上一年度的年报项目文件", win.settings.folder("project"), FILTER)
    if not path:
        return
    try:
        last = project.load(path)
    except project.ProjectError as e:
        QMessageBox.warning(win, "无法打开", str(e))
        return
    report = start_from_last(last)
    win.set_document(ReportDocument(report))
    win.doc.undo_stack.resetClean()  # a new, unsaved report: closing asks
    win.statusBar().showMessage(f"已根据{last.meta.year}年年报新建{report.meta.year}年年报：上年结转已填入，"
                                "请逐项核对。", 15000)


def save(win: MainWindow) -> bool:
    if win.doc is None:
        return False
    if win.doc.path is None:
        return win.save_as()
    return write(win, win.doc.path)


def save_as(win: MainWindow) -> bool:
    if win.doc is None:
        return False
    start = str(Path(win.settings.folder("project")) / f"{win.doc.report.title}.gknb")
    path, _ = QFileDialog.getSaveFileName(win, "保存年报", start, FILTER)
    if not path:
        return False
    if not path.lower().endswith(project.SUFFIX):
        path += project.SUFFIX
    return write(win, Path(path))


def write(win: MainWindow, path: Path) -> bool:
    try:
        project.save(win.doc.report, path)
    except project.ProjectError as e:
        QMessageBox.warning(win, "保存失败", str(e))
        return False
    win.doc.path = Path(path)
    win.doc.undo_stack.setClean()
    win.autosaver.discard()
    win.settings.add_recent(path)
    win.settings.set_folder("project", path)
    win.start.set_recent(win.settings.recent())
    win.update_title()
    win.statusBar().showMessage(f"已保存：{path}", 8000)
    return True


def export(win: MainWindow, kind: str) -> None:
    if win.doc is not None:
        from . import export_actions

        blanks = win.findings.blanks_as_zero.isChecked()
        if kind == "copy-html":
            export_actions.copy_as_web_content(win.doc.report, blanks)
            win.statusBar().showMessage("已复制为网页内容：可粘贴到网站编辑器中（表格的合并单元格保持原样）。", 8000)
            return
        if kind == "preview":
            export_actions.print_preview(win, win.doc.report, blanks)
            return
        if kind == "print":
            if export_actions.print_report(win, win.doc.report, blanks):
                win.statusBar().showMessage("已发送到打印机。", 8000)
            return
        done = export_actions.export(win, win.doc.report, kind, blanks, win.settings)
        if done:
            win.statusBar().showMessage(f"已导出：{done}", 8000)


def offer_recovery(win: MainWindow, orphans: list[Orphan]) -> bool:
    """After a crash: offer what the last session autosaved. True when a report was restored."""
    for orphan in orphans:
        try:
            report = project.load(orphan.data)
        except project.ProjectError:
            orphan.discard()
            continue
        where = f"（原文件：{orphan.original}）" if orphan.original else "（尚未保存过）"
        answer = QMessageBox.question(
            win, "恢复未保存的年报", f"上次程序没有正常关闭。发现「{report.title}」{where}在 {orphan.saved_at} "
            "自动保存的内容。\n\n要恢复吗？选“否”将删除这份自动保存的内容。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        orphan.discard()
        if answer == QMessageBox.Yes:
            win.set_document(ReportDocument(report, orphan.original))
            win.doc.undo_stack.resetClean()  # restored work is not saved yet
            win.update_title()
            win.autosaver.autosave()
            return True
    return False
