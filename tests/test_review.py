"""The review without Qt: sums, blanks, set-aside reasons, 状态 kept across sessions, 缺报, the notice."""
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE
from model import formats, project, review_file
from model.declaration import Kind
from model.report import Report
from model.review import (DUPLICATE, KEY_FIGURES, NOT_REPORT, OTHER_FORMAT, OTHER_YEAR, PASSED, PENDING,
                          RATE, RETURNED, UNREADABLE, FileSummary, Review, return_notice)
from model.review_sum import sum_reports
from model.unit_names import match_units, parse_unit_list
from review_cases import summary, varied

FORMATS = list(formats.all_formats().values())


# ---- sums ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.id)
def test_sum_equals_the_units_figures_in_every_cell(fmt):
    units = [(f"单位{k}", varied(fmt, f"单位{k}", 2025, k, blank_every=5 + k)) for k in range(4)]
    result = sum_reports(units, "某某区", 2025)
    total = result.report
    assert total.format is fmt and total.meta.organ == "某某区"
    for cid in fmt.cells:
        present = [r.value(cid) for _, r in units if r.value(cid) is not None]
        assert total.value(cid) == (sum(present) if present else None), cid
    for cid in fmt.input_ids:
        blank = [n for n, r in units if r.cells[cid] is None]
        expected = blank if blank and len(blank) < len(units) else None
        assert result.blanks.get(cid) == expected, cid
    assert not total.reported  # computed cells recomputed, never copied


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FORMATS), st.data())
def test_sum_of_any_figures(fmt, data):
    n = data.draw(st.integers(1, 4))
    units = []
    for k in range(n):
        r = Report(fmt)
        cells = data.draw(st.lists(st.sampled_from(fmt.input_ids), max_size=12, unique=True))
        for cid in cells:
            kind = fmt.cells[cid].kind
            lo = -1000 if kind is Kind.SIGNED else 0
            if kind is Kind.AMOUNT:
                r.set(cid, Decimal(data.draw(st.integers(0, 10 ** 7))) / 100)
            else:
                r.set(cid, data.draw(st.integers(lo, 10 ** 6)))
        units.append((f"u{k}", r))
    total = sum_reports(units).report
    for cid in fmt.cells:
        present = [r.value(cid) for _, r in units if r.value(cid) is not None]
        assert total.value(cid) == (sum(present) if present else None)


def test_blank_plus_blank_stays_blank_and_a_blank_among_figures_is_said():
    fmt = formats.get("2021")
    a, b = Report(fmt), Report(fmt)
    a.set("t3.new.natural", 4)
    result = sum_reports([("甲局", a), ("乙局", b)])
    assert result.report.cells["t3.new.natural"] == 4
    assert result.report.cells["t3.new.business"] is None
    assert result.blanks["t3.new.natural"] == ["乙局"]
    notes = result.notes()
    assert len(notes) == 1 and notes[0].startswith("「乙局」表三") and "空白" in notes[0]


def test_amounts_in_yuan_and_wan_yuan_are_converted():
    fmt = formats.get("2019")
    cid = "t2.procurement.amount"
    a, b, c = Report(fmt), Report(fmt), Report(fmt)
    a.set(cid, Decimal("1.5")); a.units[cid] = "万元"
    b.set(cid, Decimal("2")); b.units[cid] = "万元"
    c.set(cid, Decimal("5000")); c.units[cid] = "元"
    result = sum_reports([("a", a), ("b", b), ("c", c)])
    assert result.report.cells[cid] == Decimal("4") and result.report.units[cid] == "万元"
    assert any("换算" in n for n in result.notes())


def test_reports_of_two_formats_are_not_summed():
    with pytest.raises(ValueError):
        sum_reports([("a", Report(formats.get("2019"))), ("b", Report(formats.get("2021")))])


# ---- units, reasons, key figures --------------------------------------------------------------------

def test_key_figures_and_rate_come_from_the_cells():
    demo = project.load(DEMO_SAMPLE)
    rv = Review(2025)
    u = rv.add(summary(demo, "/in/demo.gknb"))
    k = u.key_figures()
    for label, cells in KEY_FIGURES:
        assert k[label] == demo.sum_of(cells)
    opened = (demo.value("t3.granted.total") or 0) + (demo.value("t3.partial.total") or 0)
    assert k[RATE] == Decimal(opened) / Decimal(demo.value("t3.total.total"))
    corrected, reviews = demo.value("t4.review.corrected") or 0, demo.value("t4.review.total")
    assert k["复议纠错率"] == Decimal(corrected) / Decimal(reviews)  # the second declared ratio, per unit
    assert all(c in f.cells for f in FORMATS for _, cells in KEY_FIGURES for c in cells)


