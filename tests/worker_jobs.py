"""Module-level, Qt-free functions for tests/test_worker.py: a worker process imports this module to run them."""
import os
import time


def square(x: int, plus: int = 0) -> int:
    return x * x + plus


def fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("三不行")
    return x


def sleep_then_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def write_pid_and_sleep(folder: str, seconds: float = 60) -> None:
    """A job that says it is running (its pid in a file), then takes long: for 取消."""
    with open(os.path.join(folder, f"{os.getpid()}.pid"), "w") as f:
        f.write(str(os.getpid()))
    time.sleep(seconds)


def slow_read(path, year=None):
    """Stands in for the .docx reader in a worker process: a file that takes a minute to read."""
    time.sleep(60)


def loaded(*prefixes: str) -> list:
    """The modules this worker process has loaded whose names start with one of these."""
    import sys

    return sorted(m for m in sys.modules if m.startswith(prefixes))


def die_on_three(x: int) -> int:
    """An item that kills its worker process, as a crash inside lxml or exhausted memory would."""
    if x == 3:
        time.sleep(0.2)  # let the other worker be busy with an item when the pool breaks
        os._exit(3)
    time.sleep(0.05)
    return x
