"""Article acceptance without exact patterns: every real article URL of ../shared/real-sites.md is an
article for its source; known non-article pages of the same sites are not; pages judge themselves."""

from __future__ import annotations

import re

import pytest

from spiders.article_shape import page_kind, url_kind
from spiders.registry import load_sources
from tests.helpers.paths import seeds_dir

REAL_SITES = seeds_dir().parent / "real-sites.md"
SOURCES = {s.name: s for s in load_sources()}


def _real_articles() -> list[tuple[str, str]]:
    if not REAL_SITES.exists():
        pytest.fail(f"{REAL_SITES} is missing: the acceptance test needs the real publishers' URLs")
    rows = []
    for line in REAL_SITES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) >= 5 and cells[1] in SOURCES:
            rows += [(cells[1], u) for u in re.findall(r"https?://[^\s<|]+", cells[3])]
    return rows


def test_real_sites_table_covers_every_source() -> None:
    names = {name for name, _ in _real_articles()}
    assert names == set(SOURCES), sorted(set(SOURCES) ^ names)
    assert len(_real_articles()) >= 70


@pytest.mark.parametrize(("name", "url"), _real_articles())
def test_every_real_article_url_is_an_article_of_its_source(name: str, url: str) -> None:
    assert SOURCES[name].url_kind(url) == "article"


# Pages of the same sites that are not articles (written from the sites' shapes: sections, archive
# folders, pagination, tags, search, feeds, about pages, home pages).
NOT_ARTICLES = [
    ("lindholmen", "https://www.lindholmen.se/en/news"),
    ("lindholmen", "https://www.lindholmen.se/sv/nyheter?page=2"),
    ("lindholmen", "https://www.lindholmen.se/sv"),
    ("oru", "https://www.oru.se/nyheter/nyhetsarkiv/nyhetsarkiv-2020/"),
    ("oru", "https://www.oru.se/nyheter/nyhetsarkiv/"),
    ("oru", "https://oru.se/english/"),
    ("umu", "https://www.umu.se/nyheter/alla-nyheter/rssnews?id=10421080"),
    ("umu", "https://www.umu.se/en/news/all-news/rssnews/?id=10421084"),
    ("umu", "https://www.umu.se/reportage/"),
    ("umu", "https://www.umu.se/nyheter/sida/3/"),
    ("regieorgaan-sia", "https://regieorgaan-sia.nl/nieuwsoverzicht/"),
    ("regieorgaan-sia", "https://regieorgaan-sia.nl/over-ons/"),
    ("uni-leipzig", "https://www.uni-leipzig.de/newsdetail/"),
    ("uni-leipzig", "https://www.uni-leipzig.de/impressum/"),
    ("ai-sweden", "https://www.ai.se/en/news/tag/ai"),
    ("vinnova", "https://www.vinnova.se/nyheter/2025/10/"),
    ("vinnova", "https://www.vinnova.se/e/ai-och-data/ai-for-alla-2025-01234"),
    ("vetenskapsradet", "https://www.vr.se/aktuellt/nyheter.html"),
    ("kth", "https://www.kth.se/om/nyheter/centrala-nyheter"),
    ("chalmers", "https://www.chalmers.se/sv/nyheter/Sidor/default.aspx"),
    ("liu", "https://liu.se/nyheter"),
    ("lund", "https://www.lu.se/sok?q=ai"),
    ("uppsala", "https://www.uu.se/en/news"),
    ("wasp", "https://wasp-sweden.org/about-us/"),
    ("wasp", "https://wasp-sweden.org/ai/"),
    ("wasp", "https://wasp-sweden.org/feed/"),
    ("nwo", "https://www.nwo.nl/nieuws?page=2"),
    ("tno", "https://www.tno.nl/nl/newsroom/"),
    ("nl-ai-coalitie", "https://nlaic.com/nieuws/page/2/"),
    ("nl-ai-coalitie", "https://nlaic.com/categorie/nieuws/"),
    ("tudelft", "https://www.tudelft.nl/en/about-tu-delft"),
    ("uva", "https://www.uva.nl/nieuws-en-agenda/nieuws/nieuws.html"),
    ("uu-nl", "https://www.uu.nl/nieuws/archief"),
    ("tue", "https://www.tue.nl/en/news/news-overview/"),
    ("dfki", "https://www.dfki.de/web/news/seite-2"),
    ("bmftr", "https://www.bmftr.bund.de/DE/Aktuelles/Pressemitteilungen/pressemitteilungen_node.html"),
    ("fraunhofer", "https://www.fraunhofer.de/de/presse/presseinformationen.html"),
    ("tu-dresden", "https://tu-dresden.de/tu-dresden/newsportal"),
    ("scads-ai", "https://scads.ai/feed/"),
    ("scads-ai", "https://scads.ai/about/"),
    ("ki-campus", "https://ki-campus.org/blog/feed"),
    ("plattform-lernende-systeme", "https://www.plattform-lernende-systeme.de/pressemitteilungen.html"),
    ("cyber-valley", "https://cyber-valley.de/en/news"),
    ("cyber-valley", "https://cyber-valley.eu/sitemap.xml"),
]


