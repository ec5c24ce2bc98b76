"""Compiled data kept on disk between runs, in $XDG_CACHE_HOME/faultdx (default ~/.cache/faultdx).

A cached value is a pickle named by what it is and by a key: a hash of everything it is made from (for the
lexicon: the source file's bytes, this package's code and version, the versions of the libraries whose
objects it holds, the Python).  The key is stored inside the file as well and checked on load, so a stale,
renamed, truncated or corrupt file is never used: anything wrong — no file, no home, a directory that cannot
be read or written, a pickle that does not load — means the value is compiled again, silently.  Files are
written whole (a temporary file, then a rename) and read only from a directory that the user owns and no one
else may write to, since loading a pickle runs code.  Files no run has used for 30 days are removed when a
new one is written.
"""
from __future__ import annotations

import gc
import os
import pickle
import sys
import time
from typing import Any, Callable, TypeVar

T = TypeVar("T")

UNUSED_DAYS = 30
_FORMAT = b"faultdx-cache-2"
_LARGE = 64 << 10   # a key part this long (a package's code) is hashed once per process and stands as its digest
_digests: dict[int, tuple[bytes, bytes]] = {}    # id(part) -> (the part, kept so that the id stays its, digest)
_codes: dict[tuple, tuple[tuple, bytes]] = {}    # (directory, suffixes) -> (the files' names, sizes, times; bytes)


def cache_dir() -> str:
    """$XDG_CACHE_HOME/faultdx, or ~/.cache/faultdx when that is unset or not absolute (as the XDG spec says)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "faultdx")


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (where the platform has owners)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or (st.st_uid == getuid() and not st.st_mode & 0o022)


def make_key(*parts: bytes | str) -> str:
    """A hex digest of the parts, each length-prefixed so that no two lists of parts give the same bytes.

    BLAKE2b from CPython's built-in ``_blake2``: importing ``hashlib`` loads OpenSSL (about 2 ms of every start)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # another Python: the same function through hashlib
        from hashlib import blake2b
    digest = blake2b(_FORMAT, digest_size=32)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        if len(data) >= _LARGE:  # the same bytes object (package_code's) in several keys: hashed once
            known = _digests.get(id(data))
            if known is None or known[0] is not data:
                if len(_digests) >= 16:
                    _digests.clear()
                known = _digests[id(data)] = (data, blake2b(data, digest_size=32).digest())
            data = b"blake2b:" + known[1]
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def python_identity() -> str:
    """The interpreter a pickle of extension objects is tied to."""
    return f"{sys.implementation.cache_tag} {sys.version} {os.uname().machine if hasattr(os, 'uname') else ''}"


def module_identity(module: Any, distribution: str) -> str:
    """An installed library as a key part: its distribution's version (from the name of its .dist-info
    directory, without importing importlib.metadata) and the size and time of the file the module is."""
    path = getattr(module, "__file__", None) or ""
    version = "?"
    try:
        st = os.stat(path)
        stamp = f"{st.st_size}:{st.st_mtime_ns}"
        site = os.path.dirname(os.path.dirname(path)) if os.path.basename(path).startswith("__init__.") \
            else os.path.dirname(path)
        prefix = distribution.lower().replace("-", "_") + "-"
        for entry in os.listdir(site):
            if entry.lower().startswith(prefix) and entry.endswith(".dist-info"):
                version = entry[len(prefix):-len(".dist-info")]
                break
    except OSError:
        stamp = "?"
    return f"{distribution} {version} {path} {stamp}"


def package_code(directory: str, suffixes: tuple[str, ...] = (".py",)) -> bytes:
    """The bytes of every Python file (or file with one of ``suffixes``) of a package directory, in name order
    (a key part for code that compiles).  Read once per process while the files' sizes and times stay the same
    (the lexicon's and the rule network's keys both hold this package's code): the same bytes object again."""
    names = sorted(name for name in os.listdir(directory) if name.endswith(suffixes))
    stamps = []
    for name in names:
        st = os.stat(os.path.join(directory, name))
        stamps.append((name, st.st_size, st.st_mtime_ns))
    known = _codes.get((directory, suffixes))
    if known is not None and known[0] == stamps:
        return known[1]
    chunks = []
    for name in names:
        with open(os.path.join(directory, name), "rb") as stream:
            chunks.append(name.encode() + b"\0" + stream.read())
    code = b"\0\0".join(chunks)
    _codes[(directory, suffixes)] = (stamps, code)
    return code


