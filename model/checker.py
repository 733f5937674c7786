"""The checker: every rule of the official formats, as findings a clerk can act on.

Each finding names the table, row and column in the words printed in the table, and gives the figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Union

from .format import Format
from .numbering import subsection_headings
from .repetition import N, _keep, measure
from .report import Baseline, Report
from .values import Value, check_kind, format_value

ERROR, WARNING, INFO = "error", "warning", "info"
LEVELS = (ERROR, WARNING, INFO)
LEVEL_NAMES = {ERROR: "错误", WARNING: "提醒", INFO: "信息"}


@dataclass(frozen=True)
class Finding:
    """One problem: level (error / warning / info), rule id (as in formats.md), message, the cells concerned.

    `key` names the finding, not its figures: the same finding keeps its key while the clerk edits (a jump
    from 12 to 96 that becomes 12 to 97 is the same finding) and across reloads; 出错说明 are kept by key.
    """

    level: str
    rule: str
    message: str
    cells: tuple[str, ...] = ()
    section: str | None = None  # the section it concerns, for findings about prose
    # For findings about prose: which text holds the figure (("section", id) or ("sub", index, "text"), the
    # GUI document's text keys) and where in it ((start, end) of the words quoted in the message).
    text_key: tuple = ()
    span: tuple[int, int] | None = None
    subject: str = ""  # what the rule found it on (a cell, a column, a section): with the rule, the key

    @property
    def key(self) -> str:
        return f"{self.rule}:{self.subject or ','.join(self.cells) or self.section or ''}"

    def as_dict(self, notes: Mapping[str, str] | None = None) -> dict:
        """For `check --json`: level, rule, message, cells, key, and the clerk's note (or None)."""
        return {"level": self.level, "rule": self.rule, "message": self.message, "cells": list(self.cells),
                "key": self.key, "note": (notes or {}).get(self.key)}


def _n(v: Value) -> str:
    return format_value(0 if v is None else v)


Last = Union[Mapping[str, Value], Baseline, Report, None]


def check(report: Report, last: Last = None) -> list[Finding]:
    """All findings, errors first, then warnings, then information. `last` is last year's report, its
    Baseline, or its figures by cell id; without it, the report's own baseline (if any)."""
    if last is None:
        last = report.baseline
    if isinstance(last, Report):
        last = Baseline.of(last)
    if isinstance(last, Baseline):
        last_cells, last_texts, last_year = last.cells, last.texts, last.year
    else:
        last_cells, last_texts, last_year = last, {}, None
    found: list[Finding] = []
    for rule in (_types, _totals, _balance, _blanks, _prose, _problems, _fee):
        found.extend(rule(report))
    if last_cells:
        found.extend(_carry(report, last_cells))
        found.extend(_in_force(report, last_cells))
        found.extend(_jumps(report, last_cells, last_year))
    if last_texts:
        found.extend(_repetition(report, last_texts, last_year))
    return sorted(found, key=lambda f: LEVELS.index(f.level))  # stable: keeps each rule's own order


def _types(r: Report):
    for cid, v in r.cells.items():
        if v is None:
            continue
        spec = r.format.cells[cid]
        try:
            check_kind(v, spec.kind)
        except ValueError as e:
            yield Finding(ERROR, "类型", f"{r.format.describe(cid)}：{e}", (cid,), subject=cid)


def _totals(r: Report):
    for cid, shown in r.reported.items():
        if shown is None:
            continue
        computed = r.value(cid)
        if computed is None or shown != computed:
            fmt = r.format
            yield Finding(ERROR, "总计", f"{fmt.describe(cid)}：原文填写 {_n(shown)}，按各项相加应为 {_n(computed)}"
                          f"，相差 {_n(abs(shown - (computed or 0)))}。导出时将写入相加所得的 {_n(computed)}。",
                          (cid,) + fmt.cells[cid].addends, subject=cid)


