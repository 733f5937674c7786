"""Folders clerks use: Chinese names with spaces, deep folders past Windows' MAX_PATH, network shares, folders
synced by OneDrive / WPS 云文档 (placeholders not downloaded yet). Windows' path rules are checked with ntpath
on any platform; Windows-only errors are simulated by winerror through the real read and write paths."""
from __future__ import annotations

import os

import pytest

import cli
from conftest import DEMO_SAMPLE, SEED_SAMPLE

from model import project
from model.files import native_path

DRIVE = "C:\\Users\\张三\\Documents\\"


@pytest.mark.parametrize("given, expected", [
    (DRIVE + "年报.gknb", DRIVE + "年报.gknb"),  # short: as it is
    ("C:/Users/张三/Documents/年报.gknb", DRIVE + "年报.gknb"),  # slashes as Windows reads them
    (DRIVE + "x" * 300 + "\\年报.gknb", "\\\\?\\" + DRIVE + "x" * 300 + "\\年报.gknb"),
    ("\\\\fileserver\\政务公开\\" + "各单位" * 90 + "\\年报.gknb",
     "\\\\?\\UNC\\fileserver\\政务公开\\" + "各单位" * 90 + "\\年报.gknb"),
    ("\\\\?\\" + DRIVE + "y" * 300, "\\\\?\\" + DRIVE + "y" * 300),  # already extended: untouched
])
def test_long_windows_paths_take_the_extended_form(given, expected):
    assert native_path(given, nt=True) == expected


def test_elsewhere_paths_are_left_alone(tmp_path):
    assert native_path(tmp_path / "年报.gknb", nt=False) == str(tmp_path / "年报.gknb")


def test_chinese_folders_with_spaces_through_save_export_and_import(tmp_path, capsys):
    folder = tmp_path / "政务公开 2025" / "各 单位 报送（第一批）"
    folder.mkdir(parents=True)
    path = folder / "示例局 2025年 年报.gknb"
    project.save(project.load(DEMO_SAMPLE), path)
    docx, xlsx = folder / "示例局 年报.docx", folder / "示例局 表格.xlsx"
    assert cli.run(["export", str(path), "--docx", str(docx), "--xlsx", str(xlsx)]) == 0
    back = folder / "读回 的 年报.gknb"
    assert cli.run(["import", str(docx), "-o", str(back)]) in (0, 1)
    assert project.load(back).cells == project.load(path).cells
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []  # no temporary left


def test_a_deep_folder_past_260_characters(tmp_path):
    folder = tmp_path
    while len(str(folder)) < 300:
        folder = folder / "某某县人民政府办公室政务公开科"
    folder.mkdir(parents=True)
    path = folder / "年报.gknb"
    project.save(project.load(SEED_SAMPLE), path)
    assert len(str(path)) > 260 and project.load(path).meta.organ == "开封市商务局"


def test_a_long_chinese_file_name_saves_twice_and_leaves_no_temporary(tmp_path):
    path = tmp_path / ("某" * 80 + ".gknb")  # 245 bytes: a legal name, and so must its temporary files be
    report = project.load(DEMO_SAMPLE)
    project.save(report, path)
    project.save(report, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, path.name + ".bak"])


def _winerror(code: int) -> OSError:
    e = OSError(22, "Windows error")
    e.winerror = code
    return e


@pytest.mark.parametrize("code, words", [(362, "云盘程序（如 OneDrive）没有运行"), (388, "连不上网络"),
                                         (389, "没能把文件下载到本机")])
def test_a_cloud_placeholder_not_downloaded_says_so(tmp_path, monkeypatch, code, words):
    path = tmp_path / "OneDrive - 某局" / "年报.gknb"
    path.parent.mkdir()
    path.write_bytes(DEMO_SAMPLE.read_bytes())
    real_open = os.open

    def placeholder(p, *a, **k):
        if os.fspath(p) == os.fspath(path):
            raise _winerror(code)
        return real_open(p, *a, **k)

    monkeypatch.setattr(os, "open", placeholder)
    with pytest.raises(project.ProjectError) as e:
        project.load(path)
    assert words in str(e.value) and "年报.gknb" in str(e.value) and "WinError" not in str(e.value)


def test_saving_into_a_sync_folder_that_is_busy_with_the_file_is_in_use(tmp_path, monkeypatch):
    path = tmp_path / "年报.gknb"
    project.save(project.load(DEMO_SAMPLE), path)
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", lambda *a, **k: (_ for _ in ()).throw(_winerror(391)))
    with pytest.raises(project.ProjectError) as e:
        project.save(project.load(SEED_SAMPLE), path)
    assert e.value.in_use and "云盘程序正在同步这个文件" in str(e.value)  # the window then offers 重试
    assert path.read_bytes() == before
