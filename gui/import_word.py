"""导入已发布的年报…: read a published report (.docx, web page, .mht), show what was read and what was not.

The clerk either keeps editing the imported report (to fix and re-export it), or uses it as last year's
report for a new one (上年结转 and 现行有效件数 carried forward). The reader (reader/: lxml for .docx, the
standard library for web pages, the matching) is imported only when the clerk asks, never at start-up.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

FILTER = ("已发布的年报 (*.docx *.html *.htm *.mht *.mhtml);;Word 文档 (*.docx);;网页 (*.html *.htm);;"
          "单个文件网页 (*.mht *.mhtml);;所有文件 (*)")
TITLE = "导入已发布的年报"
CONTINUE, NEXT_YEAR = 1, 2  # dialog results besides Rejected (0)
READER_MODULES = ("reader", "reader.report", "reader.docx_reader")  # what a worker process imports before the clerk has chosen the file


class ImportSummary(QDialog):
    """What was read from the Word file, what was not, and the two ways to go on."""

    def __init__(self, result, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        report = result.report
        self.setWindowTitle(TITLE)
        self.resize(760, 560)
        v = QVBoxLayout(self)
        head = QLabel(f"已读取「{Path(path).name}」：{report.title}")
        head.setWordWrap(True)
        head.setStyleSheet("font-size: 13pt; font-weight: bold;")
        v.addWidget(head)
        if result.complete:
            state = "全部内容都已导入。请仍然对照原文核对一遍。"
            colour = "#1b5e20"
        else:
            state = (f"有 {len(result.unplaced)} 处内容未能导入（见下面“未能导入的内容”），"
                     "其余已导入。继续后请对照原文把这些地方补填。")
            colour = "#8a4b00"
        status = QLabel(state)
        status.setObjectName("import_status")
        status.setWordWrap(True)
        status.setStyleSheet(f"color: {colour};")
        v.addWidget(status)
        self.text = QPlainTextEdit(result.summary())
        self.text.setObjectName("import_summary")
        self.text.setReadOnly(True)
        v.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        self.continue_btn = QPushButton("继续编辑这份年报")
        self.continue_btn.setObjectName("import_continue")
        self.continue_btn.setToolTip("用于修改这份旧年报并重新导出。")
        self.next_btn = QPushButton(f"用作去年的年报，新建 {report.meta.year + 1} 年年报")
        self.next_btn.setObjectName("import_next_year")
        self.next_btn.setToolTip("保留机关名称和小标题，“上年结转”取自这份年报的“结转下年度继续办理”，"
                                 "并用于核对现行有效件数。")
        cancel = QPushButton("取消")
        buttons.addWidget(self.continue_btn)
        buttons.addWidget(self.next_btn)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        v.addLayout(buttons)
        self.continue_btn.clicked.connect(lambda: self.done(CONTINUE))
        self.next_btn.clicked.connect(lambda: self.done(NEXT_YEAR))
        cancel.clicked.connect(self.reject)
        self.continue_btn.setDefault(True)


def read(parent: QWidget, path: str, pool=None):
    """Read the file in a worker process (gui/worker.py: a progress dialog with 取消, the window keeps
    painting; `pool` one prestarted); None when it cannot be read (after telling the clerk why) or the
    clerk cancelled. A process, not a thread: lxml holds the GIL, and only a process stops at 取消."""
    from reader import ReadError, read_report

    from .worker import Job, run

    outcome = run(parent, f"正在读取「{Path(path).name}」……", Job(read_report, (path,)), title=TITLE, pool=pool)
    if outcome.cancelled:
        return None
    if outcome.error is None:
        return _own_format(outcome.result)
    if isinstance(outcome.error, ReadError):
        message = str(outcome.error)
    else:  # a reader bug (or a worker that died) must still reach the clerk as words, never as a traceback
        message = (f"读取「{Path(path).name}」时出现意外错误，未能导入。请在 Word 或 WPS 中打开它，"
                   "“另存为”一份新的 .docx 后再试；如仍不行，请改用“新建年报”手工填写。")
    QMessageBox.warning(parent, "无法导入", message)
    return None


def _own_format(result):
    """A report unpickled from the worker carries a copy of its Format: use this process's one."""
    from model import formats

    result.report.format = formats.get(result.report.format.id)
    result.report.invalidate()
    return result


def import_word(window, path: str | None = None) -> bool:
    """The whole dialogue from the start page; True when a report was opened."""
    from model.report import start_from_last

    from .document import ReportDocument

    if not window.maybe_save():
        return False
    from . import worker

    pool = worker.prestart(READER_MODULES)  # the worker starts while the clerk picks the file
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "选择已发布的年报（Word 文档或网页）", window.settings.folder("word"),
                                              FILTER)
        if not path:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            return False
    window.settings.set_folder("word", path)
    result = read(window, path, pool)
    if result is None:
        return False
    choice = ImportSummary(result, path, window).exec()
    if choice == CONTINUE:
        report, note = result.report, f"已导入「{Path(path).name}」。请对照原文核对，修改后可另存为项目文件并重新导出。"
    elif choice == NEXT_YEAR:
        last = result.report
        report = start_from_last(last)
        note = (f"已根据导入的{last.meta.year}年年报新建{report.meta.year}年年报：上年结转已填入，请逐项核对。")
    else:
        return False
    window.set_document(ReportDocument(report))
    window.doc.undo_stack.resetClean()  # not saved anywhere yet: closing asks
    window.statusBar().showMessage(note, 20000)
    return True
