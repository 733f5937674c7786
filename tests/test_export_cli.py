"""`python main.py export` as a clerk's script runs it: a real subprocess, exit codes, messages, files."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import docx
import openpyxl
import pytest
from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE

pytestmark = pytest.mark.slow  # subprocesses: a second or two each


def run(*args, env=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "export", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)


def test_exports_both_files(tmp_path):
    out_docx, out_xlsx = tmp_path / "报告.docx", tmp_path / "报告.xlsx"
    r = run(SEED_SAMPLE, "--docx", out_docx, "--xlsx", out_xlsx)
    assert r.returncode == 0, r.stderr
    assert "仿宋_GB2312" in r.stdout  # says which fonts the document asks for
    assert docx.Document(out_docx).paragraphs[0].text.replace("\n", "") == "开封市商务局2019年政府信息公开工作年度报告"
    assert openpyxl.load_workbook(out_xlsx).sheetnames[0] == "基本信息"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx", "报告.xlsx"]


def test_keep_blank_and_fallback_fonts(tmp_path):
    out = tmp_path / "a.docx"
    r = run(DEMO_SAMPLE, "--docx", out, "--keep-blank", "--fallback-fonts")
    assert r.returncode == 0, r.stderr
    assert "仿宋_GB2312" not in r.stdout and "仿宋" in r.stdout


def test_unreadable_input_exits_2(tmp_path):
    bad = tmp_path / "坏.gknb"
    bad.write_text("{not json", encoding="utf-8")
    out = tmp_path / "out.docx"
    for source in (tmp_path / "没有.gknb", bad):
        r = run(source, "--docx", out)
        assert r.returncode == 2
        assert r.stderr.startswith("错误：") and "Traceback" not in r.stderr
    assert not out.exists()


def test_no_output_named_exits_2():
    r = run(DEMO_SAMPLE)
    assert r.returncode == 2 and "--docx" in r.stderr


# Run as root (CI containers), a folder's read-only mode bits do not stop writing; there the refusal
# the kernel would give (EROFS) is injected into the child process for that one folder.
_READ_ONLY_SITE = textwrap.dedent("""
    import errno, os
    _ro = os.environ["GKNB_TEST_READ_ONLY"]
    _open = os.open
    def _guarded(path, flags, *a, **k):
        if flags & os.O_CREAT and os.path.realpath(os.path.dirname(os.fspath(path))) == _ro:
            raise OSError(errno.EROFS, "Read-only file system", path)
        return _open(path, flags, *a, **k)
    os.open = _guarded
""")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_read_only_folder_exits_2_and_keeps_old_file(tmp_path, kind):
    folder = tmp_path / "只读"
    folder.mkdir()
    old = folder / f"out.{kind}"
    old.write_bytes(b"the old file")
    env = dict(os.environ)
    if os.geteuid() == 0:
        site = tmp_path / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(_READ_ONLY_SITE)
        env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
        env["GKNB_TEST_READ_ONLY"] = os.path.realpath(folder)
    folder.chmod(0o555)
    try:
        r = run(DEMO_SAMPLE, f"--{kind}", old, env=env)
    finally:
        folder.chmod(0o755)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "只读" in r.stderr and "Traceback" not in r.stderr
    assert old.read_bytes() == b"the old file"
    assert [p.name for p in folder.iterdir()] == [old.name]
