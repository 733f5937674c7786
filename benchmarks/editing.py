"""In-process timings: one cell edit in table 3 (in the model, and in the real window), and the exports.

A keystroke's cost is what committing one cell costs: the model stores the value, the totals and the
balance line follow, and the checker's findings are redone. In the GUI the edit enters as a committed
editor does, through the table model's setData; timing stops once the totals cell, the balance line and
the findings page show the new state (and the view has repainted).
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from model import paths, project
from model.checker import check


def _edits(report, n: int):
    """n (cell id, value) edits over table 3's input cells, each changing the cell's value."""
    fmt = report.format
    ids = [c.id for c in fmt.tables[fmt.balance.table].cells if not c.computed]
    for i in range(n):
        cid = ids[(i * 7) % len(ids)]  # stride through rows and columns
        old = report.cells[cid] or 0
        yield cid, old + 1 + (i % 3)


def _stats(ms: list[float]) -> dict:
    return {"median": statistics.median(ms), "max": max(ms), "n": len(ms)}


def keystroke_model(n: int) -> dict[str, dict]:
    """Model only: set + the totals and balance sums that depend on it; then also the whole checker."""
    report = project.load(paths.seed_sample())
    fmt = report.format
    rule = fmt.balance
    cols = fmt.column_keys(rule.table)
    sums, full = [], []
    for cid, value in _edits(report, n):
        t0 = time.perf_counter()
        report.set(cid, value)
        for d in fmt.dependents[cid]:
            report.value(d)
        for col in cols:
            report.sum_of([f"{rule.table}.{r}.{col}" for r in rule.left])
            report.sum_of([f"{rule.table}.{r}.{col}" for r in rule.right])
        t1 = time.perf_counter()
        check(report)
        t2 = time.perf_counter()
        sums.append((t1 - t0) * 1000)
        full.append((t2 - t0) * 1000)
    return {"totals": _stats(sums), "with_checker": _stats(full)}


def keystroke_gui(n: int) -> dict[str, dict]:
    """The real window with the seed open on table 3: setData, then until totals, balance line and findings
    are updated. Two figures: synchronous (totals and balance line, as setData returns) and complete (the
    findings redone and the view repainted, when the event queue is empty again)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gui import app as gui_app
    from gui.main_window import MainWindow
    from gui.settings import UiSettings

    qapp = gui_app.make_app()
    with tempfile.TemporaryDirectory(prefix="gknb-bench-", ignore_cleanup_errors=True) as tmp:
        window = MainWindow(settings=UiSettings(Path(tmp) / "s.ini"), recovery_folder=Path(tmp) / "r")
        window.show()
        window.open_file(str(paths.seed_sample()), as_copy=True)
        report = window.doc.report
        fmt = report.format
        step_i = window.step_for(table=fmt.balance.table)
        window.go(step_i)
        step = window.steps[step_i]
        model, bar = step.model, step.balance
        _settle(qapp)
        refreshed = []
        original = window.findings.set_findings

        def spy(findings):
            original(findings)
            refreshed.append(findings)

        window.findings.set_findings = spy
        sync, full = [], []
        for cid, value in _edits(report, n):
            total_id = next(d for d in fmt.dependents[cid] if fmt.cells[d].table == fmt.balance.table)
            col = next(c for c in fmt.column_keys(fmt.balance.table) if cid.endswith("." + c))
            refreshed.clear()
            index = model.index_of(cid)
            t0 = time.perf_counter()
            model.setData(index, str(value), Qt.ItemDataRole.EditRole)
            t1 = time.perf_counter()
            while not refreshed:
                QApplication.processEvents()
            QApplication.processEvents()  # the repaint the changes posted
            t2 = time.perf_counter()
            shown = model.data(model.index_of(total_id), Qt.ItemDataRole.DisplayRole)
            if report.cells[cid] != value or str(report.value(total_id)) not in str(shown):
                raise RuntimeError(f"the GUI did not take the edit of {cid} (total shows {shown!r})")
            state, left, right = bar.state(col)
            if state != "blank" and not (str(left) in bar.labels[col].text() and str(right) in bar.labels[col].text()):
                raise RuntimeError(f"the balance line of {col} shows {bar.labels[col].text()!r}, not {left} / {right}")
            sync.append((t1 - t0) * 1000)
            full.append((t2 - t0) * 1000)
        window.doc.undo_stack.setClean()
        window.close()
        _settle(qapp)
    return {"totals": _stats(sync), "with_checker": _stats(full)}


def exports(runs: int) -> dict[str, dict]:
    """The seed sample to .docx and to .xlsx: the first export (which loads python-docx / openpyxl) and the
    median of the following ones."""
    from export import excel, word

    report = project.load(paths.seed_sample())
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="gknb-bench-", ignore_cleanup_errors=True) as tmp:
        for kind, write in (("docx", word.write_docx), ("xlsx", excel.write_xlsx)):
            times = []
            for i in range(runs + 1):
                t0 = time.perf_counter()
                write(report, Path(tmp) / f"seed-{i}.{kind}")
                times.append((time.perf_counter() - t0) * 1000)
            out[kind] = {"first": times[0], **_stats(times[1:])}
    return out


def _settle(qapp) -> None:
    end = time.monotonic() + 0.3
    while time.monotonic() < end:
        qapp.processEvents()
