"""Children end with the main process, even on ``kill -9``: a watchdog process notices the death of the
main process (the end of a pipe only the main process holds) and kills every process that descended
from it (Prefect's temporary API server, crawl subprocesses, extraction workers).

The watchdog runs in its own session, reads the pipe with a one-second timeout and meanwhile keeps a
list of the main process's descendants (from ``/proc``, with start times, so a reused process id is
never killed). Linux only; elsewhere :func:`start_watchdog` does nothing.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

_PIPE: int | None = None  # the write end, held (never written) until this process ends
_GRACE_S = 3.0


def start_watchdog() -> None:
    """Start this process's watchdog (once; a no-op without ``/proc``)."""
    global _PIPE
    if _PIPE is not None or not Path("/proc/self/stat").exists():
        return
    read_end, _PIPE = os.pipe()  # not inherited by children (PEP 446): only this process holds the write end
    subprocess.Popen(
        [sys.executable, "-m", "pipelines.flows.watchdog", str(os.getpid()), str(read_end)],
        pass_fds=(read_end,),
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(read_end)


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) of a process, None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), int(fields[19])


def descendants(root: int) -> dict[int, int]:
    """Every process below ``root``: pid -> start time."""
    parents: dict[int, list[tuple[int, int]]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            parents.setdefault(stat[0], []).append((int(entry), stat[1]))
    found, todo = {}, [root]
    while todo:
        for pid, started in parents.get(todo.pop(), []):
            if pid not in found:
                found[pid] = started
                todo.append(pid)
    return found


def _kill(known: dict[int, int], sig: int) -> int:
    alive = 0
    for pid, started in known.items():
        stat = _stat(pid)
        if stat is not None and stat[1] == started:  # the same process, not a reused id
            alive += 1
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
    return alive


def watch(parent: int, fd: int) -> None:
    """Until ``fd`` reaches its end, track ``parent``'s descendants; then end them (SIGTERM, then SIGKILL)."""
    known: dict[int, int] = {}
    while True:
        if select.select([fd], [], [], 1.0)[0] and not os.read(fd, 1):
            break
        known = descendants(parent)
    for pid in list(known):  # and what they started since the last look
        known |= descendants(pid)
    known.pop(os.getpid(), None)
    if _kill(known, signal.SIGTERM):
        deadline = time.monotonic() + _GRACE_S
        while time.monotonic() < deadline and _kill(known, 0):
            time.sleep(0.1)
        _kill(known, signal.SIGKILL)


if __name__ == "__main__":
    watch(int(sys.argv[1]), int(sys.argv[2]))
