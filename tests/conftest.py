"""Shared test setup: Qt runs offscreen; helpers to reach the samples."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "resources" / "samples"
SEED_SAMPLE = SAMPLES / "kaifeng-commerce-2019.gknb"
DEMO_SAMPLE = SAMPLES / "demo-2021.gknb"
