"""公开年报助手 (gknb): starts the GUI, or runs a command-line verb (see cli.py), or the self-test."""
import os
import re
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    first = argv[0] if argv else None
    if first == "--selftest":
        import selftest

        return selftest.run(argv[1:])
    if first is not None and (first in _verbs() or first.startswith("-")):
        import cli  # -h, --help, --version and a mistyped option are the command line's, with or without a display

        return cli.run(argv)
    if first is not None and not os.path.exists(first) and _looks_like_verb(first):
        return _unknown_verb(first)
    if not has_display():
        return _no_display()
    from gui.app import run  # imported late: the command line needs no Qt

    return run(argv)


def has_display() -> bool:
    """Whether Qt can open a window. Only Linux (and other X11/Wayland systems) can lack one; there Qt
    aborts with an English message (rc 134) unless told a platform (QT_QPA_PLATFORM=offscreen, ...)."""
    if sys.platform.startswith(("win", "darwin")):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return True  # offscreen, wayland, vnc, ...: Qt's own business
    return bool(os.environ.get("DISPLAY") or (not platform and os.environ.get("WAYLAND_DISPLAY")))


def _looks_like_verb(word: str) -> bool:
    """A word, not a file name: letters only (no dot, no slash), as a mistyped verb is."""
    return re.fullmatch(r"[A-Za-z][A-Za-z_-]{0,30}", word) is not None


def _unknown_verb(word: str) -> int:
    import cli

    cli._utf8_stdout()
    print(f"错误：不认识的命令「{word}」，也没有名为「{word}」的文件。可用的命令：\n{cli.verbs_text()}\n"
          f"例如：gknb check 年报.gknb；gknb -h 显示全部用法。", file=sys.stderr)
    return 2


def _no_display() -> int:
    import cli

    cli._utf8_stdout()
    print("错误：没有找到可以显示窗口的图形界面（没有设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开公开年报助手的窗口。"
          "请在桌面环境中启动；在命令行中可以使用以下命令：\n"
          f"{cli.verbs_text()}\n例如：gknb check 年报.gknb；gknb -h 显示全部用法。", file=sys.stderr)
    return 2


def _verbs() -> tuple[str, ...]:
    import cli

    return cli.VERBS


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        import multiprocessing

        # In the built program a worker process (gui/worker.py) starts this same exe: run its job, not the GUI.
        multiprocessing.freeze_support()
    sys.exit(main())
