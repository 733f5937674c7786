"""The side list of wizard steps, each marked complete / has errors / has warnings / not yet filled."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QToolTip

from .steps import COMPLETE, EMPTY, ERROR, WARNING

STATE_TEXT = {COMPLETE: "已完成", ERROR: "有错误", WARNING: "有提醒", EMPTY: "未填写"}
_COLORS = {COMPLETE: "#2e8b3a", ERROR: "#c62828", WARNING: "#e0a100", EMPTY: "#b0b0b0"}
_MARKS = {COMPLETE: "✓", ERROR: "!", WARNING: "!", EMPTY: ""}
STATE_ROLE = 0x0100  # Qt.UserRole; see state_icon for why this module does not import Qt


@lru_cache(maxsize=None)
def state_icon(state: str, size: int = 32) -> QIcon:
    """The round mark of a state, drawn once and reused.

    The start page shows the ring of 未填写 before any report is open: it is drawn without touching a Qt.*
    enum (passing or even overloading on one makes PySide6 build its whole Qt namespace, ~20 ms).
    """
    pm = QPixmap(size, size)
    pm.fill(QColor(0, 0, 0, 0))  # transparent
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    circle = QPainterPath()
    circle.addEllipse(3, 3, size - 6, size - 6)
    color = QColor(_COLORS[state])
    if state == EMPTY:
        pen = QPen()
        pen.setColor(color)
        p.strokePath(circle, pen)
    else:
        from PySide6.QtCore import Qt  # a report is open: its pages have loaded Qt's namespace already

        p.fillPath(circle, color)
        p.setPen(QColor("white"))
        f = p.font()
        f.setBold(True)
        f.setPixelSize(int(size * 0.6))
        p.setFont(f)
        p.drawText(pm.rect(), Qt.AlignCenter, _MARKS[state])
    p.end()
    return QIcon(pm)


class StepList(QListWidget):
    """One row per step; the row's icon and tooltip give the step's state, the tooltip also what the findings
    say. The tooltips are kept here, not in the items: they change with every figure typed, and an item's
    data changing repaints it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("step_list")
        self.setWordWrap(True)
        self.setIconSize(QSize(18, 18))
        self.setSpacing(2)
        self.setStyleSheet("QListWidget { font-size: 10.5pt; } QListWidget::item { padding: 6px 4px; }"
                           "QListWidget::item:selected { background: #d6e6fa; color: #1a1a1a; }")
        self.states: list[str] = []
        self.tips: list[str] = []

    def set_steps(self, titles: list[str]) -> None:
        self.blockSignals(True)
        self.clear()
        for t in titles:
            self.addItem(QListWidgetItem(t))
        self.states = [EMPTY] * len(titles)
        self.tips = [""] * len(titles)
        self.blockSignals(False)

    def set_state(self, row: int, state: str, detail: str = "") -> None:
        self.tips[row] = STATE_TEXT[state] + (f"：{detail}" if detail else "")
        if self.states[row] == state and self.item(row).data(STATE_ROLE) == state:
            return  # runs after every keystroke: touching an unchanged item would repaint the list
        self.states[row] = state
        item = self.item(row)
        item.setIcon(state_icon(state))
        item.setData(STATE_ROLE, state)

    def tip(self, row: int) -> str:
        return self.tips[row] if 0 <= row < len(self.tips) else ""

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            item = self.itemAt(event.pos())
            text = self.tip(self.row(item)) if item is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport(), self.visualItemRect(item))
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
