"""A static server for a site snapshot on 127.0.0.1 (the demo, and tests).

A snapshot folder holds one sub-folder per host (``<root>/<host>/<path>``). The real URL
``https://<host>/<path>`` is served as ``http://127.0.0.1:<port>/<host>/<path>``: the exact file,
else ``<path>/index.html``, else ``<path>.html`` (a query may pick its own file, see ``resolve``). Responses carry an ETag (content hash) and
Last-Modified, and conditional requests get 304, so incremental crawls can be tested.
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Fixed so that ETag/Last-Modified do not depend on when the repo was checked out.
SNAPSHOT_MTIME = 1_700_000_000


@dataclass
class SnapshotServer:
    """A running snapshot server: its base URL, the real-origin -> local remap, request counts."""

    root: Path
    base_url: str
    requests: Counter = field(default_factory=Counter)  # "<status> <host>/<path>" -> count

    @property
    def hosts(self) -> list[str]:
        """Hosts present in the snapshot (its sub-folders)."""
        return sorted(p.name for p in self.root.iterdir() if p.is_dir())

    def sources(self, registry: Path | None = None) -> list[str]:
        """The registry's enabled sources that this snapshot serves (a start URL on one of its hosts): a demo
        run crawls these, never the real sites of the others."""
        from spiders.registry import enabled_sources

        hosts = set(self.hosts)
        return [
            s.name for s in enabled_sources(registry) if any(urlsplit(u.url).hostname in hosts for u in s.start_urls)
        ]

    def remap(self) -> dict[str, str]:
        """Real origin -> local base, for the crawler's remap middleware."""
        out: dict[str, str] = {}
        for host in self.hosts:
            for scheme in ("https", "http"):
                out[f"{scheme}://{host}"] = f"{self.base_url}/{host}"
        return out

    def count(self, status: int | None = None) -> int:
        """Number of requests served (with that status, if given)."""
        return sum(n for key, n in self.requests.items() if status is None or key.startswith(f"{status} "))


def resolve(root: Path, url_path: str) -> Path | None:
    """The file serving ``/<host>/<path>[?<query>]`` inside ``root``, or None (never outside ``root``).

    A query selects its own file when one exists (``<path>@<query>`` or ``<path>/index@<query>.html``,
    e.g. ``nyheter@page=1``); otherwise it is ignored."""
    split = urlsplit(url_path)
    parts = [p for p in unquote(split.path).split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    base = root.resolve()
    target = base.joinpath(*parts)
    query = unquote(split.query)
    by_query = (
        []
        if not query or "/" in query
        else [target.with_name(f"{target.name}@{query}"), target / f"index@{query}.html"]
    )
    for candidate in (*by_query, target, target / "index.html", target.with_name(target.name + ".html")):
        try:
            candidate = candidate.resolve()
        except OSError:
            continue
        if candidate.is_file() and base in candidate.parents:
            return candidate
    return None


def _sniff(body: bytes) -> str:
    """Content type of a file without extension (feeds served at paths like ``/rssnews``)."""
    head = body[:200].lstrip().lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex")):
        return "application/xml"
    return "text/html" if head.startswith((b"<!doctype html", b"<html")) else "application/octet-stream"


def _handler(server_state: SnapshotServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "aiscout-snapshot/1"

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def _serve(self, send_body: bool) -> None:
            path = resolve(server_state.root, self.path)
            if path is None:
                self._reply(404, b"not found", "text/plain", send_body)
                return
            body = path.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            modified = email.utils.formatdate(SNAPSHOT_MTIME, usegmt=True)
            if self.headers.get("If-None-Match") == etag or (
                not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == modified
            ):
                self._reply(304, b"", None, False, {"ETag": etag, "Last-Modified": modified})
                return
            ctype = mimetypes.guess_type(path.name.split("@", 1)[0])[0] or _sniff(body)
            if ctype.startswith("text/") or ctype.endswith("xml"):
                ctype += "; charset=utf-8"
            self._reply(200, body, ctype, send_body, {"ETag": etag, "Last-Modified": modified})

        def _reply(
            self, status: int, body: bytes, ctype: str | None, send_body: bool, headers: dict[str, str] | None = None
        ) -> None:
            server_state.requests[f"{status} {self.path.lstrip('/')}"] += 1
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body) if status != 304 else 0))
            self.end_headers()
            if send_body and status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    return Handler


class _SnapshotHTTPServer(ThreadingHTTPServer):
    """A threading server with a listen backlog for parallel crawls: the default backlog (5)
    overflows at Scrapy's concurrency, and every dropped connection attempt stalls a request ~1 s."""

    request_queue_size = 128


@contextmanager
def serve_snapshot(root: Path, port: int = 0) -> Iterator[SnapshotServer]:
    """Serve ``root`` on 127.0.0.1 in a background thread for the duration of the block."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"snapshot folder not found: {root}")
    state = SnapshotServer(root=root, base_url="")
    httpd = _SnapshotHTTPServer(("127.0.0.1", port), _handler(state))
    httpd.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, name="snapshot-server", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
