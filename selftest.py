"""`gknb --selftest`: proves a build works end to end, printing each step; exit code 0 only if all passed.

It starts the real main window on whatever Qt platform is available (offscreen in CI), opens the seed
sample in it, runs the checker (the seed has two 勾稽 errors by design: finding them is a pass), exports
.docx and .xlsx to a temporary folder, reopens both and compares figures and labels with the report.
Meant for maintainers and CI (frozen or not), so it prints plain step lines, not clerk dialogs.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

from model import about, paths


class SelfTestFailure(Exception):
    """A step found something wrong; str() says what."""


class _Log:
    """Prints step lines to stdout (when there is one: a windowed exe may have none) and to a log file."""

    def __init__(self, log_file: str | None):
        self.file = open(log_file, "w", encoding="utf-8") if log_file else None
        if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
            try:
                sys.stdout.reconfigure(encoding="utf-8", errors="replace")
            except (OSError, ValueError):
                pass

    def __call__(self, line: str) -> None:
        if sys.stdout is not None:
            print(line, flush=True)
        if self.file:
            self.file.write(line + "\n")
            self.file.flush()

    def close(self) -> None:
        if self.file:
            self.file.close()


def run(argv: list[str]) -> int:
    """Run every step; `argv` may hold `--log FILE` (also GKNB_SELFTEST_LOG) to keep the lines in a file."""
    log_file = os.environ.get("GKNB_SELFTEST_LOG")
    if "--log" in argv and argv.index("--log") + 1 < len(argv):
        log_file = argv[argv.index("--log") + 1]
    try:
        log = _Log(log_file)
    except OSError as e:  # a log folder that does not exist, a read-only one: say so, not a traceback
        from model.os_errors import write_error_message

        print(f"错误：无法写入自检日志。{write_error_message(e, Path(log_file))}", file=sys.stderr)
        return 2
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display (a CI machine): Qt would abort otherwise
    log(f"{about.APP_ID} {about.VERSION} self-test ({'frozen' if paths.is_frozen() else 'from source'}, "
        f"Python {sys.version.split()[0]}, {sys.platform})")
    state: dict = {}
    with tempfile.TemporaryDirectory(prefix="gknb-selftest-", ignore_cleanup_errors=True) as tmp:
        state["tmp"] = Path(tmp)
        steps: list[tuple[str, Callable[[dict], str]]] = [
            ("resources", _step_resources),
            ("window", _step_window),
            ("open seed sample", _step_open),
            ("checker", _step_check),
            ("export .docx", _step_export_docx),
            ("export .xlsx", _step_export_xlsx),
            ("reopen .docx", _step_reopen_docx),
            ("reopen .xlsx", _step_reopen_xlsx),
            ("import the .docx back", _step_import_docx),
            ("import it as a web page (.mht)", _step_import_page),
        ]
        failed = 0
        for name, step in steps:
            t0 = time.perf_counter()
            try:
                detail = step(state)
            except Exception as e:  # every failure is reported, and the remaining steps say they were skipped
                ms = (time.perf_counter() - t0) * 1000
                log(f"FAIL {name} ({ms:.0f} ms): {e}")
                if not isinstance(e, SelfTestFailure):
                    log("".join(traceback.format_exception(e)).rstrip())
                failed += 1
                break
            ms = (time.perf_counter() - t0) * 1000
            log(f"ok   {name} ({ms:.0f} ms): {detail}")
        else:
            name = None
        if name is not None and failed:
            skipped = [n for n, _ in steps[[n for n, _ in steps].index(name) + 1:]]
            if skipped:
                log(f"skipped: {', '.join(skipped)}")
        _close(state)
    log("self-test passed" if not failed else "self-test FAILED")
    log.close()
    return 0 if not failed else 1


# ---- steps -------------------------------------------------------------------------------------------

def _step_resources(state: dict) -> str:
    seed = paths.seed_sample()
    if not seed.is_file():
        raise SelfTestFailure(f"seed sample missing at {seed}")
    icon = paths.icon_path()
    if not icon.is_file():
        raise SelfTestFailure(f"icon missing at {icon}")
    state["seed"] = seed
    return f"resources under {paths.root()}"


def _step_window(state: dict) -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from gui import app as gui_app
    from gui.main_window import APP_NAME, MainWindow
    from gui.settings import UiSettings

    qapp = gui_app.make_app()
    state["qapp"] = qapp
    # The real window, with its settings and autosaves in the temporary folder: the user's are not touched.
    window = MainWindow(settings=UiSettings(state["tmp"] / "settings.ini"), recovery_folder=state["tmp"] / "recovery")
    state["window"] = window
    window.show()
    _wait(lambda: window.windowHandle() is not None and window.windowHandle().isExposed(), 10,
          "the main window was never shown")
    # The build must carry Qt's zh_CN translation (上一步 / 下一步, 确定 / 取消 in Qt's own dialogs).
    tr_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load("qtbase_zh_CN", tr_dir):
        raise SelfTestFailure(f"qtbase_zh_CN.qm not found in {tr_dir}")
    ok = translator.translate("QPlatformTheme", "OK")
    if qapp.windowIcon().isNull():
        raise SelfTestFailure(f"no application icon (looked for {paths.icon_path()})")
    if window.windowTitle() != APP_NAME:
        raise SelfTestFailure(f"the start window's title is '{window.windowTitle()}', not '{APP_NAME}'")
    heavy = [m for m in ("docx", "openpyxl", "lxml") if m in sys.modules]
    if heavy:
        raise SelfTestFailure(f"{', '.join(heavy)} loaded before any export: start-up pays for them")
    return (f"{type(window).__name__} shown on platform '{qapp.platformName()}', title '{window.windowTitle()}'; "
            f"icon set; qtbase_zh_CN: OK = '{ok}'; docx/openpyxl not loaded")


def _step_open(state: dict) -> str:
    window = state["window"]
    if not window.open_file(str(state["seed"]), as_copy=True):  # as the start page opens a sample
        raise SelfTestFailure("the window did not open the seed sample")
    _process_events()
    report = window.doc.report if window.doc else None
    if report is None:
        raise SelfTestFailure("the window holds no report after opening the seed sample")
    state["report"] = report
    filled = sum(1 for v in report.cells.values() if v is not None)
    return (f"'{report.title}' (format {report.format.id}, {filled} filled cells), "
            f"{len(window.steps)} steps, title '{window.windowTitle()}'")


def _step_check(state: dict) -> str:
    from model.checker import ERROR, check

    window, report = state["window"], state["report"]
    window.go(len(window.steps) - 1)  # the 检查与导出 page, which runs the checker
    window.refresh_states()
    _process_events()
    shown = window.findings.findings
    errors = [f for f in shown if f.level == ERROR]
    balance = [f for f in errors if f.rule == "勾稽"]
    if len(errors) != 2 or len(balance) != 2:
        raise SelfTestFailure(f"expected the seed's 2 勾稽 errors, the window shows {len(errors)} errors: "
                              + "; ".join(f.message for f in errors))
    if [f.message for f in check(report)] != [f.message for f in shown]:
        raise SelfTestFailure("the window's findings differ from the checker's")
    cols = sorted({report.format.cells[f.cells[0]].col_name for f in balance if f.cells})
    return (f"the window says '{window.findings.summary.text()}': the seed's 2 勾稽 errors, by design "
            f"(columns {'、'.join(cols)}): " + " | ".join(f.message for f in balance))


def _step_export_docx(state: dict) -> str:
    return _export(state, "docx")


def _step_export_xlsx(state: dict) -> str:
    return _export(state, "xlsx")


def _export(state: dict, kind: str) -> str:
    """Export through the window's own command, answering its dialogs as a clerk would."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    window = state["window"]
    path = state["tmp"] / f"seed.{kind}"
    asked: list[str] = []
    warned: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text.splitlines()[0])
        # 仍要导出吗 (the seed has errors): yes. 要打开所在的文件夹吗: no.
        return QMessageBox.StandardButton.Yes if "仍要导出" in text else QMessageBox.StandardButton.No

    def warning(parent, title, text, *args, **kwargs):
        warned.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    saved = QMessageBox.question, QMessageBox.warning, QFileDialog.getSaveFileName
    QMessageBox.question, QMessageBox.warning = staticmethod(question), staticmethod(warning)
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(path), ""))
    try:
        window.export(kind)
        _process_events()
    finally:
        QMessageBox.question, QMessageBox.warning, QFileDialog.getSaveFileName = saved
    if warned:
        raise SelfTestFailure("the window said: " + " / ".join(warned))
    return _written(path, state, kind) + (f"; dialogs answered: {' / '.join(asked)}" if asked else "")


