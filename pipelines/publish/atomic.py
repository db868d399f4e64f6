"""Write-then-rename helpers (the one implementation in the tree): readers never see a partial file,
links switch in one rename, a folder is exchanged for another in one rename."""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

_RENAME_EXCHANGE = 2  # renameat2 flag (Linux 3.15+): swap two paths atomically
_AT_FDCWD = -100


def _sha256(fs: fsspec.AbstractFileSystem, path: str) -> str:
    digest = hashlib.sha256()
    with fs.open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def replacing(path: str | Path, fs: fsspec.AbstractFileSystem | None = None) -> Iterator[str]:
    """A temporary sibling of ``path`` to write to; renamed over ``path`` when the block ends without an
    error (atomic on local filesystems), removed otherwise. Local files by default, or any fsspec ``fs``."""
    fs = fs or LocalFileSystem()
    path = str(path)
    tmp = _tmp_sibling(path)
    try:
        yield tmp
        if isinstance(fs, LocalFileSystem):
            os.replace(tmp, path)
        else:
            fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp, recursive=True)


def write_atomically(path: str | Path, data: bytes, fs: fsspec.AbstractFileSystem | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    fs = fs or LocalFileSystem()
    with replacing(path, fs) as tmp:
        fs.pipe_file(tmp, data)


def _atomic_put(fs: fsspec.AbstractFileSystem, local: Path, path: str) -> None:
    """Upload a local file to a temporary sibling of ``path`` and rename it over ``path``."""
    with replacing(path, fs) as tmp:
        fs.put_file(str(local), tmp)


def _atomic_copy(fs: fsspec.AbstractFileSystem, src: str, path: str) -> None:
    """Copy ``src`` to a temporary sibling of ``path`` and rename it over ``path``."""
    with replacing(path, fs) as tmp:
        fs.copy(src, tmp)


def _remove_stale_temps(fs: fsspec.AbstractFileSystem, *dirs: str) -> None:
    """Delete temporary files a killed publish left behind (one publisher per ``out`` at a time)."""
    for directory in dirs:
        try:
            listing = fs.ls(directory, detail=False)
        except FileNotFoundError:  # object stores have no empty directories
            continue
        for path in listing:
            base = path.rstrip("/").rpartition("/")[2]
            if base.startswith(".") and base.endswith(".tmp"):
                fs.rm(path, recursive=fs.isdir(path) and not os.path.islink(path))


def _tmp_sibling(path: str) -> str:
    head, _, base = path.rpartition("/")
    return f"{head}/.{base}.{uuid.uuid4().hex}.tmp"


def _link_atomically(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` (relative), replacing a file or link there in one rename."""
    tmp = Path(_tmp_sibling(str(link)))
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` (two folders) in one atomic rename; False where the filesystem or
    kernel cannot (the caller then falls back to a method without the guarantee)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a))
