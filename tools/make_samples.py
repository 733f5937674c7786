"""Build the sample projects in resources/samples/ (run once; the outputs are committed).

- kaifeng-commerce-2019.gknb: the seed report (../shared/seed/kaifeng-commerce-2019-report.txt), every
  paragraph and figure, its table figures placed by the format declaration's reading order.
- demo-2021.gknb: a fictional agency's 2025 report in the 2021 format whose figures balance.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model import project  # noqa: E402
from model.report import Baseline, Report, Subsection  # noqa: E402
from model.values import parse  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "kaifeng-commerce-2019-report.txt"
OUT = ROOT / "resources" / "samples"
HEADINGS = re.compile(r"^[1-6]、\s*(总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)")


def seed_report() -> Report:
    lines = [l.replace("[bookmark: _GoBack]", "").rstrip() for l in SEED.read_text("utf-8").splitlines()]
    parts: list[list[str]] = []
    for line in lines[1:]:  # line 0 is the title
        if HEADINGS.match(line.strip()):
            parts.append([])
        elif parts:
            parts[-1].append(line)
    overview, t2, t3, t4, problems, other = parts
    r = Report.new("开封市商务局", 2019)
    body = [l.strip() for l in overview if l.strip()]
    r.texts["overview"] = body[0]
    r.subsections = []
    for line in body[1:]:
        m = re.match(r"^（[一二三四五六七八九十]+）(.+)$", line)
        if m:
            r.subsections.append(Subsection(m.group(1)))
        else:
            s = r.subsections[-1]
            s.text = f"{s.text}\n{line}" if s.text else line
    for table, block in (("t2", t2), ("t3", t3), ("t4", t4)):
        _fill(r, table, block)
    r.texts["problems"] = "\n".join(l.strip() for l in problems if l.strip())
    r.texts["other"] = "\n".join(l.strip() for l in other if l.strip())
    return r


def _fill(r: Report, table: str, block: list[str]) -> None:
    """The seed prints one cell a line: its figures, in order, are the table's data cells in reading order."""
    figures = [l.strip() for l in block if re.fullmatch(r"-?\d+(\.\d+)?", l.strip())]
    cells = r.format.tables[table].cells
    assert len(figures) == len(cells), (table, len(figures), len(cells))
    for spec, text in zip(cells, figures):
        value, _ = parse(text, spec.kind)
        if spec.computed:
            r.reported[spec.id] = value  # what the report printed; the checker compares it
        else:
            r.set(spec.id, value)


def demo_report() -> Report:
    r = Report.new("示例市示例局", 2025)
    r.meta.date = dt.date(2026, 1, 20)
    r.texts["overview"] = ("2025年，示例市示例局深入贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
                           "不公开为例外，现将本年度政府信息公开工作情况报告如下。")
    texts = [
        "全年主动公开政府信息412条，其中机构职能、政策文件、行政执法等信息186条。本年制发行政规范性文件3件，废止1件。",
        "全年新收政府信息公开申请36件，上年结转3件；办结38件，结转下年度继续办理1件。全部在法定期限内答复。",
        "动态调整主动公开基本目录，完成政策文件清理，现行有效行政规范性文件12件全部在门户网站集中公开。",
        "门户网站政府信息公开专栏全年更新栏目内容，政务新媒体发布信息260条。",
        "将政务公开纳入年度绩效考核，开展业务培训2次，全年未发生因政府信息公开工作引起的责任追究。",
    ]
    for s, t in zip(r.subsections, texts):
        s.text = t
    figures = {
        "t2.rules.issued": 0, "t2.rules.repealed": 0, "t2.rules.in_force": 0,
        "t2.normative.issued": 3, "t2.normative.repealed": 1, "t2.normative.in_force": 12,
        "t2.license.decisions": 1285, "t2.penalty.decisions": 47, "t2.coercion.decisions": 3,
        "t2.fees.amount": 96.5,
    }
    rows = {  # natural, business, research, public_interest, legal_service, other_org
        "new": (24, 7, 1, 1, 2, 1), "carried_in": (2, 1, 0, 0, 0, 0),
        "granted": (12, 3, 1, 0, 1, 0), "partial": (3, 1, 0, 0, 0, 0),
        "refused.third_party": (1, 0, 0, 0, 0, 0), "refused.process": (1, 0, 0, 0, 0, 0),
        "unable.not_held": (4, 2, 0, 1, 0, 0), "unable.need_create": (1, 0, 0, 0, 0, 0),
        "not_processed.petition": (2, 0, 0, 0, 0, 1), "not_processed.repeated": (1, 0, 0, 0, 0, 0),
        "other.no_correction": (1, 1, 0, 0, 0, 0), "other.other": (0, 0, 0, 0, 1, 0),
        "carried_over": (0, 1, 0, 0, 0, 0),
    }
    cols = ("natural", "business", "research", "public_interest", "legal_service", "other_org")
    for row, values in rows.items():
        for col, v in zip(cols, values):
            figures[f"t3.{row}.{col}"] = v
    figures.update({"t4.review.upheld": 1, "t4.review.corrected": 0, "t4.review.other": 0, "t4.review.pending": 0,
                    "t4.suit_direct.upheld": 0, "t4.suit_direct.corrected": 0, "t4.suit_direct.other": 1,
                    "t4.suit_direct.pending": 0})
    for cid in r.format.input_ids:
        value = figures.get(cid, 0)
        r.set(cid, parse(str(value), r.format.cells[cid].kind)[0])
    r.texts["problems"] = ("（一）存在的主要问题\n政策解读形式较为单一，图解、视频等解读方式运用不够。\n"
                           "（二）改进措施\n丰富解读形式，重要政策做到文件与解读同步起草、同步审签、同步发布。\n"
                           "（三）上年度问题整改情况\n上年度提出的公开目录更新不及时问题，已建立月度更新机制，整改完成。")
    r.texts["other"] = "全年收取信息处理费0元。"
    r.baseline = Baseline(2024, {"t2.rules.in_force": 0, "t2.normative.in_force": 10,
                                 **{f"t3.carried_over.{c}": v for c, v in zip(cols, (2, 1, 0, 0, 0, 0))}})
    return r


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    project.save(seed_report(), OUT / "kaifeng-commerce-2019.gknb")
    project.save(demo_report(), OUT / "demo-2021.gknb")
    print("written:", *sorted(p.name for p in OUT.glob("*.gknb")))
