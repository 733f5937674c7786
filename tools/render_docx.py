"""Render a .docx to PNG pages with LibreOffice and poppler, to look at a layout on Linux."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def render(docx_path: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Convert docx_path to PDF in a temp dir, then to out_dir/<stem>-N.png; return the PNGs."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("render_docx: soffice not found; install LibreOffice, e.g. apt-get "
                         "install libreoffice-writer-nogui poppler-utils fonts-noto-cjk")
    if shutil.which("pdftoppm") is None:
        raise SystemExit("render_docx: pdftoppm not found; install poppler-utils")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render_docx-") as tmp:
        # A private profile: a second soffice sharing the default one fails or hangs.
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
                       check=True, capture_output=True, timeout=180)
        pdf = Path(tmp, docx_path.stem + ".pdf")
        if not pdf.exists():
            raise SystemExit(f"render_docx: LibreOffice wrote no PDF for {docx_path}")
        for old in out_dir.glob(f"{docx_path.stem}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf),
                        str(out_dir / docx_path.stem)], check=True, timeout=180)
    return sorted(out_dir.glob(f"{docx_path.stem}-*.png"))


def main(argv: list[str] | None = None) -> int:
    """Command line: render_docx.py IN.docx OUTDIR [--dpi N]; prints one PNG path per line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("docx", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    if not args.docx.is_file():
        parser.error(f"no such file: {args.docx}")
    for png in render(args.docx, args.out_dir, args.dpi):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