def _step_reopen_docx(state: dict) -> str:
    import docx

    report = state["report"]
    doc = docx.Document(str(state["docx"]))
    text = "\n".join(p.text for p in doc.paragraphs)
    if report.title not in text.replace("\n", ""):
        raise SelfTestFailure(f"the title '{report.title}' is not in the document")
    missing = [s.heading for s in report.format.sections if s.heading not in text]
    if missing:
        raise SelfTestFailure(f"headings missing from the document: {missing}")
    rows = [r for t in doc.tables for r in _row_texts(t)]
    checked = _compare_rows(report, rows, lambda s: s.strip())
    return f"{len(doc.paragraphs)} paragraphs, {len(doc.tables)} tables; title, 6 headings and {checked}"


def _step_reopen_xlsx(state: dict) -> str:
    import openpyxl

    report = state["report"]
    wb = openpyxl.load_workbook(str(state["xlsx"]))
    rows = []
    for ws in wb.worksheets:
        for r in ws.iter_rows(values_only=True):
            rows.append(["" if v is None else str(v) for v in r])
    checked = _compare_rows(report, rows, lambda s: s.strip())
    return f"{len(wb.worksheets)} sheets ({', '.join(ws.title for ws in wb.worksheets)}); {checked}"


def _step_import_docx(state: dict) -> str:
    """The exported .docx read back by the window's importer: every figure as exported (blanks as 0)."""
    return _imported(state, state["docx"])


