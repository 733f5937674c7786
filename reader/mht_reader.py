"""A report saved as a single-file web page (.mht / .mhtml: IE, Edge, Chrome, Word and WPS "单个文件网页").

An .mht is a MIME message: the page is its text/html part (quoted-printable or base64), the pictures and
styles the other parts, which are never looked at. The standard library's email parser decodes it; the
page is then read as any web page (html_reader), its charset taken from the part's header first.
"""
from __future__ import annotations

import email
import email.policy
from pathlib import Path

from .html_reader import MAX_PAGE, Page, decode, page_from_text
from .limits import Deadline, ReadError, read_bounded, too_large

MAX_MHT = 50 * 1024 * 1024  # the page and its pictures, base64 encoded
MAX_PARTS = 2000


def read_mht(path, deadline: Deadline) -> Page:
    path = Path(path)
    data = read_bounded(path, MAX_MHT, "网页文件")
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    deadline.check()
    html = None
    for n, part in enumerate(msg.walk()):
        if n > MAX_PARTS:
            raise ReadError(f"「{path.name}」中的部分超过 {MAX_PARTS} 个，不像是保存的网页，为安全起见不予读取。")
        if part.get_content_type() == "text/html" and not part.is_multipart():
            html = part
            break
    if html is None:
        raise ReadError(f"「{path.name}」是单个文件网页（.mht），但其中没有网页内容，可能已损坏。"
                        "请在浏览器中重新打开原网页，“另存为”网页（.html）后再导入。")
    payload = html.get_payload(decode=True) or b""
    if len(payload) > MAX_PAGE:  # the page itself, decoded, under the same limit as a saved .html
        raise too_large(path, len(payload), MAX_PAGE, "网页")
    deadline.check()
    return page_from_text(decode(payload, html.get_content_charset()), path.name, deadline)
