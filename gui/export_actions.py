"""Exporting from the window: choose a file, write it with the export package, offer to open the folder;
copy the report as web content; print it with a preview.

The writers (python-docx, openpyxl, the PDF and web-page writers, Qt's print support) are imported only here,
when the clerk asks, never at start-up.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from model.checker import ERROR, check

from . import questions
from .settings import UiSettings

KINDS = {
    "docx": ("Word 文档", "Word 文档 (*.docx)", "export.word", "write_docx"),
    "xlsx": ("Excel 表格", "Excel 表格 (*.xlsx)", "export.excel", "write_xlsx"),
    "pdf": ("PDF 文件", "PDF 文件 (*.pdf)", "export.pdf", "write_pdf"),
    "html": ("网页", "网页 (*.html)", "export.html", "write_html"),
}


def missing_fonts(fonts=None) -> list[str]:
    """The fonts the Word document asks for (export's own list) that this PC does not have."""
    from export.fonts import ALIASES, requested_fonts

    have = {f.casefold() for f in QFontDatabase.families()}
    return [n for n in requested_fonts(fonts) if not any(a.casefold() in have for a in (n, *ALIASES.get(n, ())))]


def fallback_pairs() -> list[tuple[str, str]]:
    """(font asked for, the fallback set's font for the same role), for the fonts the fallback set changes."""
    from dataclasses import fields

    from export.fonts import Fonts

    asked, fallback = Fonts(), Fonts.FALLBACK
    pairs = {}
    for f in fields(Fonts):
        a, b = getattr(asked, f.name), getattr(fallback, f.name)
        if isinstance(a, str) and a != b:
            pairs[a] = b + ("（加粗）" if f.name == "title" and fallback.title_bold else "")
    return list(pairs.items())


def fonts_note() -> tuple[str, bool, bool]:
    """What the clerk should know about this PC's fonts before exporting Word: (text, whether to offer the
    fallback set, whether to propose it: this PC has the fallback fonts). ("", False, False) when every
    font the document asks for is installed."""
    missing = missing_fonts()
    if not missing:
        return "", False, False
    pairs = [(a, b) for a, b in fallback_pairs() if a in missing]
    text = (f"本电脑没有安装 Word 文档规定使用的字体：{'、'.join(missing)}。在这台电脑上用 Word 或 WPS 打开时，"
            "这些文字会以其他字体代替显示和打印（一般是宋体），字形与规定格式不同；在装有这些字体的电脑上打开则正常。")
    lacking = [f for f in missing_fonts(_fallback_fonts()) if f in {b.split("（")[0] for _, b in pairs}]
    if pairs:
        text += ("如要在本电脑上打印，可勾选下面的“使用替代字体”："
                 + "，".join(f"{b}代替{a}" for a, b in pairs) + "。")
    if lacking:
        text += f"（本电脑也没有{'、'.join(lacking)}。）"
    return text, bool(pairs), bool(pairs) and not lacking


def _fallback_fonts():
    from export.fonts import Fonts

    return Fonts.FALLBACK


def _writer(kind: str):
    """The writer function, or None when this build lacks it (a message then says so)."""
    import importlib

    _, _, module, name = KINDS[kind]
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def export(parent: QWidget, report, kind: str, blanks_as_zero: bool, settings: UiSettings,
           fallback_fonts: bool | None = None, folder: str | Path | None = None) -> Path | None:
    """Run the whole export dialogue, the save dialog opening in `folder` (else the last export folder);
    returns the written path, or None if cancelled or failed.

    `fallback_fonts` (Word only): write the fallback font set; None takes the choice on the 检查与导出 page."""
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
    options = {"blanks_as_zero": blanks_as_zero}
    if fallback_fonts is None:
        box = getattr(getattr(parent, "findings", None), "fallback_fonts", None)
        fallback_fonts = box is not None and box.isVisible() and box.isChecked()
    if kind == "docx" and fallback_fonts:  # the PDF replaces a missing font by itself (export.pdf.page_fonts)
        options["fonts"] = _fallback_fonts()
    while True:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            written = write(report, path, **options)
            break
        except export_error as e:
            if not getattr(e, "in_use", False):
                return _failed(parent, f"{what}没有导出：{e}")
        except OSError as e:
            from model.project import write_error_message

            return _failed(parent, write_error_message(e, Path(path)))
        except Exception as e:  # a writer bug must not take the clerk's unsaved work down with it
            return _failed(parent, f"{what}导出时发生意外错误（{type(e).__name__}: {e}）。年报内容没有受影响，"
                           "请先保存项目文件，并把此信息告诉技术支持。")
        finally:
            QApplication.restoreOverrideCursor()
        # Open in Word or WPS (Windows refuses to replace it): 重试 once it is closed there, or another name.
        answer = questions.in_use(parent, path, what)
        if answer == questions.SAVE_AS:
            path, _ = QFileDialog.getSaveFileName(parent, f"导出{what}", path, filt)
            if path and not path.lower().endswith("." + kind):
                path += "." + kind
        if answer == questions.CANCEL or not path:
            return None
    settings.set_folder("export", path)
    folder = Path(path).parent
    fonts = ""
    if kind == "docx":
        from export.fonts import requested_fonts

        used = requested_fonts(options.get("fonts"))
        lacking = missing_fonts(options.get("fonts"))
        fonts = f"\n\n使用的字体：{'、'.join(used)}。"
        if lacking:
            fonts += f"本电脑没有安装{'、'.join(lacking)}，在这里打开时 Word/WPS 会用其他字体代替显示。"
    elif hasattr(written, "message"):  # the PDF: the fonts it holds, and which stood in for missing ones
        fonts = f"\n\n{written.message()}。"
    answer = QMessageBox.question(parent, "导出完成", f"已导出{what}：\n{path}{fonts}\n\n要打开所在的文件夹吗？",
                                  QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    if answer == QMessageBox.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    return Path(path)


def _failed(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, "导出失败", message)
    return None


def copy_as_web_content(report, blanks_as_zero: bool) -> None:
    """复制为网页内容: the clipboard gets the article as HTML (tables with their merges) and as plain text,
    to paste into the portal's web editor."""
    from PySide6.QtCore import QMimeData

    from export.html import body_html, plain_text

    mime = QMimeData()
    mime.setHtml('<html><head><meta charset="utf-8"></head><body>\n'
                 f"{body_html(report, blanks_as_zero)}\n</body></html>")
    mime.setText(plain_text(report, blanks_as_zero))
    QApplication.clipboard().setMimeData(mime)


def _printer(report):
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the pages place everything from the paper's corner (GB/T 9704 margins)
    printer.setDocName(report.title)
    return printer


def print_preview(parent: QWidget, report, blanks_as_zero: bool, run: bool = True):
    """打印预览: Qt's preview of the same A4 pages as the PDF; its toolbar prints to the system's printers.
    Returns the dialog (shown modally unless run is False, for tests)."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from export.pdf import lay_out, render

    pages = lay_out(report, blanks_as_zero)
    printer = _printer(report)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # the dialog does not own its printer: keep it alive as long as the dialog
    dialog.setWindowTitle(f"打印预览 - {report.title}（共 {len(pages)} 页）")
    dialog.paintRequested.connect(lambda printer: render(pages, printer))
    dialog.resize(900, 1000)
    if run:
        dialog.exec()
    return dialog


def print_report(parent: QWidget, report, blanks_as_zero: bool) -> bool:
    """打印…: the system's print dialog (printer, copies, pages), then the same A4 pages as the PDF."""
    from PySide6.QtPrintSupport import QPrintDialog

    from export.pdf import lay_out, render

    printer = _printer(report)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印年报")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    try:
        render(lay_out(report, blanks_as_zero), printer)
    except OSError as e:
        _failed(parent, f"没有打印：{e}请检查打印机是否已连接并开启。")
        return False
    return True
