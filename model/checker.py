"""The checker: every rule of the official formats, as findings a clerk can act on.

Each finding names the table, row and column in the words printed in the table, and gives the figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from .format import Format
from .report import Report
from .values import Value, check_kind, format_value

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: level (error / warning), rule id (as in formats.md), message, the cells concerned."""

    level: str
    rule: str
    message: str
    cells: tuple[str, ...] = ()
    section: str | None = None  # the section it concerns, for findings about prose
    # For findings about prose: which text holds the figure (("section", id) or ("sub", index, "text"), the
    # GUI document's text keys) and where in it ((start, end) of the words quoted in the message).
    text_key: tuple = ()
    span: tuple[int, int] | None = None

    def as_dict(self) -> dict:
        return {"level": self.level, "rule": self.rule, "message": self.message, "cells": list(self.cells)}


def _n(v: Value) -> str:
    return format_value(0 if v is None else v)


def check(report: Report, last: Mapping[str, Value] | None = None) -> list[Finding]:
    """All findings, errors first. `last` is last year's figures by cell id (else the report's baseline)."""
    if last is None and report.baseline is not None:
        last = report.baseline.cells
    found: list[Finding] = []
    for rule in (_types, _totals, _balance, _blanks, _prose):
        found.extend(rule(report))
    if last:
        found.extend(_carry(report, last))
        found.extend(_in_force(report, last))
    return sorted(found, key=lambda f: f.level != ERROR)  # stable: keeps each rule's own order


def _types(r: Report):
    for cid, v in r.cells.items():
        if v is None:
            continue
        spec = r.format.cells[cid]
        try:
            check_kind(v, spec.kind)
        except ValueError as e:
            yield Finding(ERROR, "类型", f"{r.format.describe(cid)}：{e}", (cid,))


def _totals(r: Report):
    for cid, shown in r.reported.items():
        if shown is None:
            continue
        computed = r.value(cid)
        if computed is None or shown != computed:
            fmt = r.format
            yield Finding(ERROR, "总计", f"{fmt.describe(cid)}：原文填写 {_n(shown)}，按各项相加应为 {_n(computed)}"
                          f"，相差 {_n(abs(shown - (computed or 0)))}。导出时将写入相加所得的 {_n(computed)}。",
                          (cid,) + fmt.cells[cid].addends)


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
                          f"但{rhs} = {_n(rsum)}，相差 {_n(abs(lsum - rsum))}", tuple(left + right))


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
                      f"如确实为零，请填写 0（导出时也可选择把空白写成 0）。", tuple(blank))


_OWN_NUMBER = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")
_NUMERALS = "一二三四五六七八九十"


def _subsection_headings(r: Report) -> list[str]:
    """Each subsection's heading as the Word file prints it (（二）依申请公开): titled ones are numbered in
    order, a number the clerk typed is replaced (as export/document.py does)."""
    out, n = [], 0
    for s in r.subsections:
        title = _OWN_NUMBER.sub("", s.title).strip()
        if title:
            n += 1
            tens, ones = divmod(n, 10)
            num = _NUMERALS[n - 1] if n <= 10 else \
                (_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (_NUMERALS[ones - 1] if ones else "")
            title = f"（{num}）{title}"
        out.append(title)
    return out


def _prose(r: Report):
    fmt = r.format
    overview = r.overview_section
    texts = [(s.id, ("section", s.id), s.heading, r.texts.get(s.id, "")) for s in fmt.sections if not s.table]
    texts += [(overview.id, ("sub", i, "text"), f"{overview.heading}{heading}", s.text)
              for i, (s, heading) in enumerate(zip(r.subsections, _subsection_headings(r)))]
    for fig in fmt.prose_figures:
        table_value = r.value(fig.cell)
        if table_value is None:
            continue
        for section, key, where, text in texts:
            for m in re.finditer(fig.pattern, text):
                said = int(m.group(1))
                if said != table_value:
                    yield Finding(WARNING, "正文", f"「{where}」中写“{m.group(0)}”，但{fmt.describe(fig.cell)}"
                                  f"（{fig.what}）为 {_n(table_value)}，请核对正文与表格是否一致。",
                                  (fig.cell,), section, key, m.span())


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
                              f"该列为 {_n(before)}；上年结转应等于上年的结转下年度数。", (cid,))


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
                          f"自然失效，可不必修改，但请核实。", tuple(ids))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == ERROR for f in findings)
