"""出错说明: finding keys that stay the same across edits and reloads, notes in the project file (schema 2),
the migration of schema-1 files, the 已说明 / 已消除 states."""
import json

import pytest
from hypothesis import given, settings, strategies as st

from conftest import DEMO_SAMPLE
from model import project
from model.checker import ERROR, check, explained, gone_notes, open_findings
from model.report import Baseline
from test_checker import zeros


def test_notes_round_trip_through_the_file(tmp_path):
    r = zeros()
    r.set("t2.penalty.decisions", 96)
    r.baseline = Baseline(2024, {"t2.penalty.decisions": 12})
    [f] = [f for f in check(r) if f.rule == "同比变化"]
    r.notes[f.key] = "本年开展专项执法"
    r.notes["正文:gone"] = "旧说明"
    path = tmp_path / "a.gknb"
    project.save(r, path)
    data = json.loads(path.read_text("utf-8"))
    assert data["schema"] == 2 and data["notes"] == {f.key: "本年开展专项执法", "正文:gone": "旧说明"}
    back = project.load(path)
    assert back.notes == r.notes
    assert [g.key for g in check(back)] == [g.key for g in check(r)]


def test_a_schema_1_file_is_migrated():
    data = json.loads(DEMO_SAMPLE.read_text("utf-8"))
    data["schema"] = 1
    data.pop("notes", None)
    r = project.loads(json.dumps(data, ensure_ascii=False))
    assert r.notes == {} and r.baseline.texts == {} and r.baseline.cells
    assert json.loads(project.dumps(r))["schema"] == 2


@pytest.mark.parametrize("notes, words", [([], "notes（出错说明）应为对象"), ({"k": 3}, "说明应为文本"),
                                          ({"": "x"}, "为空或过长"), ({"k" * 301: "x"}, "为空或过长")])
def test_bad_notes_are_refused_by_name(notes, words):
    data = json.loads(DEMO_SAMPLE.read_text("utf-8"))
    data["notes"] = notes
    with pytest.raises(project.ProjectError, match=words):
        project.loads(json.dumps(data))


def test_bad_baseline_texts_are_refused():
    data = json.loads(DEMO_SAMPLE.read_text("utf-8"))
    data["baseline"]["texts"] = {"nosuch": "x"}
    with pytest.raises(project.ProjectError, match="baseline.texts 含有不认识的部分"):
        project.loads(json.dumps(data))
    data["baseline"]["texts"] = {"other": 1}
    with pytest.raises(project.ProjectError, match="应为文本"):
        project.loads(json.dumps(data))


def test_explained_and_gone_states():
    r = zeros()
    r.set("t2.penalty.decisions", 96)
    r.baseline = Baseline(2024, {"t2.penalty.decisions": 12})
    r.cells["t3.new.natural"] = -1  # a 类型 error
    found = check(r)
    error = next(f for f in found if f.level == ERROR)
    jump = next(f for f in found if f.rule == "同比变化")
    notes = {jump.key: "本年开展专项执法", error.key: "稍后改正"}
    assert explained(jump, notes) and not explained(error, notes)
    assert jump not in open_findings(found, notes) and error in open_findings(found, notes)
    assert gone_notes(found, notes) == {}
    r.set("t2.penalty.decisions", 20)  # no longer a jump: its note is 已消除, kept
    assert gone_notes(check(r), notes) == {jump.key: "本年开展专项执法"}
    r.set("t2.penalty.decisions", 97)  # a jump again, other figure: the same finding, the same key
    assert gone_notes(check(r), notes) == {}


CELLS = ["t3.new.natural", "t3.granted.natural", "t3.carried_over.business", "t2.penalty.decisions",
         "t4.review.upheld", "t3.other.unpaid_fee.natural", "t2.normative.issued"]
TEXTS = ["problems", "other"]
edits = st.lists(st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(CELLS), st.one_of(st.none(), st.integers(0, 200))),
    st.tuples(st.just("text"), st.sampled_from(TEXTS),
              st.sampled_from(["", "无", "行政处罚5件。", "全年收取信息处理费0元。", "上年度问题已整改完毕，" * 4]))),
    max_size=12)


def identity(f):
    """What a finding is about, without its figures: what the key must follow."""
    return (f.rule, f.section, f.text_key, f.cells if f.rule != "空白" else f.cells[0].split(".")[0])


@settings(max_examples=40, deadline=None)
@given(edits)
def test_keys_follow_the_finding_not_its_figures(seq):
    r = zeros()
    r.baseline = Baseline(2024, {"t2.penalty.decisions": 12, "t3.new.total": 3})
    seen: dict = {}
    for kind, where, value in seq:
        if kind == "cell":
            r.set(where, value)
        else:
            r.texts[where] = value
        found = check(r)
        keys = [f.key for f in found]
        assert len(keys) == len(set(keys))  # one note, one finding
        for f in found:
            assert seen.setdefault(identity(f), f.key) == f.key
        back = project.loads(project.dumps(r))
        assert [f.key for f in check(back)] == keys  # and across reloads
