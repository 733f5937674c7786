"""Starting the window: QApplication, Qt's own Chinese translation, the main window, a file to open."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from model import paths


def install_translator(app: QApplication) -> QTranslator | None:
    """Load qtbase_zh_CN (standard buttons and dialogs in Chinese) from Qt (a frozen build carries it in
    Qt's folder too), or from resources/translations; without it the program still works, in English."""
    tr = QTranslator(app)
    for folder in (QLibraryInfo.path(QLibraryInfo.TranslationsPath), str(paths.resource_path("translations"))):
        if tr.load("qtbase_zh_CN", folder):
            app.installTranslator(tr)
            return tr
    return None


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(["gknb", *(argv or [])])
    app.setOrganizationName("gknb")
    app.setApplicationName("gknb")
    app.setApplicationDisplayName("公开年报助手")
    app.setWindowIcon(QIcon(str(paths.icon_path())))
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    install_translator(app)
    return app


def install_excepthook(win) -> None:
    """A bug in a slot must not pass silently nor lose work: autosave, then tell the clerk plainly."""
    def hook(kind, value, tb):
        import traceback

        from PySide6.QtWidgets import QMessageBox  # here, not at start-up: it is rarely needed and slow to load

        traceback.print_exception(kind, value, tb)
        try:
            saved = win.autosaver.autosave() or win.autosaver.data.exists()
        except Exception:  # noqa: BLE001 - the hook itself must never fail
            saved = False
        QMessageBox.critical(win, "程序出现意外错误", f"刚才的操作没有完成（{kind.__name__}: {value}）。\n\n"
                             + ("未保存的内容已自动保存，下次启动时可以恢复。" if saved else "")
                             + "建议先保存年报，再继续操作；如果问题反复出现，请把此信息告诉技术支持。")

    sys.excepthook = hook


def _serve_hand_overs(win) -> None:
    """After the window shows: later starts with a file hand it to this window (gui/single_instance.py)."""
    from . import single_instance

    win.instance_server = single_instance.listen(win)


def run(argv: list[str]) -> int:
    app = make_app()
    if argv and Path(argv[0]).is_file():
        from . import single_instance

        if single_instance.hand_over(argv[0]):
            return 0  # the running window took the file (one window per user: one lock, one place to look)
    from .main_window import MainWindow

    win = MainWindow()
    install_excepthook(win)
    win.show()
    QTimer.singleShot(0, lambda: _serve_hand_overs(win))
    if sys.platform == "win32":
        from . import file_type_actions

        QTimer.singleShot(500, lambda: file_type_actions.offer_once(win))
    from . import startup_probe  # benchmarks/run.py: reports when the window is first shown, then quits

    startup_probe.install(win)
    restored = win.offer_recovery()
    if argv and not restored:
        win.open_file(argv[0])
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(sys.argv[1:]))
