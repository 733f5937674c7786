"""公开年报助手 (gknb): starts the GUI, or runs a command-line verb (see cli.py)."""
import sys


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # a frozen program is its own worker process (reader/batch.py)
        import multiprocessing

        multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--selftest":
        import selftest

        return selftest.run(argv[1:])
    if argv and (argv[0] in _verbs() or argv[0] in ("-h", "--help")):
        import cli

        return cli.run(argv)
    from gui.app import run  # imported late: the command line needs no Qt

    return run(argv)


def _verbs() -> tuple[str, ...]:
    import cli

    return cli.VERBS


if __name__ == "__main__":
    sys.exit(main())
