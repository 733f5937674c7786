"""gknb benchmarks: start-up, a keystroke's cost, export, peak memory and the frozen build, as a Markdown table.

    python benchmarks/run.py                 # everything; builds the one-file and one-folder programs first
    python benchmarks/run.py --reuse-build   # measure the builds already in dist/
    python benchmarks/run.py --quick --no-frozen   # a fast look (fewer runs, no frozen build)

Figures depend on the machine and its load: compare runs made on the same machine. Without a display
(Linux, no DISPLAY) the windows are shown on Qt's offscreen platform.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import editing  # noqa: E402
import frozen as frozen_builds  # noqa: E402
import startup  # noqa: E402

from model import paths  # noqa: E402

TARGETS = {
    "startup_ratio": 1.3,
    "keystroke_gui_ms": 5.0,
    "export_ms": 300.0,
    "memory_mb": 150.0,
    "onefile_mb": 50.0,
    "frozen_ratio": 1.5,
}


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer runs (3 start-ups, 30 edits, 2 exports)")
    p.add_argument("--runs", type=int, help="start-ups per program (default 7; 3 with --quick)")
    p.add_argument("--no-frozen", action="store_true", help="leave out the frozen builds")
    p.add_argument("--reuse-build", action="store_true", help="use dist/ as it is instead of building")
    args = p.parse_args(argv)
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the in-process window, as for the children
    runs = args.runs or (3 if args.quick else 7)
    edits = 30 if args.quick else 200
    export_runs = 2 if args.quick else 7
    rows: list[tuple[str, str, str, str]] = []
    notes: list[str] = []
    t_all = time.monotonic()

    def progress(text: str) -> None:
        print(f"… {text}", file=sys.stderr, flush=True)

    # ---- the frozen builds (first, so their start-up is measured in the same interleaved runs) ---------
    onedir = onefile = None
    if not args.no_frozen:
        progress("building the one-folder program" if not args.reuse_build else "looking at dist/")
        onedir, t_dir = frozen_builds.build(True, args.reuse_build)
        progress("building the one-file program" if not args.reuse_build else "looking at dist/")
        onefile, t_file = frozen_builds.build(False, args.reuse_build)
        if t_dir is not None:
            notes.append(f"build times: one-folder {t_dir:.0f} s, one-file {t_file:.0f} s")

    # ---- start-up ---------------------------------------------------------------------------------------
    launches = [startup.program(), startup.bare()]
    if onedir:
        launches += [startup.frozen(onedir), startup.frozen(onefile)]
    progress(f"start-up: {runs} runs of {', '.join(lc.name for lc in launches)}")
    st = startup.start_times(launches, runs)
    prog, bare = st["program"], st["bare PySide6 wizard"]
    ratio = prog["median"] / bare["median"]
    rows += [
        ("start-up: program, process start to main window shown", _ms_range(prog), "", ""),
        ("start-up: bare PySide6 3-page QWizard + 30×8 spanned table", _ms_range(bare), "", ""),
        ("start-up ratio program / bare wizard (medians)", f"{ratio:.2f}", f"≤ {TARGETS['startup_ratio']}",
         verdict(ratio <= TARGETS["startup_ratio"])),
        ("python-docx / openpyxl / lxml loaded when the window shows",
         "none" if prog["heavy"] == "-" else prog["heavy"], "none", verdict(prog["heavy"] == "-")),
    ]

    # ---- keystroke --------------------------------------------------------------------------------------
    progress(f"keystroke: {edits} edits in the model and in the window")
    km = editing.keystroke_model(edits)
    kg = editing.keystroke_gui(edits)
    rows += [
        ("keystroke, model: set + totals + balance sums", _ms_stats(km["totals"]), "", ""),
        ("keystroke, model: … + whole checker", _ms_stats(km["with_checker"]), "", ""),
        ("keystroke, GUI: setData → totals and balance line updated", _ms_stats(kg["totals"]),
         f"≤ {TARGETS['keystroke_gui_ms']:.0f} ms median",
         verdict(kg["totals"]["median"] <= TARGETS["keystroke_gui_ms"])),
        ("keystroke, GUI: … + findings redone + repaint", _ms_stats(kg["with_checker"]), "", ""),
    ]

    # ---- export -----------------------------------------------------------------------------------------
    progress(f"export: {export_runs} runs each")
    ex = editing.exports(export_runs)
    both = ex["docx"]["median"] + ex["xlsx"]["median"]
    rows += [
        ("export seed → .docx (median; first export, loading python-docx)",
         f"{ex['docx']['median']:.0f} ms (first {ex['docx']['first']:.0f} ms)", "", ""),
        ("export seed → .xlsx (median; first export, loading openpyxl)",
         f"{ex['xlsx']['median']:.0f} ms (first {ex['xlsx']['first']:.0f} ms)", "", ""),
        ("export seed → .docx + .xlsx (medians)", f"{both:.0f} ms", f"≤ {TARGETS['export_ms']:.0f} ms",
         verdict(both <= TARGETS["export_ms"])),
    ]

    # ---- memory -----------------------------------------------------------------------------------------
    progress("peak memory")
    seed = str(paths.seed_sample())
    mem = startup.peak_memory_mb(startup.program(seed))
    rows.append(("peak memory, program with the seed sample open", f"{mem:.0f} MB",
                 f"≤ {TARGETS['memory_mb']:.0f} MB", verdict(mem <= TARGETS["memory_mb"])))
    if onedir:
        fmem = startup.peak_memory_mb(startup.frozen(onedir, seed))
        rows.append(("peak memory, one-folder build with the seed sample open", f"{fmem:.0f} MB",
                     f"≤ {TARGETS['memory_mb']:.0f} MB", verdict(fmem <= TARGETS["memory_mb"])))

    # ---- frozen -----------------------------------------------------------------------------------------
    largest = []
    if onedir:
        fsize = frozen_builds.size(onefile) / 1e6
        dsize = frozen_builds.size(onedir.parent) / 1e6
        fd, ff = st[startup.frozen(onedir).name], st[startup.frozen(onefile).name]
        fratio = fd["median"] / prog["median"]
        linux = sys.platform.startswith("linux")
        rows += [
            (f"one-file build ({onefile.name})", f"{fsize:.1f} MB",
             f"≤ {TARGETS['onefile_mb']:.0f} MB" if linux else "", verdict(fsize <= TARGETS["onefile_mb"]) if linux
             else ""),
            (f"one-folder build ({onedir.parent.name}/)", f"{dsize:.1f} MB", "", ""),
            ("start-up: one-folder build", _ms_range(fd), "", ""),
            ("start-up ratio one-folder build / program from source", f"{fratio:.2f}",
             f"≤ {TARGETS['frozen_ratio']}", verdict(fratio <= TARGETS["frozen_ratio"])),
            ("start-up: one-file build (unpacks itself first)", _ms_range(ff), "", ""),
        ]
        largest = frozen_builds.largest(onedir.parent)

    print(f"\n## gknb benchmarks — {time.strftime('%Y-%m-%d %H:%M')}, {platform.system()} {platform.machine()}, "
          f"Python {platform.python_version()}, Qt platform {startup.platform_name()}, "
          f"{runs} start-ups / {edits} edits / {export_runs} exports\n")
    print("| measure | result | target | |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if largest:
        print(f"\n15 largest files of the one-folder build ({onedir.parent.name}/):\n")
        print("| size | file |")
        print("|---:|---|")
        for n, name in largest:
            print(f"| {n / 1e6:.1f} MB | {name} |")
    notes.append(f"benchmark took {time.monotonic() - t_all:.0f} s")
    print("\n" + "; ".join(notes))
    return 0


def _ms_range(s: dict) -> str:
    return f"{s['median']:.0f} ms (min {s['min']:.0f}, max {s['max']:.0f})"


def _ms_stats(s: dict) -> str:
    return f"median {s['median']:.2f} ms, worst {s['max']:.2f} ms"


if __name__ == "__main__":
    sys.exit(main())
