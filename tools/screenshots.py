"""Screenshots of every wizard step with the seed sample loaded, on an emulated screen of a given size.

    python3 tools/screenshots.py [--size 1366x768 ...] [--scale 1.5] [--out screenshots] [--sample FILE]

Each size runs in its own process on Qt's offscreen platform with a screen of exactly that size (its
`configfile` option), so the window sizes and places itself as it would there; with --scale (QT_SCALE_FACTOR)
the screen is that much smaller in logical pixels (1920x1080 at 1.5 is 1280x720). Each picture is the whole
screen: the window where it was placed, a title bar drawn over its frame, the desktop around it dark.
Files: OUT/step-NN.png for one size, OUT/WxH[@S]/step-NN.png for several.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TITLE_BAR = 30  # logical pixels drawn above the window, as a window manager would


def screen_platform(width: int, height: int, folder: Path) -> str:
    """QT_QPA_PLATFORM for an offscreen screen of this size (in device pixels)."""
    cfg = folder / f"screen-{width}x{height}.json"
    cfg.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": width, "height": height,
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={cfg}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--size", action="append", help="screen size in pixels, e.g. 1366x768 (repeatable)")
    p.add_argument("--scale", default=None, help="QT_SCALE_FACTOR for these screens, e.g. 1.5")
    p.add_argument("--out", default=str(ROOT / "screenshots"))
    p.add_argument("--sample", default=str(ROOT / "resources" / "samples" / "kaifeng-commerce-2019.gknb"))
    p.add_argument("--prefix", default="step")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    sizes = args.size or ["1366x768"]
    if args.child:
        return shoot(args)
    tmp = Path(tempfile.mkdtemp(prefix="gknb-screens-"))
    for size in sizes:
        w, h = (int(x) for x in size.lower().split("x"))
        out = Path(args.out) if len(sizes) == 1 else Path(args.out) / (size + (f"@{args.scale}" if args.scale else ""))
        env = dict(os.environ, QT_QPA_PLATFORM=screen_platform(w, h, tmp))
        if args.scale:
            env["QT_SCALE_FACTOR"] = args.scale
        run = subprocess.run([sys.executable, __file__, "--child", "--size", size, "--out", str(out),
                              "--sample", args.sample, "--prefix", args.prefix], env=env)
        if run.returncode:
            return run.returncode
    return 0


def shoot(args) -> int:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from gui.app import make_app
    from gui.main_window import MainWindow
    from gui.settings import UiSettings

    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="gknb-shots-"))
    win = MainWindow(UiSettings(tmp / "ui.ini"), recovery_folder=tmp / "recovery")
    win.show()
    win.open_file(args.sample, as_copy=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    screen = win.screen()
    dpr = screen.devicePixelRatio()
    sg, avail = screen.geometry(), screen.availableGeometry()
    print(f"screen {sg.width()}x{sg.height()} logical (×{dpr:g}), available {avail.width()}x{avail.height()}, "
          f"window {win.geometry().width()}x{win.geometry().height()} at {win.geometry().x()},{win.geometry().y()}")
    for i, step in enumerate(win.steps):
        win.go(i)
        for _ in range(3):
            app.processEvents()
        shot = QPixmap(round(sg.width() * dpr), round(sg.height() * dpr))
        shot.setDevicePixelRatio(dpr)
        shot.fill(QColor("#3a4a5a"))
        painter = QPainter(shot)
        g = win.geometry()
        bar = QRect(g.x(), g.y() - TITLE_BAR, g.width(), TITLE_BAR)
        painter.fillRect(bar, QColor("#dfe6ee"))
        painter.drawText(bar.adjusted(8, 0, 0, 0), Qt.AlignVCenter | Qt.AlignLeft, win.windowTitle().replace("[*]", ""))
        painter.drawPixmap(g.topLeft(), win.grab())
        painter.end()
        name = f"{args.prefix}-{i:02d}.png"
        shot.save(str(out / name))
        print(out / name, step.title)
    win.doc.undo_stack.setClean()
    win.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
