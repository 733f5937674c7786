"""The side list of wizard steps, each marked complete / has errors / has warnings / not yet filled."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from .steps import COMPLETE, EMPTY, ERROR, WARNING

STATE_TEXT = {COMPLETE: "已完成", ERROR: "有错误", WARNING: "有提醒", EMPTY: "未填写"}
_COLORS = {COMPLETE: "#2e8b3a", ERROR: "#c62828", WARNING: "#e0a100", EMPTY: "#b0b0b0"}
_MARKS = {COMPLETE: "✓", ERROR: "!", WARNING: "!", EMPTY: ""}


def state_icon(state: str, size: int = 32) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    color = QColor(_COLORS[state])
    if state == EMPTY:
        p.setPen(color)
        p.setBrush(Qt.NoBrush)
    else:
        p.setPen(Qt.NoPen)
        p.setBrush(color)
    p.drawEllipse(3, 3, size - 6, size - 6)
    if _MARKS[state]:
        p.setPen(QColor("white"))
        f = p.font()
        f.setBold(True)
        f.setPixelSize(int(size * 0.6))
        p.setFont(f)
        p.drawText(pm.rect(), Qt.AlignCenter, _MARKS[state])
    p.end()
    return QIcon(pm)


class StepList(QListWidget):
    """One row per step; the row's icon and tooltip give the step's state."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("step_list")
        self.setWordWrap(True)
        self.setIconSize(QSize(18, 18))
        self.setSpacing(2)
        self.setStyleSheet("QListWidget { font-size: 10.5pt; } QListWidget::item { padding: 6px 4px; }"
                           "QListWidget::item:selected { background: #d6e6fa; color: #1a1a1a; }")
        self.states: list[str] = []

    def set_steps(self, titles: list[str]) -> None:
        self.blockSignals(True)
        self.clear()
        for t in titles:
            self.addItem(QListWidgetItem(t))
        self.states = [EMPTY] * len(titles)
        self.blockSignals(False)

    def set_state(self, row: int, state: str, detail: str = "") -> None:
        self.states[row] = state
        item = self.item(row)
        item.setIcon(state_icon(state))
        item.setToolTip(STATE_TEXT[state] + (f"：{detail}" if detail else ""))
        item.setData(Qt.UserRole, state)
