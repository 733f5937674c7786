"""The report's file life cycle for the main window: new, open, start from last year, save, export, restore.

The window's methods of the same names call these. This module (dialogs, model.project, the Report) is
imported on first use or right after the window's first paint, never before the start page shows.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from model import project
from model.lock import disk_state
from model.about import APP_NAME
from model.report import Report, start_from_last

from . import file_lock
from . import questions
from .questions import choose
from .document import ReportDocument
from .recovery import KEEP_DAYS, Orphan

if TYPE_CHECKING:
    from .main_window import MainWindow

FILTER = "年报项目文件 (*.gknb)"
LAST_YEAR_FILTER = ("去年的年报 (*.gknb *.docx *.html *.htm *.mht *.mhtml);;年报项目文件 (*.gknb);;"
                    "已发布的年报 (*.docx *.html *.htm *.mht *.mhtml)")


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
    if as_copy:
        win.set_document(ReportDocument(report))
        return True
    access = file_lock.claim(win, Path(path))
    if access is None:
        return False
    doc = ReportDocument(report, path)
    doc.disk = disk_state(path)
    doc.hold(access[0])
    doc.read_only = access[1]
    win.set_document(doc)
    if doc.read_only:
        win.statusBar().showMessage("只读打开：可以查看、检查、导出；要保存修改，请用“另存为”。", 20000)
    win.settings.add_recent(path)
    win.settings.set_folder("project", path)
    win.start.set_recent(win.settings.recent())
    return True


def from_last_year(win: MainWindow) -> None:
    if not win.maybe_save():
        return
    path, _ = QFileDialog.getOpenFileName(win, "选择上一年度的年报（项目文件、Word 文档或网页）",
                                          win.settings.folder("project"), LAST_YEAR_FILTER)
    if not path:
        return
    if not path.lower().endswith(project.SUFFIX):  # a published report: read it as 导入 does, then start from it
        from .import_word import read

        result = read(win, path)
        if result is None:
            return
        last = result.report
    else:
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
    answer = file_lock.before_save(win, win.doc)
    if answer == file_lock.SAVE_AS:
        return win.save_as()
    return answer == file_lock.OVERWRITE and write(win, win.doc.path)


def save_as(win: MainWindow) -> bool:
    if win.doc is None:
        return False
    start = str(Path(win.settings.folder("project")) / f"{win.doc.report.title}.gknb")
    path, _ = QFileDialog.getSaveFileName(win, "保存年报", start, FILTER)
    if not path:
        return False
    if not path.lower().endswith(project.SUFFIX):
        path += project.SUFFIX
    path, doc = Path(path), win.doc
    if doc.path is not None and file_lock.same_file(doc.path, path):
        return save(win)  # read-only, taken over or changed on disk: save() asks
    claimed = file_lock.claim_target(win, doc, path)
    if claimed is None:
        return False
    if not write(win, path):
        if claimed[0] is not None and claimed[0] is not doc.lock:
            claimed[0].release()
        return False
    doc.hold(claimed[0])  # the old file's lock goes back
    doc.read_only = False
    win.update_title()
    return True


def write(win: MainWindow, path: Path) -> bool:
    while True:
        try:
            project.save(win.doc.report, path)
            break
        except project.ProjectError as e:
            if not e.in_use:
                QMessageBox.warning(win, "保存失败", str(e))
                return False
            answer = questions.in_use(win, path, "年报")
            if answer == questions.SAVE_AS:
                return save_as(win)
            if answer != questions.RETRY:
                return False
    win.doc.disk = disk_state(path)
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
        done = export_actions.export(win, win.doc.report, kind, blanks, win.settings,
                                     folder=export_folder(win))
        if done:
            win.doc.setProperty("export_folder", str(done.parent))
            win.statusBar().showMessage(f"已导出：{done}", 8000)


def export_folder(win: MainWindow) -> str:
    """Where the save dialog of an export opens: where this report was last exported to, else the
    project file's own folder, else the folder of the last export (or of the last project)."""
    doc = win.doc
    if doc.property("export_folder"):
        return doc.property("export_folder")
    if doc.path is not None and doc.path.parent.is_dir():
        return str(doc.path.parent)
    return win.settings.folder("export", fallback=win.settings.folder("project"))


