"""Reading many units' reports at once: folders walked for every kind the importer reads, each file read
and checked in a worker process (all cores), results handed back as they finish, cancellable.

Plain Python, no Qt: a GUI drives `read_files` from a thread of its own. A worker never writes a file;
it returns a small FileSummary (model/review.py). A hostile or broken file gives a summary with the
reason; a file that kills its worker process is retried alone once, then reported as unreadable.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable, Iterator

from model.review import FileSummary

from . import SUFFIXES

# Every kind of file review reads: project files and whatever the importer reads (Word, web pages).
EXTENSIONS = (".gknb",) + SUFFIXES
_NO_YEAR = "文档中没有找到年度"  # reader/report.py's note when it had to guess the year
_OTHER_LAYOUT = re.compile(r"表格的栏目更像 (\w+) 年格式")  # the reader's note (reader/report.py _format)
MAX_BYTES = 50 * 1024 * 1024  # beyond any real report; docx_safety refuses zip bombs inside


def read_report(path: str | os.PathLike, year: int | None = None):
    """(report or None, problem text, reader notes, looks like a report) for one file of any kind read;
    `year` is assumed only for a document that names no year.

    The one place review calls the readers: when the readers move, only the imports here change.
    """
    path = Path(path)
    if path.suffix.lower() == ".gknb":
        from model import project

        try:
            return project.load(path), None, [], True
        except project.ProjectError as e:
            return None, str(e), [], False
    from . import ReadError
    from . import read_report as read_published

    try:
        # The year the document states wins (a unit's 2024 report must show as such); the review's year
        # is taken only for a document that names none.
        result = read_published(path)
        if year and result.report.meta.year != year and any(n.startswith(_NO_YEAR) for n in result.notes):
            result = read_published(path, year=year)
    except ReadError as e:
        return None, str(e), [], False
    looks = bool(result.read_tables) or len(result.sections_found) >= 2
    return result.report, None, list(result.notes) + list(result.unplaced), looks


def tables_format(notes: list[str]) -> str | None:
    """The format a document's tables look like when the reader said it is not the year's."""
    for n in notes:
        m = _OTHER_LAYOUT.match(n)
        if m:
            return m.group(1)
    return None


def summarise(path: str, year: int | None = None) -> FileSummary:
    """Read and check one file (run in a worker): never raises, whatever the file holds."""
    from model.os_errors import read_error_message

    summary = FileSummary(path)
    try:
        st = os.stat(path)
        summary.mtime = st.st_mtime
        if st.st_size > MAX_BYTES:
            summary.problem = f"「{Path(path).name}」有 {st.st_size // 1024 // 1024} MB，不是年报文件。"
            return summary
        with open(path, "rb") as f:
            summary.hash = hashlib.sha256(f.read()).hexdigest()
    except OSError as e:
        summary.problem = read_error_message(e, Path(path), "年报文件")
        return summary
    try:
        report, problem, notes, looks = read_report(path, year)
        summary.problem, summary.notes, summary.not_report = problem, notes, not looks
        summary.tables_format = tables_format(notes)
        if report is not None:
            summary.take(report)
            # What the reader could not place (a missing section, a table not found) is the reviewer's
            # business too: a 提醒 beside the checker's findings, and in the 退回 notice.
            summary.findings += [{"level": "warning", "rule": "原文", "message": n, "cells": [], "section": None}
                                 for n in notes]
    except MemoryError:
        summary.problem = "文件内容过大，读取时内存不足。"
    except Exception as e:  # a hostile file must not stop the batch: say what happened and go on
        summary.problem = f"读取时出错（{type(e).__name__}）。文件可能已损坏，请对方重新导出后再报送。"
        summary.data = None
    return summary


def walk(sources: Iterable[str | os.PathLike], extensions: tuple[str, ...] = EXTENSIONS) -> list[str]:
    """The files to read: files given as such, and every file of a known kind in the folders given
    (recursively); Word's lock files (~$x.docx) and hidden files skipped; each file once, sorted."""
    out: dict[str, None] = {}
    for src in sources:
        p = Path(src)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(extensions) and not name.startswith(("~$", ".")):
                        out.setdefault(os.path.abspath(os.path.join(root, name)), None)
        else:
            out.setdefault(os.path.abspath(p), None)
    return sorted(out)


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # Windows, macOS
        return max(1, os.cpu_count() or 1)


def read_files(files: list[str], year: int | None = None, *, workers: int | None = None,
               cancel: threading.Event | None = None,
               reader: Callable[[str, int | None], FileSummary] = summarise) -> Iterator[FileSummary]:
    """Yield one FileSummary per file as the workers finish them (not in order). Setting `cancel` stops
    handing out files; the generator then ends after at most the files already being read.

    Only a few files are in flight at once, so memory stays flat however many files there are, and a
    cancel takes effect quickly. `reader` must be a picklable top-level function (tests pass their own).
    """
    cancel = cancel or threading.Event()
    workers = min(workers or default_workers(), max(1, len(files)))
    todo = list(reversed(files))
    retry: list[str] = []  # in flight when a worker died: each is read again alone
    tried_alone: set[str] = set()
    while (todo or retry) and not cancel.is_set():
        alone = bool(retry)
        pool = ProcessPoolExecutor(max_workers=1 if alone else workers, mp_context=_context())
        running: dict[Future, str] = {}
        broken = False
        try:
            while not broken:
                while not cancel.is_set() and len(running) < (1 if alone else 2 * workers):
                    queue = retry if alone else todo
                    if not queue:
                        break
                    path = queue.pop()
                    if alone:
                        tried_alone.add(path)
                    running[pool.submit(reader, path, year)] = path
                if not running:
                    break
                done, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in done:
                    path = running.pop(fut)
                    try:
                        summary = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        retry.append(path)
                    except Exception as e:  # the reader's result could not come back (pickling, ...)
                        yield FileSummary(path, problem=f"读取时出错（{type(e).__name__}）。")
                    else:
                        yield summary
            retry.extend(running.values())  # a broken pool fails everything still in flight
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        for path in [p for p in retry if p in tried_alone]:
            retry.remove(path)
            yield crashed(path)


def crashed(path: str) -> FileSummary:
    """The summary of a file whose reading killed its worker process, even when read alone."""
    return FileSummary(path, problem="读取这个文件时程序的读取进程意外退出，文件可能已损坏或被恶意构造。")


def _context():
    # spawn everywhere: forking a process that runs Qt threads is unsafe, and Windows only spawns anyway.
    return multiprocessing.get_context("spawn")


def review_sources(review, *, workers: int | None = None, cancel: threading.Event | None = None,
                   reader: Callable[[str, int | None], FileSummary] = summarise, refresh_every: float = 0.25):
    """Read every file of `review.sources` into the review; yields (done, total, unit) as each is taken in.

    What is left out (duplicates, other years) is decided again every `refresh_every` seconds and at the
    end, not after each file: with a thousand files, deciding after each would cost more than reading.
    """
    files = walk(review.sources)
    last = time.monotonic()
    n = 0
    try:
        for n, summary in enumerate(read_files(files, review.year, workers=workers, cancel=cancel, reader=reader), 1):
            unit = review.add(summary, refresh=False)
            if time.monotonic() - last >= refresh_every:
                review.refresh()
                last = time.monotonic()
            yield n, len(files), unit
    finally:
        review.refresh()