@pytest.mark.parametrize(("name", "url"), NOT_ARTICLES)
def test_known_non_article_pages_are_rejected(name: str, url: str) -> None:
    assert SOURCES[name].url_kind(url) != "article"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://x.se/nyheter/", "listing"),
        ("https://x.se/nyheter/sida/2/", "listing"),
        ("https://x.se/news?page=3", "listing"),
        ("https://x.se/kategori/forskning/", "listing"),
        ("https://x.se/nyheter/rss.xml", "other"),
        ("https://x.se/en/", "other"),
        ("https://x.se/nyheter/ny-forskning-om-ai/", "article"),
        ("https://x.se/pressemitteilungen/2024/05/", "listing"),
        ("https://x.se/pressemitteilungen/2024/05/240501-ki.html", "article"),
        ("https://x.se/en/2024/eemcs/robots-that-learn", "article"),
        ("https://x.se/projekt/kimed/", "unknown"),
    ],
)
def test_url_shapes_without_a_source(url: str, kind: str) -> None:
    assert url_kind(url) == kind


def test_hosts_are_sites_www_and_bare_and_subdomains() -> None:
    oru, dfki, bmftr = SOURCES["oru"], SOURCES["dfki"], SOURCES["bmftr"]
    assert oru.url_kind("https://oru.se/english/news/a-new-ai-lab/") == "article"
    assert oru.url_kind("https://www.oru.se/nyheter/ett-nytt-ai-labb/") == "article"
    assert dfki.url_kind("https://www-live.dfki.de/web/news/neues-projekt-startet") == "article"
    assert (
        bmftr.url_kind("https://www.bmbf.de/bmbf/shareddocs/pressemitteilungen/de/2021/01/210105-ki.html") == "article"
    )
    assert oru.url_kind("https://www.umu.se/nyheter/nytt-ai-projekt_1234567/") == "other"
    assert oru.url_kind("https://notoru.se/nyheter/ett-nytt-ai-labb/") == "other"


_CHROME = "<header><nav><a href='/'>Hem</a><a href='/om'>Om</a></nav></header><footer><a href='/k'>Kontakt</a></footer>"
_TEXT = " ".join(["Forskarna har byggt en ny modell för att förstå språk."] * 20)


def test_page_kind_reads_metadata_and_shape() -> None:
    teasers = "".join(f"<li><a href='/nyheter/n-{i}/'>Rubrik nummer {i} om något</a></li>" for i in range(8))
    listing = f"<html><head><meta property='og:type' content='article'></head><body>{_CHROME}<main><h1>Nyheter</h1><ul>{teasers}</ul></main></body></html>"
    assert page_kind(listing) == "listing"  # link-heavy main region wins over a mislabelled og:type
    article = f"<html><body>{_CHROME}<main><h1>Rubrik</h1><p>{_TEXT}</p></main></body></html>"
    assert page_kind(article) == "article"
    ld = '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle"}]}</script>'
    assert page_kind(f"<html><head>{ld}</head><body><main><h1>Kort</h1><p>Kort.</p></main></body></html>") == "article"
    assert page_kind(f"<html><body>{_CHROME}<main><h1>Kontakt</h1><p>Ring oss.</p></main></body></html>") == "unknown"
