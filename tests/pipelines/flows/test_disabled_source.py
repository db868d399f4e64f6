"""``nightly(sources=[NAME])`` crawls a source even when the registry disables it, and says so."""

from __future__ import annotations

import pytest

from spiders.settings import FAST_SETTINGS
from tests.helpers.sites import Site, site  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow


def test_a_named_disabled_source_is_crawled_with_a_notice(site: Site, tmp_path, prefect_harness, capsys) -> None:  # noqa: F811
    from pipelines.flows.nightly import nightly

    host = "www.example.se"
    site.add(f"/{host}/nyheter/", "<html><body><main><a href='/nyheter/en-nyhet-om-ai/'>x</a></main></body></html>")
    site.add(f"/{host}/nyheter/en-nyhet-om-ai/", "<html><body><main><h1>AI</h1><p>Text om AI.</p></main></body></html>")
    registry = tmp_path / "sources.yaml"
    registry.write_text(
        "sources:\n  - {name: av, publisher_org_id: se-av, country: SE, languages: [sv], enabled: false,\n"
        f"     start_urls: ['https://{host}/nyheter/'], allowed_domains: [example.se]}}\n",
        encoding="utf-8",
    )
    result = nightly(
        raw_dir=str(tmp_path / "raw"),
        state_dir=str(tmp_path / "state"),
        out=str(tmp_path / "out"),
        sources=["av"],
        registry=str(registry),
        remap={f"https://{host}": f"{site.base}/{host}"},
        crawl_settings=FAST_SETTINGS,
    )
    assert list(result["crawl"]) == ["av"]
    assert site.counts()[f"/{host}/nyheter/en-nyhet-om-ai/"] == 1
    assert "source av is disabled in the registry; crawling it because it was named" in capsys.readouterr().err
    with pytest.raises(ValueError, match="unknown sources: nope"):
        nightly(raw_dir=str(tmp_path / "raw"), state_dir=str(tmp_path / "state"), out=str(tmp_path / "o2"),
                sources=["nope"], registry=str(registry))  # fmt: skip
