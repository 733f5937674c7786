"""Step 开始: new report, open, recent files, the samples, and a new year from last year's project.

Actions are rows of buttons added with `add_action`, so an importer (导入已发布的年报…) is one more call.
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout)

from model import formats
from model.peek import project_title

from . import Step

PATH_ROLE = 0x0100 + 1


class StartStep(Step):
    """The first page. Emits what the clerk chose; the main window does the work."""

    title = "开始"
    newRequested = Signal(str, int)  # organ, year
    openRequested = Signal(str)  # a path, or "" for the open dialog
    sampleRequested = Signal(str)
    fromLastRequested = Signal()

    def __init__(self, samples: list[Path], parent=None):
        super().__init__(parent)
        self.heading("公开年报助手", "按国务院办公厅规定的格式，编制、检查并导出政府信息公开工作年度报告。")
        cols = QHBoxLayout()
        left = QVBoxLayout()
        new_box = QGroupBox("新建年报")
        form = QFormLayout(new_box)
        self.organ = QLineEdit()
        self.organ.setObjectName("new_organ")
        self.organ.setPlaceholderText("例如：开封市商务局")
        form.addRow("机关名称：", self.organ)
        self.year = QSpinBox()
        self.year.setObjectName("new_year")
        self.year.setRange(2019, 2100)
        self.year.setSuffix(" 年")
        self.year.setValue(time.localtime().tm_year - 1)  # reports are written in January for last year
        form.addRow("报告年度：", self.year)
        self.format_label = QLabel()
        self.format_label.setWordWrap(True)
        form.addRow("使用格式：", self.format_label)
        self.new_btn = QPushButton("新建年报")
        self.new_btn.setObjectName("new_report")
        form.addRow("", self.new_btn)
        left.addWidget(new_box)

        self.actions_box = QGroupBox("其他方式")
        self.actions = QVBoxLayout(self.actions_box)
        left.addWidget(self.actions_box)
        left.addStretch(1)
        cols.addLayout(left, 1)

        right = QVBoxLayout()
        recent_box = QGroupBox("最近打开的年报（双击打开）")
        rv = QVBoxLayout(recent_box)
        self.recent = QListWidget()
        self.recent.setObjectName("recent_files")
        rv.addWidget(self.recent)
        right.addWidget(recent_box, 1)
        cols.addLayout(right, 1)
        self.layout_.addLayout(cols, 1)

        self.add_action("打开年报文件…", "打开以前保存的 .gknb 年报项目文件。", lambda: self.openRequested.emit(""))
        self.add_action("从去年的年报开始…", "选择上一年度的年报项目文件：保留机关名称和小标题，"
                        "“上年结转”取自去年的“结转下年度继续办理”，并用于核对现行有效件数。",
                        self.fromLastRequested.emit)
        for path in samples:
            self.add_action(f"打开示例：{_sample_name(path)}", "示例不会被修改；保存时会请您另存为新文件。",
                            lambda p=path: self.sampleRequested.emit(str(p)))

        self.year.valueChanged.connect(self._show_format)
        self.new_btn.clicked.connect(self._new)
        self.organ.returnPressed.connect(self._new)
        self.recent.itemActivated.connect(self._recent)
        self._show_format()

    def add_action(self, text: str, tip: str, handler) -> QPushButton:
        """One more way to start (a button with its explanation)."""
        b = QPushButton(text)
        b.setToolTip(tip)
        b.setStyleSheet("text-align: left; padding: 6px 10px;")
        b.clicked.connect(lambda _=False: handler())
        self.actions.addWidget(b)
        return b

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(f"{Path(p).name}\n所在文件夹：{Path(p).parent}")
            item.setData(PATH_ROLE, p)
            item.setToolTip(p)
            self.recent.addItem(item)
        if not paths:
            self.recent.addItem("（还没有打开过年报）")

    def _recent(self, item: QListWidgetItem) -> None:
        if item.data(PATH_ROLE):
            self.openRequested.emit(item.data(PATH_ROLE))

    def _show_format(self) -> None:
        self.format_label.setText(formats.title_for_year(self.year.value()))

    def _new(self) -> None:
        self.newRequested.emit(self.organ.text().strip(), self.year.value())


def _sample_name(path: Path) -> str:
    return project_title(path) or path.stem
