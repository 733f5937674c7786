"""The side list of wizard steps, each marked complete / has errors / has warnings / not yet filled."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QToolTip

from .steps import COMPLETE, EMPTY, ERROR, WARNING

def findings_detail(findings: list, notes: dict) -> str:
    """A step's tooltip after its state: how many findings of each level (and how many explained), then
    what the first few say; "" without findings."""
    if not findings:
        return ""
    from model.checker import ERROR, INFO, WARNING, explained

    names = {ERROR: "个错误", WARNING: "个提醒", INFO: "条信息"}
    counts = [f"{n} {names[level]}" for level in (ERROR, WARNING, INFO)
              if (n := sum(f.level == level for f in findings))]
    done = sum(explained(f, notes) for f in findings)
    lines = ["，".join(counts) + (f"（{done} 条已说明）" if done else "")]
    for f in findings[:3]:
        text = f"【{f.rule}】{f.message}" + ("（已说明）" if explained(f, notes) else "")
        lines.append("· " + (text if len(text) <= 70 else text[:69] + "…"))
    if len(findings) > 3:
        lines.append(f"……另有 {len(findings) - 3} 条，见“检查与导出”")
    return "\n".join(lines)


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
