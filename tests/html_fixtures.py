"""Web pages that imitate real published reports on a government portal, for the import tests.

`portal_html(report)` lays any Report out as a CMS article page: the portal's header and navigation, a
breadcrumb, a left column of related links, the article's title box with its 来源 / 发布时间 line, the
report itself (inline styles, `<strong>` headings, tables 2, 3 and 4 with rowspan / colspan from the
format's grid, long labels broken by `<br>` or `<p>`, figures written "5件", blanks as `&nbsp;`), share and
print buttons, and the site footer, all inside nested layout tables. Every label and span comes from the
declaration (`fmt.tables[tid].items`), every figure from the Report. `mht(html)` wraps a page as IE / Chrome
save it ("单个文件网页"), the page quoted-printable or base64.
"""
from __future__ import annotations

import base64
import quopri
import re
from html import escape

from model.format import DATA
from model.report import Report
from model.values import format_value

from docx_fixtures import messy_value

NAV = ["首页", "政务公开", "政府信息公开年报", "政务服务", "互动交流", "走进示例"]
RELATED = ["示例市示例局2023年政府信息公开工作年度报告", "示例市示例局2022年政府信息公开工作年度报告", "政策解读"]


def table_html(report: Report, tid: str, *, breaks: str = "br", values=None, labels: dict | None = None,
               word: bool = False) -> str:
    """A declared table as HTML: each grid item a cell at its row with its rowspan / colspan; `labels`
    prints some labels as a report rewords them (declared label -> printed label)."""
    spec = report.format.tables[tid]
    rows: list[list[str]] = [[] for _ in range(spec.n_rows)]
    for item in sorted(spec.items, key=lambda i: (i.row, i.col)):
        if item.role == DATA:
            v = report.value(item.cell)
            text = escape(values(v, item.cell) if values else format_value(v)) or "&nbsp;"
            style = ' style="text-align:center;"'
        else:
            text = _broken((labels or {}).get(item.text, item.text), breaks)
            style = ' style="text-align:left;padding:2px 4px;"'
        if word:  # Word's own markup: every cell a MsoNormal paragraph, digits in their own runs
            style = " width=57 valign=top style='width:42.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt'"
            text = "".join(f"<p class=MsoNormal align=center style='text-align:center'>{_runs(part)}<o:p></o:p></p>"
                           for part in text.split("<br/>"))
        span = (f' rowspan="{item.rowspan}"' if item.rowspan > 1 else "") + \
               (f' colspan="{item.colspan}"' if item.colspan > 1 else "")
        rows[item.row].append(f"<td{span}{style}>{text}</td>")
    body = "".join(f"<tr>{''.join(r)}</tr>\n" for r in rows)
    return (f'<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;'
            f'font-size:12px;"><tbody>\n{body}</tbody></table>')


def _broken(label: str, breaks: str) -> str:
    """A long label printed over two lines, as narrow portal columns force: "（二）部分公开<br>（区分处理的）"."""
    text = escape(label)
    if len(label) < 9 or not breaks:
        return text
    cut = label.find("（", 2)
    cut = cut if cut > 0 else len(label) // 2
    a, b = escape(label[:cut]), escape(label[cut:])
    return f"{a}<br/>{b}" if breaks == "br" else f"<p>{a}</p><p>{b}</p>"


def _runs(html: str) -> str:
    """Text as Word writes it into a web page: Chinese in one run, each figure in a run of its own."""
    out = re.sub(r"(?<![&#\w])([0-9]+(?:\.[0-9]+)?)(?![\w;])", r"</span><span lang=EN-US style='font-family:\"Times New Roman\"'>\1</span>"
                 r"<span style='font-family:仿宋_GB2312'>", html)
    return f"<span style='font-family:仿宋_GB2312'>{out}</span>"


