"""Guards for opening a .docx from anywhere: zip bombs, oversized parts, DTDs and entities, deep nesting.

A .docx is a zip of XML written by whoever sent it. Before any XML is parsed, the zip's directory is
checked (entry count, declared sizes, compression ratios); parts are decompressed with a hard cap; XML
is parsed with entities and DTDs off, and a document with a DOCTYPE, too many elements or too deep a
nesting is refused. Every refusal is a DocxReadError whose str() is a message for the clerk.
"""
from __future__ import annotations

import os
import struct
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from model.os_errors import read_error_message

from .limits import ReadError, open_file

MAX_FILE = 100 * 1024 * 1024  # the .docx itself; photos make real reports a few MB at most
MAX_ENTRIES = 3000  # a real .docx has a few dozen parts
MAX_DIRECTORY = 2 * 1024 * 1024  # the zip's central directory
MAX_TOTAL = 200 * 1024 * 1024  # declared uncompressed size of all parts together
MAX_PART = 20 * 1024 * 1024  # any XML part we decompress (a long report's document.xml is ~2 MB)
MAX_RATIO = 100  # compression ratio refused for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_DEPTH = 200  # XML nesting; Word writes about 15 levels, nested tables a few more each
MAX_ELEMENTS = 200_000  # XML elements in one part: bounds the memory of the parsed tree

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL_OFFICE = "/officeDocument"


DocxReadError = ReadError  # the name the .docx reader's callers know
_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def read_document(path: str | os.PathLike):
    """The parsed main document part (word/document.xml) of a .docx, after every safety check."""
    path = Path(path)
    name = path.name
    with open_file(path, MAX_FILE, "Word 文件") as f:
        try:
            size = os.fstat(f.fileno()).st_size
            head = f.read(8)
            if head.startswith(_OLE) and is_encrypted_ole(f):
                raise encrypted(name)
            _check_kind(head, name)
            _check_directory(f, size, name)
            f.seek(0)
            return _read_zip(f, name)
        except DocxReadError:
            raise
        except OSError as e:
            raise DocxReadError(read_error_message(e, path, "Word 文件")) from None


def is_encrypted_ole(f) -> bool:
    """Whether an OLE compound file holds Office's encryption streams (a password-protected .docx is one).

    The stream names sit in the compound file's directory sectors, as UTF-16 text; a small file is scanned
    whole, a large one (an old .doc with pictures) up to MAX_FILE, a megabyte at a time."""
    f.seek(0)
    tail = b""
    while True:
        chunk = f.read(1 << 20)
        if not chunk:
            return False
        block = tail + chunk
        if any(n in block for n in _ENCRYPTED):
            return True
        tail = block[-64:]


def encrypted(name: str) -> DocxReadError:
    return DocxReadError(f"「{name}」设置了打开密码（已加密），无法读取。请在 Word 中打开它，点“文件 › 信息 › 保护文档 › "
                         "用密码进行加密”，清空密码后保存；WPS 中点“文件 › 文档加密”，取消密码后保存；然后再导入。")


def _corrupt(name: str, why: str = "") -> DocxReadError:
    extra = f"（{why}）" if why else ""
    return DocxReadError(f"「{name}」已损坏，无法作为 Word 文件读取{extra}。请在 Word 或 WPS 中打开它，"
                         "“另存为” Word 文档（*.docx）后再导入。")


def _check_kind(head: bytes, name: str) -> None:
    if head.startswith(_OLE):
        raise DocxReadError(f"「{name}」是旧版 Word 文档（.doc）或 WPS 文档（.wps），本程序只能读取 .docx。"
                            "请在 Word 或 WPS 中打开它，“另存为” Word 文档（*.docx）后再导入。")
    if head.startswith(b"%PDF"):
        raise DocxReadError(f"「{name}」是 PDF 文件，无法读取其中的表格。请找到年报的 Word 原件（.docx）再导入。")
    if not head.startswith(b"PK"):
        raise DocxReadError(f"「{name}」不是 Word 文档（.docx）。请选择扩展名为 .docx 的年报文件；"
                            "如果它是其他格式，请先在 Word 或 WPS 中“另存为” .docx。")


def _check_directory(f, size: int, name: str) -> None:
    """Read the zip's end record before zipfile does, so a huge directory is refused unread."""
    tail_len = min(size, 65536 + 22)
    f.seek(size - tail_len)
    tail = f.read(tail_len)
    i = tail.rfind(b"PK\x05\x06")
    if i < 0 or len(tail) - i < 22:
        raise _corrupt(name, "压缩包目录缺失")
    _sig, _disk, _cd_disk, _n_disk, n_total, cd_size, _cd_off, _clen = struct.unpack("<4s4H2LH", tail[i:i + 22])
    if n_total > MAX_ENTRIES or cd_size > MAX_DIRECTORY:
        raise _refused(name, f"压缩包中有 {n_total} 个条目，远多于正常的 Word 文件")