def test_files_left_out_each_with_its_reason():
    fmt21 = formats.get("2021")
    rv = Review(2025)
    good = rv.add(summary(varied(fmt21, "甲局", 2025, 1), "/in/a.docx"))
    rv.add(FileSummary("/in/broken.docx", problem="「broken.docx」已损坏。"))
    old = rv.add(summary(varied(fmt21, "乙局", 2024, 2), "/in/b.docx"))
    wrong = rv.add(summary(varied(formats.get("2019"), "丙局", 2025, 3), "/in/c.docx"))
    notrep = rv.add(FileSummary("/in/memo.docx", "hm", 0, notes=[], not_report=True).take(Report(fmt21)))
    same = rv.add(summary(varied(fmt21, "甲局（复制）", 2025, 1), "/in/copy.docx", hash_="h-/in/a.docx"))
    older = rv.add(summary(varied(fmt21, "丁局", 2025, 4), "/in/d-old.docx", mtime=10))
    newer = rv.add(summary(varied(fmt21, "丁 局", 2025, 5), "/in/d-new.docx", mtime=20))
    reasons = {u.file: u.set_aside for u in rv.units}
    assert reasons == {"/in/a.docx": None, "/in/broken.docx": UNREADABLE, "/in/b.docx": OTHER_YEAR,
                       "/in/c.docx": OTHER_FORMAT, "/in/memo.docx": NOT_REPORT, "/in/copy.docx": DUPLICATE,
                       "/in/d-old.docx": DUPLICATE, "/in/d-new.docx": None}
    assert "已损坏" in rv.unit("/in/broken.docx").reason and "2024" in old.reason
    assert "2019" in wrong.reason and "a.docx" in same.reason and "d-new.docx" in older.reason
    assert notrep.reason and good.counted and newer.counted
    assert [u.name for u in rv.counted] == ["丁 局", "甲局"]
    total = rv.totals("区")
    assert total.report.cells["t3.new.natural"] == (good.report.cells["t3.new.natural"]
                                                    + newer.report.cells["t3.new.natural"])


def test_without_a_year_the_most_common_year_is_reviewed():
    fmt = formats.get("2021")
    rv = Review()
    for k, year in enumerate((2025, 2025, 2024)):
        rv.add(summary(varied(fmt, f"局{k}", year, k), f"/in/{k}.docx"))
    assert rv.effective_year == 2025
    assert [u.set_aside for u in rv.units] == [None, None, OTHER_YEAR]


# ---- the review file ---------------------------------------------------------------------------------

def test_review_file_round_trip_and_the_resubmission_rule(tmp_path):
    fmt = formats.get("2021")
    rv = Review(2025, ["/in"], ["甲局", "乙局", "丙局"])
    a = rv.add(summary(varied(fmt, "甲局", 2025, 1), "/in/a.docx", "ha"))
    b = rv.add(summary(varied(fmt, "乙局", 2025, 2), "/in/b.docx", "hb"))
    rv.set_status(a, PASSED, "无误")
    rv.set_status(b, RETURNED, "请补充=SUM(A1)说明")
    path = tmp_path / "审核.gknbreview"
    review_file.save(rv, path)
    data = json.loads(path.read_text("utf-8"))
    assert data["year"] == 2025 and data["sources"] == ["/in"] and data["expected"] == ["甲局", "乙局", "丙局"]
    again = review_file.load(path)
    assert again.year == 2025 and again.expected == rv.expected
    a2 = again.add(summary(varied(fmt, "甲局", 2025, 1), "/in/a.docx", "ha"))
    b2 = again.add(summary(varied(fmt, "乙局", 2025, 9), "/in/b.docx", "hb-changed"))
    assert (a2.status, a2.opinion, a2.resubmitted) == (PASSED, "无误", False)
    assert (b2.status, b2.opinion, b2.resubmitted) == (PENDING, "请补充=SUM(A1)说明", True)
    # a unit whose file is not found this time keeps its record in the next save
    review_file.save(again, path)
    third = review_file.load(path)
    assert set(third.records) == {"/in/a.docx", "/in/b.docx"}
    assert third.records["/in/b.docx"].hash == "hb-changed"