def _balance(r: Report):
    fmt = r.format
    b = fmt.balance
    short = _short_names(fmt, b.table)
    for col in fmt.column_keys(b.table):
        left = [f"{b.table}.{row}.{col}" for row in b.left]
        right = [f"{b.table}.{row}.{col}" for row in b.right]
        values = [r.value(c) for c in left + right]
        if all(v is None for v in values):
            continue  # nothing reported in this column: the blank rule says so
        lsum, rsum = r.sum_of(left) or 0, r.sum_of(right) or 0
        if lsum != rsum:
            lv, rv = values[: len(left)], values[len(left):]
            lhs = " + ".join(f"{short[row]} {_n(v)}" for row, v in zip(b.left, lv))
            rhs = " + ".join(f"{short[row]} {_n(v)}" for row, v in zip(b.right, rv))
            col_name = fmt.cells[left[0]].col_name
            yield Finding(ERROR, "勾稽", f"{fmt.tables[b.table].name}「{col_name}」列：{lhs} = {_n(lsum)}，"
                          f"但{rhs} = {_n(rsum)}，相差 {_n(abs(lsum - rsum))}", tuple(left + right),
                          subject=f"{b.table}.{col}")


def _short_names(fmt: Format, table: str) -> dict[str, str]:
    """Row key -> its short name (新收, 上年结转, ...) for balance messages."""
    out = {}
    for block in fmt.tables[table].blocks:
        for leaf in block.row_leaves:
            out[".".join(leaf.keys)] = leaf.node.short or leaf.node.label
    return out


def _blanks(r: Report):
    fmt = r.format
    for table in fmt.tables.values():
        blank = [c.id for c in table.cells if not c.computed and r.cells[c.id] is None]
        if not blank:
            continue
        first = "、".join(fmt.place(c) for c in blank[:2])
        more = f"等 {len(blank)} 个单元格" if len(blank) > 2 else ""
        yield Finding(WARNING, "空白", f"{table.name}{first}{more}未填写。空白表示“未报告”，不等于 0；"
                      f"如确实为零，请填写 0（导出时也可选择把空白写成 0）。", tuple(blank), subject=table.id)


def _prose(r: Report):
    fmt = r.format
    overview = r.overview_section
    texts = [(s.id, ("section", s.id), s.heading, r.texts.get(s.id, "")) for s in fmt.sections if not s.table]
    texts += [(overview.id, ("sub", i, "text"), f"{overview.heading}{heading}", s.text)
              for i, (s, heading) in enumerate(zip(r.subsections, subsection_headings(r)))]
    for fig in fmt.prose_figures:
        cells = (fig.cell,) + fig.also
        if any(c not in fmt.cells for c in cells):
            continue
        table_value = r.sum_of(cells)
        if table_value is None:
            continue
        named = fmt.describe(fig.cell) if not fig.also else fig.what
        for section, key, where, text in texts:
            for i, m in enumerate(re.finditer(fig.pattern, text)):
                said = int(m.group(1))
                if said != table_value:
                    what = f"（{fig.what}）" if not fig.also else ""
                    yield Finding(WARNING, "正文", f"「{where}」中写“{m.group(0)}”，但{named}"
                                  f"{what}为 {_n(table_value)}，请核对正文与表格是否一致。",
                                  cells, section, key, m.span(), subject=f"{fig.cell}@{'.'.join(map(str, key))}#{i}")


def _carry(r: Report, last: Mapping[str, Value]):
    fmt = r.format
    for rule in fmt.carry:
        for cid in fmt.row_ids(rule.table, rule.row):
            source = cid.replace(f".{rule.row}.", f".{rule.from_row}.", 1)
            if source not in last:
                continue
            now, before = r.value(cid), last[source]
            if now != before:
                from_label = _row_label(fmt, rule.table, rule.from_row)
                yield Finding(WARNING, "结转", f"{fmt.describe(cid)}为 {_n(now)}，但上年年报「{from_label}」"
                              f"该列为 {_n(before)}；上年结转应等于上年的结转下年度数。", (cid,), subject=cid)


def _row_label(fmt: Format, table: str, row: str) -> str:
    for block in fmt.tables[table].blocks:
        for leaf in block.row_leaves:
            if ".".join(leaf.keys) == row:
                return leaf.node.label
    return row


def _in_force(r: Report, last: Mapping[str, Value]):
    rule = r.format.in_force
    if rule is None:
        return
    fmt = r.format
    for row in rule.rows:
        ids = [f"{rule.table}.{row}.{k}" for k in (rule.in_force, rule.issued, rule.repealed)]
        before = last.get(ids[0])
        if before is None or r.value(ids[0]) is None:
            continue
        issued, repealed = (r.value(i) or 0 for i in ids[1:])
        expected = before + issued - repealed
        if r.value(ids[0]) != expected:
            yield Finding(WARNING, "现行有效", f"{fmt.describe(ids[0])}为 {_n(r.value(ids[0]))}，按上年 {_n(before)}"
                          f" + 本年制发 {_n(issued)} − 本年废止 {_n(repealed)} 应为 {_n(expected)}；如有文件"
                          f"自然失效，可不必修改，但请核实。", tuple(ids), subject=ids[0])


