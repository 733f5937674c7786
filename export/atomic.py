"""Export files are replaced only as a whole (model/atomic.py); every failure becomes an ExportError."""
from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Callable

from model.atomic import replace_file
from model.project import write_error_message

from . import ExportError


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Call write(stream) to produce the file, then replace `path` with it in one step.

    If writing fails for any reason the old target is untouched, and ExportError says why in words a
    clerk can act on.
    """
    path = Path(path)
    try:
        replace_file(path, write)
    except ExportError:
        raise
    except OSError as e:
        raise ExportError(write_error_message(e, path)) from None
    except Exception as e:  # a writer's bug must still reach the clerk as a message, not a traceback
        raise ExportError(f"生成「{path.name}」时出错（{type(e).__name__}: {e}）。原有文件没有被改动。") from e
