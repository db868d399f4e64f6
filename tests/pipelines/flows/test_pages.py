"""process_page: a page is extracted with what the registry says about its source (country, languages,
body selector), and the extraction cache keeps results apart per set of options."""

from __future__ import annotations

from pathlib import Path

from pipelines.archive.warc_reader import ArchivedPage
from pipelines.flows.pages import ExtractCache, SourceInfo, process_page

# A page whose only date is a UTC timestamp late in the evening: the day depends on the publisher's zone.
# The article body sits in a container only the registry's selector names; a teaser box competes with it.
PAGE = """<html><head><meta property="article:published_time" content="2024-03-04T23:30:00Z"></head><body>
<div class="x1"><h1>Regionen satsar på AI</h1>
<p>Region Mittland satsar 12 miljoner kronor på ett nytt centrum för tillämpad AI i vården under 2025.</p>
<p>Centrumet ska hjälpa vårdcentraler att pröva nya verktyg, och arbetet leds av regionens forskningsenhet.</p>
</div>
<div class="x2"><p>Andra nyheter: kommunen bygger en ny skola och satsar 90 miljoner kronor på den.</p></div>
</body></html>"""


def _page(body: str, url: str = "https://www.example.se/nyheter/ai-centrum/") -> ArchivedPage:
    return ArchivedPage(url, 200, {}, body.encode(), "2024-03-05T06:00:00Z", "src", "article", "text/html", "r1")


def test_the_sources_country_and_selector_reach_extraction() -> None:
    plain, _ = process_page(_page(PAGE), run_id="r1")
    hinted, _ = process_page(_page(PAGE), run_id="r1", source=SourceInfo("se-mittland", "SE", ("sv",), "div.x1"))
    assert hinted.country == "SE" and hinted.publisher_org_id == "se-mittland"
    assert hinted.document is not None and plain.document is not None
    assert hinted.document.published == "2024-03-05"  # 00:30 in Stockholm, not 23:30 UTC
    assert hinted.document.text_source == "selector" and plain.document.text_source != "selector"
    assert [a.value for a in hinted.document.amounts] == [12_000_000]


def test_a_short_text_is_read_in_the_sources_languages() -> None:
    text = _page("Vinnova ger 2 miljoner kronor.", url="https://www.example.se/nyheter/kort/")
    record, _ = process_page(text, run_id="r1", source=SourceInfo("se-vinnova", "SE", ("sv",)))
    assert record.document is not None
    assert [(a.value, a.currency) for a in record.document.amounts] == [(2_000_000, "SEK")]


def test_the_cache_keeps_results_per_source_options(tmp_path: Path) -> None:
    cache = ExtractCache(tmp_path, "v1")
    first, hit1 = process_page(_page(PAGE), run_id="r1", source=SourceInfo(country="SE"), cache=cache)
    again, hit2 = process_page(_page(PAGE), run_id="r1", source=SourceInfo(country="SE"), cache=cache)
    other, hit3 = process_page(_page(PAGE), run_id="r1", source=SourceInfo(country="DE"), cache=cache)
    assert (hit1, hit2, hit3) == (False, True, False)
    assert first.document == again.document