def _step_import_page(state: dict) -> str:
    """The exported .docx as a single-file web page (its blocks as HTML, quoted-printable in an .mht, as a
    browser saves one), read by the window's importer: the web page readers are in the build and agree."""
    import html
    import quopri

    from reader.blocks import Paragraph
    from reader.docx_reader import docx_blocks

    out = []
    for b in docx_blocks(state["docx"]):
        if isinstance(b, Paragraph):
            out.append(f"<p>{html.escape(b.text).replace(chr(10), '<br>')}</p>")
            continue
        rows = ("".join(f'<td colspan="{c.span}" rowspan="{c.rowspan}">{html.escape(c.text)}</td>'
                        for c in row if c.origin is None) for row in b.rows)
        out.append("<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")
    page = f'<html><head><meta charset="utf-8"></head><body>{"".join(out)}</body></html>'.encode("utf-8")
    path = state["tmp"] / "report.mht"
    path.write_bytes(b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
                     b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                     + quopri.encodestring(page) + b"\r\n--b--\r\n")
    return _imported(state, path)


def _imported(state: dict, path: Path) -> str:
    from PySide6.QtWidgets import QMessageBox

    from gui import import_word

    warned: list[str] = []
    saved = QMessageBox.warning
    QMessageBox.warning = staticmethod(lambda parent, title, text, *a, **k: warned.append(text))
    try:
        result = import_word.read(state["window"], str(path))
    finally:
        QMessageBox.warning = saved
    if result is None:
        raise SelfTestFailure(f"the importer could not read the exported {path.suffix}: " + " / ".join(warned))
    report, back = state["report"], result.report
    if back.format.id != report.format.id or back.meta.organ != report.meta.organ:
        raise SelfTestFailure(f"read back as format {back.format.id}, organ '{back.meta.organ}'")
    differ = [c for c in report.format.input_ids if (report.cells[c] or 0) != (back.cells.get(c) or 0)]
    if differ:
        raise SelfTestFailure(f"{len(differ)} figures read back differently, e.g. {report.format.describe(differ[0])}")
    return f"format {back.format.id}, '{back.meta.organ}', all {len(report.format.input_ids)} input figures as exported"


