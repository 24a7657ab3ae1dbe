"""Cache folders inside a repository that may be hostile, and entries only designlint can have written.

A checkout decides what sits at ``.designlint_cache`` or ``build/.diagram-cache``: a symbolic link
to any file or folder, a folder owned by someone else, entries crafted to hide findings or to put
script into a published page. So a cache folder here:

- is reached one component at a time from a folder the user chose (the configuration's folder,
  the site's root), each opened with ``O_NOFOLLOW``: no symbolic link is ever followed, and no
  file is written outside the folder;
- must be a plain folder owned by the user; anything else makes the whole cache unusable, and
  :attr:`CacheFolder.problem` says why (the command line prints it once);
- writes each file as a fresh temporary file (``O_EXCL``) renamed over the entry in the same
  folder, so a link planted at an entry's name is replaced, never written through;
- seals every entry with an HMAC under a key kept in the user's own cache folder (outside any
  checkout), and reads back only entries whose seal matches: a file committed to a repository
  is a miss, whatever it holds.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
# Symbolic links can only be refused where the platform can open relative to a folder without following.
SUPPORTED = hasattr(os, "O_NOFOLLOW") and os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd

_SEAL_MAGIC = b"designlint-seal-v1 "
_SEAL_LENGTH = len(_SEAL_MAGIC) + 64 + 1  # magic, hex digest, newline
_KEY_BYTES = 32
KEY_FILE = "entry-key"


class UnusableCache(OSError):
    """The cache folder (or a folder inside it) is not a plain folder owned by the user."""


class CacheFolder:
    """A folder at ``parent/parts...``; ``parent`` is trusted, everything below it is checked."""

    def __init__(self, parent: Path, parts: tuple[str, ...]):
        self.parent = parent
        self.parts = parts
        self.problem: str | None = None
        """Why the cache is not used, once an operation found out; ``None`` while it is fine."""

    @classmethod
    def at(cls, root: Path, folder: str | Path) -> CacheFolder:
        """``folder`` relative to ``root`` (every component checked), or an absolute folder the
        user named (only its last component checked)."""
        path = Path(folder)
        if path.is_absolute():
            return cls(path.parent, (path.name,))
        return cls(root, tuple(part for part in path.parts if part not in ("", ".")))

    @property
    def path(self) -> Path:
        return self.parent.joinpath(*self.parts)

    def _open(self, inner: tuple[str, ...], *, create: bool) -> int | None:
        """A descriptor of the folder ``inner`` below the cache, or ``None`` when it is missing."""
        if not SUPPORTED or self.problem is not None:
            return None
        components = (*self.parts, *inner)
        fd = os.open(self.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            for depth, part in enumerate(components):
                where = components[: depth + 1]
                if part in ("", ".", "..") or "/" in part:
                    raise self._unusable(where, "is not a plain folder name")
                try:
                    child = os.open(part, _DIR_FLAGS, dir_fd=fd)
                except FileNotFoundError:
                    if not create:
                        return None
                    try:
                        os.mkdir(part, 0o777, dir_fd=fd)
                    except FileExistsError:
                        pass  # made by a concurrent run; checked below like any other
                    child = self._checked_open(fd, part, where)
                except OSError:
                    child = self._checked_open(fd, part, where)
                os.close(fd)
                fd = child
                if os.fstat(fd).st_uid != os.geteuid():
                    raise self._unusable(where, "is owned by another user")
            result, fd = fd, -1
            return result
        except UnusableCache as error:
            self.problem = str(error)
            return None
        finally:
            if fd >= 0:
                os.close(fd)

    def _checked_open(self, fd: int, part: str, where: tuple[str, ...]) -> int:
        """Open ``part`` again after a failure, turning "not a folder" into a precise reason."""
        try:
            info = os.stat(part, dir_fd=fd, follow_symlinks=False)
        except FileNotFoundError:
            raise self._unusable(where, "disappeared while it was opened") from None
        if stat.S_ISLNK(info.st_mode):
            raise self._unusable(where, "is a symbolic link")
        if not stat.S_ISDIR(info.st_mode):
            raise self._unusable(where, "is not a folder")
        try:
            return os.open(part, _DIR_FLAGS, dir_fd=fd)
        except OSError as error:
            raise self._unusable(where, f"cannot be opened ({error.strerror})") from None

    def _unusable(self, where: tuple[str, ...], reason: str) -> UnusableCache:
        path = self.parent.joinpath(*where)
        try:
            shown = path.relative_to(Path.cwd())
        except ValueError:
            shown = path
        return UnusableCache(f"{shown.as_posix()} {reason}")

    def read(self, inner: tuple[str, ...], name: str, *, context: bytes, limit: int) -> bytes | None:
        """The payload of a sealed entry, or ``None`` for a missing, foreign or damaged one."""
        try:
            folder = self._open(inner, create=False)
            if folder is None:
                return None
            try:
                fd = os.open(name, _READ_FLAGS, dir_fd=folder)
            finally:
                os.close(folder)
            with os.fdopen(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                    return None
                blob = handle.read(limit + _SEAL_LENGTH + 1)
        except OSError:
            return None
        if len(blob) > limit + _SEAL_LENGTH:
            return None
        return unseal(blob, context)

    def write(self, inner: tuple[str, ...], name: str, payload: bytes, *, context: bytes) -> None:
        """Store a sealed entry atomically; raises OSError (or :class:`UnusableCache`) when it cannot."""
        self.write_plain(inner, name, seal(payload, context))

    def write_plain(self, inner: tuple[str, ...], name: str, data: bytes) -> None:
        """Store ``data`` as it is (marker files), with the same care as an entry."""
        folder = self._open(inner, create=True)
        if folder is None:
            raise UnusableCache(self.problem or "cache folders cannot be opened safely here")
        temporary = f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(temporary, _CREATE_FLAGS, 0o666, dir_fd=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                # A rename replaces whatever has the entry's name, a link included, without following it.
                os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
            except BaseException:
                try:
                    os.unlink(temporary, dir_fd=folder)
                except OSError:
                    pass
                raise
        finally:
            os.close(folder)

    def has(self, inner: tuple[str, ...], name: str) -> bool:
        """Whether a regular file (not a link) has this name."""
        try:
            folder = self._open(inner, create=False)
            if folder is None:
                return False
            try:
                info = os.stat(name, dir_fd=folder, follow_symlinks=False)
            finally:
                os.close(folder)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode)


def seal(payload: bytes, context: bytes) -> bytes:
    return _SEAL_MAGIC + _mac(payload, context).encode("ascii") + b"\n" + payload


def unseal(blob: bytes, context: bytes) -> bytes | None:
    """The payload when the seal is designlint's for this context, else ``None``."""
    if len(blob) < _SEAL_LENGTH or not blob.startswith(_SEAL_MAGIC) or blob[_SEAL_LENGTH - 1] != 0x0A:
        return None
    stated = blob[len(_SEAL_MAGIC) : _SEAL_LENGTH - 1]
    payload = blob[_SEAL_LENGTH:]
    if not hmac.compare_digest(stated, _mac(payload, context).encode("ascii")):
        return None
    return payload


