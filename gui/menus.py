"""The main window's menus (文件, 编辑, 帮助 on Windows): built once, the undo items renamed for the step they
would undo when a menu shows, the recent files listed with their folders."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence


def action(win, menu, text, slot, shortcut=None) -> QAction:
    a = QAction(text, win)
    if shortcut is not None:
        # A standard key gives its platform's main binding, as QKeySequence(key) would (that constructor
        # loads PySide6's whole Qt namespace, ~20 ms, before the start page shows).
        a.setShortcuts(shortcut if isinstance(shortcut, list) else QKeySequence.keyBindings(shortcut)[:1])
    a.triggered.connect(lambda _=False: slot())
    menu.addAction(a)
    return a


def build(win) -> None:
    m = win.menuBar().addMenu("文件(&F)")
    action(win, m, "新建或打开…", lambda: win.go(0), QKeySequence.New)
    action(win, m, "打开…", lambda: win.open_file(None), QKeySequence.Open)
    win.save_act = action(win, m, "保存", win.save, QKeySequence.Save)
    win.save_as_act = action(win, m, "另存为…", win.save_as, [QKeySequence("Ctrl+Shift+S")])
    m.addSeparator()
    win.recent_menu = m.addMenu("最近打开的年报")
    win.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(win))
    m.addSeparator()
    win.export_acts = [action(win, m, "导出 Word 文档…", lambda: win.export("docx")),
                       action(win, m, "导出 Excel 表格…", lambda: win.export("xlsx")),
                       action(win, m, "导出 PDF…", lambda: win.export("pdf")),
                       action(win, m, "导出网页…", lambda: win.export("html")),
                       action(win, m, "复制为网页内容", lambda: win.export("copy-html")),
                       action(win, m, "打印预览", lambda: win.export("preview")),
                       action(win, m, "打印…", lambda: win.export("print"), QKeySequence.Print)]
    m.addSeparator()
    action(win, m, "审核下级单位年报…", win.open_review)
    m.addSeparator()
    action(win, m, "退出", win.close, QKeySequence.Quit)
    e = win.menuBar().addMenu("编辑(&E)")
    e.aboutToShow.connect(lambda: update_undo_actions(win))  # the names, when they are read
    win.undo_act = action(win, e, "撤销", win.undo, QKeySequence.Undo)
    ctrl_y = QKeySequence("Ctrl+Y")
    redo_keys = [ctrl_y] + [k for k in QKeySequence.keyBindings(QKeySequence.Redo) if k != ctrl_y]
    win.redo_act = action(win, e, "重做", win.redo, redo_keys)
    from . import file_type

    if file_type.available():  # Windows: the item that registers .gknb (gui/file_type_actions.py)
        from . import file_type_actions

        win.file_type_act = file_type_actions.add_menu_item(win, win.menuBar().addMenu("帮助(&H)"))
    update_undo_actions(win)


def update_undo_actions(win, *_) -> None:
    """编辑 ▸ 撤销「填写表三……」/ 重做「……」: the menu (and the tables' context menu) names the step. Run when
    a menu shows, not on every edit (a tenth of a millisecond a keystroke); being enabled follows the stack."""
    stack = win.doc.undo_stack if win.doc is not None else None
    for act, verb, can, text in ((win.undo_act, "撤销", stack and stack.canUndo(), stack and stack.undoText()),
                                 (win.redo_act, "重做", stack and stack.canRedo(), stack and stack.redoText())):
        act.setEnabled(bool(can))
        act.setText(f"{verb}「{_short(win, text)}」" if can and text else verb)


def _short(win, text: str) -> str:
    from PySide6.QtCore import Qt  # only once a report is open: see _action

    width = 26 * win.fontMetrics().horizontalAdvance("国")
    return win.fontMetrics().elidedText(text, Qt.ElideMiddle, width)


def fill_recent_menu(win) -> None:
    """File name and folder of each recent project (two files of the same name are told apart)."""
    from PySide6.QtCore import Qt

    menu = win.recent_menu
    menu.clear()
    width = 36 * win.fontMetrics().horizontalAdvance("国")
    for path in win.settings.recent():
        p = Path(path)
        folder = win.fontMetrics().elidedText(str(p.parent), Qt.ElideMiddle, width)
        a = menu.addAction(f"{p.name}　（{folder}）")
        a.setToolTip(path)
        a.triggered.connect(lambda _=False, f=path: win.open_file(f))
    if menu.isEmpty():
        menu.addAction("（还没有打开过年报）").setEnabled(False)
