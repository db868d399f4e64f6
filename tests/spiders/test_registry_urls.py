"""Registry validation, URL canonicalisation and the remap table."""

from __future__ import annotations

import pytest

from spiders.registry import RegistryError, enabled_sources, load_sources
from spiders.urls import Remap, canonicalize, is_non_html

GOOD = {
    "name": "x",
    "publisher_org_id": "se-x",
    "country": "SE",
    "languages": ["sv"],
    "start_urls": ["https://x.se/nyheter/"],
    "allowed_domains": ["x.se"],
    "article_patterns": ["^/nyheter/"],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"article_patterns": None}, "missing field"),
        ({"article_patterns": ["(unclosed"]}, "bad regex"),
        ({"start_urls": [{"url": "https://x.se/", "kind": "atom-ish"}]}, "unknown start URL kind"),
        ({"start_urls": ["ftp://x.se/"]}, "must be http"),
        ({"publisher_org_id": "x"}, "publisher_org_id"),
        ({"colour": "red"}, "unknown field"),
        ({"limits": {"max_pagez": 3}}, "unknown limits field"),
    ],
)
def test_registry_errors_are_clear(registry, change: dict, message: str) -> None:
    entry = {**GOOD, **change}
    entry = {k: v for k, v in entry.items() if v is not None}
    with pytest.raises(RegistryError, match=message):
        load_sources(registry(entry))


def test_registry_rejects_duplicates(registry) -> None:
    with pytest.raises(RegistryError, match="duplicate"):
        load_sources(registry(GOOD, GOOD))


def test_shipped_registry() -> None:
    sources = load_sources()
    assert len(sources) >= 25 and len({s.publisher_org_id for s in sources}) == len(sources)
    assert {"SE", "NL", "DE"} <= {s.country for s in sources}  # a new country is data, not a failing test
    seeds = {"lindholmen", "oru", "umu", "regieorgaan-sia", "uni-leipzig"}
    assert seeds <= {s.name for s in enabled_sources()}


def test_canonicalize() -> None:
    assert (
        canonicalize("HTTPS://WWW.X.se:443/a/?utm_source=n&id=3&fbclid=1&gclid=2&mc_cid=9#top")
        == "https://www.x.se/a/?id=3"
    )
    assert canonicalize("http://x.se") == "http://x.se/"
    assert is_non_html("https://x.se/r/Rapport.PDF") and not is_non_html("https://x.se/nyheter/a/")


def test_remap_both_ways() -> None:
    r = Remap({"https://www.oru.se": "http://127.0.0.1:1/www.oru.se", "https://oru.se": "http://127.0.0.1:1/oru.se"})
    assert r.to_local("https://www.oru.se/nyheter/?a=1") == "http://127.0.0.1:1/www.oru.se/nyheter/?a=1"
    assert r.to_local("https://www.umu.se/") is None
    assert r.to_real("http://127.0.0.1:1/oru.se/x") == "https://oru.se/x"
    assert r.location_to_real("http://127.0.0.1:1/www.oru.se/a/", "/www.oru.se/b/") == "https://www.oru.se/b/"
    assert r.location_to_real("http://127.0.0.1:1/www.oru.se/a/", "https://else.de/") == "https://else.de/"
    w = Remap({"*": "http://127.0.0.1:2/"})
    assert w.to_local("https://www.umu.se/nyheter/") == "http://127.0.0.1:2/www.umu.se/nyheter/"
    assert w.to_real("http://127.0.0.1:2/www.umu.se/nyheter/") == "https://www.umu.se/nyheter/"
    assert not Remap({})
