"""`aiscout sources list|check` through typer's CliRunner; check runs a real crawl against 127.0.0.1."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from spiders.cli import sources_app
from tests.helpers.sites import Site, article_html, listing_html

runner = CliRunner()


def test_list_shows_every_source() -> None:
    result = runner.invoke(sources_app, ["list"])
    assert result.exit_code == 0, result.output
    assert "name" in result.output and "uni-leipzig" in result.output and "cyber-valley" in result.output
    assert any(line.split()[:2] == ["umu", "SE"] and line.split()[-1] == "2" for line in result.output.splitlines())


@pytest.mark.slow
def test_check_with_remap(site: Site, registry) -> None:
    host = "www.example.se"
    site.add(f"/{host}/nyheter/", listing_html(["/nyheter/a/", "/nyheter/b/", "/bilaga.pdf"], "/nyheter/sida/2/"))
    site.add(f"/{host}/nyheter/a/", article_html("Rubrik A"))
    reg = registry(
        {
            "name": "example",
            "start_urls": [f"https://{host}/nyheter/"],
            "allowed_domains": [host],
            "article_patterns": [r"^/nyheter/[^/]+/$"],
            "exclude_patterns": ["^/nyheter/sida/"],
        }
    )
    result = runner.invoke(sources_app, ["check", "example", "--remap", site.base, "--registry", str(reg)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"article  https://{host}/nyheter/b/" in out and f"next     https://{host}/nyheter/sida/2/" in out
    assert f"non-html https://{host}/bilaga.pdf" in out
    assert "title  Rubrik A" in out and "date   2025-03-01" in out
    assert f"/{host}/nyheter/sida/2/" not in site.counts()  # one listing page only


def test_check_unknown_source() -> None:
    result = runner.invoke(sources_app, ["check", "no-such-source"])
    assert result.exit_code != 0 and "unknown source" in result.output
