"""The project file: round trip, every kind of damage, newer schemas, atomic and interrupted saves."""
import errno
import json
import os
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import DEMO_SAMPLE, SEED_SAMPLE
from model import atomic, project
from model.project import ProjectError, load, loads, save


def same(a, b):
    return (a.format.id, a.meta, a.texts, a.subsections, a.cells, a.units, a.reported, a.baseline) == \
           (b.format.id, b.meta, b.texts, b.subsections, b.cells, b.units, b.reported, b.baseline)


@pytest.mark.parametrize("sample", [SEED_SAMPLE, DEMO_SAMPLE], ids=["seed", "demo"])
def test_round_trip(sample, tmp_path):
    r = load(sample)
    out = tmp_path / "x.gknb"
    save(r, out)
    assert same(load(out), r)
    assert out.read_bytes() == sample.read_bytes()  # the samples are written by the same code


def test_seed_sample_holds_every_paragraph_and_figure():
    r = load(SEED_SAMPLE)
    seed = (SEED_SAMPLE.parents[2].parent / "shared" / "seed" / "kaifeng-commerce-2019-report.txt")
    if seed.exists():
        text = seed.read_text("utf-8").replace("[bookmark: _GoBack]", "")
        prose = [r.texts["overview"], r.texts["problems"], r.texts["other"]] + [s.text for s in r.subsections]
        for para in "\n".join(prose).splitlines():
            assert para.strip() in text
    assert [s.title for s in r.subsections] == ["贯彻落实新条例情况", "主动公开政府信息情况", "依申请公开情况",
                                                "政府信息管理", "平台建设", "监督保障"]
    assert r.value("t3.carried_in.natural") == 1 and r.value("t2.penalty.change") == 2
    assert r.value("t4.suit_direct.other") == 1 and r.value("t4.suit_direct.total") == 1
    assert r.texts["other"] == "无"


def test_amounts_keep_their_value_and_unit(tmp_path):
    r = load(SEED_SAMPLE)
    r.set("t2.procurement.amount", Decimal("73802895.90"))
    r.units["t2.procurement.amount"] = "万元"
    save(r, tmp_path / "a.gknb")
    back = load(tmp_path / "a.gknb")
    assert back.cells["t2.procurement.amount"] == Decimal("73802895.90")
    assert back.units["t2.procurement.amount"] == "万元"


def test_save_keeps_the_previous_version_as_backup(tmp_path):
    r = load(DEMO_SAMPLE)
    out = tmp_path / "x.gknb"
    save(r, out)
    r.meta.organ = "改名局"
    save(r, out)
    assert load(out).meta.organ == "改名局"
    assert load(tmp_path / "x.gknb.bak").meta.organ == "示例市示例局"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.gknb", "x.gknb.bak"]


def _doc(**over):
    d = json.loads(DEMO_SAMPLE.read_text("utf-8"))
    d.update(over)
    return d


@pytest.mark.parametrize("content,message", [
    (b"", "是空的"),
    (b"\xff\xfe\x00garbage", "不是 UTF-8"),
    (b"PK\x03\x04rest", "Word/Excel"),
    (b"{\"schema\": 1, \"format\": \"2021\", \"meta\": {", "不完整"),
    (b"not json at all", "损坏"),
    (b"[1, 2]", "最外层应为 JSON 对象"),
    (b"{}", "缺少 schema"),
    (b'{"schema": "1"}', "schema 应为正整数"),
    (b'{"schema": 99}', "更新版本"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025}, "texts": {}, "cells": {}, "extra": 1}',
     "不认识的项：extra"),
    (b'{"schema": 1, "format": "1999"}', "的年报格式「1999」不是本程序认识的格式"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": 5, "year": 2025}}', "meta.organ"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": "2025"}}', "meta.year"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025, "date": "2026-13-01"}}', "不是有效日期"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025}, "texts": {"other": 3}, "cells": {}}',
     "texts.other"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025}, "texts": {}, "cells": {"t3.bogus": 1}}',
     "不认识的单元格编号「t3.bogus」"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025}, "texts": {}, "cells": {"t3.new.natural": "5"}}',
     "应为数字或 null"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025}, "texts": {}, "cells": {"t3.new.natural": true}}',
     "应为数字或 null"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025}, "texts": {}, "cells": {"t3.new.natural": NaN}}',
     "损坏"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025}, "texts": {}, "cells": {"t3.new.natural": 1e400}}',
     "数值过大"),
    (b'{"schema": 1, "format": "2021", "meta": {"organ": "x", "year": 2025}, "texts": {}, "cells": []}', "cells"),
    (b"[" * 100000, "损坏"),
])
def test_damaged_files_give_a_clear_message(tmp_path, content, message):
    p = tmp_path / "bad.gknb"
    p.write_bytes(content)
    with pytest.raises(ProjectError, match=message) as e:
        load(p)
    assert "bad.gknb" in str(e.value) or "更新版本" in str(e.value) or "未知" in str(e.value)


