"""Registering .gknb for the current user, against a registry in memory (the real one exists only on Windows)."""
import sys

import pytest

from gui import file_type as ft


@pytest.fixture
def reg():
    return ft.MemoryRegistry()


def test_register_writes_only_the_current_users_classes(reg):
    ft.register(reg)
    assert reg.keys and all(k.startswith("software\\classes\\") for k in reg.keys)
    assert reg.get(r"Software\Classes\.gknb") == "gknb.project"
    assert reg.get(r"Software\Classes\gknb.project") == "公开年报助手项目"
    command = reg.get(r"Software\Classes\gknb.project\shell\open\command")
    assert command.endswith('"%1"') and "main.py" in command  # from source: python + main.py + the file
    assert reg.get(r"Software\Classes\gknb.project\DefaultIcon").endswith('icon.ico",0')
    assert ft.is_registered(reg)


def test_frozen_build_registers_the_exe_itself(reg, monkeypatch, tmp_path):
    exe = tmp_path / "公开 年报" / "gknb.exe"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    ft.register(reg)
    assert reg.get(r"Software\Classes\gknb.project\shell\open\command") == f'"{exe.resolve()}" "%1"'
    assert reg.get(r"Software\Classes\gknb.project\DefaultIcon") == f'"{exe.resolve()}",0'


def test_a_moved_program_is_not_registered_any_more(reg, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "old" / "gknb.exe"))
    ft.register(reg)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "new" / "gknb.exe"))
    assert not ft.is_registered(reg)


def test_unregister_removes_everything_it_wrote(reg):
    reg.set(r"Software\Classes\.docx", "Word.Document.12")  # someone else's: must stay
    ft.register(reg)
    ft.unregister(reg)
    assert not ft.is_registered(reg)
    assert list(reg.keys) == [r"software\classes\.docx"]


def test_unregister_leaves_gknb_to_a_program_that_took_it_over(reg):
    ft.register(reg)
    reg.set(r"Software\Classes\.gknb", "OtherApp.gknb")
    ft.unregister(reg)
    assert reg.get(r"Software\Classes\.gknb") == "OtherApp.gknb"
    assert reg.get(r"Software\Classes\.gknb\OpenWithProgids", "gknb.project") is None
    assert reg.get(r"Software\Classes\gknb.project") is None


@pytest.mark.skipif(sys.platform != "win32", reason="the real registry exists only on Windows")
def test_the_real_registry_round_trip(monkeypatch):
    monkeypatch.setattr(ft, "CLASSES", r"Software\gknb-test\Classes")  # never the user's real file types
    monkeypatch.setenv("GKNB_NO_SHELL_NOTIFY", "1")
    reg = ft.WindowsRegistry()
    try:
        ft.register(reg)
        assert ft.is_registered(reg)
        ft.unregister(reg)
        assert not ft.is_registered(reg)
    finally:
        reg.delete_tree(r"Software\gknb-test")


def _windows_like(monkeypatch, reg):
    monkeypatch.setattr(ft, "available", lambda: True)
    monkeypatch.setattr(ft, "system_registry", lambda: reg)


def test_the_help_menu_item_registers_and_unregisters(qtbot, tmp_path, monkeypatch, reg, dialogs):
    from gui_helpers import make_window

    _windows_like(monkeypatch, reg)
    win = make_window(qtbot, tmp_path)
    act = win.file_type_act
    assert act is not None and act.isCheckable()
    from PySide6.QtWidgets import QMenu

    menu = next(o for o in act.associatedObjects() if isinstance(o, QMenu))
    assert menu.title() == "帮助(&H)"
    act.trigger()  # unchecked -> checked: register
    assert act.isChecked() and ft.is_registered(reg)
    act.trigger()
    assert not act.isChecked() and not ft.is_registered(reg)
    ft.register(reg)
    menu.aboutToShow.emit()  # the tick shows what the registry says, whoever set it
    assert act.isChecked()


def test_offered_once_and_never_again(qtbot, tmp_path, monkeypatch, reg):
    from PySide6.QtWidgets import QMessageBox

    from gui import file_type_actions
    from gui_helpers import make_window

    _windows_like(monkeypatch, reg)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.No)
    win = make_window(qtbot, tmp_path)
    file_type_actions.offer_once(win)
    file_type_actions.offer_once(win)
    assert len(asked) == 1 and "双击" in asked[0] and not ft.is_registered(reg)


def test_no_menu_item_without_a_registry(qtbot, tmp_path, monkeypatch):
    from gui_helpers import make_window

    monkeypatch.setattr(ft, "available", lambda: False)
    win = make_window(qtbot, tmp_path)
    assert not hasattr(win, "file_type_act")
