"""A time budget per page: extraction runs in a worker process, killed when one page takes too long.

A page over the budget (``AISCOUT_PAGE_BUDGET_S`` seconds, default 60) fails with an
:class:`~pipelines.extract.decode.ExtractionError`, so it becomes a ``documents`` row with ``error``
and the run goes on; so does a page that crashes the worker (out of memory, a segfault). A worker is a
``python -m pipelines.flows.budget`` process (pages and documents pickled over two pipes), warmed up
before its first page, kept between pages, one per concurrent caller; it ends when its parent does
(its input pipe closes).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

from pipelines.extract.decode import ExtractionError
from pipelines.langdata import REPO_ROOT
from pipelines.models import Document

PAGE_BUDGET_S = float(os.environ.get("AISCOUT_PAGE_BUDGET_S", "60"))
_IDLE: list[_Worker] = []
_IDLE_LOCK = threading.Lock()
_START_TIMEOUT_S = 120.0
_WARM_UP = "<html><body><article><h1>Forskning</h1><p>Vinnova satsar 10 miljoner kronor.</p></article></body></html>"


def _serve(pages: Connection, conn: Connection) -> None:
    """Worker loop: (body, url, options) in, ("ok", Document) or ("error", message) out, until the input closes."""
    from pipelines.extract.document import extract_document

    try:  # load what extraction loads on first use, so that the budget counts the page's own work
        extract_document(_WARM_UP, url=None)
    except ExtractionError:
        pass
    conn.send(("ready", None))
    while True:
        try:
            body, url, options = pages.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", extract_document(body, url=url, **options))
        except ExtractionError as exc:
            reply = ("error", str(exc))
        except Exception as exc:  # a bug or a resource limit on one page is that page's error
            reply = ("failed", f"{type(exc).__name__}: {exc}"[:281])  # the message is at most 300 characters
        conn.send(reply)


class OverBudgetError(ExtractionError):
    """A page took longer than its time budget (its worker was stopped)."""


class ExtractionFailedError(ExtractionError):
    """Extraction raised something other than ExtractionError (a bug): ``detail`` is "Type: message"."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"extraction failed: {detail}")
        self.detail = detail


class _Worker:
    def __init__(self) -> None:
        to_child, from_parent = os.pipe()
        from_child, to_parent = os.pipe()
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipelines.flows.budget", str(to_child), str(to_parent)],
            pass_fds=(to_child, to_parent),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        os.close(to_child)
        os.close(to_parent)
        self.pages = Connection(from_parent, readable=False)
        self.conn = Connection(from_child, writable=False)
        if not self.conn.poll(_START_TIMEOUT_S):
            self.stop()
            raise ExtractionError(f"extraction worker did not start within {_START_TIMEOUT_S:g} s")
        self.conn.recv()

    def extract(self, body: bytes, url: str | None, options: dict[str, Any], budget_s: float) -> Document:
        self.pages.send((body, url, options))
        if not self.conn.poll(budget_s):
            self.stop()
            raise OverBudgetError(f"over the time budget: extraction took more than {budget_s:g} s")
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            self.stop()
            raise ExtractionError(f"extraction worker died (exit code {self.proc.returncode})") from None
        if kind == "error":
            raise ExtractionError(value)
        if kind == "failed":
            raise ExtractionFailedError(value)
        return value

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self.pages.close()
        self.conn.close()


def extract_within_budget(
    body: bytes, url: str | None, options: dict[str, Any] | None = None, budget_s: float | None = None
) -> Document:
    """``extract_document(body, url=url, **options)`` in a worker process, given at most ``budget_s`` seconds
    (default ``PAGE_BUDGET_S``); raises ExtractionError when the page cannot be extracted in time."""
    with _IDLE_LOCK:
        worker = _IDLE.pop() if _IDLE else None
    if worker is None or not worker.alive():
        worker = _Worker()
    try:
        doc = worker.extract(body, url, options or {}, PAGE_BUDGET_S if budget_s is None else budget_s)
    except ExtractionError:
        if worker.alive():
            with _IDLE_LOCK:
                _IDLE.append(worker)
        raise
    with _IDLE_LOCK:
        _IDLE.append(worker)
    return doc


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
