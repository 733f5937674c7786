"""Reports the export tests write: both samples, and a copy of each with blank cells, for both blank choices."""
from __future__ import annotations

from conftest import DEMO_SAMPLE, SEED_SAMPLE
from model import project
from model.report import Report


def with_blanks(report: Report) -> Report:
    """The same report with every third input cell blank (so some totals are blank, some partly)."""
    for i, cid in enumerate(report.format.input_ids):
        if i % 3 == 0 or cid.startswith("t4.review"):
            report.cells[cid] = None
    report.reported.clear()
    report.invalidate()
    return report


def load_case(name: str) -> Report:
    sample = {"seed": SEED_SAMPLE, "demo": DEMO_SAMPLE}[name.split("-")[0]]
    report = project.load(sample)
    return with_blanks(report) if name.endswith("-blanks") else report


CASES = ["seed", "demo", "seed-blanks", "demo-blanks"]
# (case, blanks_as_zero): blanks matter only where there are blanks; the plain samples once each.
EXPORTS = [("seed", True), ("demo", True), ("seed-blanks", True), ("seed-blanks", False),
           ("demo-blanks", True), ("demo-blanks", False)]
