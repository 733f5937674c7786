"""Export files are replaced only as a whole (model/atomic.py); every failure becomes an ExportError."""
from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Callable

from model.atomic import replace_file
from model.os_errors import is_in_use, write_error_message

from . import ExportError


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Call write(stream) to produce the file, then replace `path` with it in one step.

    If writing fails for any reason the old target is untouched, and ExportError says why in words a
    clerk can act on.
    """
    path = Path(path)

    def build(stream: BinaryIO) -> None:
        try:
            write(stream)
        except (ExportError, _BuildError):
            raise
        except Exception as e:  # the writer's own failure (a missing template, a bug), not the target's
            raise _BuildError(e) from e

    try:
        replace_file(path, build)
    except ExportError:
        raise
    except _BuildError as b:
        e = b.__cause__
        raise ExportError(f"生成「{path.name}」时出错（{type(e).__name__}: {e}）。原有文件没有被改动；"
                          f"年报内容不受影响，请把此信息告诉技术支持。") from e
    except OSError as e:
        raise ExportError(write_error_message(e, path), in_use=is_in_use(e)) from None
    except Exception as e:  # a bug in writing must still reach the clerk as a message, not a traceback
        raise ExportError(f"生成「{path.name}」时出错（{type(e).__name__}: {e}）。原有文件没有被改动。") from e


class _BuildError(Exception):
    """Wraps what the writer itself raised, so it is not mistaken for a problem with the target file."""
