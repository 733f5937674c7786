"""Build the program with PyInstaller from build.spec, then (with --selftest) run the built program's self-test.

    python tools/build_exe.py                      # one file: dist/gknb (Windows: dist\\gknb.exe)
    python tools/build_exe.py --onedir --selftest  # one folder: dist/gknb-folder/, then `gknb --selftest`

The same script serves CI on Linux (.ci/run) and on Windows (.github/workflows/windows.yml). It waits for the
windowed program itself (a shell would not wait for a Windows GUI program) and exits with its exit code.
"""
from __future__ import annotations

import argparse
import os
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


def build(onedir: bool) -> Path:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath",
           str(ROOT / "dist"), "--workpath", str(ROOT / "build"), str(ROOT / "build.spec")]
    if onedir:
        cmd += ["--", "--onedir"]
    t0 = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, check=True)
    exe = target(onedir)
    size = _size(exe.parent if onedir else exe)
    print(f"built {exe.relative_to(ROOT)} in {time.monotonic() - t0:.0f} s; "
          f"{'folder' if onedir else 'file'} size {size / 1e6:.1f} MB", flush=True)
    return exe


def selftest(exe: Path, timeout: float = 180) -> int:
    """Run `exe --selftest`, print its lines, return its exit code."""
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
        print(f"self-test of {exe.name} exited {r.returncode} after {time.monotonic() - t0:.1f} s", flush=True)
        return r.returncode


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
    exe = target(args.onedir) if args.no_build else build(args.onedir)
    return selftest(exe) if args.selftest else 0


if __name__ == "__main__":
    sys.exit(main())
