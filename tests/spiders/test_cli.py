"""`aiscout sources list|check|add` through typer's CliRunner; check and add run real crawls against 127.0.0.1."""

from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from spiders.cli import sources_app
from tests.helpers.sites import Site, article_html, listing_html

runner = CliRunner()
HOST = "www.example.se"


def test_list_shows_every_source() -> None:
    result = runner.invoke(sources_app, ["list"])
    assert result.exit_code == 0, result.output
    assert "name" in result.output and "uni-leipzig" in result.output and "cyber-valley" in result.output
    assert any(line.split()[:2] == ["umu", "SE"] and line.split()[-1] == "4" for line in result.output.splitlines())


def _site(site: Site) -> None:
    site.add(f"/{HOST}/robots.txt", f"User-agent: *\nSitemap: https://{HOST}/sitemap.xml\n", content_type="text/plain")
    site.add(
        f"/{HOST}/nyheter/",
        listing_html(
            ["/nyheter/forsta-nyheten-om-ai/", "/nyheter/andra-nyheten-om-ai/", "/bilaga.pdf"], "/nyheter/sida/2/"
        ),
    )
    site.add(f"/{HOST}/nyheter/sida/2/", listing_html(["/nyheter/tredje-nyheten-om-ai/"]))
    urlset = (
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<url><loc>https://{HOST}/nyheter/forsta-nyheten-om-ai/</loc></url></urlset>"
    )
    site.add(f"/{HOST}/sitemap.xml", urlset, content_type="application/xml")
    for slug in ("forsta", "andra", "tredje"):
        site.add(f"/{HOST}/nyheter/{slug}-nyheten-om-ai/", article_html(f"Rubrik {slug}"))


@pytest.mark.slow
def test_check_reports_paths_pages_and_unmatched_selectors(site: Site, registry) -> None:
    _site(site)
    reg = registry(
        {
            "name": "example",
            "start_urls": [f"https://{HOST}/nyheter/"],
            "allowed_domains": ["example.se"],
            "selectors": {"links": "ul.news-list", "body": "div.brodtext"},
        }
    )
    result = runner.invoke(sources_app, ["check", "example", "--remap", site.base, "--registry", str(reg)])
    out = result.output
    assert result.exit_code == 0, out
    assert "listing  3 article(s) found" in out and "sitemap  1 article(s) found" in out and "feed     0" in out
    assert f"non-html https://{HOST}/bilaga.pdf" in out
    assert "selector body: 'div.brodtext' matched nothing" in out and "selector links" not in out


@pytest.mark.slow
def test_check_all_exits_non_zero_when_a_source_finds_nothing(site: Site, registry) -> None:
    _site(site)
    site.add("/www.tomt.se/nyheter/", "<html><body><main><h1>Inget</h1></main></body></html>")
    reg = registry(
        {"name": "example", "start_urls": [f"https://{HOST}/nyheter/"], "allowed_domains": ["example.se"]},
        {
            "name": "tomt",
            "enabled": False,
            "start_urls": ["https://www.tomt.se/nyheter/"],
            "allowed_domains": ["tomt.se"],
        },
    )
    result = runner.invoke(sources_app, ["check", "--all", "--remap", site.base, "--registry", str(reg)])
    assert result.exit_code == 1, result.output
    assert "tomt (disabled)" in result.output and "NO ARTICLE FOUND" in result.output
    assert "no article found for: tomt" in result.output


@pytest.mark.slow
def test_add_probes_and_proposes_an_entry(site: Site) -> None:
    _site(site)
    result = runner.invoke(sources_app, ["add", f"https://{HOST}/nyheter/", "--remap", site.base])
    assert result.exit_code == 0, result.output
    [entry] = yaml.safe_load(result.output[result.output.index("sources:") :])["sources"]
    assert entry["name"] == "example" and entry["country"] == "SE" and entry["allowed_domains"] == ["example.se"]
    assert entry["languages"] == ["sv", "en"]
    assert {"url": f"https://{HOST}/sitemap.xml", "kind": "sitemap"} in entry["start_urls"]
    assert entry["enabled"] is False and "robots.txt found" in entry["notes"] and "3 by listing" in entry["notes"]


def test_check_unknown_source_and_bad_add_url() -> None:
    result = runner.invoke(sources_app, ["check", "no-such-source"])
    assert result.exit_code != 0 and "unknown source" in result.output
    result = runner.invoke(sources_app, ["add", "ftp://x.se/"])
    assert result.exit_code != 0 and "not an http(s) URL" in result.output
    result = runner.invoke(sources_app, ["add", "https://x.fr/news/"])
    assert result.exit_code != 0 and "give --country" in result.output
