"""Bad servers, end to end through a real crawl (Scrapy subprocess) against 127.0.0.1: slow responses,
resets mid-body, truncated gzip, redirect loops, redirects to other hosts and to private addresses,
bodies over DOWNLOAD_MAXSIZE, hostile sitemaps (entity expansion, external entities, gzip bombs).

Each crawl must finish, record what failed (report.errors / counters), archive nothing harmful, and
never connect anywhere but 127.0.0.1 (redirects to private addresses are refused before connecting)."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from pipelines.archive.warc_reader import iter_pages, warc_files
from spiders.crawl import crawl
from spiders.middlewares import PrivateRedirectMiddleware, PrivateRedirectRefused, is_private_host
from tests.helpers.sites import FAST, FaultSite, article_html, listing_html, reset, send

pytestmark = pytest.mark.slow
HOST, OTHER = "www.example.se", "other.example.org"
REAL = f"https://{HOST}"
P = f"/{HOST}"
SETTINGS = {
    **FAST,
    "DOWNLOAD_TIMEOUT": 1,
    "RETRY_TIMES": 1,
    "DOWNLOAD_MAXSIZE": 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 0,
    "REDIRECT_MAX_TIMES": 5,
}


def source(**overrides: object) -> dict:
    return {
        "name": "fault",
        "start_urls": [f"{REAL}/nyheter/"],
        "allowed_domains": [HOST],
        "article_patterns": [r"^/nyheter/[^/]+/$"],
        **overrides,
    }


def html(handler, body: str | bytes, **kw) -> None:
    send(handler, 200, body.encode() if isinstance(body, str) else body, **kw)


def redirect(location: str, status: int = 302):
    return lambda h: send(h, status, b"", "text/html", {"Location": location})


def run(site: FaultSite, registry, tmp_path: Path, entry: dict | None = None, **settings):
    reg = registry(entry or source())
    remap = {REAL: f"{site.base}/{HOST}", f"https://{OTHER}": f"{site.base}/{OTHER}"}
    t = time.monotonic()
    report = crawl(tmp_path / "run", registry_path=reg, remap=remap, settings={**SETTINGS, **settings})
    return report, time.monotonic() - t


def errors_by_url(report) -> dict[str, str]:
    return {e.url: e.reason for e in report.errors}


def test_slow_reset_truncated_and_huge_responses_are_retried_then_recorded(tmp_path, registry) -> None:
    with FaultSite() as site:
        arts = ["ok", "slow", "reset", "short", "gzip", "huge", "huge-chunked"]
        site.routes[f"{P}/nyheter/"] = lambda h: html(h, listing_html([f"/nyheter/{a}/" for a in arts]))
        site.routes[f"{P}/nyheter/ok/"] = lambda h: html(h, article_html("Fungerar"))

        def slow(h):
            time.sleep(2.5)
            html(h, article_html("Långsam"))

        def reset_mid_body(h):
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            h.wfile.write(b"<html><body><article><p>" + b"x" * 5000)
            h.wfile.flush()
            reset(h)

        def short_body(h):  # promises 100 kB, sends 5 kB, closes cleanly
            send(h, 200, b"<html><body>" + b"y" * 5000, length=100_000)
            h.close_connection = True

        def truncated_gzip(h):
            body = gzip.compress(article_html("Komprimerad").encode() * 50)
            send(h, 200, body[: len(body) // 2], headers={"Content-Encoding": "gzip"})

        def huge_chunked(h):  # no Content-Length: the size limit must apply while streaming
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = b"z" * 65536
            for _ in range(40):  # 2.5 MB
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            h.wfile.write(b"0\r\n\r\n")

        site.routes[f"{P}/nyheter/slow/"] = slow
        site.routes[f"{P}/nyheter/reset/"] = reset_mid_body
        site.routes[f"{P}/nyheter/short/"] = short_body
        site.routes[f"{P}/nyheter/gzip/"] = truncated_gzip
        site.routes[f"{P}/nyheter/huge/"] = lambda h: html(h, b"<html><body>" + b"h" * (2 * 1024 * 1024))
        site.routes[f"{P}/nyheter/huge-chunked/"] = huge_chunked
        report, seconds = run(site, registry, tmp_path)

    errors = errors_by_url(report)
    rep = report.sources["fault"]
    assert seconds < 60
    assert site.hits[f"{P}/nyheter/slow/"] == 2  # the first try and RETRY_TIMES=1 retry
    assert (
        "timeout" in errors[f"{REAL}/nyheter/slow/"].lower() or "timed out" in errors[f"{REAL}/nyheter/slow/"].lower()
    )
    for name in ("reset", "short", "huge", "huge-chunked"):
        assert f"{REAL}/nyheter/{name}/" in errors, name
    assert "larger than download max size" in errors[f"{REAL}/nyheter/huge/"]
    assert rep.articles_failed == 5
    # truncated gzip: decoded as far as it goes (best effort), archived, processed like any page
    archived = {p.url: p for p in iter_pages(tmp_path / "run")}
    assert set(archived) == {f"{REAL}/nyheter/ok/", f"{REAL}/nyheter/gzip/"} and rep.articles_new == 2
    assert (article_html("Komprimerad") * 50).encode().startswith(archived[f"{REAL}/nyheter/gzip/"].body)
    assert all(len(p.body) < 1024 * 1024 for p in iter_pages(tmp_path / "run", kinds=None))


def test_redirect_loops_and_other_hosts(tmp_path, registry) -> None:
    with FaultSite() as site:
        site.routes[f"{P}/nyheter/"] = lambda h: html(
            h, listing_html(["/nyheter/loop/", "/nyheter/away/", "/nyheter/moved/", "/nyheter/chain0/"])
        )
        for i in range(10):  # ten distinct redirects, over REDIRECT_MAX_TIMES=5
            site.routes[f"{P}/nyheter/chain{i}/"] = redirect(f"{REAL}/nyheter/chain{i + 1}/")
        site.routes[f"{P}/nyheter/loop/"] = redirect(f"{REAL}/nyheter/loop2/")
        site.routes[f"{P}/nyheter/loop2/"] = redirect(f"{REAL}/nyheter/loop/")
        site.routes[f"{P}/nyheter/away/"] = redirect(f"https://{OTHER}/nyheter/away/")
        site.routes[f"/{OTHER}/nyheter/away/"] = lambda h: html(h, article_html("Annan värd"))
        site.routes[f"{P}/nyheter/moved/"] = redirect(
            f"/{HOST}/nyheter/here/", 301
        )  # same host (local URL space): followed
        site.routes[f"{P}/nyheter/here/"] = lambda h: html(h, article_html("Flyttad"))
        report, seconds = run(site, registry, tmp_path)

    assert seconds < 60
    assert site.hits[f"{P}/nyheter/loop/"] <= 6 and site.hits[f"{P}/nyheter/loop2/"] <= 6  # bounded
    assert site.hits[f"/{OTHER}/nyheter/away/"] == 0  # offsite: not followed
    assert site.hits[f"{P}/nyheter/here/"] == 1
    assert sum(site.hits[f"{P}/nyheter/chain{i}/"] for i in range(10)) == 6  # the first try and 5 redirects
    chain = [e for e in report.errors if "/nyheter/chain" in e.url]
    assert len(chain) == 1 and "max redirections" in chain[0].reason  # recorded, not just dropped
    assert report.sources["fault"].offsite_filtered == 1  # the other host: filtered and counted
    pages = [p for p in iter_pages(tmp_path / "run") if p.status == 200]
    assert [p.url for p in pages] == [f"{REAL}/nyheter/here/"]


SECRET = "/secret-admin"
PRIVATE_TARGETS = [
    "http://127.0.0.1:{port}" + SECRET,
    "http://localhost:{port}" + SECRET,
    "http://[::ffff:127.0.0.1]:{port}" + SECRET,
    "http://2130706433:{port}" + SECRET,
    "http://127.1:{port}" + SECRET,
]


def test_redirects_from_a_public_source_to_loopback_are_refused(tmp_path, registry) -> None:
    """Start URLs are dont_filter (offsite filtering does not apply): only the SSRF guard stops these.

    Every target is a loopback form of this very server, so a failure would show as a request to SECRET
    (and never touches anything but 127.0.0.1)."""
    with FaultSite() as site:
        starts = []
        for i, target in enumerate(PRIVATE_TARGETS):
            site.routes[f"{P}/start{i}/"] = redirect(target.format(port=site.port))
            starts.append({"url": f"{REAL}/start{i}/", "kind": "listing"})
        site.routes[f"{P}/start-ok/"] = redirect(f"/{HOST}/nyheter/")
        starts.append({"url": f"{REAL}/start-ok/", "kind": "listing"})
        site.routes[f"{P}/nyheter/"] = lambda h: html(h, listing_html(["/nyheter/a/"]))
        site.routes[f"{P}/nyheter/a/"] = lambda h: html(h, article_html("Artikel"))
        site.routes[SECRET] = lambda h: html(h, b"<html><body><p>internal admin</p></body></html>")
        report, _ = run(site, registry, tmp_path, source(start_urls=starts))

    assert site.hits[SECRET] == 0
    refused = [e for e in report.errors if "private address" in e.reason]
    assert {e.url for e in refused} == {f"{REAL}/start{i}/" for i in range(len(PRIVATE_TARGETS))} or len(
        refused
    ) == len(PRIVATE_TARGETS)
    assert site.hits[f"{P}/nyheter/a/"] == 1  # the remapped (loopback-served) public site still crawls
    assert not any(b"internal admin" in p.body for p in iter_pages(tmp_path / "run", kinds=None))


# addresses of this machine, private networks, link-local and cloud metadata, in the spellings that hide them
PRIVATE_URLS = [
    "http://127.0.0.1/",
    "http://10.1.2.3/x",
    "http://192.168.0.1/",
    "http://172.16.5.4/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://0.0.0.0/",
    "http://localhost/",
    "http://a.localhost./",
    "http://0x7f.1/",
    "http://017700000001/",
    "http://[::ffff:10.0.0.1]/",
    "http://100.64.0.1/",
]
PUBLIC_URLS = ["https://www.example.se/", "https://8.8.8.8/", "https://[2001:4860::8888]/", "https://10.example.se/"]


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_a_private_address_is_private(url: str) -> None:
    assert is_private_host(url) is True


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_public_address_is_not_private(url: str) -> None:
    assert is_private_host(url) is False


def test_guard_judges_the_real_url_not_the_remapped_one() -> None:
    from scrapy import Request

    guard = PrivateRedirectMiddleware()
    assert (
        guard.process_request(Request("https://www.example.se/a", meta={"redirect_urls": ["https://www.example.se/b"]}))
        is None
    )
    assert guard.process_request(Request("http://127.0.0.1/a", meta={"redirect_urls": ["http://127.0.0.1/b"]})) is None
    assert guard.process_request(Request("http://127.0.0.1/a")) is None  # not a redirect
    with pytest.raises(PrivateRedirectRefused):
        guard.process_request(Request("http://169.254.169.254/", meta={"redirect_urls": ["https://www.example.se/b"]}))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://www.example.se/nyheter/&lol9;/</loc></url>
<url><loc>https://www.example.se/nyheter/safe/</loc></url></urlset>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "http://127.0.0.1:{port}/dtd-fetched">
<!ENTITY % pe SYSTEM "http://127.0.0.1:{port}/pe-fetched"> %pe;]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://www.example.se/nyheter/&xxe;/</loc></url>
<url><loc>https://www.example.se/nyheter/&remote;/</loc></url>
<url><loc>https://www.example.se/nyheter/plain/</loc></url></urlset>"""


