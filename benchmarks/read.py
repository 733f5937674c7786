"""Read times of published reports: each sample as our .docx export, as a GBK portal page and as an .mht.

    python benchmarks/read.py [--runs 7]

Prints a Markdown table: file size, the first read in this process (imports of the reader included) and
the median of the following reads, in ms. Pages are built by tests/html_fixtures.py from the samples.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from model import paths, project  # noqa: E402

SAMPLES = {"seed 2019": "kaifeng-commerce-2019.gknb", "demo 2021": "demo-2021.gknb"}


def files(folder: Path) -> list[tuple[str, Path]]:
    from html_fixtures import encoded, mht, portal_html

    from export.word import write_docx

    out = []
    for name, file in SAMPLES.items():
        report = project.load(paths.resource_path("samples", file))
        docx = folder / f"{file}.docx"
        write_docx(report, docx)
        page = encoded(portal_html(report, charset="gbk"), "gbk")
        html = folder / f"{file}.html"
        html.write_bytes(page)
        single = folder / f"{file}.mht"
        single.write_bytes(mht(page, charset="gbk"))
        out += [(f"{name} .docx", docx), (f"{name} .html (GBK portal page)", html), (f"{name} .mht", single)]
    return out


def measure(runs: int) -> list[tuple[str, int, float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        made = files(Path(tmp))
        from reader import read_report  # the reader's own import, measured with the first read

        rows = []
        for label, path in made:
            start = time.perf_counter()
            result = read_report(path)
            first = (time.perf_counter() - start) * 1000
            assert result.complete, (label, result.unplaced)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                read_report(path)
                times.append((time.perf_counter() - start) * 1000)
            rows.append((label, path.stat().st_size, first, statistics.median(times)))
        return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    print("| file | size | first read (ms) | median read (ms) |\n|---|---|---|---|")
    for label, size, first, median in measure(args.runs):
        print(f"| {label} | {size / 1024:.0f} KB | {first:.0f} | {median:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