def test_a_truncated_save_is_reported_as_such(tmp_path):
    raw = DEMO_SAMPLE.read_bytes()
    p = tmp_path / "t.gknb"
    p.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ProjectError, match="不完整"):
        load(p)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectError, match="找不到"):
        load(tmp_path / "none.gknb")
    with pytest.raises(ProjectError, match="文件夹"):
        load(tmp_path)


def test_a_newer_schema_is_refused_whole():
    with pytest.raises(ProjectError, match="请升级"):
        project.from_dict(_doc(schema=project.SCHEMA + 1, future_key={"x": 1}))


def test_a_hand_written_total_is_kept_as_reported():
    d = _doc()
    d["cells"]["t3.new.total"] = 99
    r = project.from_dict(d)
    assert r.reported["t3.new.total"] == 99 and r.value("t3.new.total") == 36


def test_older_schemas_are_migrated(monkeypatch):
    old = _doc(schema=1)
    old["meta"]["name"] = old["meta"].pop("organ")  # pretend schema 1 called it "name"
    monkeypatch.setattr(project, "SCHEMA", 2)

    def one_to_two(d):
        d = dict(d, schema=2)
        d["meta"] = {("organ" if k == "name" else k): v for k, v in d["meta"].items()}
        return d

    monkeypatch.setitem(project.MIGRATIONS, 1, one_to_two)
    assert project.from_dict(old).meta.organ == "示例市示例局"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_arbitrary_json_gives_a_report_or_a_clear_error(value):
    try:
        loads(json.dumps(value))
    except ProjectError as e:
        assert str(e)


@settings(max_examples=200)
@given(st.sampled_from(["schema", "format", "meta", "texts", "cells", "units", "reported", "baseline"]), json_values)
def test_any_key_replaced_by_anything(key, value):
    try:
        loads(json.dumps(_doc(**{key: value})))
    except ProjectError as e:
        assert str(e)


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_a_clear_error(data):
    try:
        loads(data)
    except ProjectError as e:
        assert str(e)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=6000))
def test_any_truncation_gives_a_clear_error(n):
    raw = DEMO_SAMPLE.read_bytes()
    try:
        loads(raw[:n])
    except ProjectError as e:
        assert str(e)


STEPS = ["create", "write", "fsync", "copy", "replace"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("n", [0, 1])
def test_a_save_interrupted_at_any_point_leaves_a_loadable_file(tmp_path, monkeypatch, step, n):
    out = tmp_path / "x.gknb"
    save(load(SEED_SAMPLE), out)
    before = out.read_bytes()
    demo = load(DEMO_SAMPLE)
    calls = {"n": 0}

    def crash(real):
        def f(*a, **k):
            if calls["n"] == n:
                raise OSError(errno.EIO, "simulated crash")
            calls["n"] += 1
            return real(*a, **k)
        return f

    targets = {"create": (atomic, "_create_temp"), "fsync": (atomic.os, "fsync"),
               "copy": (atomic, "_copy_beside"), "replace": (atomic.os, "replace")}
    if step == "write":
        real_fdopen = os.fdopen

        def fdopen(fd, mode="r", *a, **k):
            f = real_fdopen(fd, mode, *a, **k)
            raw_write = f.write
            # half the bytes reach the disk, then the machine "stops"
            f.write = crash(lambda data: raw_write(data[: len(data) // 2]) and (_ for _ in ()).throw(
                OSError(errno.EIO, "simulated crash")))
            return f
        monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    else:
        mod, name = targets[step]
        monkeypatch.setattr(mod, name, crash(getattr(mod, name)))
    try:
        save(demo, out)
    except ProjectError:
        pass
    monkeypatch.undo()
    reread = load(out)  # never damaged: either the old or the new version
    assert out.read_bytes() in (before, project.dumps(demo).encode("utf-8"))
    assert reread.meta.organ in ("开封市商务局", "示例市示例局")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_permission_denied_gives_a_clear_message(tmp_path, monkeypatch):
    def deny(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")
    report = load(DEMO_SAMPLE)
    monkeypatch.setattr(atomic.os, "open", deny)
    with pytest.raises(ProjectError, match="只读的，或您没有写入权限"):
        save(report, tmp_path / "x.gknb")


def test_disk_full_gives_a_clear_message_and_keeps_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "x.gknb"
    save(load(SEED_SAMPLE), out)
    before = out.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(ProjectError, match="磁盘空间已满"):
        save(load(DEMO_SAMPLE), out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.gknb"]


def test_a_missing_folder(tmp_path):
    with pytest.raises(ProjectError, match="不存在"):
        save(load(DEMO_SAMPLE), tmp_path / "no" / "x.gknb")
