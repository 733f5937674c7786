"""Frozen header rows and label columns of the table pages: in sight after Ctrl+End and after a jump, with
the declaration's merges, the body's column widths and its horizontal scroll."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from conftest import SEED_SAMPLE
from gui_helpers import activate, table_step


@pytest.fixture
def opened(win, qtbot):
    win.open_file(str(SEED_SAMPLE), as_copy=True)
    win.resize(780, 500)  # small: every table scrolls
    yield win
    win.doc.undo_stack.setClean()


def _settle(qtbot, step):
    qtbot.waitUntil(lambda: step._fitted_width > 0, timeout=2000)
    qtbot.wait(20)


def _header_shows_its_labels(step):
    """The header pane lies inside the view's frame, over its viewport's top, and shows the header rows."""
    view, top = step.view, step.frozen.top
    assert top.isVisible()
    inside = QRect(0, 0, view.width(), view.height())
    assert inside.contains(top.geometry())
    assert top.geometry().bottom() + 1 == view.viewport().geometry().top()
    m = step.model
    rows = list(step.frozen.header_rows())
    assert rows and all(not top.isRowHidden(r) for r in rows)
    assert all(view.isRowHidden(r) for r in range(step.frozen.blocks[0][1]))
    # what a clerk reads there: the block's column labels, not numbers
    labels = [it.text for it in m.spec.items if it.role == "column" and it.row in rows]
    shown = {m.data(m.index(r, c)).replace("\n", "") for r in rows for c in range(m.columnCount())
             if m.data(m.index(r, c))}
    assert labels and set(labels) <= shown
    assert top.rowViewportPosition(rows[0]) == 0  # the header's first row at the pane's top


@pytest.mark.parametrize("table", ["t2", "t3", "t4"])
def test_header_stays_after_ctrl_end(opened, qtbot, table):
    step = table_step(opened, table)
    _settle(qtbot, step)
    activate(qtbot, opened)
    step.view.setFocus()
    qtbot.keyClick(step.view, Qt.Key_End, Qt.ControlModifier)
    qtbot.wait(20)
    if table != "t4":
        assert step.view.verticalScrollBar().value() > 0  # the body did scroll
    _header_shows_its_labels(step)


def test_header_stays_after_a_jump_to_a_cell(opened, qtbot):
    step = table_step(opened, "t3")
    _settle(qtbot, step)
    last = step.model.spec.cells[-1].id
    step.show_cells([last])
    qtbot.wait(20)
    assert step.view.verticalScrollBar().value() > 0
    rect = step.view.visualRect(step.model.index_of(last))
    assert step.view.viewport().rect().intersects(rect)  # the cell itself is in sight, not under the header
    _header_shows_its_labels(step)


@pytest.mark.parametrize("table", ["t2", "t3", "t4"])
def test_spans_and_widths_are_the_body_s(opened, qtbot, table):
    step = table_step(opened, table)
    _settle(qtbot, step)
    top, view, m = step.frozen.top, step.view, step.model
    for it in m.spec.items:
        assert (top.rowSpan(it.row, it.col), top.columnSpan(it.row, it.col)) == (it.rowspan, it.colspan)
    for c in range(m.columnCount()):
        if not view.isColumnHidden(c):
            assert top.columnWidth(c) == view.columnWidth(c) > 0


def test_table_2_header_follows_the_block_in_view(opened, qtbot):
    step = table_step(opened, "t2")
    _settle(qtbot, step)
    view, blocks = step.view, step.frozen.blocks
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.wait(20)
    top_row = view.rowAt(0)
    block = next(b for b in blocks if b[0] <= top_row < b[2])
    assert block != blocks[0]
    if top_row >= block[1]:  # a data row of this block at the top: its own header above it
        assert step.frozen.header_rows() == range(block[0], block[1])
    else:  # the block's own header is in sight in the body: the previous block's stays above
        prev = blocks[blocks.index(block) - 1]
        assert step.frozen.header_rows() == range(prev[0], prev[1])
    step.show_cells([step.model.spec.cells[0].id])
    qtbot.wait(20)
    assert step.frozen.header_rows() == range(blocks[0][0], blocks[0][1])


def test_horizontal_scroll_and_label_columns(opened, qtbot):
    opened.resize(760, 500)
    step = table_step(opened, "t3")
    _settle(qtbot, step)
    f = step.frozen
    assert f.columns_frozen  # wider than the page: the label columns stay
    view = step.view
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    qtbot.wait(20)
    assert f.top.horizontalScrollBar().value() == bar.value()
    assert f.left.isVisible() and f.left.geometry().right() < view.viewport().geometry().left()
    assert all(view.isColumnHidden(c) for c in range(f.first_data_col))
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.wait(20)
    assert f.left.verticalScrollBar().value() == view.verticalScrollBar().value()
    # the balance states follow the columns they belong to
    first = step.model.columnCount() - len(step.balance.columns)
    lab = step.balance.labels["total"]
    x = lab.mapTo(step, lab.rect().topLeft()).x()
    col_x = view.viewport().mapTo(step, view.viewport().rect().topLeft()).x() + view.columnViewportPosition(9)
    assert x == col_x and first == 3




def test_column_headers_break_between_words_only(opened, qtbot):
    from gui.steps.table_page import _words

    assert _words("社会公益组织") == ["社会", "公益", "组织"]
    assert _words("申请人情况") == ["申请人", "情况"]
    assert _words("本年收费金额（单位：万元）") == ["本年", "收费", "金额", "（单位：万元）"]
    for table in ("t3", "t4"):
        step = table_step(opened, table)
        _settle(qtbot, step)
        m = step.model
        for it in m.spec.items:
            if it.role == "column":
                shown = m.data(m.index(it.row, it.col))
                assert shown.replace("\n", "") == it.text
                ends, n = set(), 0
                for w in _words(it.text):
                    n += len(w)
                    ends.add(n)
                breaks, n = [], 0
                for line in shown.split("\n")[:-1]:
                    n += len(line)
                    breaks.append(n)
                assert set(breaks) <= ends, (it.text, shown)  # every break falls between two words


def test_balance_figures_are_never_clipped(opened, qtbot):
    from PySide6.QtGui import QFontMetrics

    from gui_helpers import type_cell

    step = table_step(opened, "t3")
    _settle(qtbot, step)
    type_cell(qtbot, step.view, "t3.new.natural", "1293")
    type_cell(qtbot, step.view, "t3.other.natural", "33")
    for lab in step.balance.labels.values():
        fm = QFontMetrics(step.balance._bold)
        for line in lab.text().split("\n"):
            assert fm.horizontalAdvance(line) <= lab.width(), (line, lab.width())
    assert "1294" in step.balance.labels["natural"].text() and "≠ 33" in step.balance.labels["natural"].text()


def test_a_click_on_the_frozen_header_keeps_the_selection(opened, qtbot):
    step = table_step(opened, "t3")
    _settle(qtbot, step)
    cells = [c.id for c in step.model.spec.cells[:3]]
    step.show_cells(cells)
    top = step.frozen.top
    qtbot.mouseClick(top.viewport(), Qt.LeftButton, pos=top.viewport().rect().center())
    m = step.model
    assert sorted(m.cell_at(ix) for ix in step.view.selectedIndexes()) == sorted(cells)
    assert m.cell_at(step.view.currentIndex()) == cells[0]