# ---- helpers -----------------------------------------------------------------------------------------

def _written(path: Path, state: dict, key: str) -> str:
    if not path.is_file() or path.stat().st_size == 0:
        raise SelfTestFailure(f"{path.name} was not written")
    state[key] = path
    return f"{path.name}, {path.stat().st_size / 1024:.1f} KB"


def _row_texts(table) -> list[list[str]]:
    """A Word table's rows as texts, each merged cell once (python-docx repeats it per grid position)."""
    out = []
    for row in table.rows:
        seen, texts = set(), []
        for c in row.cells:
            if id(c._tc) in seen:
                continue
            seen.add(id(c._tc))
            texts.append(c.text.strip())
        out.append(texts)
    return out


def _compare_rows(report, rows: list[list[str]], norm) -> str:
    """Compare the exported figures of every labelled row holding a non-blank figure with the report.

    A row is found by its own label (the last row label) and its figures are the cells after it, in grid
    order; blanks are exported as 0 (blanks_as_zero). Spreadsheet totals may be formulas.
    """
    from model.values import format_value

    fmt = report.format
    rows_checked = 0
    for tid in fmt.tables:
        by_row: dict[tuple, list] = {}
        for c in fmt.tables[tid].cells:
            by_row.setdefault((c.row_labels, c.grid[0]), []).append(c)
        for (labels, _), cells in by_row.items():
            if all(report.value(c.id) is None for c in cells):
                continue
            cells = sorted(cells, key=lambda c: c.grid[1])
            want = [format_value(0 if report.value(c.id) is None else report.value(c.id)) for c in cells]
            if labels:  # the row that carries the label; its figures follow the label
                label = labels[-1]
                match = [r for r in rows if any(norm(x) == label for x in r)]
                if not match:
                    raise SelfTestFailure(f"row '{label}' of {tid} not found in the export")
                row = match[0]
                after = row[max(i for i, x in enumerate(row) if norm(x) == label) + 1:]
                candidates = [[norm(x) for x in after if norm(x) != ""][-len(cells):]]
            else:  # a table of one unlabelled data row (表四): a row of exactly these figures
                candidates = [[norm(x) for x in r if norm(x) != ""] for r in rows]
            if not any(_figures_match(f, want, cells) for f in candidates):
                shown = candidates[0] if labels else "no row"
                raise SelfTestFailure(f"{fmt.describe(cells[0].id)}: exported {shown}, report has {want}")
            rows_checked += 1
    if not rows_checked:
        raise SelfTestFailure("no row with figures found to compare")
    return f"{rows_checked} rows of figures equal the report"


def _figures_match(figures: list[str], want: list[str], cells) -> bool:
    return len(figures) == len(want) and all(
        g == w or _same_number(_without_unit(g, c), w) or (c.computed and g.startswith("="))
        for g, w, c in zip(figures, want, cells))


def _without_unit(text: str, cell) -> str:
    """A figure written with the unit the clerk chose for the cell ("251000元") as a bare number."""
    for unit in sorted(cell.units, key=len, reverse=True):
        if text.endswith(unit):
            return text[: -len(unit)]
    return text


def _same_number(got: str, want: str) -> bool:
    try:
        return float(got.replace(",", "")) == float(want.replace(",", ""))
    except ValueError:
        return False


def _process_events() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def _wait(cond: Callable[[], bool], seconds: float, message: str) -> None:
    end = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > end:
            raise SelfTestFailure(message)
        _process_events()
        time.sleep(0.01)


def _close(state: dict) -> None:
    window = state.get("window")
    if window is not None:
        try:
            if getattr(window, "doc", None) is not None:
                window.doc.undo_stack.setClean()  # no "save changes?" question on the way out
            window.close()  # releases the autosave lock in the temporary folder before it is removed
            _process_events()
        except Exception:  # closing is best effort: the verdict is already made
            pass
