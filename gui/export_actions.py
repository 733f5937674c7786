"""Exporting from the window: choose a file, write it with the export package, offer to open the folder.

The writers (python-docx, openpyxl) are imported only here, when the clerk asks, never at start-up.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from model.checker import ERROR, check

from .settings import UiSettings

KINDS = {
    "docx": ("Word 文档", "Word 文档 (*.docx)", "export.word", "write_docx"),
    "xlsx": ("Excel 表格", "Excel 表格 (*.xlsx)", "export.excel", "write_xlsx"),
}


def _writer(kind: str):
    """The writer function, or None when this build lacks it (a message then says so)."""
    import importlib

    _, _, module, name = KINDS[kind]
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def export(parent: QWidget, report, kind: str, blanks_as_zero: bool, settings: UiSettings,
           folder: str | Path | None = None) -> Path | None:
    """Run the whole export dialogue, the save dialog opening in `folder` (else the last export folder);
    returns the written path, or None if cancelled or failed."""
    what, filt, _, _ = KINDS[kind]
    errors = [f for f in check(report) if f.level == ERROR]
    if errors:
        answer = QMessageBox.question(
            parent, "导出", f"检查发现 {len(errors)} 个错误（见“检查与导出”页）。\n\n仍要导出吗？"
            "导出的文件会如实写入当前的数字。", QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return None
    write = _writer(kind)
    if write is None:
        QMessageBox.warning(parent, "导出", f"本程序版本暂不能导出{what}（缺少导出组件）。\n"
                            "年报已保存在项目文件中，不会丢失；请安装完整版本后再导出。")
        return None
    start = str(Path(folder or settings.folder("export")) / f"{report.title}.{kind}")
    path, _ = QFileDialog.getSaveFileName(parent, f"导出{what}", start, filt)
    if not path:
        return None
    if not path.lower().endswith("." + kind):
        path += "." + kind
    import export as export_package

    export_error = getattr(export_package, "ExportError", OSError)
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        write(report, path, blanks_as_zero=blanks_as_zero)
    except export_error as e:
        return _failed(parent, f"{what}没有导出：{e}")
    except OSError as e:
        from model.project import write_error_message

        return _failed(parent, write_error_message(e, Path(path)))
    except Exception as e:  # a writer bug must not take the clerk's unsaved work down with it
        return _failed(parent, f"{what}导出时发生意外错误（{type(e).__name__}: {e}）。年报内容没有受影响，"
                       "请先保存项目文件，并把此信息告诉技术支持。")
    finally:
        QApplication.restoreOverrideCursor()
    settings.set_folder("export", path)
    folder = Path(path).parent
    answer = QMessageBox.question(parent, "导出完成", f"已导出{what}：\n{path}\n\n要打开所在的文件夹吗？",
                                  QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    if answer == QMessageBox.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    return Path(path)


def _failed(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, "导出失败", message)
    return None