def offer_recovery(win: MainWindow, orphans: list[Orphan]) -> bool:
    """After a crash: offer what the last session autosaved. True when a report was restored.

    恢复 restores it; 以后再说 keeps the file and asks again at the next start; 丢弃 asks once more before
    deleting. A file older than KEEP_DAYS is offered this last time and then removed. A file that cannot
    be read (too large, damaged) is named with its size and kept unless the clerk discards it."""
    for orphan in orphans:
        try:
            report = project.load(orphan.data)
        except project.ProjectError as e:
            _unreadable_recovery(win, orphan, str(e))
            continue
        where = f"（原文件：{orphan.original}）" if orphan.original else "（尚未保存过）"
        when = f"在 {orphan.saved_at} " if orphan.saved_at else ""
        text = f"上次程序没有正常关闭。发现「{report.title}」{where}{when}自动保存的内容。\n\n"
        if orphan.is_old():
            text += (f"这份内容已保存了 {int(orphan.age_days())} 天（超过 {KEEP_DAYS} 天）。这是最后一次提醒："
                     "如果不恢复，它将被删除。")
            choices = [("恢复", QMessageBox.AcceptRole), ("不恢复，删除", QMessageBox.DestructiveRole)]
            escape = "不恢复，删除"
        else:
            text += "要恢复吗？选“以后再说”会保留这份内容，下次启动时再问；选“丢弃”会删除它。"
            choices = [("恢复", QMessageBox.AcceptRole), ("以后再说", QMessageBox.RejectRole),
                       ("丢弃", QMessageBox.DestructiveRole)]
            escape = "以后再说"
        answer = choose(win, "恢复未保存的年报", text, choices, "恢复", escape)
        if answer == "恢复":
            orphan.discard()
            original = orphan.original
            lock = file_lock.recovered_lock(Path(original)) if original else None
            doc = ReportDocument(report, original if lock is not None else None)
            doc.hold(lock)
            doc.disk = disk_state(original) if lock is not None else None
            win.set_document(doc)
            win.doc.undo_stack.resetClean()  # restored work is not saved yet
            win.update_title()
            win.autosaver.autosave()
            if original and lock is None:
                win.statusBar().showMessage(f"原文件「{Path(original).name}」现在正由别人编辑（或无法写入），恢复的内容"
                                            "没有关联到它：请用“另存为”保存。", 30000)
            return True
        if answer == "丢弃" and not _confirm_discard(win, report.title):
            continue  # changed their mind: kept, asked again next start
        if answer != "以后再说":
            orphan.discard()
    return False


def _confirm_discard(win: MainWindow, title: str) -> bool:
    return choose(win, "丢弃自动保存的内容", f"确定丢弃「{title}」自动保存的内容吗？丢弃后无法找回。",
                  [("丢弃", QMessageBox.DestructiveRole), ("保留", QMessageBox.RejectRole)], "保留", "保留") == "丢弃"


def _unreadable_recovery(win: MainWindow, orphan: Orphan, reason: str) -> None:
    size = orphan.size()
    shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"
    where = f"（原文件：{orphan.original}）" if orphan.original else ""
    text = (f"上次程序没有正常关闭，留下了一份自动保存的内容{where}，但本程序无法打开它：\n{reason}\n\n"
            f"文件：{orphan.data}\n大小：{shown}\n\n选“保留”会把它留在原处（可交给技术支持查看），下次启动时再提醒；"
            "选“丢弃”会删除它。")
    answer = choose(win, "无法恢复自动保存的内容", text,
                    [("保留", QMessageBox.RejectRole), ("丢弃", QMessageBox.DestructiveRole)], "保留", "保留")
    if answer == "丢弃" and choose(win, "丢弃自动保存的内容", f"确定删除「{orphan.data.name}」吗？删除后无法找回。",
                                  [("删除", QMessageBox.DestructiveRole), ("保留", QMessageBox.RejectRole)],
                                  "保留", "保留") == "删除":
        orphan.discard()
