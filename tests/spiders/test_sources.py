"""Listing pages read without selectors: the demo snapshot's listings (CMS markup families with no shared
class) give their article links, archive folders and next pages to every seed source as registered."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from parsel import Selector

from spiders.links import extract_links, main_region
from spiders.registry import load_sources
from spiders.urls import host_allowed

DEMO = Path(__file__).resolve().parents[2] / "data" / "snapshots" / "demo"
EXPECTED = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))
SOURCES = load_sources()
ARTICLES = {a["url"] for a in EXPECTED["articles"]}


def _source(url: str):
    [source] = [s for s in SOURCES if s.enabled and host_allowed(url, s.allowed_domains)]
    return source


def test_seed_sources_need_no_patterns_or_selectors() -> None:
    seeds = [s for s in SOURCES if s.name in {"lindholmen", "oru", "umu", "regieorgaan-sia", "uni-leipzig"}]
    assert len(seeds) == 5 and all(s.enabled for s in seeds)
    assert all(not s.article_patterns and s.selectors.links is None for s in seeds)


@pytest.mark.parametrize("page", EXPECTED["listing_pages"], ids=lambda p: p["url"])
def test_demo_listing_pages(page: dict) -> None:
    source = _source(page["url"])
    links = extract_links((DEMO / page["path"]).read_text(encoding="utf-8"), page["url"], source)
    assert links.articles == [u for u in page["articles"] if source.url_kind(u) == "article"]
    assert set(page["articles"]) <= set(links.articles + links.candidates)
    assert set(links.articles) <= ARTICLES  # no chrome link, no listing page taken for an article
    assert set(page["listings"]) <= set(links.listings)
    assert links.next_page == page["next"]


def test_chrome_is_left_out_and_a_page_wide_form_is_not_chrome() -> None:
    html = (
        "<html><body><form id='aspnetForm'><header><a href='/nyheter/om-oss-och-var-historia/'>Om</a></header>"
        "<div id='content'><a href='/nyheter/ny-ai-satsning-i-norr/'>Nyhet</a></div>"
        "<aside class='related'><a href='/nyheter/relaterad-nyhet-om-ai/'>Relaterad</a></aside>"
        "<footer><a href='/nyheter/sidfot-nyhet-om-ai/'>Fot</a></footer></form></body></html>"
    )
    [source] = [s for s in SOURCES if s.name == "umu"]
    links = extract_links(html, "https://www.umu.se/nyheter/", source)
    assert links.articles == ["https://www.umu.se/nyheter/ny-ai-satsning-i-norr/"]
    assert "Nyhet" in " ".join(main_region(Selector(text=html)).css("::text").getall())


def test_teaser_articles_are_no_main_region_and_an_article_header_is_no_chrome() -> None:
    teasers = "".join(
        f"<article class='teaser'><a href='/nyheter/nyhet-nummer-{i}-om-ai/'>{i}</a></article>" for i in range(3)
    )
    html = (
        f"<html><body><header><a href='/nyheter/sidhuvud-nyhet-om-ai/'>x</a></header><div>{teasers}</div></body></html>"
    )
    [source] = [s for s in SOURCES if s.name == "umu"]
    links = extract_links(html, "https://www.umu.se/nyheter/", source)
    assert links.articles == [f"https://www.umu.se/nyheter/nyhet-nummer-{i}-om-ai/" for i in range(3)]
    page = "<html><body><main><header><h1>Rubrik</h1><time>2025-01-01</time></header><p>Text.</p></main></body></html>"
    assert main_region(Selector(text=page)).css("h1 ::text").get() == "Rubrik"
