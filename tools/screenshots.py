"""Screenshots of every wizard step with the seed sample loaded: screenshots/step-NN-name.png.

    QT_QPA_PLATFORM=offscreen python3 tools/screenshots.py [--size 1366x768] [--out screenshots] [--sample FILE]
Set QT_SCALE_FACTOR=2 to see the 200 % layout.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--size", default="1366x768")
    p.add_argument("--out", default=str(ROOT / "screenshots"))
    p.add_argument("--sample", default=str(ROOT / "resources" / "samples" / "kaifeng-commerce-2019.gknb"))
    p.add_argument("--prefix", default="step")
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gui.app import make_app
    from gui.main_window import MainWindow
    from gui.settings import UiSettings

    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="gknb-shots-"))
    w, h = (int(x) for x in args.size.split("x"))
    win = MainWindow(UiSettings(tmp / "ui.ini"), recovery_folder=tmp / "recovery")
    win.resize(w, h)
    win.show()
    win.open_file(args.sample, as_copy=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for i, step in enumerate(win.steps):
        win.go(i)
        for _ in range(3):
            app.processEvents()
        name = f"{args.prefix}-{i:02d}.png"
        win.grab().save(str(out / name))
        print(out / name, step.title)
    win.doc.undo_stack.setClean()
    win.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
