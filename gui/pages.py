"""The pages of an open report: 基本信息, one page per section (table, overview or prose), then 检查与导出.

Imported only once a report opens or right after the window's first paint (MainWindow.warm_up), so the
start page shows without loading the table views, the text editors or the checker.
"""
from __future__ import annotations

from .document import ReportDocument
from .steps import Step
from .steps.findings import FindingsStep
from .steps.meta import MetaStep
from .steps.overview import OverviewStep
from .steps.prose import ProseStep
from .steps.table_page import TableStep


def build_steps(doc: ReportDocument) -> tuple[list[Step], FindingsStep]:
    """The pages after 开始, in wizard order, and the findings page (also the last of them)."""
    steps: list[Step] = [MetaStep(doc)]
    for s in doc.format.sections:
        if s.table:
            steps.append(TableStep(doc, s))
        elif s.default_subsections:
            steps.append(OverviewStep(doc, s))
        else:
            steps.append(ProseStep(doc, s))
    findings = FindingsStep(doc)
    steps.append(findings)
    return steps, findings
