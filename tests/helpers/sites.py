"""Local sites on 127.0.0.1 for crawl tests: canned routes (request log, ETag/304, delays), routes that
misbehave (``FaultSite``), registries written for them, and small pages."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

import pytest
import yaml

from spiders.settings import FAST_SETTINGS


@dataclass
class Route:
    """A canned response."""

    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: bool = True


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 (a free port) that hands every GET to ``self.handle(handler)``;
    a context manager that starts and stops it. ``base`` is its origin."""

    protocol = "HTTP/1.0"

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = owner.protocol

            def do_GET(self) -> None:
                try:
                    owner.handle(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class Site(LocalServer):
    """Serves ``routes`` (path -> Route) on 127.0.0.1; counts requests per path; unknown paths are 404."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str, dict[str, str]]] = []  # (method, path, headers)
        super().__init__()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        self.log.append(("GET", handler.path, dict(handler.headers)))
        route = self.routes.get(handler.path) or Route(b"not found", status=404, content_type="text/plain")
        if route.delay:
            time.sleep(route.delay)
        body = route.body.encode() if isinstance(route.body, str) else route.body
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"' if route.etag and route.status == 200 else None
        if etag and handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        headers = {k: v.replace("{base}", self.base) for k, v in route.headers.items()}
        if etag:
            headers = {"ETag": etag, **headers}
        send(handler, route.status, body, route.content_type, headers)

    def add(self, path: str, body: bytes | str = b"", **kw: object) -> None:
        self.routes[path] = Route(body, **kw)  # type: ignore[arg-type]

    def counts(self) -> Counter[str]:
        return Counter(path for _, path, _ in self.log)


# no politeness delays, quick failure; the test servers are on 127.0.0.1 on purpose (the SSRF guard's allow-list)
FAST = {**FAST_SETTINGS, "AISCOUT_PRIVATE_HOSTS_ALLOWED": ["127.0.0.1"]}


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh local site."""
    with Site() as s:
        yield s


@pytest.fixture
def registry(tmp_path: Path) -> Callable[..., Path]:
    """Write a registry YAML from source mappings (defaults filled in) and return its path."""

    def write(*entries: dict) -> Path:
        sources = [{"publisher_org_id": f"se-{e['name']}", "country": "SE", "languages": ["sv"], **e} for e in entries]
        path = tmp_path / "sources.yaml"
        path.write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
        return path

    return write


def listing_html(links: list[str], next_href: str | None = None) -> str:
    """A listing page in the demo's structure: ul.news-list and a nav.pagination rel=next link."""
    items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
    nav = f'<nav class="pagination"><a rel="next" href="{next_href}">Nästa</a></nav>' if next_href else ""
    return f"<html><body><a href='/'>Hem</a><ul class='news-list'>{items}</ul>{nav}</body></html>"


def article_html(title: str) -> str:
    return f"<html><body><article><h1>{title}</h1><time datetime='2025-03-01'>1 mars</time><p>Text.</p></article></body></html>"


def news_source(site: Site, registry: Callable[..., Path], count: int) -> tuple[Site, Path, list[str]]:
    """``count`` articles /nyheter/a<i>/ listed on /nyheter/ of ``site``, and a registry with the source "news"
    that crawls them: (the site, the registry, the articles' URLs)."""
    urls = [f"/nyheter/a{i}/" for i in range(count)]
    site.add("/nyheter/", listing_html(urls))
    for url in urls:
        site.add(url, article_html(url))
    reg = registry(
        {
            "name": "news",
            "start_urls": [f"{site.base}/nyheter/"],
            "allowed_domains": ["127.0.0.1"],
            "article_patterns": ["^/nyheter/a"],
        }
    )
    return site, reg, [f"{site.base}{u}" for u in urls]


class FaultSite(LocalServer):
    """A 127.0.0.1 server whose routes are functions of the request handler (for misbehaving responses).

    ``routes[path] = fn(handler)``; unknown paths are 404; ``hits`` counts requests per path."""

    protocol = "HTTP/1.1"

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.hits: Counter[str] = Counter()
        super().__init__()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        self.hits[handler.path] += 1
        route = self.routes.get(handler.path)
        if route is None:
            send(handler, 404, b"not found", "text/plain")
        else:
            route(handler)


def send(
    handler,
    status: int,
    body: bytes,
    ctype: str = "text/html; charset=utf-8",
    headers: dict | None = None,
    length: int | None = None,
) -> None:
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
