"""The 退回 notice as a one-page .docx (仿宋 三号, as official notices are set)."""
from __future__ import annotations

import os

from .atomic import write_atomically
from .fonts import Fonts


def write_notice_docx(text: str, path: str | os.PathLike, fonts: Fonts | None = None) -> None:
    """Write the notice text, one paragraph a line, atomically; ExportError on failure."""
    write_atomically(path, lambda stream: build_notice(text, fonts).save(stream))


def build_notice(text: str, fonts: Fonts | None = None):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fonts = fonts or Fonts()
    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = fonts.body
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.body)
    for line in text.splitlines():
        p = doc.add_paragraph(line)
        p.paragraph_format.line_spacing = Pt(28)
    return doc
