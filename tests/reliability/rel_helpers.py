"""Helpers for the reliability suite: run code in a child process under a hard time limit (hang detector)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_isolated(code: str, timeout: float = 60.0, env: dict[str, str] | None = None,
                 input: str | None = None) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter in the repo; fail (not hang) if it takes longer than ``timeout``.

    A crash of the child (segfault, RecursionError, MemoryError) shows as a non-zero return code."""
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True,
                              text=True, timeout=timeout, input=input, env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired as exc:  # pragma: no cover - only on a hang
        raise AssertionError(f"hang: did not finish within {timeout}s\n{(exc.stderr or b'')[-2000:]!r}") from None


def spider_helpers():
    """tests/spiders/spider_helpers.py (its counting 127.0.0.1 server), loaded under a unique module name."""
    import importlib.util

    name = "aiscout_spider_test_helpers"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "spiders" / "spider_helpers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_h = spider_helpers()
Site, Route, FAST, listing_html, article_html = _h.Site, _h.Route, _h.FAST, _h.listing_html, _h.article_html


class FaultSite:
    """A 127.0.0.1 server whose routes are functions of the request handler (for misbehaving responses).

    ``routes[path] = fn(handler)``; unknown paths are 404; ``hits`` counts requests per path."""

    def __init__(self) -> None:
        import threading
        from collections import Counter
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.routes: dict = {}
        self.hits: Counter = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                site.hits[self.path] += 1
                route = site.routes.get(self.path)
                try:
                    if route is None:
                        send(self, 404, b"not found", "text/plain")
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FaultSite":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def send(handler, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers: dict | None = None,
         length: int | None = None) -> None:
    """Write a whole response (``length`` overrides Content-Length, e.g. to promise more than is sent)."""
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


def reset(handler) -> None:
    """Abort the connection with a TCP RST (SO_LINGER 0), not a clean close."""
    import socket
    import struct

    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a child `aiscout`: the session's Prefect test server (no server of its own)."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PYTHONPATH": str(REPO), **extra}
