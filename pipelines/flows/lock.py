"""One run at a time per state folder and per local output folder: a second run refuses instead of
corrupting state or interleaving two publishes into the same tables.

The flows take the locks themselves, so the CLI, `serve` and a Prefect deployment are all serialised."""

from __future__ import annotations

import fcntl
import functools
import inspect
import os
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import urlsplit

_R = TypeVar("_R")
OUTPUT_LOCK_NAME = ".aiscout-run.lock"  # a dot file: not taken for a table, kept by publish's clean-up


class RunLockedError(RuntimeError):
    """Another aiscout run holds the lock."""


class RunLock:
    """An exclusive, non-blocking ``flock`` on ``<folder>/run.lock``, released on exit or process death."""

    def __init__(self, folder: Path, name: str = "run.lock") -> None:
        self.path = Path(folder) / name
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise RunLockedError(
                f"another aiscout run (pid {holder}) is using {self.path.parent}; wait for it to finish"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def local_output_folder(out: str) -> Path | None:
    """The folder of a local output (a path or a file:// URL); None for remote fsspec URLs."""
    parts = urlsplit(out)
    if parts.scheme == "file":
        return Path(parts.path)
    if len(parts.scheme) > 1 or "::" in out:  # s3://, memory://, chained URLs (a Windows drive letter is not a scheme)
        return None
    return Path(out)


def run_locks(state_dir: Path, out: str) -> ExitStack:
    """Hold the state folder's lock and, for a local output, the output folder's: two runs with different
    state folders but the same output would otherwise publish into each other's tables."""
    stack = ExitStack()
    with stack:
        stack.enter_context(RunLock(Path(state_dir)))
        if (folder := local_output_folder(out)) is not None:
            stack.enter_context(RunLock(folder, OUTPUT_LOCK_NAME))
        return stack.pop_all()


def holding_run_locks(fn: Callable[..., _R]) -> Callable[..., _R]:
    """Run ``fn`` (a flow function with ``state_dir`` and ``out`` parameters) holding :func:`run_locks`."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def locked(*args: Any, **kwargs: Any) -> _R:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        with run_locks(Path(bound.arguments["state_dir"]), str(bound.arguments["out"])):
            return fn(*args, **kwargs)

    return locked
