"""From the blocks a published report became (any source: .docx, web page) to a Report.

Sections are found by their headings (tolerating the drift real reports show), the subsections of
一、总体情况 by their （一） headings, the tables by their labels (table_reader). Organ and year come from
the title, else from the text. What could not be placed is said in `ImportResult.unplaced`; totals the
document printed are kept in `report.reported`, so the checker shows any that differ from the sums.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from model import formats
from model.checker import check
from model.format import Format
from model.report import Meta, Report, Subsection

from .blocks import Block, Paragraph, TableGrid
from .docx_match import heading_fits, norm
from .limits import Deadline, ReadError
from .table_reader import Classifier, TableReader, is_number

__all__ = ["read_blocks", "ImportResult", "NotAReport", "report_problem", "is_report"]

_SUB = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$", re.S)
_YEAR = re.compile(r"(20\d{2})\s*年度?")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ORGAN = re.compile(r"^(.{2,30}?(?:委员会|办公室|办公厅|管理局|局|委|办|政府|厅|院|中心|部|署|站|所|队|会|处|室))"
                    r"(?:根据|依据|按照|严格|认真|坚持|始终|深入|在|全面|积极|高度|持续|以|[，,])")
_SIGNED = re.compile(r"^[^。；;!！?？,，:：]{2,30}(?:委员会|办公室|办公厅|局|委|办|政府|厅|院|中心|部|署|站|所|队|会|处|室)$")
_UNIT_LINE = re.compile(r"^\(?单位:[^()]{1,8}\)?$")  # "单位：件" above a table: not content


@dataclass
class ImportResult:
    """What reading an old report gave: the report, what could not be placed, which tables were read."""

    report: Report
    unplaced: list[str] = field(default_factory=list)
    read_tables: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # guesses the clerk should confirm (year from the text, ...)
    sections_found: list[str] = field(default_factory=list)
    title_found: bool = False  # a title "……政府信息公开工作……报告" heads the document

    @property
    def complete(self) -> bool:
        """Every table read and everything placed."""
        return not self.unplaced and len(self.read_tables) == len(self.report.format.tables)

    def total_findings(self) -> list:
        """Totals as printed that differ from the sums (the checker's 总计 rule), with both figures."""
        return [f for f in check(self.report) if f.rule == "总计"]

    def summary(self) -> str:
        r, fmt = self.report, self.report.format
        names = {t.id: t.name for t in fmt.tables.values()}
        lines = [f"已读取：{r.meta.organ or '（未找到机关名称）'}{r.meta.year}年政府信息公开工作年度报告"
                 f"（{fmt.id} 年格式）。"]
        heads = [s.heading for s in fmt.sections if s.id in self.sections_found]
        lines.append(f"找到的部分：{'、'.join(heads) if heads else '没有找到任何部分标题'}。")
        if r.subsections and r.overview_section.id in self.sections_found:
            lines.append(f"总体情况的小标题 {len(r.subsections)} 个：{'、'.join(s.title for s in r.subsections)}。")
        elif r.subsections:  # the format's own, not read: never said as if they were in the document
            lines.append("总体情况的小标题：文档中没有读到，暂用格式的默认小标题。")
        read = [names[t] for t in self.read_tables]
        lines.append(f"读取的表格：{'、'.join(read) if read else '没有'}。")
        filled = sum(v is not None for v in r.cells.values())
        lines.append(f"表格中的数字：{filled} 个已读取，{len(r.cells) - filled} 个空白（空白表示未报告，不等于 0）。")
        for n in self.notes:
            lines.append(f"请核对：{n}")
        totals = self.total_findings()
        if totals:
            lines.append(f"原文中有 {len(totals)} 处总计与各项相加不一致（已保留原文数字，检查时会列出）：")
            lines.extend(f"  · {f.message}" for f in totals)
        if self.unplaced:
            lines.append(f"未能导入的内容（{len(self.unplaced)} 处），请对照原文补填：")
            lines.extend(f"  · {u}" for u in self.unplaced)
        else:
            lines.append("全部内容都已导入。")
        return "\n".join(lines)


def read_blocks(items: list[Block], year: int | None = None, deadline: Deadline | None = None,
                source_organ: str | None = None) -> ImportResult:
    """Read a report from its blocks. `source_organ` (a web page's 来源) is used when the title names none."""
    deadline = deadline or Deadline()
    grids = [b for b in items if isinstance(b, TableGrid)]
    lines = _lines(items)
    notes: list[str] = []
    newest = list(formats.all_formats().values())[-1]
    heads = _headings(lines, newest)  # the six headings read the same in every format
    first = min(heads.values(), default=len(lines))
    title_organ, title_year, title_lines = _title(lines[:first])
    year = year or title_year
    if not year:
        year = _year_from_text(lines)
        if year:
            notes.append(f"标题中没有年度，按正文中最常出现的年份定为 {year} 年。")
    classifier = Classifier(deadline)
    fmt = _format(year, grids, notes, classifier)
    if not year:
        year = max(fmt.years[0], dt.date.today().year - 1) if fmt.years[1] > 3000 else fmt.years[1]
        notes.append(f"文档中没有找到年度，暂定为 {year} 年。")
    report = Report(fmt, Meta(organ=title_organ or "", year=year))
    result = ImportResult(report, notes=notes)
    result.sections_found = [s.id for s in fmt.sections if s.id in heads]
    result.title_found = title_lines > 0
    _prose(report, lines, heads, title_lines, first, result)
    if not report.meta.organ and source_organ:
        report.meta.organ = source_organ
        notes.append(f"机关名称「{source_organ}」取自网页的“来源”。")
    if not report.meta.organ:
        notes.append("文档标题中没有机关名称，请在项目中填写。")
    _tables(report, grids, result, classifier, deadline)
    for s in fmt.sections:
        if s.id not in heads:
            result.unplaced.append(f"没有找到「{s.heading}」这一部分的标题" +
                                   ("，这部分内容未导入。" if not s.table else "（表格按其中的文字识别）。"))
    return result


# ---- is it a report at all -----------------------------------------------------------------------

MIN_HEADINGS = 3  # of the six section headings, without a title or a table: a work summary has 一、总体情况 too


class NotAReport(ReadError):
    """The file was read, but it is not a 政府信息公开工作年度报告 (a 会议纪要, a notice, another report).
    `result` is what was read, for a caller that lists such files (the review of many files); it stays in
    its process (a worker sends the message only)."""

    def __init__(self, message: str, result: "ImportResult | None" = None):
        super().__init__(message)
        self.result = result

    def __reduce__(self):
        return type(self), (str(self),)


def report_problem(result: ImportResult) -> str | None:
    """Why what was read is not an annual report at all, or None when it is one: the one test the command
    line, the window (导入, 从去年的年报开始) and the review of many files share.

    A report is recognised by any one of: its title (……政府信息公开工作年度报告), one of its statistical tables
    (表二–表四, by their labels: a report may print its tables without headings), or at least MIN_HEADINGS of
    its six section headings (a report whose tables are pictures has the headings only).
    """
    if result.title_found or result.read_tables or len(result.sections_found) >= MIN_HEADINGS:
        return None
    fmt = result.report.format
    found = [s.heading for s in fmt.sections if s.id in result.sections_found]
    heads = f"只有 {len(found)} 个年报的部分标题（{'、'.join(found)}）" if found else "没有年报的部分标题（如“一、总体情况”）"
    return (f"不是政府信息公开工作年度报告：其中没有“……政府信息公开工作年度报告”这样的标题，{heads}，"
            f"也没有表二、表三、表四这样的统计表。请选择年报本身的文件（Word 文档或保存下来的年报网页）。")


def is_report(result: ImportResult) -> bool:
    return report_problem(result) is None


# ---- prose ----------------------------------------------------------------------------------------

def _lines(items) -> list[tuple[bool, str]]:
    """(numbered by Word's list numbering, text) for every non-empty line of every paragraph outside tables."""
    out = []
    for b in items:
        if isinstance(b, Paragraph):
            for line in b.text.split("\n"):
                line = line.strip().strip("\u3000")
                if line:
                    out.append((b.numbered, line))
    return out


def _headings(lines, fmt: Format) -> dict[str, int]:
    """Section id -> index in `lines` of its heading, found in order."""
    found: dict[str, int] = {}
    last = -1
    for n, (numbered, text) in enumerate(lines):
        for k, s in enumerate(fmt.sections):
            if k > last and heading_fits(text, s.heading, numbered):
                found[s.id], last = n, k
                break
    return found


def _title(lines) -> tuple[str | None, int | None, int]:
    """Organ and year from the title (which may take up to three lines); and how many lines it took.

    Titles seen: 某局2023年政府信息公开工作年度报告, 某局2023年度…, 2023年度某局…, 某局关于2023年…,
    某局政府信息公开工作2023年度报告, and without a year: 政府信息公开工作年度报告; printed over two or three
    lines (the organ before or after the break, 「（2023年度）」 below), after a web page's 来源 / 发布时间 line.
    """
    texts = [norm(t) for _, t in lines[:MAX_TITLE_START + 3]]
    for k in range(min(len(texts), MAX_TITLE_START)):
        if not _title_like(texts[k]):
            continue
        for j in range(k + 1, min(len(texts), k + 3) + 1):
            if not _title_like(texts[j - 1]):
                break
            t = "".join(texts[k:j])
            if "信息公开" not in t or not t.endswith("报告") or len(t) > 80:
                continue
            return _title_parts(t, texts[j:j + 2], j)
    return None, None, 0


MAX_TITLE_START = 8  # lines above the title: a web page's 来源 / 发布时间 / 字号 lines, a document number
_AFTER_TITLE = re.compile(r"^[(（]?(20\d{2})年度?[)）]?$")


def _title_like(t: str) -> bool:
    return bool(t) and len(t) <= 60 and not re.search(r"[:：。；;]", t) and not _DATE.match(t)


def _title_parts(t: str, after: list[str], used: int) -> tuple[str | None, int | None, int]:
    key = "政府信息公开" if "政府信息公开" in t else "信息公开"
    m = _YEAR.search(t)
    year = int(m.group(1)) if m else None
    organ = t[: t.index(key)]
    if m and m.start() < t.index(key):
        organ = organ[: m.start()] + organ[m.end():]
    organ = re.sub(r"(关于|的|度)+$", "", re.sub(r"^(度)", "", organ)).strip()
    for line in after:  # the organ or the year printed under the title
        y = _AFTER_TITLE.match(line)
        if y and not year:
            year, used = int(y.group(1)), used + 1
        elif not organ and _SIGNED.match(line.strip("()（）")):
            organ, used = line.strip("()（）"), used + 1
        else:
            break
    return organ or None, (year if year and 2000 <= year <= 2100 else None), used


def _year_from_text(lines) -> int | None:
    years = Counter(int(y) for _, t in lines for y in _YEAR.findall(unicodedata.normalize("NFKC", t)))
    years = Counter({y: n for y, n in years.items() if 2019 <= y <= 2100})
    return years.most_common(1)[0][0] if years else None


def _prose(report: Report, lines, heads: dict[str, int], title_lines: int, first: int,
           result: ImportResult) -> None:
    fmt = report.format
    order = sorted(heads.items(), key=lambda kv: kv[1])
    spans = {sid: (start + 1, order[k + 1][1] if k + 1 < len(order) else len(lines))
             for k, (sid, start) in enumerate(order)}
    preface = lines[title_lines:first]  # text between title and 一、 belongs to the overview
    last_id = order[-1][0] if order else None
    for s in fmt.sections:
        if s.id not in spans:
            continue
        a, b = spans[s.id]
        pairs = lines[a:b]
        body = [t for _, t in pairs]
        if s.id == last_id:
            body = _signature(report, body)
        if s.table:
            for t in (t for t in body if not _UNIT_LINE.match(norm(t))):
                result.unplaced.append(f"「{s.heading}」中表格以外的文字未导入：「{t[:40]}{'…' if len(t) > 40 else ''}」")
        elif s is report.overview_section:
            _overview(report, preface + pairs)
            preface = []
        else:
            report.texts[s.id] = "\n".join(body)
    if preface:
        report.texts[report.overview_section.id] = "\n".join(t for _, t in preface)
    if not report.meta.organ:
        intro = report.texts.get(report.overview_section.id, "")
        m = _ORGAN.match(unicodedata.normalize("NFKC", intro))
        if m:
            report.meta.organ = m.group(1)
            result.notes.append(f"机关名称「{m.group(1)}」取自总体情况的第一句。")


def _overview(report: Report, body: list[tuple[bool, str]]) -> None:
    """Intro and subsections: a line "（一）主动公开" opens one; so does a short line Word numbers itself
    when the text holds no "（一）" of its own."""
    explicit = any(_SUB.match(t) for _, t in body)
    intro: list[str] = []
    subs: list[Subsection] = []
    for numbered, line in body:
        m = _SUB.match(line)  # the clerk's own text: never normalized
        if m:
            title, rest = _split_heading(m.group(2).strip())
            subs.append(Subsection(title, rest if title else line))
        elif numbered and not explicit and len(line) <= 30 and not line.endswith(("。", "；", "！", "？")):
            subs.append(Subsection(line.rstrip("：:"), ""))
        elif subs:
            s = subs[-1]
            s.text = f"{s.text}\n{line}" if s.text else line
        else:
            intro.append(line)
    report.texts[report.overview_section.id] = "\n".join(intro)
    report.subsections = subs


def _split_heading(text: str) -> tuple[str, str]:
    """A short line is a title alone; a run-in heading "主动公开。本年度……" is title + text; a long line with
    no such stop is an untitled subsection that keeps its whole text ("" title)."""
    if len(text) <= 30:
        return text.rstrip("。.：:"), ""
    m = re.match(r"^(.{2,30}?)[。：:]\s*(.+)$", text, re.S)
    if m:
        return m.group(1), m.group(2)
    return "", text


def _signature(report: Report, body: list[str]) -> list[str]:
    """Take the closing organ name and date off the last section; keep them as meta."""
    if body and _DATE.match(norm(body[-1])):
        y, mo, d = map(int, _DATE.match(norm(body[-1])).groups())
        try:
            report.meta.date = dt.date(y, mo, d)
        except ValueError:
            return body
        body = body[:-1]
    known = norm(report.meta.organ)
    if len(body) > 1 and (norm(body[-1]) == known if known else _SIGNED.match(norm(body[-1]))):
        report.meta.organ = report.meta.organ or body[-1].strip()
        body = body[:-1]
    return body


# ---- tables ---------------------------------------------------------------------------------------

def _format(year: int | None, grids: list[TableGrid], notes: list[str], classifier: Classifier) -> Format:
    """The format the year calls for; without a year, the one whose labels the tables hold best."""
    shares = _shape_shares(grids, classifier)
    fits = max(shares, key=lambda f: (shares[f], f.years))  # ties go to the newer format
    if year:
        try:
            fmt = formats.for_year(year)
        except ValueError:
            return fits
        if fits is not fmt and shares[fits] - shares[fmt] > 0.1:
            notes.append(f"表格的栏目更像 {fits.id} 年格式，但 {year} 年的年报应使用 {fmt.id} 年格式；"
                         f"对不上的栏目已列在“未能导入的内容”中。")
        return fmt
    return fits


def _shape_shares(grids: list[TableGrid], classifier: Classifier) -> dict[Format, float]:
    """For each format, the share of its table labels that the document's tables hold."""
    found: set[str] = set()
    for g in grids:
        for t in classifier.texts(g):
            found.update(w for w, r in classifier.near(t).items() if r >= 0.9)
    out = {}
    for fmt in formats.all_formats().values():
        words = {norm(i.text) for t in fmt.tables.values() for i in t.items if i.text}
        out[fmt] = len(words & found) / max(len(words), 1)
    return out


def _tables(report: Report, grids: list[TableGrid], result: ImportResult, classifier: Classifier,
            deadline: Deadline) -> None:
    fmt = report.format
    assigned: dict[str, list[TableGrid]] = {tid: [] for tid in fmt.tables}
    for g in grids:
        kinds = classifier.kinds(fmt, g)
        top = max(kinds.values(), default=0)
        if top < 2:
            if any(norm(c.text) for row in g.rows for c in row):
                result.unplaced.append(f"文档第 {g.index} 个表格不是表二、表三或表四（没有认出其中的栏目），未导入。")
            continue
        choice = [tid for tid, n in kinds.items() if n == top]
        assigned[choice[0]].append(g)
    inputs, reported = {}, {}
    for tid, gs in assigned.items():
        name = fmt.tables[tid].name
        section = fmt.section_of_table(tid)
        if not gs:
            result.unplaced.append(f"没有找到{name}（{section.heading[2:]}），其中的数字保持空白。")
            continue
        reader = TableReader(fmt, tid, result.unplaced, deadline)
        reader.read(gs)
        if reader.read_rows or reader.blank_data:
            result.read_tables.append(tid)
        result.unplaced.extend(reader.missing())
        result.notes.extend(reader.notes)
        inputs.update(reader.inputs)
        reported.update(reader.reported)
        report.units.update(reader.units)
    for cid, v in inputs.items():
        report.cells[cid] = v
    report.invalidate()
    report.reported.update(reported)  # after the inputs: setting a figure would drop its totals

