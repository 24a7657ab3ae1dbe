"""Writing files on purpose only, atomically: a crash mid-write leaves the original intact."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike, text: str | bytes, *, durable: bool = True) -> None:
    """Write text (as UTF-8, newlines untouched) or bytes.

    ``durable=False`` skips the fsync, for files that are only worth keeping (caches): the
    replace stays atomic, but a crash may leave the file empty.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Keep an existing file's mode; a new file gets what open() would give it (0666 less the umask).
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_current_umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _current_umask() -> int:
    # os.umask can only be read by setting it; restore it at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
