"""One run at a time per state folder: a second `aiscout run` refuses instead of corrupting state."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class RunLockedError(RuntimeError):
    """Another aiscout run holds the lock."""


class RunLock:
    """An exclusive, non-blocking ``flock`` on ``<folder>/run.lock``, released on exit or process death."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / "run.lock"
        self._fd: int | None = None

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise RunLockedError(f"another aiscout run (pid {holder}) is using {self.path.parent}; "
                                 "wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
