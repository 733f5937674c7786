"""Round trip: every report this program exports to Word reads back to the same figures and texts."""
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DEMO_SAMPLE, SEED_SAMPLE
from export import word
from reader.docx_reader import read_docx
from model import formats, project
from model.declaration import Kind
from model.report import Report, Subsection


def assert_reads_back(report: Report, path, blanks_as_zero: bool = True):
    word.write_docx(report, path, blanks_as_zero=blanks_as_zero)
    result = read_docx(path)
    got = result.report
    assert result.unplaced == [] and result.complete, result.unplaced
    assert (got.format.id, got.meta.organ, got.meta.year, got.meta.date) == \
           (report.format.id, report.meta.organ, report.meta.year, report.meta.date)
    expected = {k: (0 if v is None and blanks_as_zero else v) for k, v in report.cells.items()}
    assert got.cells == expected
    assert got.texts == report.texts
    assert [(s.title, s.text) for s in got.subsections] == [(s.title, s.text) for s in report.subsections]
    assert got.units == report.units
    # The totals printed are the sums: kept as reported, and the checker finds no 总计 difference.
    assert result.total_findings() == []
    return result


@pytest.mark.parametrize("sample", [SEED_SAMPLE, DEMO_SAMPLE], ids=["seed-2019", "demo-2021"])
def test_samples_read_back(tmp_path, sample):
    report = project.load(sample)
    result = assert_reads_back(report, tmp_path / "out.docx")
    assert result.read_tables == ["t2", "t3", "t4"]


def test_blanks_stay_blank_when_not_written_as_zero(tmp_path):
    report = project.load(DEMO_SAMPLE)
    for cid in ("t3.granted.research", "t2.fees.amount", "t4.review.pending"):
        report.set(cid, None)
    result = assert_reads_back(report, tmp_path / "blank.docx", blanks_as_zero=False)
    assert result.report.cells["t3.granted.research"] is None


_SENTENCES = ["全年主动公开政府信息412条。", "依申请公开工作依法依规开展。", "完善工作制度，强化责任落实。",
              "政务新媒体发布信息260条，回应关切37次。", "开展业务培训2次。", "无"]
_TITLES = ["主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障", "贯彻落实条例情况"]


def _value(spec):
    if spec.kind is Kind.AMOUNT:
        return st.decimals(min_value=0, max_value=10**7, places=2).map(lambda d: Decimal(d).normalize())
    low = -500 if spec.kind is Kind.SIGNED else 0
    return st.one_of(st.none(), st.integers(low, 10**6))


@st.composite
def reports(draw):
    fmt_id = draw(st.sampled_from(sorted(formats.all_formats())))
    year = formats.get(fmt_id).years[0] + draw(st.integers(0, 1))
    report = Report.new(draw(st.sampled_from(["某某县司法局", "示例市示例局", "某某区人民政府办公室"])), year)
    for cid in report.format.input_ids:
        report.cells[cid] = draw(_value(report.format.cells[cid]))
    for cid, spec in report.format.cells.items():
        if spec.units:
            report.units[cid] = draw(st.sampled_from(spec.units))
    para = st.lists(st.sampled_from(_SENTENCES[:-1]), min_size=1, max_size=3).map("\n".join)
    report.texts["overview"] = draw(para)
    report.subsections = [Subsection(t, draw(para)) for t in draw(st.lists(st.sampled_from(_TITLES), min_size=1,
                                                                          max_size=5, unique=True))]
    report.texts["problems"] = draw(para)
    report.texts["other"] = draw(st.sampled_from(_SENTENCES))
    report.invalidate()
    return report


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_any_report_reads_back(tmp_path, report):
    assert_reads_back(report, tmp_path / "any.docx")