def article_html(report: Report, *, breaks: str = "br", values=messy_value, labels: dict | None = None,
                 title_in_article: bool = False, word: bool = False) -> str:
    """The report as a CMS editor box writes it (styled paragraphs and the tables), or as Word saves it as a
    web page (`word`: MsoNormal paragraphs, heading numbers in mso-list:Ignore runs, conditional comments)."""
    fmt = report.format
    out = []
    if title_in_article:
        out.append(f'<p style="text-align:center;"><strong>{escape(report.title)}</strong></p>')
    for s in fmt.sections:
        if word:
            number, words = s.heading.split("、", 1)
            out.append(f"<p class=MsoListParagraph style='margin-left:0cm;text-indent:32.0pt;mso-list:l0 level1 lfo1'>"
                       f"<![if !supportLists]><span lang=EN-US style='font-family:黑体'><span style='mso-list:Ignore'>"
                       f"{number}、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;</span></span></span><![endif]>"
                       f"<span style='font-family:黑体'>{escape(words)}<span lang=EN-US><o:p></o:p></span></span></p>")
        else:
            out.append(f'<p style="text-indent:2em;font-family:黑体;"><strong>{escape(s.heading)}</strong></p>')
        if s.table:
            out.append(table_html(report, s.table, breaks=breaks, values=values, labels=labels, word=word))
        elif s is report.overview_section:
            out.extend(_paras(report.texts[s.id]))
            for k, sub in enumerate(report.subsections):
                out.append(f'<p style="text-indent:2em;"><strong>（{"一二三四五六七八九十"[k]}）{escape(sub.title)}'
                           f'</strong></p>')
                out.extend(_paras(sub.text))
        else:
            out.extend(_paras(report.texts[s.id]))
    if word:
        out = [re.sub(r'<p style="([^"]*)"><span style="font-size:16px;">(.*?)</span></p>',
                      lambda m: f"<p class=MsoNormal style='{m.group(1)}'>{_runs(m.group(2))}<o:p></o:p></p>", p)
               for p in out]
    out.append(f'<p style="text-align:right;">{escape(report.meta.organ)}</p>')
    if report.meta.date:
        d = report.meta.date
        out.append(f'<p style="text-align:right;">{d.year}年{d.month}月{d.day}日</p>')
    return "\n".join(out)


def _paras(text: str) -> list[str]:
    return [f'<p style="text-indent:2em;line-height:1.8;"><span style="font-size:16px;">{escape(line)}</span></p>'
            for line in text.split("\n") if line] if text else []


