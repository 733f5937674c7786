"""The main window: the side list of steps, the pages, 上一步 / 下一步, menus (file life cycle: file_actions.py)."""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from model import paths

from . import menus, recovery
from .settings import MINIMUM, UiSettings, fit_geometry
from .step_list import StepList
from .steps import COMPLETE, EMPTY, ERROR as S_ERROR, WARNING as S_WARNING, Step
from .steps.start import StartStep

# Only the start page is built before the window shows. What an open report needs (its pages, the model's
# project files and checker, export and import) is imported where it is used; warm_up() imports it right
# after the first paint, so the clerk's first click does not wait for it either.
DEFERRED = ("gui.file_actions", "model.checker", "gui.pages", "gui.export_actions", "gui.import_word",
            "gui.worker")

if TYPE_CHECKING:
    from .document import ReportDocument

APP_NAME = "公开年报助手"
# The frame a window manager adds (left, top, right, bottom) until the real one is known: a Windows 10/11
# title bar and border at 100 % (at other scales it is smaller in logical pixels); corrected after showing.
FRAME_GUESS = (1, 31, 1, 1)
SAMPLES = paths.samples_dir()


DROPPED = (".gknb", ".docx", ".html", ".htm", ".mht", ".mhtml")


def _dropped(mime) -> str | None:
    """The one local file of a drop that the window can open or import."""
    urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
    if len(urls) != 1:
        return None
    path = urls[0].toLocalFile()
    return path if path.lower().endswith(DROPPED) else None


