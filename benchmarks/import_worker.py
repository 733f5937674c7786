"""The Word import through gui/worker.py (a spawned worker process) against reading inline, and 取消's latency.

    python benchmarks/import_worker.py [--runs 7]

Prints milliseconds (median of the runs): the read inline on the GUI thread (the reader already imported,
as after the window's warm-up, its label cache empty as at a first import); the same read through worker.run in a process started for it (process
start, imports and the formats built in the child, the result pickled back); the same with the process
prestarted while the clerk is in the file dialog (what 导入已发布的年报… does); a slow real file read inline
and through the worker, with the GUI thread's longest pause meanwhile; and from 取消 to worker.run
returning and to the worker process being gone.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def forget_labels() -> None:
    """The reader caches label comparisons: a second read of the same file in one process is nearly free. A
    clerk imports one file, so the inline figure is a first read (a worker process always reads cold)."""
    from reader import docx_match

    for f in (docx_match.norm, docx_match.ratio, docx_match._tails, docx_match.score):
        if hasattr(f, "cache_clear"):
            f.cache_clear()


def near_label_docx(path: Path, tables: int = 20, rows: int = 30) -> Path:
    """Tables of labels each one character off the official ones: the reader's slowest honest input."""
    import random
    import zipfile
    from xml.sax.saxutils import escape

    from model import formats

    labels = sorted({i.text for f in formats.all_formats().values() for t in f.tables.values() for i in t.items
                     if i.text and len(i.text) > 2})
    rnd = random.Random(1)

    def near(t: str) -> str:
        i = rnd.randrange(len(t))
        return t[:i] + "某" + t[i + 1:]
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    xml = ["<w:p><w:r><w:t>某局2024年政府信息公开工作年度报告</w:t></w:r></w:p>"]
    for _ in range(tables):
        xml.append("<w:tbl>" + "".join("<w:tr>" + "".join(cell.format(escape(near(rnd.choice(labels))))
                                                          for _ in range(4)) + "</w:tr>" for _ in range(rows))
                   + "</w:tbl>")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>'
                   + "".join(xml) + "</w:body></w:document>")
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args(argv).runs
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import worker_jobs
    from docx_fixtures import hand_docx, seed_docx
    from reader import read_report as read_docx
    from gui import import_word, worker
    from model import formats, project
    from model.lock import pid_alive

    app = QApplication.instance() or QApplication([])
    for f in formats.all_formats().values():
        f.cells
    tmp = Path(tempfile.mkdtemp())
    files = {"seed (2019, as typed)": seed_docx(tmp / "seed.docx"),
             "demo (2021, hand grid)": hand_docx(project.load(ROOT / "resources/samples/demo-2021.gknb"), tmp / "demo.docx")}
    read_docx(files["seed (2019, as typed)"])  # warm the reader inline
    print("| file | inline read_docx | worker, started at the read | worker prestarted during the file dialog |")
    print("|---|---|---|---|")
    for name, path in files.items():
        inline, cold, warm = [], [], []
        for _ in range(runs):
            forget_labels()
            t = time.perf_counter()
            read_docx(path)
            inline.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            assert import_word.read(None, str(path)) is not None
            cold.append((time.perf_counter() - t) * 1000)
            pool = worker.prestart(import_word.READER_MODULES)
            end = time.perf_counter() + 1.5  # the clerk picking the file
            while time.perf_counter() < end:
                app.processEvents()
                time.sleep(0.005)
            t = time.perf_counter()
            assert import_word.read(None, str(path), pool) is not None
            warm.append((time.perf_counter() - t) * 1000)
        a, b, c = (statistics.median(x) for x in (inline, cold, warm))
        print(f"| {name} | {a:.0f} ms | {b:.0f} ms | {c:.0f} ms |")

    slow = near_label_docx(tmp / "near-labels.docx")
    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    forget_labels()
    t = time.perf_counter()
    try:
        read_docx(slow)
    except Exception:  # noqa: BLE001 - the reader's time limit: a refusal, still a measured read
        pass
    inline_s = time.perf_counter() - t
    ticks.clear()
    app.processEvents()
    t = time.perf_counter()
    w = worker.Worker(worker.Job(read_docx, (str(slow),)))
    done = []
    w.finished.connect(lambda: done.append(time.perf_counter()))
    w.start()
    while not done:
        app.processEvents()
        time.sleep(0.002)
    worker_s = time.perf_counter() - t
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    timer.stop()
    print()
    print(f"A slow real file ({slow.stat().st_size // 1024} KB of near-label table cells): inline {inline_s * 1000:.0f} ms "
          f"with the GUI thread blocked throughout; through the worker {worker_s * 1000:.0f} ms, the GUI thread's "
          f"longest pause {max(gaps, default=0) * 1000:.0f} ms ({len(ticks)} timer ticks of 10 ms ran)")

    returned, gone = [], []
    for _ in range(runs):
        marks = {}
        w = worker.Worker(worker.Job(worker_jobs.sleep_then_pid, (30,)))

        def cancel():
            marks["procs"] = w.processes()
            marks["t"] = time.perf_counter()
            w.cancel()
        w.finished.connect(lambda: marks.setdefault("returned", time.perf_counter()))
        w.start()
        QTimer.singleShot(300, cancel)
        while "returned" not in marks:
            app.processEvents()
            time.sleep(0.001)
        pids = [p.pid for p in marks["procs"]]
        while any(pid_alive(p) for p in pids) and time.perf_counter() - marks["t"] < 5:
            time.sleep(0.001)
        returned.append((marks["returned"] - marks["t"]) * 1000)
        gone.append((time.perf_counter() - marks["t"]) * 1000)
    print()
    print(f"取消 → worker.run returns: {statistics.median(returned):.1f} ms; → worker process gone: "
          f"{statistics.median(gone):.1f} ms (median of {runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
