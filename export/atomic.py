"""Write a file all at once: into a temporary file beside the target, then swap it in with os.replace."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from model.project import write_error_message

from . import ExportError


def write_atomically(path: str | os.PathLike, write: Callable[[str], None]) -> None:
    """Call write(temp_path) to produce the file, then replace `path` with it in one step.

    An existing target is replaced only as a whole: if writing fails for any reason, the temporary file
    is removed, the old target is untouched, and ExportError says why in words a clerk can act on.
    """
    path = Path(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=path.parent)
        os.close(fd)
        write(tmp)
        with open(tmp, "rb+") as f:  # the writers close their own handles; make the bytes durable
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except ExportError:
        raise
    except OSError as e:
        raise ExportError(write_error_message(e, path)) from None
    except Exception as e:  # a writer's bug must still reach the clerk as a message, not a traceback
        raise ExportError(f"生成「{path.name}」时出错（{type(e).__name__}: {e}）。原有文件没有被改动。") from e
    finally:
        if tmp and os.path.exists(tmp):
            try:
                os.remove(tmp)
            except OSError:
                pass
