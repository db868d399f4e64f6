"""Registry validation, URL canonicalisation and the remap table."""

from __future__ import annotations

import pytest

from spiders.registry import RegistryError, enabled_sources, load_sources
from spiders.urls import BadUrl, Remap, canonicalize, host_allowed, is_non_html, safe_canonical

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
        ({"allowed_domains": None}, "missing field"),
        ({"article_patterns": ["(unclosed"]}, "bad regex"),
        ({"start_urls": [{"url": "https://x.se/", "kind": "atom-ish"}]}, "unknown start URL kind"),
        ({"start_urls": ["ftp://x.se/"]}, "must be an http"),
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


SCHEMA_CASES = [
    ("enabled", '"false"', "enabled must be true or false"),
    ("languages", '"sv"', "languages must be a non-empty list"),
    ("languages", "5", "languages must be a non-empty list"),
    ("languages", "[svenska]", "two-letter language code"),
    ("pagination", "null", "pagination must be a non-empty list"),
    ("allowed_domains", '"x.se"', "allowed_domains must be a non-empty list"),
    ("limits", "{max_articles: -5}", "limits.max_articles must be an integer >= 1"),
    ("limits", "{max_pages: 2.5}", "limits.max_pages must be an integer >= 1"),
    ("lastmod_since_days", "0", "lastmod_since_days must be an integer >= 1"),
    ("selectors", "{links: 3}", "selectors.links must be a non-empty string"),
    ("country", "FR", "country 'FR' is not one of"),
    ("publisher_org_id", "nl-x", "'se-<slug>'"),
    ("article_patterns", "['^/(a+)+$']", "nests quantifiers"),
    ("exclude_patterns", "['^/(x*y?)*z$']", "nests quantifiers"),
    ("start_urls", '["https://elsewhere.se/nyheter/"]', "outside allowed_domains"),
]


def _yaml_source(field: str, value: str) -> str:
    lines = {
        "name": "x",
        "publisher_org_id": "se-x",
        "country": "SE",
        "languages": "[sv]",
        "start_urls": '["https://www.x.se/nyheter/"]',
        "allowed_domains": "[x.se]",
    }
    lines[field] = value
    return "sources:\n  - name: ok\n    publisher_org_id: se-ok\n    country: SE\n    languages: [sv]\n" + (
        '    start_urls: ["https://ok.se/"]\n    allowed_domains: [ok.se]\n'
        + "  - "
        + "\n    ".join(f"{k}: {v}" for k, v in lines.items())
        + "\n"
    )


@pytest.mark.parametrize(("field", "value", "message"), SCHEMA_CASES)
def test_schema_errors_name_file_line_source_and_field(tmp_path: Path, field: str, value: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    text = _yaml_source(field, value)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if i > 7 and t.lstrip(" -").startswith(f"{field}:"))
    with pytest.raises(RegistryError) as err:
        load_sources(path)
    msg = str(err.value)
    assert message in msg and f"{path}:{line}: source 'x'" in msg and "\n" not in msg


def test_null_entry_and_bad_yaml_name_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - null\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:2: every entry of 'sources' must be a mapping"):
        load_sources(path)
    path.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="invalid YAML"):
        load_sources(path)
    with pytest.raises(RegistryError, match="cannot read"):
        load_sources(tmp_path / "missing.yaml")


def test_safe_patterns_load_and_article_patterns_are_optional(registry) -> None:
    entry = {k: v for k, v in GOOD.items() if k != "article_patterns"}
    [src] = load_sources(registry({**entry, "exclude_patterns": ["^/[a-z0-9]+-[a-z0-9-]+/?$", "^/(en|sv)/news$"]}))
    assert src.article_patterns == () and src.url_kind("https://x.se/nyheter/ny-ai-satsning/") == "article"


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
    assert canonicalize("https://x.se/a?b=2&a=1") == canonicalize("https://x.se/a?a=1&b=2") == "https://x.se/a?a=1&b=2"
    assert canonicalize("https://x.se/Sidor/A B.aspx") == "https://x.se/Sidor/A%20B.aspx"  # path case kept
    assert canonicalize("http://x.se:8080/") == "http://x.se:8080/"
    assert is_non_html("https://x.se/r/Rapport.PDF") and not is_non_html("https://x.se/nyheter/a/")


@pytest.mark.parametrize("bad", ["http://[x/", "http://x.se:99999/", "http:///nyheter/"])
def test_malformed_urls_raise_bad_url_or_are_skipped(bad: str) -> None:
    with pytest.raises(BadUrl):
        canonicalize(bad)
    assert safe_canonical("https://x.se/nyheter/", bad) is None
    assert safe_canonical("https://x.se/nyheter/", "/a?b=2&a=1") == "https://x.se/a?a=1&b=2"


def test_allowed_domains_are_sites() -> None:
    assert host_allowed("https://oru.se/x", ["www.oru.se"]) and host_allowed("https://www.oru.se/x", ["oru.se"])
    assert host_allowed("https://www-live.dfki.de/", ["dfki.de"]) and not host_allowed(
        "https://evil-oru.se/", ["oru.se"]
    )
    assert not host_allowed("http://[x/", ["x.se"])


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