class MainWindow(QMainWindow):
    """Holds at most one open report (a ReportDocument) and the pages built for its format."""

    def __init__(self, settings: UiSettings | None = None, recovery_folder: Path | None = None,
                 autosave_ms: int = recovery.INTERVAL_MS):
        super().__init__()
        self.setAcceptDrops(True)  # a project or a published report dropped on the window (dropEvent)
        self.settings = settings or UiSettings()
        self.recovery_folder = recovery_folder
        self.autosaver = recovery.Autosaver(recovery_folder, autosave_ms, self)
        self.autosaver.problem.connect(lambda text: self.statusBar().showMessage(text, 60000))
        self.doc: ReportDocument | None = None
        self.quiet_errors = False  # True while a report started from last year's is untouched
        self.steps: list[Step] = []
        self._warmed = False

        self.step_list = StepList()
        self.stack = QStackedWidget()
        self.prev_btn = QPushButton("‹ 上一步")
        self.next_btn = QPushButton("下一步 ›")
        for b in (self.prev_btn, self.next_btn):
            b.setMinimumSize(110, 32)
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.setContentsMargins(0, 0, 0, 0)
        bv.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        nav.setContentsMargins(16, 4, 16, 10)
        nav.addStretch(1)
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.next_btn)
        bv.addLayout(nav)
        split = QSplitter()  # side by side
        split.addWidget(self.step_list)
        split.addWidget(body)
        split.setStretchFactor(1, 1)
        split.setSizes([215, 1150])
        split.setChildrenCollapsible(False)
        self.setCentralWidget(split)

        self.start = StartStep(sorted(SAMPLES.glob("*.gknb")))
        self.start.newRequested.connect(self.new_report)
        self.start.openRequested.connect(lambda p: self.open_file(p or None))
        self.start.sampleRequested.connect(lambda p: self.open_file(p, as_copy=True))
        self.start.fromLastRequested.connect(self.from_last_year)
        importer = self.start.add_action(
            "导入已发布的年报…（Word 或网页）", "读取已发布的年报：Word 文档（.docx，Word 或 WPS 编写的都可以），"
            "或从网站保存下来的网页（.html、.htm、.mht）。列出读到和没读到的内容，然后可继续编辑它（修改后重新导出），"
            "或用作去年的年报新建今年的年报。", self._import_word)
        self.start.actions.insertWidget(2, importer)  # beside 从去年的年报开始…, before the samples
        self.start.add_action("审核下级单位年报…", "上级部门用：选择下级单位报送的年报（文件夹或文件），逐个检查，"
                              "列出错误和缺报，退回有问题的年报，并把各单位的数字汇总为新的年报。", self.open_review)
        self.step_list.currentRowChanged.connect(self.go)
        self.prev_btn.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_btn.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh_states)
        menus.build(self)
        # The status bar exists from the start, so its first message does not push the page and buttons up.
        self.statusBar().setObjectName("status_bar")
        self._place(self.settings.geometry())
        self.start.set_recent(self.settings.recent())
        self._build_pages()
        self.update_title()  # the start window is named too (the taskbar, Alt+Tab, the self-test)

    # ---- size and place ----------------------------------------------------------------------------

    def _place(self, remembered=None) -> None:
        """Fit the window into its screen's available area (taskbar excluded), remembered geometry too."""
        if remembered is not None and self.restoreGeometry(remembered) and self.isMaximized():
            return
        screen = (QGuiApplication.screenAt(self.geometry().center()) if remembered is not None else None) \
            or QGuiApplication.primaryScreen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        self.setMinimumSize(min(MINIMUM[0], avail.width() - 2), min(MINIMUM[1], avail.height() - 32))
        self.setGeometry(fit_geometry(avail, FRAME_GUESS, self.geometry() if remembered is not None else None))

    def fit_to_screen(self) -> None:
        """Once shown, with the real frame known: pull the title bar and the buttons back onto the screen."""
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        fg, g = self.frameGeometry(), self.geometry()
        frame = (g.left() - fg.left(), g.top() - fg.top(), fg.right() - g.right(), fg.bottom() - g.bottom())
        fitted = fit_geometry(screen.availableGeometry(), frame, g)
        if fitted != g:
            self.setGeometry(fitted)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_fitted", False):
            self._fitted = True
            QTimer.singleShot(0, self.fit_to_screen)

    # ---- menus -----------------------------------------------------------------------------------

    # The menus are built and renamed in gui/menus.py.

    def undo_actions(self) -> list[QAction]:
        """撤销 and 重做, named for the steps they would undo and redo (the tables' context menu shows them)."""
        menus.update_undo_actions(self)
        return [self.undo_act, self.redo_act]

    def _update_undo_enabled(self, *_) -> None:
        stack = self.doc.undo_stack if self.doc is not None else None
        self.undo_act.setEnabled(bool(stack and stack.canUndo()))
        self.redo_act.setEnabled(bool(stack and stack.canRedo()))

    def undo(self) -> None:
        if self.doc and self.doc.undo_stack.canUndo():
            stack = self.doc.undo_stack
            stack.undo()
            self._show_last_change(f"已撤销：{stack.text(stack.index())}")

    def redo(self) -> None:
        if self.doc and self.doc.undo_stack.canRedo():
            self.doc.undo_stack.redo()
            self._show_last_change(f"已重做：{self.doc.undo_stack.undoText()}")

    def _show_last_change(self, message: str) -> None:
        """After undo/redo from the menu or a table, show the clerk what changed back."""
        change = self.doc.last_change
        overview = self.doc.report.overview_section.id
        i = None
        if change and change[0] == "cells" and change[1]:
            i = self.step_for(table=self.doc.format.cells[change[1][0]].table)
        elif change and change[0] == "text":
            i = self.step_for(section=change[1][1] if change[1][0] == "section" else overview)
        elif change and change[0] == "subsections":
            i = self.step_for(section=overview)
        elif change and change[0] == "meta":
            i = 1
        elif change and change[0] == "notes":
            i = len(self.steps) - 1  # 出错说明 are written on 检查与导出
        if i is not None:
            self.go(i)
            if change[0] == "cells":
                self.steps[i].show_cells(change[1])
        self.statusBar().showMessage(message, 5000)

    # ---- pages -----------------------------------------------------------------------------------

    def _build_pages(self) -> None:
        for step in self.steps[1:]:
            self.stack.removeWidget(step)
            step.deleteLater()
        self.steps = [self.start]
        if self.stack.indexOf(self.start) < 0:
            self.stack.addWidget(self.start)
        doc = self.doc
        if doc is not None:
            from .pages import build_steps

            pages, self.findings = build_steps(doc)
            self.findings.jump.connect(self.show_finding)
            self.findings.exportRequested.connect(self.export)
            self.steps.extend(pages)
            for step in pages:
                self.stack.addWidget(step)
                if hasattr(step, "switchFormat"):
                    step.switchFormat.connect(self._switch_format)
        self.step_list.set_steps([s.title for s in self.steps])
        if doc is not None:
            from PySide6.QtCore import Qt  # not at the top: the start page shows without Qt's namespace

            for i in range(1, len(self.steps)):
                self.step_list.item(i).setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
        for a in [self.save_act, self.save_as_act, *self.export_acts]:
            a.setEnabled(doc is not None)
        self.refresh_states()
        self.go(0 if doc is None else min(1, len(self.steps) - 1))

    def go(self, index: int) -> None:
        if not 0 <= index < len(self.steps):
            return
        if index != self.stack.currentIndex() and not self.settle_editing():
            index = self.stack.currentIndex()  # a refused value is waiting in its cell: stay with it
        self.stack.setCurrentIndex(index)
        if self.step_list.currentRow() != index:
            self.step_list.blockSignals(True)
            self.step_list.setCurrentRow(index)
            self.step_list.blockSignals(False)
        self.prev_btn.setEnabled(index > 0)
        self.next_btn.setEnabled(index < len(self.steps) - 1)
        if self.steps[index] is getattr(self, "findings", None):
            self.refresh_states()

    def settle_editing(self) -> bool:
        """Commit what is being typed in the current page's table. False (and the clerk is taken back to the
        cell, with a message) when it was refused: nothing typed is dropped by leaving it."""
        view = getattr(self.current_step(), "view", None) if self.steps else None
        refusal = view.settle() if view is not None else None
        if refusal is None:
            return True
        view.return_to_refused()
        self.statusBar().showMessage(f"{refusal}。请先改正这个单元格，或按 Esc 恢复原值。", 10000)
        return False

    def current_step(self) -> Step:
        return self.steps[self.stack.currentIndex()]

    def step_for(self, *, table: str | None = None, section: str | None = None) -> int | None:
        for i, s in enumerate(self.steps):
            if (table and s.table_id == table) or (section and s.section_id == section):
                return i
        return None

    def show_finding(self, finding) -> None:
        """Go to the page a finding concerns: select its cells, or the sentence of the text it quotes."""
        i = self._step_of(finding)
        if i is None:
            return
        self.go(i)
        if self.stack.currentIndex() != i:
            return  # a refused value is waiting on this page (see settle_editing)
        show_text = getattr(self.steps[i], "show_text", None)
        if finding.text_key and show_text is not None:
            show_text(finding.text_key, finding.span)
        else:
            self.steps[i].show_cells(list(finding.cells))

    def _step_of(self, finding) -> int | None:
        # A finding about prose (a figure quoted in the text) belongs to the text's page; others to their table.
        if finding.section:
            return self.step_for(section=finding.section)
        if finding.cells:
            return self.step_for(table=self.doc.format.cells[finding.cells[0]].table)
        return None

    def refresh_states(self) -> None:
        """Re-run the checker and mark each step."""
        doc = self.doc
        self.step_list.set_state(0, COMPLETE if doc else EMPTY)
        if doc is None:
            return
        from model.checker import ERROR, WARNING, check, explained

        from .step_list import findings_detail

        findings = check(doc.report)
        if self.quiet_errors:  # a report just built from last year's: not yet wrong, only not yet filled
            findings = [f for f in findings if f.level != ERROR]
        self.findings.set_findings(findings)
        notes = doc.report.notes
        per_step: dict[int, list] = {}
        for f in findings:
            per_step.setdefault(self._step_of(f), []).append(f)
        for i, step in enumerate(self.steps[1:], start=1):
            fs = findings if step is self.findings else per_step.get(i, [])
            detail = findings_detail(fs, notes)
            # An explained warning (已说明) and information do not mark the step; an error always does.
            if any(f.level == ERROR for f in fs):
                self.step_list.set_state(i, S_ERROR, detail)
            elif any(f.level == WARNING and not explained(f, notes) for f in fs):
                self.step_list.set_state(i, S_WARNING, detail)
            else:
                missing = step.missing()
                self.step_list.set_state(i, COMPLETE if step.is_filled() else EMPTY,
                                         "\n".join(t for t in (missing, detail) if t))

    # ---- document life cycle ---------------------------------------------------------------------

    def set_document(self, doc: ReportDocument | None) -> None:
        if self.doc is not None:
            if doc is None or doc.lock is not self.doc.lock:  # reopening our own file keeps its lock
                self.doc.release()
            self.doc.undo_stack.cleanChanged.disconnect(self.update_title)
            self.doc.undo_stack.canUndoChanged.disconnect(self._update_undo_enabled)
            self.doc.undo_stack.canRedoChanged.disconnect(self._update_undo_enabled)
            self.doc.changed.disconnect(self._on_doc_changed)
            self.doc.deleteLater()
        self.doc = doc
        self.quiet_errors = False
        if doc is not None:
            doc.setParent(self)
            doc.undo_stack.cleanChanged.connect(self.update_title)
            doc.undo_stack.canUndoChanged.connect(self._update_undo_enabled)
            doc.undo_stack.canRedoChanged.connect(self._update_undo_enabled)
            doc.changed.connect(self._on_doc_changed)
        self.autosaver.watch(doc)
        self._build_pages()
        self.update_title()
        menus.update_undo_actions(self)

    def _switch_format(self, report) -> None:
        """基本信息 rebuilt the report in the format its new year belongs to: continue with that one, unsaved."""
        from .document import ReportDocument

        self.set_document(ReportDocument(report))
        self.doc.undo_stack.resetClean()  # a new, unsaved report: closing asks
        self.update_title()
        self.statusBar().showMessage(f"已改用{report.format.title}：请核对各表，并另存为新的项目文件。", 15000)

    def update_title(self, *_):
        doc = self.doc
        if doc is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            self._show_read_only(False)
            return
        name = doc.path.name if doc.path else "未保存"
        if doc.read_only:
            name += "，只读"
        self.setWindowTitle(f"{doc.report.title}（{name}）[*] - {APP_NAME}")
        self.setWindowModified(not doc.undo_stack.isClean())
        self._show_read_only(doc.read_only)

    def _show_read_only(self, read_only: bool) -> None:
        """A lasting mark in the status bar while the file is open read-only (gui/file_lock.py)."""
        label = getattr(self, "_read_only_label", None)
        if label is None and not read_only:
            return
        if label is None:
            from PySide6.QtWidgets import QLabel

            label = self._read_only_label = QLabel("只读：此文件正由别人编辑，修改请“另存为”")
            label.setObjectName("read_only_mark")
            label.setStyleSheet("color: #8a4b00; font-weight: bold; padding: 0 8px;")
            self.statusBar().addPermanentWidget(label)
        label.setVisible(read_only)

    # The file life cycle is in gui/file_actions.py, imported on first use (or by warm_up), not at start-up.

    def maybe_save(self) -> bool:
        """Before the open report goes away: True to go on (saved or discarded), False to stay."""
        if not self.settle_editing():
            return False
        if self.doc is None or self.doc.undo_stack.isClean():
            return True
        from . import file_actions

        return file_actions.maybe_save(self)

    def new_report(self, organ: str, year: int) -> None:
        from . import file_actions

        file_actions.new_report(self, organ, year)

    def open_file(self, path: str | None = None, as_copy: bool = False) -> bool:
        """Open a project file (a dialog when path is None). A copy (the samples) has no path: saving asks."""
        from . import file_actions

        return file_actions.open_file(self, path, as_copy)

    def from_last_year(self) -> None:
        from . import file_actions

        before = self.doc
        file_actions.from_last_year(self)
        if self.doc is not before:
            self.quiet_errors = True  # no red errors before the clerk has typed anything
            self.refresh_states()

    def _on_doc_changed(self) -> None:
        self.quiet_errors = False
        self._refresh_timer.start()

    def save(self) -> bool:
        if not self.settle_editing():
            return False
        from . import file_actions

        return file_actions.save(self)

    def save_as(self) -> bool:
        if not self.settle_editing():
            return False
        from . import file_actions

        return file_actions.save_as(self)

    def export(self, kind: str) -> None:
        if not self.settle_editing():
            return
        if self.quiet_errors:  # exporting: the errors the export will ask about are listed on the page too
            self.quiet_errors = False
            self.refresh_states()
        from . import file_actions

        file_actions.export(self, kind)

    def open_review(self):
        from .review_window import open_review

        return open_review(self)

    def _import_word(self) -> None:
        from .import_word import import_word

        import_word(self)

    def open_handed_over(self, path: str) -> None:
        """A second start of the program gave us this file (gui/single_instance.py): open it here, unless it is
        the one already open. Deferred: it may ask to save, and a dialog must not run inside the socket's slot."""
        from model.files import same_file

        def open_it():
            if self.doc is not None and self.doc.path and same_file(self.doc.path, path):
                return
            self.open_file(path)

        QTimer.singleShot(0, open_it)

    # ---- a file dropped on the window: a project opens, a published report is imported ----------

    def dragEnterEvent(self, event) -> None:
        if _dropped(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = _dropped(event.mimeData())
        if not path:
            return
        event.acceptProposedAction()
        if path.lower().endswith(".gknb"):
            QTimer.singleShot(0, lambda: self.open_file(path))
        else:
            from .import_word import import_word

            QTimer.singleShot(0, lambda: import_word(self, path))  # after the drop: the dialog must not block it

    # ---- start-up --------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._warmed:
            self._warmed = True
            QTimer.singleShot(0, self.warm_up)  # once this first paint has been flushed to the screen

    def warm_up(self) -> None:
        """What the start page did not need, loaded while the clerk reads it: the next click is not slower."""
        for name in DEFERRED:
            importlib.import_module(name)
        from model import formats

        for fmt in formats.all_formats().values():
            fmt.cells  # builds the grids, so opening the first report does not wait for them

    # ---- recovery and closing --------------------------------------------------------------------

    def offer_recovery(self) -> bool:
        """After a crash: offer what the last session autosaved. True when a report was restored."""
        orphans = recovery.orphans(self.recovery_folder)  # usually none: then nothing more is loaded
        if not orphans:
            return False
        from . import file_actions

        return file_actions.offer_recovery(self, orphans)

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self.doc is not None:
            self.doc.release()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        self.autosaver.close()
        event.accept()