def test_a_returned_unit_resubmitted_under_another_name_is_pending_again(tmp_path):
    fmt = formats.get("2021")
    rv = Review(2025)
    b = rv.add(summary(varied(fmt, "乙局", 2025, 2), str(tmp_path / "gone.docx"), "hb"))
    rv.set_status(b, RETURNED, "表三不平")
    path = tmp_path / "r.gknbreview"
    review_file.save(rv, path)
    again = review_file.load(path)
    new = again.add(summary(varied(fmt, "乙局", 2025, 3), str(tmp_path / "乙局（修改）.docx"), "hb2"))
    assert (new.status, new.resubmitted, new.opinion) == (PENDING, True, "表三不平")


@pytest.mark.parametrize("text, words", [
    (b"", "损坏"), (b"{", "损坏"), (b"[]", "不是审核记录"), (b'{"kind": "gknb-review", "schema": 9}', "更新版本"),
    (b'{"kind": "gknb-review", "schema": 1, "extra": 1}', "extra"),
    (b'{"kind": "gknb-review", "schema": 1, "units": [{"file": "a", "hash": "h", "status": "ok"}]}', "状态"),
    (b'{"kind": "gknb-review", "schema": 1, "units": [{"file": "a"}]}', "hash"),
    (b'{"kind": "gknb-review", "schema": 1, "year": "2025"}', "year"),
    (b'{"kind": "gknb-review", "schema": 1, "sources": [1]}', "sources"),
    (b"\xff\xfe", "UTF-8"), (b'{"kind": "gknb-review", "schema": 1, "year": NaN}', "损坏"),
])
def test_review_file_loader_is_strict(tmp_path, text, words):
    p = tmp_path / "x.gknbreview"
    p.write_bytes(text)
    with pytest.raises(review_file.ReviewFileError) as e:
        review_file.load(p)
    assert words in str(e.value) and "x.gknbreview" in str(e.value)


def test_review_file_missing_says_so(tmp_path):
    with pytest.raises(review_file.ReviewFileError, match="找不到"):
        review_file.load(tmp_path / "none.gknbreview")


# ---- 缺报 and names ----------------------------------------------------------------------------------

def test_unit_names_matched_tolerantly_with_confirmation():
    reported = ["开封市商务局", "开封市人民政府办公室", "开封市发展和改革委员会", "开封市财政局", "开封市教育局"]
    expected = ["开封市财政局", "商务局", "市政府办", "发改委", "公安局", "教育 局"]
    got = {m.expected: m for m in match_units(expected, reported)}
    assert (got["开封市财政局"].found, got["开封市财政局"].exact) == ("开封市财政局", True)
    assert (got["教育 局"].found, got["教育 局"].exact) == ("开封市教育局", False)
    assert (got["商务局"].found, got["商务局"].exact) == ("开封市商务局", False)
    assert got["市政府办"].found == "开封市人民政府办公室" and not got["市政府办"].exact
    assert got["发改委"].found == "开封市发展和改革委员会" and "请确认" in got["发改委"].describe()
    assert got["公安局"].missing and got["公安局"].describe() == "「公安局」未报送。"


def test_an_ambiguous_short_name_is_not_guessed():
    got = match_units(["商务局"], ["开封市商务局", "郑州市商务局"])[0]
    assert got.missing and got.candidates == ["开封市商务局", "郑州市商务局"]
    assert "可能是" in got.describe()


def test_unit_list_text():
    assert parse_unit_list("单位名称\n1. 甲局\n2、乙局\t备注\n\n甲局\n 丙局 \n") == ["甲局", "乙局", "丙局"]


def test_missing_units_of_a_review():
    rv = Review(2025, expected=["甲局", "乙局"])
    rv.add(summary(varied(formats.get("2021"), "某市甲局", 2025, 1), "/in/a.docx"))
    assert rv.missing() == ["乙局"]


# ---- the notice ---------------------------------------------------------------------------------------

