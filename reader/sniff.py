"""What kind of file a path holds, by its content (the name only breaks a tie): docx, html or mht."""
from __future__ import annotations

import re
from pathlib import Path

from .docx_safety import _OLE, MAX_FILE, encrypted, is_encrypted_ole
from .limits import ReadError, open_file, read_head

_MIME = re.compile(rb"^(?:mime-version|content-type|from|subject|date|content-location|x-mimeole|message-id)\s*:",
                   re.I | re.M)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6]|span|font|br|center)[\s>/]",
                   re.I)
WHAT = "年报文件"


def kind(path: Path) -> str:
    """"docx", "html" or "mht"; ReadError (the clerk's message) for anything else."""
    head = read_head(path, 8192, WHAT)
    name = path.name
    if head.startswith(b"PK"):
        return "docx"
    if head.startswith(_OLE):
        with open_file(path, MAX_FILE, WHAT) as f:
            if is_encrypted_ole(f):
                raise encrypted(name)
        raise ReadError(f"「{name}」是旧版 Word 文档（.doc）或 WPS 文档（.wps），本程序只能读取 .docx 和网页。"
                        "请在 Word 或 WPS 中打开它，“另存为” Word 文档（*.docx）后再导入。")
    if head.startswith(b"%PDF"):
        raise ReadError(f"「{name}」是 PDF 文件，无法读取其中的表格。请找到年报的 Word 原件（.docx）或网页再导入。")
    text = head.lstrip(b"\xef\xbb\xbf\r\n\t ")
    if _MIME.match(text) and b"multipart/" in head.lower() or path.suffix.lower() in (".mht", ".mhtml") and _MIME.match(text):
        return "mht"
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[2:].decode(enc, errors="ignore").encode("ascii", errors="ignore")
    if _HTML.search(text[:4096]):
        return "html"
    raise ReadError(f"「{name}」不是 Word 文档（.docx），也不是网页（.html、.htm、.mht）。请选择年报的 Word 文件或"
                    "保存下来的年报网页；如果它是其他格式，请先在 Word 或 WPS 中“另存为” .docx。")
