"""SSRF through host names (issue 19, fault 3): a start URL that redirects (302, protocol-relative, meta
refresh, a feed start URL) to a *name* resolving to a private address must not be followed.

Names are mapped to 127.0.0.1 by a resolver of the test's own (``MappedResolver``, set as Scrapy's
TWISTED_DNS_RESOLVER in the crawl subprocess); /etc/hosts is not touched. ``public.test`` stands for the
public site (on the explicit allow-list, as the demo server's host is); ``internal.test`` for an
internal name. The server logs each request's Host header, so any request that reached
``internal.test`` (robots.txt included) shows.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from twisted.internet import defer

from pipelines.archive.warc_reader import iter_pages
from spiders.crawl import crawl
from spiders.middlewares import PrivateAddressResolver
from tests.helpers.sites import FAST, Site, article_html, listing_html

HOSTS_ENV = "AISCOUT_TEST_HOSTS"


class MappedResolver(PrivateAddressResolver):
    """The guard with its DNS lookup replaced by a fixed map (from $AISCOUT_TEST_HOSTS, JSON)."""

    def lookup(self, name: str, timeout=()):  # type: ignore[no-untyped-def]
        hosts = json.loads(os.environ.get(HOSTS_ENV, "{}"))
        if name in hosts:
            return defer.succeed(hosts[name])
        return defer.fail(OSError(f"test resolver: unknown name {name}"))


def test_redirects_to_names_resolving_to_private_addresses_are_refused(
    site: Site, registry, tmp_path: Path, monkeypatch
) -> None:
    port = site.server.server_address[1]
    public, internal = f"http://public.test:{port}", f"http://internal.test:{port}"
    secret = f"<html><body><p>internal admin</p><a href='{public}/nyheter/leak/'>x</a></body></html>"
    site.add("/secret/", secret)
    site.add(
        "/feed.xml",
        f"<rss><channel><item><link>{public}/nyheter/leak/</link></item></channel></rss>",
        content_type="application/rss+xml",
    )
    site.add("/r302/", status=302, headers={"Location": f"{internal}/secret/"})
    site.add("/rslash/", status=302, headers={"Location": f"//internal.test:{port}/secret/"})
    site.add("/rmeta/", f"<html><head><meta http-equiv='refresh' content='0; url={internal}/secret/'></head></html>")
    site.add("/rfeed/", status=302, headers={"Location": f"{internal}/feed.xml"})
    site.add("/nyheter/", listing_html([f"{public}/nyheter/a/"]))
    site.add("/nyheter/a/", article_html("Artikel"))
    site.add("/nyheter/leak/", article_html("Leak"))
    starts = [{"url": f"{public}/{p}/", "kind": "listing"} for p in ("r302", "rslash", "rmeta", "nyheter")]
    starts.append({"url": f"{public}/rfeed/", "kind": "feed"})
    reg = registry(
        {"name": "s", "start_urls": starts, "allowed_domains": ["public.test"], "article_patterns": ["^/nyheter/"]}
    )
    monkeypatch.setenv(HOSTS_ENV, json.dumps({"public.test": "127.0.0.1", "internal.test": "127.0.0.1"}))
    settings = {
        **FAST,
        "TWISTED_DNS_RESOLVER": f"{__name__}.MappedResolver",
        "AISCOUT_PRIVATE_HOSTS_ALLOWED": ["public.test"],
        "METAREFRESH_IGNORE_TAGS": [],
    }
    report = crawl(tmp_path / "run", registry_path=reg, settings=settings)

    hosts = {headers.get("Host") for _, _, headers in site.log}
    assert f"internal.test:{port}" not in hosts  # no request reached the internal name, robots.txt included
    assert site.counts()["/nyheter/a/"] == 1  # the allow-listed public site still crawls
    assert site.counts()["/nyheter/leak/"] == 0
    refused = [e for e in report.errors if "private address" in e.reason]
    assert {e.url.split(f":{port}")[1] for e in refused} >= {"/secret/", "/feed.xml"}  # recorded
    assert not any(b"internal admin" in p.body for p in iter_pages(tmp_path / "run", kinds=None))


def test_ip_literal_forms_of_loopback_in_ipv6_are_private() -> None:
    from spiders.middlewares import is_private_host

    for url in ("http://[::7f00:1]/", "http://[::127.0.0.1]/", "http://[2002:7f00:1::]/", "http://[64:ff9b::a00:1]/"):
        assert is_private_host(url), url
    assert not is_private_host("http://[64:ff9b::808:808]/")  # NAT64 of a public address