_NONE_WORDS = {"", "无", "无。", "暂无", "暂无。", "没有", "没有。", "无其他需要报告的事项", "无其他需要报告的事项。"}
_EXPLAIN = "如数字无误，可选中本条，在下方“出错说明”中写明原因，上级审核时即可看到。"


@lru_cache(maxsize=64)
def _chars(text: str) -> int:
    """Characters that say something: not spaces, punctuation or symbols (cached: runs on every keystroke)."""
    return sum(map(_keep, text))


def _said(text: str) -> str:
    """How a short text reads in a message: 未填写, 只写了“无”, 只有 N 个字."""
    t = text.strip()
    if not t:
        return "未填写"
    if t in _NONE_WORDS:
        return f"只写了“{t}”"
    return f"只有 {_chars(t)} 个字（“{t if len(t) <= 20 else t[:20] + '…'}”）"


def _heading(r: Report, section_id: str) -> str:
    return next(s.heading for s in r.format.sections if s.id == section_id)


def _problems(r: Report):
    """五、存在的主要问题及改进情况: more than a few words, and a word on last year's problems."""
    ev = r.format.evaluation
    sid = ev.problems_section
    text = r.texts.get(sid, "")
    heading = _heading(r, sid)
    if text.strip() in _NONE_WORDS or _chars(text) < ev.problems_min_chars:
        yield Finding(WARNING, "问题简略", f"「{heading}」{_said(text)}：评估时要求写明本年度存在的主要问题、"
                      f"改进措施，以及上年度问题的整改情况，请具体写明。", (), sid, ("section", sid), subject=sid)
    elif not re.search(ev.last_year_words, text):
        yield Finding(INFO, "上年整改", f"「{heading}」没有写上年度问题的整改情况（如“上年度提出的……问题，已……”），"
                      f"评估时通常要求写明。", (), sid, ("section", sid), subject=sid)


def _fee(r: Report):
    """六、其他需要报告的事项 states the 信息处理费 (国办函〔2020〕109号), where the format asks it."""
    ev = r.format.evaluation
    if not ev.fee_words:
        return
    sid = ev.fee_section
    text = r.texts.get(sid, "")
    if re.search(ev.fee_words, text):
        return
    heading = _heading(r, sid)
    cell = ev.unpaid_fee_cell
    unpaid = r.value(cell) if cell in r.format.cells else None
    bare = text.strip() in _NONE_WORDS or not _chars(text)
    law = "按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），应写明本年度收取信息处理费的情况，如“全年收取信息处理费0元”"
    if unpaid:
        said = _said(text) if bare else "没有说明信息处理费"
        yield Finding(WARNING, "信息处理费", f"{r.format.describe(cell)}为 {_n(unpaid)} 件，但「{heading}」{said}；"
                      f"{law}。", (cell,), sid, ("section", sid), subject=sid)
    elif not bare:
        yield Finding(WARNING, "信息处理费", f"「{heading}」没有说明信息处理费的收取情况；{law}。", (), sid,
                      ("section", sid), subject=sid)
    else:
        yield Finding(INFO, "信息处理费", f"「{heading}」{_said(text)}；{law}，未收费的也宜写明。", (), sid,
                      ("section", sid), subject=sid)


