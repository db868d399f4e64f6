"""Write-then-rename helpers: readers never see a partial file, links switch in one rename."""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import fsspec


def _sha256(fs: fsspec.AbstractFileSystem, path: str) -> str:
    digest = hashlib.sha256()
    with fs.open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _atomic_put(fs: fsspec.AbstractFileSystem, local: Path, path: str) -> None:
    """Upload a local file to a temporary sibling of ``path`` and rename it over ``path``."""
    tmp = _tmp_sibling(path)
    try:
        fs.put_file(str(local), tmp)
        fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp)


def _atomic_write(fs: fsspec.AbstractFileSystem, path: str, data: bytes) -> None:
    """Write to a temporary sibling and rename it over ``path`` (atomic on local filesystems)."""
    tmp = _tmp_sibling(path)
    try:
        fs.pipe_file(tmp, data)
        fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp)


def _atomic_copy(fs: fsspec.AbstractFileSystem, src: str, path: str) -> None:
    """Copy ``src`` to a temporary sibling of ``path`` and rename it over ``path``."""
    tmp = _tmp_sibling(path)
    try:
        fs.copy(src, tmp)
        fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp)


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
