"""帮助 ▸ 双击 .gknb 文件时用本程序打开: the menu item and the one-time offer (Windows; gui/file_type.py)."""
from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from . import file_type

OFFERED_KEY = "file_type/offered"


def add_menu_item(win, menu) -> QAction | None:
    """A checkable item showing whether .gknb opens with this program; None where there is no registry."""
    if not file_type.available():
        return None
    act = QAction("双击 .gknb 项目文件时用本程序打开", win, checkable=True)
    act.setToolTip("只为当前 Windows 用户登记，不需要管理员权限；再点一次即取消。")
    menu.aboutToShow.connect(lambda: act.setChecked(file_type.is_registered(file_type.system_registry())))
    act.triggered.connect(lambda checked: set_registered(win, checked))
    menu.addAction(act)
    return act


def set_registered(win, on: bool) -> bool:
    reg = file_type.system_registry()
    try:
        (file_type.register if on else file_type.unregister)(reg)
    except OSError as e:
        QMessageBox.warning(win, "未能完成", f"未能{'登记' if on else '取消'} .gknb 文件类型（{e.strerror or e}）。"
                            "可以继续使用“文件 ▸ 打开”打开项目。")
        return False
    return True


def offer_once(win) -> None:
    """Asked once, on the first start of a built program on Windows; never again, whatever the answer."""
    from model import paths

    if not (file_type.available() and paths.is_frozen()) or win.settings.qs.value(OFFERED_KEY, False, bool):
        return
    win.settings.qs.setValue(OFFERED_KEY, True)
    if file_type.is_registered(file_type.system_registry()):
        return
    answer = QMessageBox.question(
        win, "双击打开项目文件", "以后双击 .gknb 项目文件时，用公开年报助手打开吗？\n\n只为当前用户登记，"
        "不需要管理员权限；以后可在“帮助”菜单中取消。", QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    if answer == QMessageBox.Yes:
        set_registered(win, True)
