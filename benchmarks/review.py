"""Reviewing a folder of units' .docx reports: wall time, per-file cost, the ratio to opening the same
files with python-docx alone in one process (the floor), and peak memory as the number of files grows.

    python3 benchmarks/review.py                       # 300 files, then 1000 for the memory row
    python3 benchmarks/review.py --files 300 --no-growth

The reports are our own exports (export/word.py) of reports with varied figures, generated into a
temporary folder. Each measurement runs in a fresh process, so one's imports and caches do not help
another. Figures depend on the machine and its load: compare runs made on the same machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def generate(folder: Path, n: int) -> list[Path]:
    """n different 2025 reports (figures vary with the index; a few cells blank) as .docx files."""
    from decimal import Decimal

    from export.word import build_document
    from model import formats
    from model.declaration import Kind
    from model.report import Report

    fmt = formats.get("2021")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        path = folder / f"单位{k:04d}.docx"
        out.append(path)
        if path.exists():
            continue
        r = Report.new(f"某某县第{k}局", 2025)
        for i, cid in enumerate(fmt.input_ids):
            if (i + k) % 11 == 0:
                continue
            v = (i * 7 + k * 13) % 97
            kind = fmt.cells[cid].kind
            r.set(cid, Decimal(v) / 10 if kind is Kind.AMOUNT else v - 40 if kind is Kind.SIGNED else v)
        r.texts["problems"] = f"本单位第{k}号年报的存在问题。" * 20
        build_document(r, blanks_as_zero=False).save(path)
    return out


# ---- measured in a child process ------------------------------------------------------------------

def _peak_mb(who) -> float:
    """Peak resident memory. For this process VmHWM where Linux has it: ru_maxrss may carry the parent's."""
    import resource

    if who == resource.RUSAGE_SELF and os.path.exists("/proc/self/status"):
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def measure_floor(folder: str) -> dict:
    import resource

    import docx

    files = sorted(str(p) for p in Path(folder).glob("*.docx"))
    start = time.perf_counter()
    for f in files:
        docx.Document(f)
    wall = time.perf_counter() - start
    return {"files": len(files), "wall": wall, "peak_mb": _peak_mb(resource.RUSAGE_SELF)}


def measure_review(folder: str, workers: int | None) -> dict:
    import resource

    from model.review import Review
    from reader.batch import default_workers, review_sources

    review = Review(2025, [folder])
    start = time.perf_counter()
    first = None
    for n, total, unit in review_sources(review, workers=workers):
        if first is None:
            first = time.perf_counter() - start
    wall = time.perf_counter() - start
    sums = review.totals()
    return {"files": len(review.units), "counted": len(review.counted), "wall": wall, "first": first,
            "workers": workers or default_workers(), "peak_mb": _peak_mb(resource.RUSAGE_SELF),
            "worker_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN), "summed": sums is not None}


def measure_one(folder: str) -> dict:
    """The reader and checker on each file in this process: the cost of one file without the pool."""
    from reader.batch import summarise

    files = sorted(str(p) for p in Path(folder).glob("*.docx"))[:60]
    summarise(files[0])  # imports
    start = time.perf_counter()
    for f in files:
        summarise(f)
    return {"files": len(files), "per_file": (time.perf_counter() - start) / len(files)}


def _child(what: str, folder: Path, workers: int | None = None, files: int = 0) -> dict:
    args = [sys.executable, __file__, "--child", what, str(folder), "--files", str(files)]
    args += ["--workers", str(workers)] if workers else []
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--files", type=int, default=300)
    p.add_argument("--growth", type=int, default=1000, help="files for the memory-growth row (0: none)")
    p.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    p.add_argument("--folder", help="keep the generated files here (default: a temporary folder)")
    p.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        what, folder = args.child
        fn = {"floor": measure_floor, "one": measure_one,
              "generate": lambda f: {"files": len(generate(Path(f), args.files))},
              "review": lambda f: measure_review(f, args.workers)}[what]
        print(json.dumps(fn(folder)))
        return 0
    with tempfile.TemporaryDirectory(prefix="gknb-review-bench-") as tmp:
        base = Path(args.folder or tmp)
        t = time.perf_counter()
        small = base / f"n{args.files}"
        _child("generate", small, files=args.files)
        print(f"generated {args.files} reports in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        floor = _child("floor", small)
        one = _child("one", small)
        rev = _child("review", small, args.workers)
        rows = [
            ("files", f"{rev['files']} .docx (2021 format, {rev['counted']} counted)"),
            ("workers", str(rev["workers"])),
            ("review wall time (read, check, sum)", f"{rev['wall']:.2f} s"),
            ("per file, review (wall / files)", f"{rev['wall'] / rev['files'] * 1000:.1f} ms"),
            ("first result after", f"{rev['first'] * 1000:.0f} ms"),
            ("per file, reader + checker in one process", f"{one['per_file'] * 1000:.1f} ms"),
            ("floor: python-docx Document() of every file, one process", f"{floor['wall']:.2f} s "
                                                                          f"({floor['wall'] / floor['files'] * 1000:.1f} ms a file)"),
            ("ratio review / floor", f"{rev['wall'] / floor['wall']:.2f}"),
            ("peak memory, review process / one worker", f"{rev['peak_mb']:.0f} MB / {rev['worker_peak_mb']:.0f} MB"),
        ]
        if args.growth:
            big = base / f"n{args.growth}"
            t = time.perf_counter()
            _child("generate", big, files=args.growth)
            print(f"generated {args.growth} reports in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            grown = _child("review", big, args.workers)
            rows.append((f"{args.growth} files: wall time, per file", f"{grown['wall']:.2f} s, "
                                                                   f"{grown['wall'] / grown['files'] * 1000:.1f} ms"))
            rows.append((f"{args.growth} files: peak memory, review process / one worker",
                         f"{grown['peak_mb']:.0f} MB / {grown['worker_peak_mb']:.0f} MB"))
        print("| measure | value |\n|---|---:|")
        for k, v in rows:
            print(f"| {k} | {v} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
