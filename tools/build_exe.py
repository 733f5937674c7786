"""Build the program with PyInstaller from build.spec, then (with --selftest) run the built program's self-test.

    python tools/build_exe.py                      # one file: dist/gknb (Windows: dist\\gknb.exe)
    python tools/build_exe.py --onedir --selftest  # one folder: dist/gknb-folder/, then `gknb --selftest`

The same script serves CI on Linux (.ci/run) and on Windows (.github/workflows/windows.yml). It waits for the
windowed program itself (a shell would not wait for a Windows GUI program) and exits with its exit code.
Under GitHub Actions (GITHUB_STEP_SUMMARY set) it adds a row per build to the job summary: size, build time,
the self-test's window start-up and its result.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from model.about import APP_ID  # noqa: E402

EXE = ".exe" if sys.platform.startswith("win") else ""


def target(onedir: bool) -> Path:
    """The built program: dist/gknb(.exe), or dist/gknb-folder/gknb(.exe)."""
    return ROOT / "dist" / f"{APP_ID}-folder" / f"{APP_ID}{EXE}" if onedir else ROOT / "dist" / f"{APP_ID}{EXE}"


def build(onedir: bool) -> tuple[Path, float]:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath",
           str(ROOT / "dist"), "--workpath", str(ROOT / "build"), str(ROOT / "build.spec")]
    if onedir:
        cmd += ["--", "--onedir"]
    t0 = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, check=True)
    exe = target(onedir)
    size = _size(exe.parent if onedir else exe)
    seconds = time.monotonic() - t0
    print(f"built {exe.relative_to(ROOT)} in {seconds:.0f} s; "
          f"{'folder' if onedir else 'file'} size {size / 1e6:.1f} MB", flush=True)
    return exe, seconds


def selftest(exe: Path, timeout: float = 180) -> tuple[int, str, float]:
    """Run `exe --selftest`, print its lines; its exit code, its output and how long it took."""
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        log = Path(tmp) / "selftest.log"
        env = dict(os.environ, PYTHONUTF8="1")
        t0 = time.monotonic()
        r = subprocess.run([str(exe), "--selftest", "--log", str(log)], env=env, capture_output=True,
                           timeout=timeout)
        out = r.stdout.decode("utf-8", "replace")
        if not out.strip() and log.exists():  # a windowed program may have had no stdout to write to
            out = log.read_text(encoding="utf-8")
        print(out.rstrip())
        err = r.stderr.decode("utf-8", "replace").strip()
        if err and r.returncode:
            print("stderr:\n" + err)
        seconds = time.monotonic() - t0
        print(f"self-test of {exe.name} exited {r.returncode} after {seconds:.1f} s", flush=True)
        return r.returncode, out, seconds


def summary_row(onedir: bool, exe: Path, build_s: float | None, test: tuple[int, str, float] | None) -> str:
    """One Markdown row of the job summary: which build, its size, build time, window start-up, self-test."""
    size = _size(exe.parent if onedir else exe) if exe.exists() else 0
    window = result = "—"
    if test:
        rc, out, seconds = test
        m = re.search(r"^ok +window \((\d+) ms\)", out, re.M)
        window = f"{m.group(1)} ms" if m else "not shown"
        result = f"{'passed' if rc == 0 else f'FAILED (exit {rc})'} in {seconds:.1f} s"
    built = f"{build_s:.0f} s" if build_s is not None else "—"
    return f"| {'one folder' if onedir else 'one file'} | {size / 1e6:.1f} MB | {built} | {window} | {result} |"


def write_summary(row: str, path: str | None = None) -> None:
    """Append the row to GitHub's job summary (the header the first time); nothing outside Actions."""
    path = path or os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    summary = Path(path)
    head = "" if summary.exists() and summary.stat().st_size else (
        "| build | size | build time | self-test: window shown | self-test |\n|---|---:|---:|---:|---|\n")
    with summary.open("a", encoding="utf-8") as f:
        f.write(head + row + "\n")


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--onedir", action="store_true", help="build the one-folder program (default: one file)")
    p.add_argument("--selftest", action="store_true", help="run the built program's --selftest afterwards")
    p.add_argument("--no-build", action="store_true", help="only run the self-test of an existing build")
    args = p.parse_args(argv)
    exe, build_s = (target(args.onedir), None) if args.no_build else build(args.onedir)
    test = selftest(exe) if args.selftest else None
    write_summary(summary_row(args.onedir, exe, build_s, test))
    return test[0] if test else 0


if __name__ == "__main__":
    sys.exit(main())
