"""Reading and writing files on purpose only.

Writes are atomic (a crash mid-write leaves the original intact): a new file is created beside
the target with O_EXCL, written, synced and renamed over it. The rename replaces whatever
directory entry the target is, so a symlink at the target is replaced, never written through.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class NotARegularFile(OSError):
    """A FIFO, socket, device or directory where a file was expected: reading it could block forever."""


class ChangedMeanwhile(OSError):
    """The file no longer holds what it held when it was read: someone else wrote it meanwhile."""


def resolved(path: str | os.PathLike) -> Path:
    """``Path(path).resolve()``, or its absolute path when it is a loop of symbolic links (which
    Python 3.11 raises for) or cannot be examined: such a file is reported where it is read."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


def read_regular(path: str | os.PathLike) -> bytes:
    """The bytes of a regular file; never blocks on a FIFO or a device."""
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    descriptor = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotARegularFile(f"{os.fspath(path)} is not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(descriptor)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(
    path: str | os.PathLike,
    text: str | bytes | Iterable[str],
    *,
    durable: bool = True,
    unchanged_from: bytes | None = None,
) -> None:
    """Write text (as UTF-8, newlines untouched), bytes, or text in pieces (written as they come).

    ``durable=False`` skips the fsync, for files that are only worth keeping (caches): the
    replace stays atomic, but a crash may leave the file empty. With ``unchanged_from``, the
    target must still hold exactly those bytes just before it is replaced, or ChangedMeanwhile
    is raised and nothing is written.
    """
    pieces: Iterable[bytes]
    if isinstance(text, bytes):
        pieces = (text,)
    elif isinstance(text, str):
        pieces = (text.encode("utf-8"),)
    else:  # encoded as they come: a long report is never whole in memory
        pieces = (part.encode("utf-8") for part in text)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Keep an existing file's mode (and owner, where allowed); a new file gets what open() would
    # give it (0666 less the umask).
    existing = target.stat() if target.exists() else None
    mode = existing.st_mode & 0o777 if existing is not None else 0o666 & ~_current_umask()
    expected = digest(unchanged_from) if unchanged_from is not None else None
    # mkstemp creates the file with O_EXCL: it never opens something that is already there.
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in pieces:
                stream.write(piece)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if existing is not None:
            _keep_owner(temporary, existing)
        os.chmod(temporary, mode)
        if expected is not None and digest(_current(target)) != expected:
            raise ChangedMeanwhile(f"{target} changed while it was being edited")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable:
        _sync_directory(target.parent)


def _keep_owner(path: str, original: os.stat_result) -> None:
    """The replaced file's owner and group, when this user may set them (root, or a group it is in)."""
    if not hasattr(os, "chown"):
        return
    for uid, gid in ((original.st_uid, original.st_gid), (-1, original.st_gid)):
        try:
            os.chown(path, uid, gid)
            return
        except OSError:
            continue


def _current(target: Path) -> bytes:
    try:
        return read_regular(target)
    except FileNotFoundError:
        return b""


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; not every platform or file system allows it."""
    try:
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _current_umask() -> int:
    # os.umask can only be read by setting it; restore it at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
