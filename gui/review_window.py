"""审核下级单位年报: the review window. Choose folders and files and the year; the files are read in worker
processes while the table fills; the reviewer sets 状态 and 意见, sends units back with a notice, sees
who has not reported, opens a unit's report as a copy, builds the 汇总 and the review workbook, and keeps
the review in a review file. The logic is model/review.py; this module only shows it.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QProgressDialog, QPushButton, QSpinBox, QSplitter, QStyledItemDelegate,
                               QTableView, QVBoxLayout, QWidget)

from model.review import PASSED, RETURNED, STATUS_LABELS, Review

from .review_model import OPINION, STATUS, UNIT_ROLE, ReviewFilter, ReviewTableModel

REVIEW_FILTER = "审核记录 (*.gknbreview)"


class StatusDelegate(QStyledItemDelegate):
    """待审 / 通过 / 退回 chosen from a list."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItems(list(STATUS_LABELS.values()))
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data(Qt.EditRole))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.EditRole)


class ReviewWindow(QWidget):
    """A window of its own beside the wizard; `main` is the main window (to open reports in)."""

    def __init__(self, main=None, review: Review | None = None, reader=None):
        super().__init__(main, Qt.Window)
        self.main = main
        self.review = review or Review()
        self.review_path: str | None = None
        self.dirty = False  # 状态, 意见 or the expected list changed since the review file was saved
        self.reader_fn = reader  # tests pass their own picklable reader; None: reader.batch.summarise
        self.worker = None  # the gui/worker.py Worker reading files, while it runs
        self.progress: QProgressDialog | None = None
        self.setWindowTitle("审核下级单位年报")
        self.resize(1300, 760)
        v = QVBoxLayout(self)

        top = QHBoxLayout()
        self.add_folder_btn = self._button(top, "添加文件夹…", self.add_folder, "选择存放下级单位年报的文件夹（包括其中的子文件夹）")
        self.add_files_btn = self._button(top, "添加文件…", self.add_files, "选择一个或多个年报文件（.docx、.gknb 或网页 .html、.mht）")
        top.addWidget(QLabel("报告年度："))
        self.year = QSpinBox()
        self.year.setObjectName("review_year")
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText("按多数年报")
        self.year.setSuffix(" 年")
        self.year.setValue(self.review.year or 0)
        top.addWidget(self.year)
        self.units_btn = self._button(top, "应报单位名单…", self.edit_expected, "粘贴或载入应报单位名单，查看缺报")
        self.reread_btn = self._button(top, "重新读取", self.reread, "按当前的文件夹和年度重新读取全部文件")
        top.addStretch(1)
        self.open_btn = self._button(top, "打开审核记录…", self.open_record)
        self.save_btn = self._button(top, "保存审核记录…", self.save_record)
        v.addLayout(top)

        filters = QHBoxLayout()
        self.errors_only = QCheckBox("只看有错误或未计入的")
        self.returned_only = QCheckBox("只看退回的")
        self.name_filter = QLineEdit()
        self.name_filter.setPlaceholderText("按单位名称或文件名筛选")
        self.name_filter.setClearButtonEnabled(True)
        filters.addWidget(self.errors_only)
        filters.addWidget(self.returned_only)
        filters.addWidget(self.name_filter, 1)
        v.addLayout(filters)

        self.model = ReviewTableModel(self.review, self)
        self.proxy = ReviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("review_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                   | QAbstractItemView.SelectedClicked)
        self.table.setItemDelegateForColumn(STATUS, StatusDelegate(self.table))
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((0, 170), (1, 150), (2, 130)):
            self.table.setColumnWidth(col, width)
        for col in range(3, STATUS):
            self.table.setColumnWidth(col, 72)
        self.table.setColumnWidth(STATUS, 86)
        self.table.verticalHeader().setDefaultSectionSize(24)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        self.missing = QPlainTextEdit()
        self.missing.setObjectName("review_missing")
        self.missing.setReadOnly(True)
        self.missing.setPlaceholderText("缺报：点“应报单位名单…”粘贴或载入应报单位，这里列出未报送的单位。")
        split.addWidget(self.missing)
        split.setSizes([560, 110])
        v.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("review_summary")
        bottom.addWidget(self.summary, 1)
        self.pass_btn = self._button(bottom, "通过", self.mark_passed, "把选中的单位标为“通过”")
        self.return_btn = self._button(bottom, "退回并生成通知…", self.send_back, "把选中的单位标为“退回”，生成退回通知")
        self.open_copy_btn = self._button(bottom, "查看年报", self.open_selected, "在向导中打开选中单位年报的副本（也可双击）")
        self.sum_btn = self._button(bottom, "汇总为新年报", self.make_sum, "把计入的单位逐格相加，作为新的年报打开")
        self.xlsx_btn = self._button(bottom, "导出审核工作簿…", self.export_xlsx)
        v.addLayout(bottom)

        self.errors_only.toggled.connect(lambda on: self.proxy.set_filter(errors_only=on))
        self.returned_only.toggled.connect(lambda on: self.proxy.set_filter(returned_only=on))
        self.name_filter.textChanged.connect(lambda t: self.proxy.set_filter(name=t))
        self.table.doubleClicked.connect(self._double_clicked)
        self.model.dataChanged.connect(lambda *_: self.update_summary())
        self.model.decided.connect(self._changed)
        self.model.rowsInserted.connect(lambda *_: self.update_summary())
        self.model.modelReset.connect(self.update_summary)
        self.update_summary()

    def _button(self, layout, text, slot, tip=""):
        b = QPushButton(text)
        if tip:
            b.setToolTip(tip)
        b.clicked.connect(lambda _=False: slot())
        layout.addWidget(b)
        return b

    # ---- choosing and reading ----------------------------------------------------------------------

    def _folder(self) -> str:
        return self.main.settings.folder("review") if self.main is not None else ""

    def _remember(self, path: str) -> None:
        if self.main is not None:
            self.main.settings.set_folder("review", path)

    def add_folder(self, path: str | None = None) -> None:
        if path is None:
            path = QFileDialog.getExistingDirectory(self, "选择存放下级单位年报的文件夹", self._folder())
            if not path:
                return
        self._remember(path)
        self.add_sources([path])

    def add_files(self, paths: list[str] | None = None) -> None:
        if paths is None:
            from reader.batch import EXTENSIONS

            pattern = " ".join(f"*{e}" for e in EXTENSIONS)
            paths, _ = QFileDialog.getOpenFileNames(self, "选择下级单位的年报", self._folder(), f"年报 ({pattern})")
            if not paths:
                return
        self._remember(paths[0])
        self.add_sources(paths)

    def add_sources(self, paths: list[str]) -> None:
        """Add folders or files to the review and read what is new in them."""
        from reader.batch import walk

        fresh = [os.path.abspath(p) for p in paths if os.path.abspath(p) not in self.review.sources]
        self.review.sources.extend(fresh)
        files = [f for f in walk(fresh) if self.review.unit(f) is None]
        self.read(files)

    def reread(self) -> None:
        from reader.batch import walk

        self.read(walk(self.review.sources))

    def read(self, files: list[str]) -> None:
        """Read files in worker processes; the table fills as each is done; 取消 stops the batch."""
        if self.worker is not None:
            self.update_summary("正在读取，请等读取完成（或取消）后再添加。")
            return
        if not files:
            self.update_summary("没有找到新的年报文件（.docx、.gknb 或网页）。")
            return
        from reader.batch import summarise

        from .worker import Job, Worker

        self.review.year = self.year.value() or None
        # The program's one worker mechanism, without its modal loop: the table fills and the window stays
        # usable while the files are read (a unit's file at a time in each process, all cores).
        self.worker = Worker(Job(self.reader_fn or summarise, (self.review.year,), items=files), self)
        self._files = files
        self.progress = QProgressDialog(f"正在读取和检查 {len(files)} 个文件……", "取消", 0, len(files), self)
        self.progress.setWindowTitle("审核下级单位年报")
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        self.progress.setValue(0)
        self.progress.canceled.connect(self.worker.cancel)
        self.worker.itemDone.connect(lambda i, summary: self._file_read(summary))
        self.worker.itemFailed.connect(lambda i, error: self._file_read(_failed(self._files[i], error)))
        self.worker.finished.connect(self._read_done)
        self._done = 0
        self.worker.start()

    def cancel_reading(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _file_read(self, summary) -> None:
        unit = self.review.add(summary, refresh=False)
        self.model.unit_added(unit)
        self._done += 1
        progress = self.progress  # setValue of a modal dialog runs the event loop: _read_done may run inside
        if progress is not None and not progress.wasCanceled():
            progress.setLabelText(f"已读取 {self._done} / {progress.maximum()} 个文件：{Path(summary.file).name}")
            progress.setValue(self._done)
        if self._done % 20 == 0:
            self.review.refresh()
            self.model.refreshed()

    def _read_done(self) -> None:
        cancelled = self.worker.outcome.cancelled
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        self.worker.deleteLater()
        self.worker = None
        self.review.refresh()
        self.model.refreshed()
        self.update_summary("已取消：其余文件未读取。" if cancelled else "")

    @property
    def reading(self) -> bool:
        return self.worker is not None

    # ---- the reviewer's decisions ----------------------------------------------------------------------

    def selected_units(self):
        rows = {i.row() for i in self.table.selectionModel().selectedRows()} or (
            {self.table.currentIndex().row()} if self.table.currentIndex().isValid() else set())
        return [self.proxy.index(r, 0).data(UNIT_ROLE) for r in sorted(rows)]

    def _changed(self) -> None:
        self.dirty = True

    def _set(self, unit, status: str) -> None:
        self.review.set_status(unit, status)
        self.dirty = True
        row = self.model.row_of(unit)
        self.model.dataChanged.emit(self.model.index(row, STATUS), self.model.index(row, OPINION))

    def mark_passed(self) -> None:
        for u in self.selected_units():
            if u.counted:
                self._set(u, PASSED)

    def send_back(self, unit=None) -> None:
        """Mark a unit 退回 and show its notice (the first selected one)."""
        from .review_notice import NoticeDialog

        units = [unit] if unit is not None else self.selected_units()
        if not units:
            QMessageBox.information(self, "退回", "请先在表格中选中要退回的单位。")
            return
        u = units[0]
        if u.counted:
            self._set(u, RETURNED)
        self.notice = NoticeDialog(u.name, self.review.return_notice(u), self._folder(), self)
        self.notice.open()

    def edit_expected(self, text: str | None = None) -> None:
        """Paste the expected units, or load them from a text or .xlsx file."""
        if text is None:
            box = QMessageBox(self)
            box.setWindowTitle("应报单位名单")
            box.setText("应报单位名单可以粘贴（每行一个单位），也可以从文本文件或 Excel 文件（第一列）载入。")
            paste = box.addButton("粘贴名单…", QMessageBox.AcceptRole)
            load = box.addButton("从文件载入…", QMessageBox.ActionRole)
            box.addButton("取消", QMessageBox.RejectRole)
            box.exec()
            if box.clickedButton() is paste:
                text, ok = QInputDialog.getMultiLineText(self, "应报单位名单", "每行一个单位：",
                                                         "\n".join(self.review.expected))
                if not ok:
                    return
            elif box.clickedButton() is load:
                path, _ = QFileDialog.getOpenFileName(self, "载入应报单位名单", self._folder(),
                                                      "单位名单 (*.txt *.xlsx);;所有文件 (*)")
                if not path:
                    return
                from reader.unit_list import UnitListError, read_unit_list

                try:
                    self.review.expected = read_unit_list(path)
                except UnitListError as e:
                    QMessageBox.warning(self, "无法载入名单", str(e))
                    return
                self.dirty = True
                self.update_summary()
                return
            else:
                return
        from model.unit_names import parse_unit_list

        self.review.expected = parse_unit_list(text)
        self.dirty = True
        self.update_summary()

    def update_summary(self, note: str = "") -> None:
        r = self.review
        counted = r.counted
        errors = sum(1 for u in counted if u.errors)
        returned = sum(1 for u in counted if u.status == RETURNED)
        text = (f"文件 {len(r.units)} 个，计入 {len(counted)} 个单位（{errors} 个有错误，{returned} 个已退回），"
                f"未计入 {len(r.units) - len(counted)} 个。")
        lines = []
        if r.expected:
            matches = r.matches()
            missing = [m.expected for m in matches if m.missing]
            text += f"应报 {len(r.expected)} 个，缺报 {len(missing)} 个。"
            # 缺报 first, then names to settle, then inexact matches to confirm
            shown = sorted((m for m in matches if m.missing or not m.exact),
                           key=lambda m: (not (m.missing and not m.candidates), not m.candidates))
            lines = [m.describe() for m in shown]
            if not lines:
                lines = ["应报单位均已报送。"]
        self.missing.setPlainText("\n".join(lines))
        self.summary.setText(text + (f"  {note}" if note else ""))

    # ---- reports out ---------------------------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() in (STATUS, OPINION) and index.flags() & Qt.ItemIsEditable:
            return  # editing, not opening
        self.open_copy(index.data(UNIT_ROLE))

    def open_selected(self) -> None:
        units = self.selected_units()
        if units:
            self.open_copy(units[0])

    def open_copy(self, unit) -> bool:
        """Open the unit's report in the wizard as a read-only, unsaved copy at its findings: the unit's
        own file is never written."""
        from reader.batch import read_report

        if self.main is None or not unit.readable:
            if not unit.readable:
                QMessageBox.information(self, "无法打开", unit.reason)
            return False
        if not self.main.maybe_save():
            return False
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            report, problem, _, _ = read_report(unit.file, self.review.year)
        finally:
            QApplication.restoreOverrideCursor()
        if report is None:
            QMessageBox.warning(self, "无法打开", problem or "文件已无法读取。")
            return False
        from .review_readonly import make_read_only

        self._open_in_wizard(report, f"这是「{unit.name}」年报的只读副本，用于查看；对方的文件不会被改动。")
        make_read_only(self.main)
        findings = getattr(self.main, "findings", None)
        if findings is not None:
            self.main.go(self.main.steps.index(findings))
        return True

    def _open_in_wizard(self, report, note: str) -> None:
        from .document import ReportDocument

        self.main.set_document(ReportDocument(report))
        self.main.doc.undo_stack.resetClean()
        self.main.statusBar().showMessage(note, 30000)
        self.main.raise_()
        self.main.activateWindow()

    def make_sum(self) -> bool:
        """The counted units summed into a new report, opened in the wizard to write the prose."""
        total = self.review.totals()
        if total is None:
            QMessageBox.information(self, "汇总", "还没有可以汇总的年报。")
            return False
        if self.main is None or not self.main.maybe_save():
            return False
        self._open_in_wizard(total.report, f"已汇总 {len(total.units)} 个单位的年报，请填写机关名称和正文后保存。")
        if self.main.steps[1:]:
            self.main.go(1)
        notes = total.notes()
        if notes:
            box = QMessageBox(QMessageBox.Information, "汇总",
                              f"已汇总 {len(total.units)} 个单位。部分单位有空白单元格（未报告），汇总时未计入：",
                              QMessageBox.Ok, self)
            box.setDetailedText("\n".join(notes))
            box.open()
        return True

    def export_xlsx(self, path: str | None = None) -> bool:
        from export import ExportError
        from export.review_xlsx import write_review_xlsx

        if path is None:
            year = self.review.effective_year or ""
            start = str(Path(self._folder() or ".") / f"{year}年度年报审核.xlsx")
            path, _ = QFileDialog.getSaveFileName(self, "导出审核工作簿", start, "Excel 工作簿 (*.xlsx)")
            if not path:
                return False
        try:
            write_review_xlsx(self.review, path)
        except ExportError as e:
            QMessageBox.warning(self, "无法导出", str(e))
            return False
        self.update_summary(f"已导出：{Path(path).name}")
        return True

    # ---- the review file -----------------------------------------------------------------------------

    def save_record(self, path: str | None = None) -> bool:
        from model import review_file

        if path is None:
            start = self.review_path or str(Path(self._folder() or ".") / "年报审核记录.gknbreview")
            path, _ = QFileDialog.getSaveFileName(self, "保存审核记录", start, REVIEW_FILTER)
            if not path:
                return False
        self.review.year = self.year.value() or None
        try:
            review_file.save(self.review, path)
        except review_file.ReviewFileError as e:
            QMessageBox.warning(self, "无法保存", str(e))
            return False
        self.review_path = path
        self.dirty = False
        self.update_summary(f"审核记录已保存：{Path(path).name}")
        return True

    def open_record(self, path: str | None = None) -> bool:
        """Reopen a saved review: the folders are read again; a changed file is 待审 again."""
        from model import review_file
        from reader.batch import walk

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "打开审核记录", self._folder(), REVIEW_FILTER)
            if not path:
                return False
        try:
            review = review_file.load(path)
        except review_file.ReviewFileError as e:
            QMessageBox.warning(self, "无法打开", str(e))
            return False
        if not self.maybe_save():
            return False
        self.review, self.review_path, self.dirty = review, path, False
        self.year.setValue(review.year or 0)
        self.model.set_review(review)
        self.read(walk(review.sources))
        return True

    def maybe_save(self) -> bool:
        """Offer to save unsaved decisions; False when the reviewer cancels."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(self, "保存审核记录", "审核状态、意见或应报单位名单已修改，是否保存审核记录？",
                                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save_record(self.review_path)
        return answer == QMessageBox.Discard

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self.worker is not None:
            self.worker.cancel()
        super().closeEvent(event)


def _failed(path: str, error: BaseException):
    """The summary of a file whose worker failed outright (its process died under it twice)."""
    from model.review import FileSummary
    from reader.batch import crashed

    from .worker import WorkerDied

    if isinstance(error, WorkerDied):
        return crashed(path)
    return FileSummary(path, problem=f"读取时出错（{type(error).__name__}）。文件可能已损坏，请对方重新导出后再报送。")


def open_review(main) -> ReviewWindow:
    """The entry point of the start page and the menu: one review window, raised if already open."""
    win = getattr(main, "review_window", None)
    if win is None:
        win = ReviewWindow(main)
        main.review_window = win
    win.show()
    win.raise_()
    win.activateWindow()
    return win
