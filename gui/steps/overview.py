"""Step 一、总体情况: an intro paragraph and the subsections (add, remove, rename, reorder), with a count."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from ..commands import SetSubsectionsCommand
from ..document import ReportDocument
from ..text_widgets import BoundText, select_sentence
from . import Step, readable

ADVISED_LENGTH = 1000  # some cities cap this section at about 1000 characters


class OverviewStep(Step):
    """The overview section as a list of subsection titles beside the selected one's title and text."""

    def __init__(self, doc: ReportDocument, section, parent=None):
        super().__init__(parent)
        self.doc, self.section_id, self.title = doc, section.id, section.heading
        self.heading(section.heading, section.hint)

        self.layout_.addWidget(QLabel("开头段落（可不填）："))
        self.intro = readable(QPlainTextEdit())
        self.intro.setObjectName("overview_intro")
        self.intro.setMaximumHeight(70)
        self.intro.setPlaceholderText("例如：本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》……")
        self.layout_.addWidget(self.intro)
        BoundText(doc, self.intro, ("section", section.id), "修改总体情况开头段落")

        split = QSplitter(Qt.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel("小标题（按顺序）："))
        self.list = QListWidget()
        self.list.setObjectName("subsection_list")
        self.list.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        lv.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_btn = QPushButton("添加")
        self.remove_btn = QPushButton("删除")
        self.up_btn = QPushButton("上移")
        self.down_btn = QPushButton("下移")
        for b in (self.add_btn, self.remove_btn, self.up_btn, self.down_btn):
            buttons.addWidget(b)
        lv.addLayout(buttons)
        split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(8, 0, 0, 0)
        rv.addWidget(QLabel("小标题："))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("subsection_title")
        rv.addWidget(self.title_edit)
        rv.addWidget(QLabel("内容："))
        self.text_edit = readable(QPlainTextEdit())
        self.text_edit.setObjectName("subsection_text")
        rv.addWidget(self.text_edit, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 780])
        self.layout_.addWidget(split, 1)
        self.count = QLabel()
        self.layout_.addWidget(self.count)

        self.bound_title = BoundText(doc, self.title_edit, None, "修改小标题")
        self.bound_text = BoundText(doc, self.text_edit, None, "修改小标题下的内容")
        self.list.currentRowChanged.connect(self._select)
        self.add_btn.clicked.connect(self.add)
        self.remove_btn.clicked.connect(self.remove)
        self.up_btn.clicked.connect(lambda: self.move(-1))
        self.down_btn.clicked.connect(lambda: self.move(1))
        doc.subsectionsChanged.connect(self._reload)
        doc.textChanged.connect(self._on_text)
        self._reload()

    # ---- list ------------------------------------------------------------------------------------

    def _subs(self) -> list[tuple[str, str]]:
        return [(s.title, s.text) for s in self.doc.report.subsections]

    def _reload(self, keep: int | None = None) -> None:
        row = self.list.currentRow() if keep is None else keep
        self.list.blockSignals(True)
        self.list.clear()
        for i, s in enumerate(self.doc.report.subsections):
            self.list.addItem(_numbered(i, s.title))
        self.list.blockSignals(False)
        n = self.list.count()
        self.list.setCurrentRow(min(max(row, 0), n - 1) if n else -1)
        self._select(self.list.currentRow())
        self._count()

    def _select(self, row: int) -> None:
        key_ok = 0 <= row < len(self.doc.report.subsections)
        self.bound_title.rebind(("sub", row, "title") if key_ok else None)
        self.bound_text.rebind(("sub", row, "text") if key_ok else None)
        if key_ok:  # 编辑 ▸ 撤销「修改「依申请公开」的内容」 names the part
            self.bound_text.label = f"修改「{self.doc.report.subsections[row].title}」的内容"
        for w in (self.title_edit, self.text_edit, self.remove_btn):
            w.setEnabled(key_ok)
        self.up_btn.setEnabled(key_ok and row > 0)
        self.down_btn.setEnabled(key_ok and row < self.list.count() - 1)

    def _on_text(self, key: tuple) -> None:
        if key[0] == "sub" and key[2] == "title" and key[1] < self.list.count():
            self.list.item(key[1]).setText(_numbered(key[1], self.doc.text(key)))
        self._count()

    def add(self) -> None:
        subs = self._subs()
        at = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else len(subs)
        subs.insert(at, ("新的小标题", ""))
        self.doc.undo_stack.push(SetSubsectionsCommand(self.doc, subs, "添加小标题"))
        self._reload(at)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def remove(self) -> None:
        row = self.list.currentRow()
        subs = self._subs()
        if 0 <= row < len(subs):
            title = subs.pop(row)[0]
            self.doc.undo_stack.push(SetSubsectionsCommand(self.doc, subs, f"删除小标题「{title}」"))
            self._reload(row)

    def move(self, delta: int) -> None:
        row = self.list.currentRow()
        subs = self._subs()
        to = row + delta
        if 0 <= row < len(subs) and 0 <= to < len(subs):
            subs[row], subs[to] = subs[to], subs[row]
            self.doc.undo_stack.push(SetSubsectionsCommand(self.doc, subs, "调整小标题顺序"))
            self._reload(to)

    def show_text(self, key: tuple, span: tuple[int, int] | None) -> None:
        """Open the subsection (or the intro) a finding quotes and select the sentence holding the figure."""
        if key[0] == "sub" and 0 <= key[1] < self.list.count():
            self.list.setCurrentRow(key[1])
            editor = self.text_edit if key[2] == "text" else None
        else:
            editor = self.intro if key == ("section", self.section_id) else None
        if editor is not None and span:
            select_sentence(editor, span)

    # ---- count -----------------------------------------------------------------------------------

    def _count(self) -> None:
        parts = [self.doc.text(("section", self.section_id))]
        parts += [s.title + s.text for s in self.doc.report.subsections]
        n = sum(not ch.isspace() for ch in "".join(parts))
        over = n > ADVISED_LENGTH
        self.count.setText(f"本部分共 {n} 字" + (f"（部分地方要求约 {ADVISED_LENGTH} 字以内，请按当地要求把握）"
                                                 if over else ""))
        self.count.setStyleSheet("color: #a05a00;" if over else "")

    def is_filled(self) -> bool:
        return any(s.text.strip() for s in self.doc.report.subsections)


def _numbered(i: int, title: str) -> str:
    return f"（{'一二三四五六七八九十'[i] if i < 10 else i + 1}）{title}"
