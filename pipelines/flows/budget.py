"""A time budget per page: extraction runs in a worker process, killed when one page takes too long.

A page over the budget (``AISCOUT_PAGE_BUDGET_S`` seconds, default 60) fails with an
:class:`~pipelines.extract.decode.ExtractionError`, so it becomes a ``documents`` row with ``error``
and the run goes on; so does a page that crashes the worker (out of memory, a segfault). Workers are
forked from a forkserver with the extraction code preloaded, kept between pages, one per concurrent
caller; a worker ends with its parent (it reads the end of its pipe).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import Connection
from typing import Any

from pipelines.extract.decode import ExtractionError
from pipelines.models import Document

PAGE_BUDGET_S = float(os.environ.get("AISCOUT_PAGE_BUDGET_S", "60"))
_CTX = multiprocessing.get_context("forkserver")
_CTX.set_forkserver_preload(["pipelines.extract.document"])
_IDLE: list[_Worker] = []
_IDLE_LOCK = threading.Lock()
_START_TIMEOUT_S = 120.0
_WARM_UP = "<html><body><article><h1>Forskning</h1><p>Vinnova satsar 10 miljoner kronor.</p></article></body></html>"


def _serve(conn: Connection) -> None:
    """Worker loop: (body, url) in, ("ok", Document) or ("error", message) out, until the pipe closes."""
    from pipelines.extract.document import extract_document

    try:  # load what extraction loads on first use, so that the budget counts the page's own work
        extract_document(_WARM_UP, url=None)
    except ExtractionError:
        pass
    conn.send(("ready", None))
    while True:
        try:
            body, url = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", extract_document(body, url=url))
        except ExtractionError as exc:
            reply = ("error", str(exc))
        except Exception as exc:  # a bug or a resource limit on one page is that page's error
            reply = ("error", f"extraction failed: {type(exc).__name__}: {exc}"[:300])
        conn.send(reply)


class _Worker:
    def __init__(self) -> None:
        self.conn, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=_serve, args=(child,), daemon=True, name="aiscout-extract")
        self.proc.start()
        child.close()
        if not self.conn.poll(_START_TIMEOUT_S):
            self.stop()
            raise ExtractionError(f"extraction worker did not start within {_START_TIMEOUT_S:g} s")
        self.conn.recv()

    def extract(self, body: bytes, url: str | None, budget_s: float) -> Document:
        self.conn.send((body, url))
        if not self.conn.poll(budget_s):
            self.stop()
            raise ExtractionError(f"over the time budget: extraction took more than {budget_s:g} s")
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            self.stop()
            raise ExtractionError(f"extraction worker died (exit code {self.proc.exitcode})") from None
        if kind == "error":
            raise ExtractionError(value)
        return value

    def alive(self) -> bool:
        return self.proc.is_alive()

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()


def extract_within_budget(body: bytes, url: str | None, budget_s: float | None = None) -> Document:
    """``extract_document(body, url=url)`` in a worker process, given at most ``budget_s`` seconds
    (default ``PAGE_BUDGET_S``); raises ExtractionError when the page cannot be extracted in time."""
    with _IDLE_LOCK:
        worker = _IDLE.pop() if _IDLE else None
    if worker is None or not worker.alive():
        worker = _Worker()
    try:
        doc = worker.extract(body, url, PAGE_BUDGET_S if budget_s is None else budget_s)
    except ExtractionError:
        if worker.alive():
            with _IDLE_LOCK:
                _IDLE.append(worker)
        raise
    with _IDLE_LOCK:
        _IDLE.append(worker)
    return doc
