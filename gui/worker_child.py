"""What a worker process (gui/worker.py) runs besides its job: no Qt here, so a worker never loads it."""
from __future__ import annotations

import importlib


def prepare(modules: tuple[str, ...] = ()) -> None:
    """Import what the coming job needs and build the formats' grids, so the job itself starts warm."""
    for name in modules:
        importlib.import_module(name)
    from model import formats

    for fmt in formats.all_formats().values():
        fmt.cells