def _refused(name: str, why: str) -> DocxReadError:
    return DocxReadError(f"「{name}」不像正常的 Word 文件（{why}），为安全起见不予读取。"
                         "请在 Word 或 WPS 中打开它并“另存为” .docx 后再导入。")


def _read_zip(f, name: str):
    try:
        with zipfile.ZipFile(f) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise _refused(name, f"压缩包中有 {len(infos)} 个条目")
            total = sum(i.file_size for i in infos)
            if total > MAX_TOTAL:
                raise _refused(name, f"解压后共 {total // 1024 // 1024} MB")
            for info in infos:
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise _refused(name, f"「{info.filename}」的压缩比异常（疑似压缩炸弹）")
            names = {i.filename: i for i in infos}
            main = _main_part(zf, names, name)
            if main not in names:
                raise DocxReadError(f"「{name}」中没有 Word 正文（{main}），它可能是 Excel 或 PowerPoint 文件，"
                                    "或者已损坏。请选择年报的 Word 文件（.docx）。")
            return parse_xml(_read_part(zf, names[main], name), name)
    except DocxReadError:
        raise
    except RuntimeError as e:  # zipfile says "encrypted" this way
        if "encrypt" in str(e).lower() or "password" in str(e).lower():
            raise encrypted(name) from None
        raise _corrupt(name) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError,
            struct.error, KeyError, OverflowError):
        raise _corrupt(name) from None


def _main_part(zf: zipfile.ZipFile, names: dict, name: str) -> str:
    """The main document part as the package's relationships name it (Word and WPS: word/document.xml)."""
    rels = names.get("_rels/.rels")
    if rels is None:
        return "word/document.xml"
    root = parse_xml(_read_part(zf, rels, name), name)
    for rel in root:
        if str(rel.get("Type", "")).endswith(_REL_OFFICE):
            target = str(rel.get("Target", "")).lstrip("/")
            if target.startswith("./"):
                target = target[2:]
            return target or "word/document.xml"
    return "word/document.xml"


def _read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    if info.file_size > MAX_PART:
        raise _refused(name, f"「{info.filename}」解压后有 {info.file_size // 1024 // 1024} MB")
    with zf.open(info) as fh:
        data = fh.read(MAX_PART + 1)  # the declared size may lie: never take more than the cap
    if len(data) > MAX_PART:
        raise _refused(name, f"「{info.filename}」解压后超过 {MAX_PART // 1024 // 1024} MB")
    return data


def parse_xml(data: bytes, name: str = "文件"):
    """Parse one XML part: no DTD, no entities, no network, bounded depth and size; DocxReadError otherwise."""
    from lxml import etree

    if _has_doctype(data):
        raise _refused(name, "其中的 XML 带有文档类型定义（DOCTYPE），正常的 Word 文件没有")
    depth = count = 0
    try:
        events = etree.iterparse(BytesIO(data), events=("start", "end"), resolve_entities=False, load_dtd=False,
                                 no_network=True, huge_tree=False, remove_comments=True, remove_pis=True,
                                 dtd_validation=False)
        root = None
        for event, el in events:
            if event == "start":
                depth += 1
                count += 1
                if root is None:
                    root = el
                if depth > MAX_DEPTH:
                    raise _refused(name, f"XML 嵌套超过 {MAX_DEPTH} 层")
                if count > MAX_ELEMENTS:
                    raise _refused(name, f"XML 元素超过 {MAX_ELEMENTS} 个")
            else:
                depth -= 1
    except DocxReadError:
        raise
    except (etree.XMLSyntaxError, ValueError, LookupError) as e:
        raise _corrupt(name, f"XML 格式错误：{str(e)[:80]}") from None
    if root is None:
        raise _corrupt(name, "XML 为空")
    if root.getroottree().docinfo.doctype:
        raise _refused(name, "其中的 XML 带有文档类型定义（DOCTYPE）")
    return root


def _has_doctype(data: bytes) -> bool:
    # XML keywords are case-sensitive: "<!DOCTYPE" is the only spelling a parser accepts.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return True
    if data[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):  # UTF-16 text
        text = data.decode("utf-16", errors="ignore")
        return "<!DOCTYPE" in text or "<!ENTITY" in text
    return False
