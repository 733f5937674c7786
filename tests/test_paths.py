"""model.paths finds resources/ from the source tree and inside a PyInstaller bundle (one-file or one-folder)."""
import sys

from conftest import ROOT, SEED_SAMPLE

from model import paths


def test_from_source_the_repository_holds_resources():
    assert not paths.is_frozen()
    assert paths.root() == ROOT
    assert paths.seed_sample() == SEED_SAMPLE and paths.seed_sample().is_file()
    assert paths.demo_sample().is_file() and paths.icon_path().is_file()
    assert paths.resource_path("samples", "x.gknb") == ROOT / "resources" / "samples" / "x.gknb"


def test_frozen_the_bundle_folder_holds_resources(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.is_frozen()
    assert paths.resource_path("samples") == tmp_path / "resources" / "samples"
    assert paths.seed_sample() == tmp_path / "resources" / "samples" / SEED_SAMPLE.name


def test_paths_loads_no_qt():
    import subprocess

    code = "import sys, model.paths; print([m for m in sys.modules if m.startswith(('PySide6', 'docx', 'openpyxl'))])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
