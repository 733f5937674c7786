"""Start-up and memory of whole processes: the program (from source or frozen) next to a bare PySide6 wizard.

Each child is spawned with GKNB_BENCH_EXIT_ON_SHOWN=1 and prints `GKNB_SHOWN <perf_counter_ns> <heavy>`
once its window is first exposed and painted (gui/startup_probe.py); perf_counter is system-wide on Linux
and Windows, so start-up = that time - the parent's time just before spawning.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = ROOT / "benchmarks" / "bare_wizard.py"


@dataclass
class Launch:
    """One program to start: its command line and a name for the table."""

    name: str
    argv: list[str]


def program(*files: str) -> Launch:
    return Launch("program", [sys.executable, str(ROOT / "main.py"), *files])


def bare() -> Launch:
    return Launch("bare PySide6 wizard", [sys.executable, str(BARE)])


def frozen(exe: Path, *files: str) -> Launch:
    return Launch(f"frozen {exe.parent.name if exe.parent.name != 'dist' else 'one-file'}", [str(exe), *files])


def child_env(home: Path) -> dict[str, str]:
    """The child's environment: probe armed, a display (offscreen if there is none), settings and
    autosaves in a throw-away folder so the benchmark neither reads nor changes the user's."""
    env = dict(os.environ, GKNB_BENCH_EXIT_ON_SHOWN="1", PYTHONUTF8="1")
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    # Its own single-instance name: a gknb window the same user has open elsewhere would otherwise be
    # handed the measured start's file, and the measured process would exit without a window.
    env["GKNB_INSTANCE_NAME"] = f"gknb-bench-{os.getpid()}"
    return env


def platform_name() -> str:
    env = child_env(Path(tempfile.gettempdir()))
    if env.get("QT_QPA_PLATFORM"):
        return env["QT_QPA_PLATFORM"]
    if sys.platform.startswith("linux"):
        return f"xcb (DISPLAY={env['DISPLAY']})" if env.get("DISPLAY") else "wayland"
    return {"win32": "windows", "darwin": "cocoa"}.get(sys.platform, sys.platform)


def start_once(launch: Launch, env: dict[str, str], timeout: float = 60) -> tuple[float, str]:
    """Milliseconds from spawn to the window shown, and the heavy modules the child had loaded by then."""
    t0 = time.perf_counter_ns()
    r = subprocess.run(launch.argv, env=env, capture_output=True, timeout=timeout, cwd=ROOT)
    out = r.stdout.decode("utf-8", "replace")
    for line in out.splitlines():
        if line.startswith("GKNB_SHOWN "):
            _, ns, heavy = line.split()
            return (int(ns) - t0) / 1e6, heavy
    raise RuntimeError(f"{launch.name} never reported its window shown (exit {r.returncode}):\n"
                       f"{out}\n{r.stderr.decode('utf-8', 'replace')[-2000:]}")


def precompile() -> None:
    """Compile the program's modules to .pyc first, as any installed copy (and the frozen build) has them.

    With PYTHONDONTWRITEBYTECODE set (as on some CI and sandbox machines) Python never writes them, and
    every measured start would recompile each module: a cost no clerk's program pays. Reading them is
    not affected by that variable.
    """
    import compileall

    for folder in ("model", "gui", "export"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    for module in ("main.py", "cli.py", "selftest.py"):
        if (ROOT / module).exists():
            compileall.compile_file(ROOT / module, quiet=1)


def start_times(launches: list[Launch], runs: int) -> dict[str, dict]:
    """Interleaved runs (A B C A B C ...) after one warm-up each, so drift in machine load hits all alike."""
    precompile()
    with tempfile.TemporaryDirectory(prefix="gknb-bench-", ignore_cleanup_errors=True) as home:
        env = child_env(Path(home))
        for launch in launches:
            start_once(launch, env)  # warm the disk cache
        times: dict[str, list[float]] = {lc.name: [] for lc in launches}
        heavy: dict[str, str] = {}
        for _ in range(runs):
            for launch in launches:
                ms, loaded = start_once(launch, env)
                times[launch.name].append(ms)
                heavy[launch.name] = loaded
    return {name: {"median": statistics.median(v), "min": min(v), "max": max(v), "runs": v, "heavy": heavy[name]}
            for name, v in times.items()}


# Linux keeps a process's peak RSS across exec: a child forked from this (large) benchmark process would
# report at least this process's size. A tiny Python in between forks the measured program instead.
_SPAWNER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print("GKNB_MAXRSS", usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024), os.waitstatus_to_exitcode(status))
"""


def peak_memory_mb(launch: Launch) -> float:
    """Peak resident memory (MB) of a child that opens the file, shows its window and quits."""
    with tempfile.TemporaryDirectory(prefix="gknb-bench-", ignore_cleanup_errors=True) as home:
        env = child_env(Path(home))
        if sys.platform.startswith("win"):
            p = subprocess.Popen(launch.argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
            peak, out = _windows_peak(p)
        else:
            r = subprocess.run([sys.executable, "-S", "-c", _SPAWNER, *launch.argv], env=env, capture_output=True,
                               cwd=ROOT, timeout=60)
            out = r.stdout.decode("utf-8", "replace")
            line = next((x for x in out.splitlines() if x.startswith("GKNB_MAXRSS")), None)
            if line is None:
                raise RuntimeError(f"no peak memory for {launch.name}: {r.stderr.decode('utf-8', 'replace')[-1000:]}")
            peak = int(line.split()[1])
        if "GKNB_SHOWN" not in out:
            raise RuntimeError(f"{launch.name} did not show its window")
        return peak / 1e6


def _windows_peak(p: subprocess.Popen) -> tuple[int, str]:
    """PeakWorkingSetSize of a child on Windows, read before its handle is closed."""
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                    ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                    ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                    ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]

    out = p.stdout.read().decode("utf-8", "replace")  # until the child quits; its handle stays open
    p.wait()
    c = Counters()
    c.cb = ctypes.sizeof(c)
    ctypes.windll.psapi.GetProcessMemoryInfo(wintypes.HANDLE(int(p._handle)), ctypes.byref(c), c.cb)
    return c.PeakWorkingSetSize, out