def test_return_notice_lists_the_findings_and_the_opinion():
    seed = project.load(SEED_SAMPLE)
    rv = Review(2019)
    u = rv.add(summary(seed, "/in/seed.gknb"))
    rv.set_status(u, RETURNED, "正文第二部分缺少数字。")
    text = rv.return_notice(u)
    lines = text.splitlines()
    assert lines[0] == f"{seed.meta.organ}："
    assert lines[1] == "你单位2019年政府信息公开工作年度报告存在以下问题："
    errors = [f.message for f in u.findings if f.level == "error"]
    assert errors and lines[2] == f"1. {errors[0]}"
    assert lines[-2].endswith("正文第二部分缺少数字。") and lines[-1] == "请修改后重新报送。"
    assert len(lines) == 2 + len(u.findings) + 1 + 1


def test_model_review_needs_no_qt_docx_or_openpyxl():
    code = ("import sys; import model.review, model.review_sum, model.review_file, model.unit_names; "
            "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'docx', 'openpyxl')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---- what comes from outside --------------------------------------------------------------------------

_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                     lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                     max_leaves=20)
_keys = st.sampled_from(["schema", "kind", "year", "sources", "expected", "units", "app", "x"])


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_keys, _json, max_size=7), st.booleans())
def test_review_file_loader_gives_a_review_or_a_clear_refusal(data, proper):
    if proper:
        data = {**data, "kind": "gknb-review", "schema": 1}
    try:
        rv = review_file.loads(json.dumps(data))
    except review_file.ReviewFileError as e:
        assert str(e).startswith("「审核记录文件」")
    else:
        assert isinstance(rv, Review) and all(isinstance(r.file, str) for r in rv.records.values())


_names = st.lists(st.text(alphabet="某县市区局委办人民政府公室发改甲乙丙 ", min_size=1, max_size=10), max_size=8)


@settings(max_examples=200, deadline=None)
@given(_names, _names)
def test_unit_matching_never_takes_a_report_twice(expected, reported):
    matches = match_units(expected, reported)
    assert [m.expected for m in matches] == expected
    found = [m.found for m in matches if m.found is not None]
    assert len(found) == len(set(found)) and set(found) <= set(reported)
    for m in matches:
        if m.found is not None and m.exact:
            from model.unit_names import clean

            assert clean(m.found) == clean(m.expected)


def test_texts_from_outside_are_cleaned():
    assert parse_unit_list("甲\x0b局\r\n乙局\x07\n") == ["甲", "局", "乙局"]
    rv = Review(2025)
    u = rv.add(summary(varied(formats.get("2021"), "甲局", 2025, 1), "/in/a.docx"))
    rv.set_status(u, RETURNED, "表三\x0c不平\x01")
    assert u.opinion == "表三\n不平"
    loaded = review_file.loads(json.dumps({"kind": "gknb-review", "schema": 1, "expected": ["甲\x00局"],
                                           "units": [{"file": "f", "hash": "h", "opinion": "a\rb"}]}))
    assert loaded.expected == ["甲局"] and loaded.records["f"].opinion == "a\nb"


def test_the_units_own_notes_reach_the_reviewer(tmp_path):
    """A unit that explained a warning (出错说明, issue 13): the review counts it as explained, the 退回 notice
    quotes it, and the workbook's findings sheet carries it; a unit without notes shows none."""
    from openpyxl import load_workbook

    from export.review_xlsx import FINDINGS_SHEET, write_review_xlsx
    from model.checker import WARNING, check
    from model.review import return_notice

    demo = project.load(DEMO_SAMPLE)
    five = next(s.id for s in demo.format.sections if s.heading.startswith("五"))
    demo.texts[five] = "无"  # a warning: 五 says nothing
    warning = next(f for f in check(demo) if f.level == WARNING and f.rule == "问题简略")
    demo.notes[warning.key] = "本年度未发现问题，已在工作总结中说明"
    rv = Review(demo.meta.year)
    u = rv.add(summary(demo, "/in/demo.gknb"))
    plain = rv.add(summary(project.load(SEED_SAMPLE), "/in/seed.gknb"))
    assert u.explained == 1 and u.notes() == [(warning.message, "本年度未发现问题，已在工作总结中说明")]
    assert plain.explained == 0 and plain.notes() == []
    assert f"{warning.message}（单位说明：本年度未发现问题，已在工作总结中说明）" in return_notice(u, 2025)
    out = tmp_path / "审核.xlsx"
    write_review_xlsx(rv, out)
    ws = load_workbook(out)[FINDINGS_SHEET]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][-1] == "单位说明"
    assert [r[-1] for r in rows if r[6] == warning.message] == ["本年度未发现问题，已在工作总结中说明"]