def _mac(payload: bytes, context: bytes) -> str:
    digest = hmac.new(entry_key(), digestmod=hashlib.sha256)
    digest.update(len(context).to_bytes(8, "big") + context)
    digest.update(payload)
    return digest.hexdigest()


def files_stamp(modules: list[Path]) -> str:
    """Name, size and time of each of ``modules``: part of an entry's seal, so a local edit of the
    code that shaped an entry never restores the entry the old code made."""
    stamps = []
    for module in modules:
        try:
            info = module.stat()
        except OSError:
            continue
        stamps.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return ",".join(stamps)


def key_folder() -> Path:
    """Where the sealing key lives: the user's cache folder, never a checkout."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "designlint"


@lru_cache(maxsize=1)
def entry_key() -> bytes:
    """This user's sealing key, made on first use; a key for this process alone when none can be kept."""
    try:
        return _stored_key(key_folder())
    except OSError:
        # Caches still work within this run; entries from other runs simply never match.
        return secrets.token_bytes(_KEY_BYTES)


def _stored_key(folder: Path) -> bytes:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
        raise UnusableCache(f"{folder} is not a private folder")
    path = folder / KEY_FILE
    for _ in range(3):
        try:
            return _read_key(path)
        except FileNotFoundError:
            pass
        # Written aside and linked into place: a concurrent run sees the whole key or none.
        temporary = folder / f".{KEY_FILE}.{secrets.token_hex(8)}"
        fd = os.open(temporary, _CREATE_FLAGS, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(_KEY_BYTES))
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another run made one first; use theirs
        finally:
            temporary.unlink(missing_ok=True)
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    fd = os.open(path, _READ_FLAGS)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            raise UnusableCache(f"{path} is not a private key file")
        key = handle.read(_KEY_BYTES + 1)
    if len(key) != _KEY_BYTES:
        raise UnusableCache(f"{path} does not hold a key")
    return key
