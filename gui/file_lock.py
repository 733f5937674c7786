"""One file, one editor, in the window: claiming a project's lock on opening, and the questions a save asks
when the file is read-only here, was taken over, or was changed on disk by someone else (model/lock.py)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from model import files, lock as lk

from . import questions

if TYPE_CHECKING:
    from .document import ReportDocument
    from .main_window import MainWindow

READ_ONLY, TAKE_OVER, CANCEL, OVERWRITE, SAVE_AS = "只读打开", "接管", "取消", "覆盖", "另存为…"


def choose(parent, title: str, text: str, options: list[str], default: str) -> str:
    """The lock's questions are warnings; the clicked text, 取消 when the box is closed."""
    return questions.choose(parent, title, text, options, default, CANCEL, QMessageBox.Warning)


def same_file(a: Path | None, b: Path | None) -> bool:
    """model.files.same_file, for paths that may be missing (an unsaved document has none)."""
    return a is not None and b is not None and files.same_file(a, b)


def _who(holder: lk.Holder) -> str:
    if holder.host and holder.host.lower() == lk.this_host().lower() and holder.pid == os.getpid():
        return f"本程序的另一个窗口自 {holder.describe().rsplit('自 ', 1)[1]}"
    return holder.describe()


def claim(win: MainWindow, path: Path) -> tuple[lk.Lock | None, bool] | None:
    """Before opening `path` for editing: (lock or None, read_only), or None when the clerk cancels."""
    if win.doc is not None and win.doc.lock is not None and same_file(win.doc.lock.project, path):
        return win.doc.lock, False  # reopening the file this window already holds
    lock = lk.Lock(path)
    try:
        holder = lock.acquire()
    except OSError:
        return None, False  # no lock possible (read-only folder): saving will say why
    if holder is None:
        return lock, False
    name = path.name
    if lk.is_stale(holder):
        gone = ("那个程序已经没有在运行（可能是程序意外关闭或电脑断电）" if not holder.host or
                holder.host.lower() == lk.this_host().lower() else
                f"那台电脑已超过 {int(lk.STALE_AFTER.total_seconds() // 3600)} 小时没有响应")
        answer = choose(win, "文件上次没有正常关闭",
                        f"「{name}」上次由{_who(holder)}打开编辑，但{gone}。\n\n"
                        "如果确认现在没有人在编辑这个文件，请选“接管”继续编辑；不确定时请选“只读打开”。",
                        [TAKE_OVER, READ_ONLY, CANCEL], TAKE_OVER)
        if answer == TAKE_OVER:
            try:
                lock.take_over()
            except OSError:
                return None, False
            return lock, False
    else:
        answer = choose(win, "文件正在使用",
                        f"「{name}」正由{_who(holder)}打开编辑。\n\n为避免互相覆盖修改，现在只能以只读方式打开："
                        "可以查看、检查、导出，也可以“另存为”一份新文件，但不能保存到原文件。\n\n"
                        "如需修改原文件，请等对方关闭后再打开。",
                        [READ_ONLY, CANCEL], READ_ONLY)
    return (None, True) if answer == READ_ONLY else None


def before_save(win: MainWindow, doc: ReportDocument) -> str:
    """Whether saving to doc.path may go on: OVERWRITE (go on), SAVE_AS or CANCEL."""
    name = doc.path.name
    if doc.lock is not None and not doc.lock.is_ours():
        holder = lk.read_holder(doc.lock.path)
        doc.hold(None)
        doc.read_only = True
        win.update_title()
        who = f"已被{_who(holder)}接管" if holder else "的占用标记已被删除或改动"
        return choose(win, "不能保存到原文件",
                      f"「{name}」{who}，保存到原文件会覆盖对方的修改。\n\n请“另存为”一份新文件。",
                      [SAVE_AS, CANCEL], SAVE_AS)
    if doc.read_only:
        return choose(win, "只读打开的文件",
                      f"「{name}」是以只读方式打开的（另一个窗口或另一台电脑正在编辑它），不能保存到原文件。\n\n"
                      "请“另存为”一份新文件。", [SAVE_AS, CANCEL], SAVE_AS)
    if lk.changed_since(doc.path, doc.disk):
        return choose(win, "文件已在别处被修改",
                      f"「{name}」在您打开（或上次保存）之后，已被其他程序或其他人修改过。\n\n"
                      "选“覆盖”将用您现在的内容替换它（对方的修改会丢失，但会留下备份 "
                      f"{name}.bak）；选“另存为”保存为另一个文件，两份都保留。",
                      [OVERWRITE, SAVE_AS, CANCEL], SAVE_AS)
    return OVERWRITE


def claim_target(win: MainWindow, doc: ReportDocument, path: Path) -> tuple[lk.Lock | None] | None:
    """Before 另存为 to `path`: (its lock, or None when none can be made), or None when it is in use."""
    if doc.lock is not None and same_file(doc.lock.project, path):
        return (doc.lock,)
    lock = lk.Lock(path)
    try:
        holder = lock.acquire()
    except OSError:
        return (None,)
    if holder is not None:
        if not lk.is_stale(holder):
            QMessageBox.warning(win, "文件正在使用", f"「{path.name}」正由{_who(holder)}打开编辑，不能覆盖它。"
                                "请换一个文件名保存。")
            return None
        lock.take_over()  # nobody is using it: the file dialog already asked about replacing the file
    return (lock,)


def recovered_lock(path: Path) -> lk.Lock | None:
    """A restored report's original file: its lock if we can have it (nobody else is editing it), else None."""
    lock = lk.Lock(path)
    try:
        holder = lock.acquire()
        if holder is None:
            return lock
        if lk.is_stale(holder):
            lock.take_over()
            return lock
    except OSError:
        pass
    return None