def test_hostile_sitemaps_through_a_crawl(tmp_path, registry) -> None:
    """Entity expansion, external entities (file and network) and gzip bombs (both as a .gz file and as
    Content-Encoding) neither expand nor leak: /etc/passwd's content appears nowhere, nothing is fetched
    for an entity, the bombs are refused by size, and the plain URL beside the external entities is crawled."""
    passwd_line = Path("/etc/passwd").read_bytes().splitlines()[0] if Path("/etc/passwd").exists() else b"root:x:0:0"
    bomb = gzip.compress(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + b" " * (60 * 1024 * 1024)
        + b"<url><loc>https://www.example.se/nyheter/bomb/</loc></url></urlset>"
    )
    assert len(bomb) < 100_000
    with FaultSite() as site:
        site.routes[f"{P}/lol.xml"] = lambda h: send(h, 200, BILLION_LAUGHS, "application/xml")
        site.routes[f"{P}/xxe.xml"] = lambda h: send(
            h, 200, XXE.replace(b"{port}", str(site.port).encode()), "application/xml"
        )
        site.routes[f"{P}/bomb.xml.gz"] = lambda h: send(h, 200, bomb, "application/x-gzip")
        site.routes[f"{P}/bomb-encoded.xml"] = lambda h: send(
            h, 200, bomb, "application/xml", {"Content-Encoding": "gzip"}
        )
        for name in ("safe", "plain"):
            site.routes[f"{P}/nyheter/{name}/"] = lambda h, n=name: html(h, article_html(n))
        starts = [
            {"url": f"{REAL}/{n}", "kind": "sitemap"} for n in ("lol.xml", "xxe.xml", "bomb.xml.gz", "bomb-encoded.xml")
        ]
        report, seconds = run(site, registry, tmp_path, source(start_urls=starts), DOWNLOAD_MAXSIZE=10 * 1024 * 1024)

    assert seconds < 60
    assert site.hits["/dtd-fetched"] == 0 and site.hits["/pe-fetched"] == 0
    fetched = {path for path in site.hits if path.startswith(f"{P}/nyheter/")}
    # entity references stay literal text ("&xxe;"): a harmless URL, never the file or an expansion;
    # libxml2 stops reading the billion-laughs file at its entity (the entry after it is lost: fail-safe)
    assert f"{P}/nyheter/plain/" in fetched
    assert all(len(path) < 100 and "root:" not in path and "lollol" not in path for path in site.hits), fetched
    errors = errors_by_url(report)
    assert f"{REAL}/bomb.xml.gz" in errors and "too large" in errors[f"{REAL}/bomb.xml.gz"]
    assert "exceeded DOWNLOAD_MAXSIZE" in errors[f"{REAL}/bomb-encoded.xml"]
    for path in warc_files(tmp_path / "run"):
        data = path.read_bytes()
        raw = gzip.decompress(data)
        assert passwd_line not in raw and b"lollollollol" not in raw, path
    assert all(len(p.body) <= 10 * 1024 * 1024 for p in iter_pages(tmp_path / "run", kinds=None))