def portal_html(report: Report, *, charset: str = "utf-8", title_lines: list[str] | None = None,
                heading: bool = True, info_inside: bool = False, **article) -> str:
    """A whole portal page around the article; `title_lines` prints the heading over several lines,
    `heading=False` leaves only the <title> to name the report; `info_inside` puts the 政务公开 metadata
    table (索引号, 发布机构 …) and the 来源 line inside the article's own box, as some CMSs do."""
    lines = title_lines or [report.title]
    title_box = ("<br/>".join(escape(t) for t in lines)) if heading else ""
    nav = "".join(f'<li><a href="/{k}/">{escape(n)}</a></li>' for k, n in enumerate(NAV))
    related = "".join(f'<li><a href="/r{k}.html">{escape(n)}</a></li>' for k, n in enumerate(RELATED))
    d = report.meta.date
    published = f"{d.year}-{d.month:02d}-{d.day:02d}" if d else "2026-01-15"
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{escape(report.title)}_{escape(report.meta.organ)}_示例市人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css"/><script src="/js/jquery.js"></script>
<script>var _hmt = _hmt || []; document.write("<div>统计</div>");</script>
<style>.nav li{{float:left}} td{{font-size:14px}}</style>
</head><body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="示例市人民政府"/></div>
<div class="search"><form action="/search"><input name="q"/><button>搜索</button></form></div></div>
<div class="nav"><ul>{nav}</ul></div>
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="220" valign="top" class="left"><div class="related"><h3>相关文章</h3><ul>{related}</ul></div></td>
<td valign="top">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<table width="100%" border="0"><tr><td>
<div class="article-title" style="text-align:center;font-size:22px;font-weight:bold;">{title_box}</div>
<div class="info">来源：{escape(report.meta.organ)}&nbsp;&nbsp;发布时间：{published}&nbsp;&nbsp;浏览次数：1024
&nbsp;&nbsp;字号：【<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor"><div class="Custom_UnionStyle">
{_metadata(report) if info_inside else ""}
{article_html(report, **article)}
</div></div>
<div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<p>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</p>
</td></tr></table>
</td></tr></table>
<div class="footer"><p>主办：示例市人民政府办公室&nbsp;&nbsp;承办：示例市大数据中心</p>
<p>版权所有：示例市人民政府 网站标识码：1234000001 备案号：示ICP备00000001号</p>
<p>联系我们 | 网站地图 | 隐私声明</p></div>
</body></html>
"""


def _metadata(report: Report) -> str:
    """The 政府信息公开 metadata table portals print above a document, and the 来源 line as a paragraph."""
    d = report.meta.date
    cells = [("索引号：", "11410200MB0000000X/2026-00012"), ("主题分类：", "政务公开"), ("发布机构：", report.meta.organ),
             ("成文日期：", f"{d.year}-{d.month:02d}-{d.day:02d}" if d else ""), ("文号：", ""), ("有效性：", "有效")]
    rows = "".join(f"<tr><td>{a}</td><td>{escape(b)}</td><td>{c}</td><td>{escape(e)}</td></tr>"
                   for (a, b), (c, e) in zip(cells[::2], cells[1::2]))
    return (f'<table class="xxgk-meta" width="100%"><tbody>{rows}</tbody></table>'
            f"<p>来源：{escape(report.meta.organ)}　发布时间：2026-01-15 09:30　浏览次数：88</p>")


def encoded(html: str, charset: str = "utf-8") -> bytes:
    return html.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)


def mht(html: bytes, charset: str = "utf-8", transfer: str = "quoted-printable", saver: str = "ie") -> bytes:
    """A page as a single-file web page: the MIME message IE/Edge (and Chrome's 'Blink') write."""
    boundary = "----=_NextPart_000_0000_01DA1234.56789ABC" if saver == "ie" else "----MultipartBoundary--AbCdEf=----"
    body = quopri.encodestring(html) if transfer == "quoted-printable" else base64.encodebytes(html)
    head = ("From: <Saved by Windows Internet Explorer 11>\r\n" if saver == "ie" else
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/zwgk/nb/1.html\r\n")
    picture = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return (head.encode() +
            b"Subject: =?utf-8?B?5bm05oql?=\r\nDate: Tue, 20 Jan 2026 09:00:00 +0800\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="' + boundary.encode() + b'"\r\n\r\n'
            b"This is a multi-part message in MIME format.\r\n\r\n"
            b"--" + boundary.encode() + b"\r\n"
            b'Content-Type: text/html;\r\n\tcharset="' + charset.encode() + b'"\r\n'
            b"Content-Transfer-Encoding: " + transfer.encode() + b"\r\n"
            b"Content-Location: http://www.example.gov.cn/zwgk/nb/1.html\r\n\r\n" + body + b"\r\n\r\n"
            b"--" + boundary.encode() + b"\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            b"Content-Location: http://www.example.gov.cn/images/logo.png\r\n\r\n" + picture + b"\r\n"
            b"--" + boundary.encode() + b"--\r\n")


def word_page(report: Report, charset: str = "gb2312") -> str:
    """The report as Word saves it as a web page ("单个文件网页" / "网页，筛选过的"): Office namespaces, the
    document properties in a conditional comment, MsoNormal paragraphs, tables of MsoNormal cells."""
    title = "".join(f"<p class=MsoNormal align=center style='text-align:center'><b>{_runs(escape(t))}</b></p>"
                    for t in (report.title,))
    return f"""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset={charset}"><meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15"><title>{escape(report.title)}</title>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>办公室</o:Author></o:DocumentProperties></xml><![endif]-->
<style><!-- p.MsoNormal {{mso-style-parent:""; margin:0cm; font-size:10.5pt;}} --></style>
</head><body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<div class=WordSection1 style='layout-grid:15.6pt'>
{title}
{article_html(report, word=True)}
</div>
<div style='mso-element:footer' id=f1><p class=MsoFooter align=center>— 1 —</p></div>
</body></html>
"""


def word_mht(html: bytes, charset: str = "gb2312") -> bytes:
    """An .mht as Word writes it: its explanatory preamble, the page quoted-printable, a file:/// location."""
    boundary = "----=_NextPart_01DA4B5C.12345670"
    return (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"" + boundary.encode() + b"\"\r\n\r\n" +
            "此文档为“单个文件网页”，也称为“Web 档案”文件。".encode("gb18030") + b"\r\n\r\n--" + boundary.encode() +
            b"\r\nContent-Location: file:///C:/12345670/report.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            b"Content-Type: text/html; charset=\"" + charset.encode() + b"\"\r\n\r\n" + quopri.encodestring(html) +
            b"\r\n\r\n--" + boundary.encode() + b"\r\nContent-Location: file:///C:/12345670/report.files/header.htm\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n"
            b"<html><body><p>=E9=A1=B5=E7=9C=89</p></body></html>\r\n\r\n--" + boundary.encode() + b"--\r\n")