def _jumps(r: Report, last: Mapping[str, Value], year: int | None):
    """同比变化: a key figure more than `jump_factor` times or less than 1/`jump_factor` of last year's."""
    ev = r.format.evaluation
    before_name = f"{year}年" if year else "上年"
    for kf in ev.key_figures:
        if any(c not in r.format.cells or c not in last for c in kf.cells):
            continue
        before = [last[c] for c in kf.cells]
        now = r.sum_of(kf.cells)
        if now is None or all(v is None for v in before):
            continue
        before = sum(v or 0 for v in before)
        if max(now, before) < ev.jump_floor:
            continue
        k = ev.jump_factor
        if now > k * before:
            how = f"是上年的 {now / before:.1f} 倍" if before else "上年为 0"
        elif now * k < before:
            how = f"只有上年的 {now / before:.0%}"
        else:
            continue
        yield Finding(WARNING, "同比变化", f"{kf.name}由{before_name}的 {_n(before)} 件变为本年的 {_n(now)} 件（{how}），"
                      f"变化较大，上级审核时可能询问原因。{_EXPLAIN}", kf.cells, subject=kf.name)


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _locate(r: Report, section_id: str, span: tuple[int, int]) -> tuple[tuple, tuple[int, int] | None]:
    """Which text of a section (its own, or one of 一's subsections) a span of its whole text starts in, and
    the span within that text (cut at its end): where the findings page selects a repeated passage."""
    at = 0
    for key, text in r.section_parts(section_id):
        if at <= span[0] < at + len(text) + 1:
            start = span[0] - at
            return key, (start, min(span[1] - at, len(text)))
        at += len(text) + 1  # the "\n" between parts
    return (), None


def _quote(passage: str, most: int = 30) -> str:
    """A repeated passage as a message quotes it: its first `most` characters on one line."""
    passage = " ".join(passage.split())
    return passage if len(passage) <= most else f"{passage[:most]}……（共 {len(passage)} 字）"


def _repetition(r: Report, last_texts: Mapping[str, str], year: int | None):
    """文字重复: how much of the report, and of each substantial section, repeats last year's text."""
    ev = r.format.evaluation
    whole_last = "\n".join(t for t in last_texts.values() if t)
    if not whole_last.strip():
        return
    before_name = f"{year}年" if year else "上年"
    now = r.section_texts()
    per, repeated, total = [], 0, 0
    for s in r.format.sections:
        if s.table:
            continue
        m = measure(now[s.id], whole_last)
        repeated, total = repeated + m.repeated, total + m.total
        per.append((s, m))
    if not total:
        return
    share = repeated / total
    parts = "，".join(f"{s.heading[:2]}{_pct(m.share)}" for s, m in per if m.total >= N)
    if share > ev.repeat_share:
        yield Finding(WARNING, "文字重复", f"正文共 {total} 字，其中 {repeated} 字（{_pct(share)}）与{before_name}年报相同"
                      f"（{parts}），超过 {_pct(ev.repeat_share)}，第三方评估会扣分；请按本年度的工作实际重写。",
                      subject="全文")
    else:
        yield Finding(INFO, "文字重复", f"正文共 {total} 字，其中 {repeated} 字（{_pct(share)}）与{before_name}年报相同"
                      f"（{parts}）。", subject="全文")
    for s, m in per:
        if m.total < ev.repeat_min_chars or m.share <= ev.repeat_share:
            continue
        text = now[s.id]
        shown = "；".join(f"“{_quote(text[a:b])}”" for a, b in m.passages[:2])
        more = f"等 {len(m.passages)} 段" if len(m.passages) > 2 else ""
        key, span = _locate(r, s.id, m.passages[0]) if m.passages else ((), None)
        yield Finding(WARNING, "文字重复", f"「{s.heading}」{m.total} 字中有 {m.repeated} 字（{_pct(m.share)}）与"
                      f"{before_name}年报相同，重复的段落如{shown}{more}。", (), s.id, key, span, subject=s.id)


def explained(finding: Finding, notes: Mapping[str, str]) -> bool:
    """A warning or information the clerk has explained (已说明): it no longer marks its step. An error
    can carry a note but stays an error."""
    return finding.level != ERROR and finding.key in notes


def open_findings(findings: list[Finding], notes: Mapping[str, str]) -> list[Finding]:
    """The findings that still mark their step: errors, and warnings and information not explained."""
    return [f for f in findings if not explained(f, notes)]


def gone_notes(findings: list[Finding], notes: Mapping[str, str]) -> dict[str, str]:
    """Notes whose finding no longer exists (已消除): kept until the clerk drops them."""
    keys = {f.key for f in findings}
    return {k: v for k, v in notes.items() if k not in keys}


def place(finding: Finding, fmt: Format) -> str:
    """Where a finding is, in the report's words: a section's heading, a table's name, or 全文."""
    if finding.section:
        return next(s.heading for s in fmt.sections if s.id == finding.section)
    if finding.cells:
        return fmt.tables[fmt.cells[finding.cells[0]].table].name
    return "全文"


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == ERROR for f in findings)
