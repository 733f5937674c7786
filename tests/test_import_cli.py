"""`python main.py import OLD.docx -o FILE.gknb`: summary, exit 0 / 1 / 2, the project it writes."""
import subprocess
import sys

from conftest import DEMO_SAMPLE, ROOT, SEED_SAMPLE
from docx_fixtures import hand_docx, seed_docx
from model import project


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_import_seed_writes_the_project_and_exits_0(tmp_path):
    out = tmp_path / "seed.gknb"
    p = run("import", seed_docx(tmp_path / "seed.docx"), "-o", out)
    assert p.returncode == 0, p.stderr
    assert "读取的表格：表二、表三、表四。" in p.stdout and "全部内容都已导入。" in p.stdout
    got, expected = project.load(out), project.load(SEED_SAMPLE)
    assert got.cells == expected.cells and got.texts == expected.texts and got.reported == expected.reported
    # The same output again is refused unless --overwrite.
    again = run("import", tmp_path / "seed.docx", "-o", out)
    assert again.returncode == 2 and "已存在" in again.stderr
    assert run("import", tmp_path / "seed.docx", "-o", out, "--overwrite").returncode == 0


def test_import_with_unplaced_parts_exits_1(tmp_path):
    demo = project.load(DEMO_SAMPLE)
    path = hand_docx(demo, tmp_path / "odd.docx", extra_rows={"t2": (3, [("某某事项", 1), ("5", 1), ("1", 1), ("2", 1)])})
    out = tmp_path / "odd.gknb"
    p = run("import", path, "-o", out, "--year", 2025)
    assert p.returncode == 1, p.stderr
    assert "表二第 4 行「某某事项」未能对应到格式中的任何一行" in p.stdout
    assert project.load(out).cells == demo.cells  # what could be read is saved


def test_import_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    p = run("import", bad, "-o", tmp_path / "x.gknb")
    assert p.returncode == 2 and "旧版 Word 文档（.doc）" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "x.gknb").exists()
    p = run("import", tmp_path, "-o", tmp_path / "x.gknb")
    assert p.returncode == 2 and "是一个文件夹" in p.stderr
    p = run("import", bad, "-o", tmp_path / "x.gknb", "--year", 24)
    assert p.returncode == 2 and "年度 24 不是有效的年份" in p.stderr


def test_export_then_import_on_the_command_line(tmp_path):
    """`export --docx` then `import`: the project comes back with the same figures and texts."""
    docx_path, back = tmp_path / "demo.docx", tmp_path / "back.gknb"
    assert run("export", DEMO_SAMPLE, "--docx", docx_path).returncode == 0
    p = run("import", docx_path, "-o", back)
    assert p.returncode == 0, p.stdout + p.stderr
    got, expected = project.load(back), project.load(DEMO_SAMPLE)
    assert got.cells == expected.cells and got.texts == expected.texts
    assert [(s.title, s.text) for s in got.subsections] == [(s.title, s.text) for s in expected.subsections]
    assert (got.meta.organ, got.meta.year, got.meta.date) == (expected.meta.organ, 2025, expected.meta.date)


def test_import_web_pages_by_their_content_not_their_name(tmp_path):
    """A GBK portal page, an .mht and a .docx, each under a name that does not say what it is."""
    from html_fixtures import encoded, mht, portal_html

    demo = project.load(DEMO_SAMPLE)
    page = encoded(portal_html(demo, charset="gbk"), "gbk")
    files = {"page.txt": page, "single.html": mht(page, charset="gbk"),
             "word.htm": hand_docx(demo, tmp_path / "w.docx").read_bytes()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        out = tmp_path / f"{name}.gknb"
        p = run("import", tmp_path / name, "-o", out)
        assert p.returncode == 0, (name, p.stdout, p.stderr)
        got = project.load(out)
        assert got.cells == demo.cells and (got.meta.organ, got.meta.year) == (demo.meta.organ, demo.meta.year), name


def test_import_password_protected_docx_says_how_to_remove_the_password(tmp_path):
    from test_import_safety import encrypted_docx

    p = run("import", encrypted_docx(tmp_path / "加密.docx"), "-o", tmp_path / "x.gknb")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "设置了打开密码" in p.stderr and "用密码进行加密" in p.stderr and "文档加密" in p.stderr