class _Pickler(pickle.Pickler):
    def __init__(self, file, persistent_id: Callable[[Any], Any] | None):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._outside = persistent_id

    def persistent_id(self, obj):
        return self._outside(obj) if self._outside is not None else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, persistent_load: Callable[[Any], Any] | None):
        super().__init__(file)
        self._remake = persistent_load

    def persistent_load(self, pid):
        if self._remake is None:
            raise pickle.UnpicklingError("no way to remake an object kept outside the pickle")
        return self._remake(pid)


def _path(directory: str, name: str, key: str) -> str:
    return os.path.join(directory, f"{name}-{key[:32]}.pickle")


def load(name: str, key: str, persistent_load: Callable[[Any], Any] | None = None, directory: str | None = None,
         unpickler: Callable[[Any], pickle.Unpickler] | None = None):
    """The value stored under ``name`` and ``key``, or None when there is none that can be trusted.

    ``unpickler``: makes the unpickler of the open file, for values stored with a ``pickler`` of its own.
    The cyclic garbage collector is off while a value loads (it makes many objects and no garbage)."""
    directory = directory or cache_dir()
    path = _path(directory, name, key)
    try:
        if not _private(os.stat(directory)):
            return None
        with open(path, "rb") as stream:
            if not _private(os.fstat(stream.fileno())):
                return None
            collecting = gc.isenabled()
            gc.disable()
            try:
                stored_key, value = (unpickler or (lambda s: _Unpickler(s, persistent_load)))(stream).load()
            finally:
                if collecting:
                    gc.enable()
    except Exception:  # no file, no access, or a pickle that does not load: compile instead
        return None
    if stored_key != key:
        return None
    try:
        os.utime(path)  # in use: not removed as unused
    except OSError:
        pass
    return value


def store(name: str, key: str, value: Any, persistent_id: Callable[[Any], Any] | None = None,
          directory: str | None = None, scratch: bool = False,
          pickler: Callable[[Any], pickle.Pickler] | None = None) -> bool:
    """Write ``value`` under ``name`` and ``key`` (whole or not at all); False when it could not be written.

    ``scratch``: a value kept for one run only (in a directory the run made): not synced to disk, no old files
    removed, and the directory is not made again if it is gone (the run has ended)."""
    directory = directory or cache_dir()
    temporary = None
    try:
        if not scratch:
            os.makedirs(directory, mode=0o700, exist_ok=True)
        if not _private(os.stat(directory)):
            return False
        import tempfile
        descriptor, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=directory)
        with os.fdopen(descriptor, "wb") as stream:
            (pickler or (lambda s: _Pickler(s, persistent_id)))(stream).dump((key, value))
            if not scratch:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, _path(directory, name, key))
        temporary = None
        if not scratch:
            _remove_unused(directory, name, keep=_path(directory, name, key))
        return True
    except Exception:  # unwritable, full, or a value that does not pickle: the run goes on without a cache
        return False
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _remove_unused(directory: str, name: str, keep: str) -> None:
    """Remove the files of ``name`` (and leftover temporary files) that no run has used for UNUSED_DAYS."""
    limit = time.time() - UNUSED_DAYS * 86400
    for entry in os.listdir(directory):
        path = os.path.join(directory, entry)
        ours = entry.startswith(f"{name}-") and entry.endswith(".pickle") or entry.startswith(f".{name}-")
        if ours and path != keep:
            try:
                if os.stat(path).st_mtime < limit:
                    os.unlink(path)
            except OSError:
                pass


def cached(name: str, key: str, build: Callable[[], T], persistent_id: Callable[[Any], Any] | None = None,
           persistent_load: Callable[[Any], Any] | None = None) -> T:
    """The value under ``name`` and ``key`` from the cache, or ``build()`` (then stored for the next run).

    ``persistent_id``/``persistent_load``: objects that cannot be pickled are stored as a recipe and made
    again on load (pickle's persistent ids).
    """
    value = load(name, key, persistent_load)
    if value is None:
        value = build()
        store(name, key, value, persistent_id)
    return value
