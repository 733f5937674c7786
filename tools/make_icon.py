"""Draw the application icon (a report page with a check mark) into resources/icon.png and icon.ico.

Run once after changing the drawing; the outputs are committed. The .ico holds PNG images of several
sizes (the format Windows Vista and later read), written here by hand since Pillow is not a dependency.
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    """The icon at one size, drawn on a 256-unit canvas scaled down so every size has the same look."""
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    # The page, with a folded corner.
    page = QPainterPath()
    page.moveTo(44, 16)
    page.lineTo(168, 16)
    page.lineTo(212, 60)
    page.lineTo(212, 240)
    page.lineTo(44, 240)
    page.closeSubpath()
    p.setPen(QPen(QColor("#5b6675"), 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.setBrush(QColor("#ffffff"))
    p.drawPath(page)
    fold = QPainterPath()
    fold.moveTo(168, 16)
    fold.lineTo(168, 60)
    fold.lineTo(212, 60)
    p.setBrush(QColor("#dfe4ea"))
    p.drawPath(fold)
    # A red title bar, as on an official report, then lines of text and a small table.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#c8102e"))
    p.drawRoundedRect(QRectF(68, 44, 84, 20), 4, 4)
    p.setBrush(QColor("#9aa5b1"))
    for y in (84, 108):
        p.drawRoundedRect(QRectF(68, y, 120, 10), 4, 4)
    p.setPen(QPen(QColor("#9aa5b1"), 6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(68, 132, 120, 84))
    p.drawLine(QPointF(68, 160), QPointF(188, 160))
    p.drawLine(QPointF(68, 188), QPointF(188, 188))
    p.drawLine(QPointF(108, 132), QPointF(108, 216))
    # The check mark in a green disc, bottom right: "checked".
    p.setPen(QPen(QColor("#ffffff"), 10))
    p.setBrush(QColor("#1a8f3c"))
    p.drawEllipse(QPointF(188, 196), 54, 54)
    p.setPen(QPen(QColor("#ffffff"), 18, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    tick = QPainterPath()
    tick.moveTo(162, 198)
    tick.lineTo(181, 217)
    tick.lineTo(216, 176)
    p.drawPath(tick)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container: ICONDIR, one ICONDIRENTRY per image, then the PNG data (0 in a size byte = 256)."""
    head = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(head) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in pngs.items():
        s = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", s, s, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return head + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, painting)
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = {s: png_bytes(draw(s)) for s in ICO_SIZES}
    (OUT / "icon.png").write_bytes(pngs[256])
    (OUT / "icon.ico").write_bytes(ico_bytes(pngs))
    print(f"wrote {OUT / 'icon.png'} and {OUT / 'icon.ico'} ({', '.join(map(str, ICO_SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
