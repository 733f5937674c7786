"""The fonts: which the documents ask for (Fonts, the GB/T 9704 set and Windows' own FALLBACK), the other names
Windows, WPS and fontconfig know them by, and which installed family the PDF and the printed copy draw with.

Light to import (no python-docx): the 检查与导出 page and the PDF read it; export/docx_layout.py writes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


# Fonts() is the GB/T 9704 set: 方正小标宋简体 (title), 黑体 (level-1 headings), 楷体_GB2312
# (level-2 headings), 仿宋_GB2312 (body, tables), 宋体 (page numbers), Times New Roman (digits,
# Latin). 方正小标宋简体 and the _GB2312 faces are on most government PCs but not in a stock
# Windows; Fonts.FALLBACK asks only for fonts Windows 10/11 ship: bold 宋体 (title), 黑体,
# 楷体, 仿宋, 宋体 and Times New Roman.
@dataclass(frozen=True)
class Fonts:
    """Font family names the document asks for, one per role."""

    title: str = "方正小标宋简体"
    heading: str = "黑体"
    subheading: str = "楷体_GB2312"
    body: str = "仿宋_GB2312"
    table: str = "仿宋_GB2312"
    page_number: str = "宋体"
    latin: str = "Times New Roman"
    title_bold: bool = False  # bold 宋体 stands in for the heavy 小标宋

    FALLBACK: ClassVar[Fonts]


Fonts.FALLBACK = Fonts(title="宋体", subheading="楷体", body="仿宋", table="仿宋", title_bold=True)


def requested_fonts(fonts: Fonts | None = None) -> list[str]:
    """The font names the document asks for, to tell the clerk (e.g. 方正小标宋简体, 黑体, 楷体_GB2312 …)."""
    f = fonts or Fonts()
    return list(dict.fromkeys([f.title, f.heading, f.subheading, f.body, f.table, f.page_number, f.latin]))


# Where a font GB/T 9704 asks for is missing and so is Windows' own stand-in (Fonts.FALLBACK), the first of
# these that is installed (Linux desktops: Kylin, UOS ship Noto / Source Han / WenQuanYi / AR PL).
SERIF_CJK = ("Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "AR PL UMing CN", "Droid Sans Fallback")
SANS_CJK = ("Noto Sans CJK SC", "Source Han Sans SC", "思源黑体", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
            "Microsoft YaHei", "微软雅黑", "Droid Sans Fallback")
LATIN = ("Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif", "Noto Serif")


# ---- fonts ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageFonts:
    """The installed family drawn for each role, and what stood in for what was asked."""

    title: str
    heading: str
    subheading: str
    body: str
    table: str
    page_number: str
    latin: str
    title_bold: bool
    substituted: tuple[tuple[str, str], ...] = ()  # (asked, drawn)

    def names(self) -> list[str]:
        return list(dict.fromkeys([self.title, self.heading, self.subheading, self.body, self.table,
                                   self.page_number, self.latin]))

    def message(self) -> str:
        """The export message's font sentence (which fonts the PDF holds, which stood in for missing ones)."""
        text = f"字体已嵌入文件：{'、'.join(self.names())}"
        if self.substituted:
            by_drawn: dict[str, list[str]] = {}
            for asked, drawn in self.substituted:
                by_drawn.setdefault(drawn, []).append(asked)
            swaps = "；".join(f"{'、'.join(asked)} 改用 {drawn}" for drawn, asked in by_drawn.items())
            text += f"。本机未安装公文要求的部分字体：{swaps}"
        return text


# Other names Windows, WPS and fontconfig know these faces by (English names: Qt on an English-language
# Windows may know a font only by one of them; Word and WPS resolve both).
ALIASES = {"方正小标宋简体": ("FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"), "仿宋_GB2312": ("FangSong_GB2312",),
           "楷体_GB2312": ("KaiTi_GB2312",), "黑体": ("SimHei",), "宋体": ("SimSun",), "仿宋": ("FangSong",),
           "楷体": ("KaiTi",), "微软雅黑": ("Microsoft YaHei",)}


def family(name: str) -> str:
    """The name under which Qt has this font installed ("" if it has not)."""
    from PySide6.QtGui import QFontDatabase

    for cand in (name, *ALIASES.get(name, ())):
        if cand and QFontDatabase.hasFamily(cand):
            return cand
    return ""


def installed(name: str) -> bool:
    return bool(family(name))


def _any_chinese() -> str:
    from PySide6.QtGui import QFontDatabase

    fams = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return fams[0] if fams else ""


def page_fonts(fonts=None) -> PageFonts:
    """The families to draw with: export.docx_layout.Fonts (the GB/T 9704 set, or Fonts.FALLBACK), each
    replaced by Windows' stand-in, then by an installed CJK family, when this PC does not have it."""
    asked = fonts or Fonts()
    stand_in = Fonts.FALLBACK
    swaps: list[tuple[str, str]] = []
    bold = asked.title_bold

    def pick(name: str, second: str, generic: tuple[str, ...]) -> str:
        if installed(name):
            return family(name)
        for cand in (second, *generic):
            if installed(cand):
                cand = family(cand)
                break
        else:
            cand = _any_chinese() or name
        if (name, cand) not in swaps:
            swaps.append((name, cand))
        return cand

    title = pick(asked.title, stand_in.title, SERIF_CJK)
    if not installed(asked.title):
        bold = True  # bold 宋体 (or its stand-in) for the heavy 小标宋, as Fonts.FALLBACK does
    chosen = dict(
        title=title,
        heading=pick(asked.heading, stand_in.heading, SANS_CJK),
        subheading=pick(asked.subheading, stand_in.subheading, SERIF_CJK),
        body=pick(asked.body, stand_in.body, SERIF_CJK),
        table=pick(asked.table, stand_in.table, SERIF_CJK),
        page_number=pick(asked.page_number, stand_in.page_number, SERIF_CJK),
    )
    latin = family(asked.latin) or next((f for f in LATIN if installed(f)), chosen["body"])
    if not installed(asked.latin):
        swaps.append((asked.latin, latin))
    return PageFonts(latin=latin, title_bold=bold, substituted=tuple(swaps), **chosen)
