"""The PDF, the web page, the clipboard and the print preview from the window, as a clerk uses them."""
from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import DEMO_SAMPLE
from gui_helpers import make_window


def _opened(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path)
    win.open_file(str(DEMO_SAMPLE), as_copy=True)
    win.go(len(win.steps) - 1)
    return win, win.steps[-1]


def test_export_pdf_and_web_page_from_the_check_page(qtbot, tmp_path, dialogs):
    win, page = _opened(qtbot, tmp_path)
    pdf, html = tmp_path / "年报", tmp_path / "年报.html"
    dialogs.files += [str(pdf), str(html)]
    dialogs.answers += [QMessageBox.No, QMessageBox.No]
    qtbot.mouseClick(page.pdf_btn, Qt.LeftButton)
    written = pdf.with_suffix(".pdf")
    assert written.read_bytes().startswith(b"%PDF")
    done = [t for k, title, t in dialogs.shown if title == "导出完成"]
    assert "字体已嵌入文件" in done[0]  # the fonts drawn, and what stood in for missing ones, are said
    qtbot.mouseClick(page.html_btn, Qt.LeftButton)
    text = html.read_text("utf-8")
    assert "<table" in text and win.doc.report.meta.organ in text
    win.doc.undo_stack.setClean()


def test_copy_as_web_content_fills_the_clipboard_with_html_and_text(qtbot, tmp_path, dialogs):
    win, page = _opened(qtbot, tmp_path)
    QApplication.clipboard().clear()
    qtbot.mouseClick(page.copy_html_btn, Qt.LeftButton)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    assert len(re.findall(r"<table", mime.html())) == 3 and 'rowspan="' in mime.html()
    assert win.doc.report.title.replace("\n", "") in mime.text()
    assert "已复制为网页内容" in win.statusBar().currentMessage()
    win.doc.undo_stack.setClean()


def test_the_menu_offers_pdf_web_page_copy_and_print(qtbot, tmp_path, dialogs):
    win, _ = _opened(qtbot, tmp_path)
    texts = [a.text() for a in win.export_acts]
    for item in ("导出 PDF…", "导出网页…", "复制为网页内容", "打印预览", "打印…"):
        assert item in texts
        assert next(a for a in win.export_acts if a.text() == item).isEnabled()
    win.doc.undo_stack.setClean()


def test_print_preview_shows_the_pdfs_pages(qtbot, tmp_path, dialogs):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from export.pdf import lay_out
    from gui import export_actions

    win, _ = _opened(qtbot, tmp_path)
    report = win.doc.report
    dialog = export_actions.print_preview(win, report, True, run=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0)
    assert preview.pageCount() == len(lay_out(report))
    assert f"共 {preview.pageCount()} 页" in dialog.windowTitle()
    dialog.close()
    win.doc.undo_stack.setClean()


def test_pasted_into_a_rich_text_editor_the_tables_keep_their_merges(qtbot, tmp_path, dialogs):
    """Qt's own rich-text editor stands in for the portal's web editor: Ctrl+V of the copied content gives
    three tables whose every cell spans the rows and columns the format declares."""
    from PySide6.QtGui import QTextTable
    from PySide6.QtWidgets import QTextEdit

    from export.grid import layout

    win, page = _opened(qtbot, tmp_path)
    qtbot.mouseClick(page.copy_html_btn, Qt.LeftButton)
    editor = QTextEdit()
    qtbot.addWidget(editor)
    editor.show()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_V, Qt.ControlModifier)
    doc = editor.document()
    tables = []
    block = doc.begin()
    while block.isValid():
        t = editor.textCursor()
        t.setPosition(block.position())
        table = t.currentTable()
        if isinstance(table, QTextTable) and table not in tables:
            tables.append(table)
        block = block.next()
    report = win.doc.report
    ids = [s.table for s in report.format.sections if s.table]
    assert len(tables) == len(ids)
    for tid, table in zip(ids, tables):
        lay = layout(report, tid, True)
        assert (table.rows(), table.columns()) == (lay.spec.n_rows, lay.spec.n_cols)
        for it, text in lay.cells:
            cell = table.cellAt(it.row, it.col)
            assert (cell.row(), cell.column(), cell.rowSpan(), cell.columnSpan()) == \
                (it.row, it.col, it.rowspan, it.colspan), (tid, text)
            got = cell.firstCursorPosition()
            got.setPosition(cell.lastCursorPosition().position(), got.MoveMode.KeepAnchor)
            assert got.selectedText().replace("\u2028", "\n") == text, (tid, it.row, it.col)
    win.doc.undo_stack.setClean()


def test_print_sends_the_same_pages_to_the_printer(qtbot, tmp_path, dialogs, monkeypatch):
    """打印… with the system's dialog accepted: the printer gets the PDF's pages (printed here to a file)."""
    import subprocess

    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from conftest import require_tool
    from export.pdf import lay_out

    require_tool("pdfinfo")
    out = tmp_path / "printed.pdf"

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    win, _ = _opened(qtbot, tmp_path)
    win.export("print")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)", info, re.M).group(1) == str(len(lay_out(win.doc.report)))
    assert "(A4)" in info
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    # Printed to a file by Qt itself, the text keeps Qt's radicals (⽰ for 示): on paper it makes no difference,
    # and the exported PDF maps them back (export.pdf.fix_text_mapping).
    assert win.doc.report.meta.organ in unicodedata.normalize("NFKC", text).replace(" ", "")
    assert "已发送到打印机" in win.statusBar().currentMessage()
    win.doc.undo_stack.setClean()
