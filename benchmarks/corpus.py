"""Synthetic benchmark corpus: realistic press-release pages, deterministic from a seed.

Each page is 30–80 KB: a mega-menu navigation, a cookie banner, breadcrumbs, inline styles and
scripts (analytics, JSON-LD), the article (title, lead, 8–30 paragraphs in sv/nl/de/en with
money amounts, dates, organisations and programmes from ``data/gazetteers``, people with roles and
quotes), a "related news" box and a large footer. All text comes from the templates in ``corpus_vocabulary.yaml``.

The pages can be written as a snapshot folder (``<root>/<host>/<path>/index.html``) with paginated
listing pages (``<ul class="news-list">`` + ``<a rel="next">``) and a matching source registry YAML,
so the project's own spiders can crawl them from ``pipelines.devtools.demo_server.serve_snapshot``.

    python benchmarks/corpus.py --pages 1000 --out /tmp/bench-snapshot
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
GAZETTEERS = REPO / "data" / "gazetteers"
LISTING_PAGE_SIZE = 50

# One benchmark publisher per language (and one bilingual): host, registry name, org id, languages.
SITES = (
    ("news.bench-se.test", "bench-se", "se-orebro-universitet", "SE", ("sv", "en"), "nyheter"),
    ("news.bench-nl.test", "bench-nl", "nl-regieorgaan-sia", "NL", ("nl",), "nieuws"),
    ("news.bench-de.test", "bench-de", "de-universitat-leipzig", "DE", ("de",), "aktuelles"),
    ("news.bench-en.test", "bench-en", "se-umea-universitet", "SE", ("en", "sv"), "news"),
)

# ----------------------------------------------------------------------------- vocabulary
# Names for people, and per language the words, templates and page chrome (data, not code).
_VOCABULARY = yaml.safe_load((Path(__file__).resolve().parent / "corpus_vocabulary.yaml").read_text(encoding="utf-8"))
FIRST: list[str] = _VOCABULARY["first_names"]
LAST: list[str] = _VOCABULARY["last_names"]
L: dict[str, dict] = _VOCABULARY["languages"]

FILLER_CSS = "".join(
    f".c{i}{{margin:{i % 7}px {i % 5}px;padding:{i % 3}px;color:#{(i * 2654435761) % 0xFFFFFF:06x};"
    f"font-size:{12 + i % 6}px;line-height:1.{i % 9}}}\n"
    for i in range(120)
)
FILLER_JS = ";\n".join(
    f"window.dataLayer=window.dataLayer||[];dataLayer.push({{event:'view_{i}',category:'news',value:{i * 37 % 1000}}})"
    for i in range(60)
)


@dataclass(frozen=True)
class Page:
    """One generated article: where it lives and its bytes."""

    host: str
    path: str  # URL path, starting and ending with "/"
    lang: str
    html: bytes

    @property
    def url(self) -> str:
        return f"https://{self.host}{self.path}"


@cache
def _gazetteer() -> dict[str, list[str]]:
    """Organisation names per country and programme names, from the project's gazetteers."""
    out: dict[str, list[str]] = {}
    for cc in ("se", "nl", "de", "eu"):
        with open(GAZETTEERS / f"organisations_{cc}.csv", encoding="utf-8") as fh:
            out[cc] = [row["name"] for row in csv.DictReader(fh) if row["name"]]
    with open(GAZETTEERS / "programmes.csv", encoding="utf-8") as fh:
        out["programmes"] = [row["name"] for row in csv.DictReader(fh) if row["name"]]
    return out


_COUNTRY = {"sv": "se", "nl": "nl", "de": "de", "en": "se"}


def _num(rng: random.Random, lang: str) -> dict[str, str]:
    a = f"{rng.randint(1, 99)}{L[lang]['decimal']}{rng.randint(1, 9)}"
    b = str(rng.randint(1, 9))
    c = f"{rng.randint(10, 990)}{L[lang]['thousands']}000"
    return {"a": a, "b": b, "c": c}


def _fill(rng: random.Random, lang: str, template: str, year: int) -> str:
    voc = L[lang]
    gaz = _gazetteer()
    orgs = gaz[_COUNTRY[lang]]
    pick = lambda seq: seq[rng.randrange(len(seq))]  # noqa: E731

    def date(y: int) -> str:
        return voc["date"].format(d=rng.randint(1, 28), m=pick(voc["months"]), y=y)

    return template.format(
        org=pick(orgs),
        org2=pick(orgs),
        org3=pick(gaz["eu"] if rng.random() < 0.3 else orgs),
        prog=pick(gaz["programmes"]),
        amt=pick(voc["amounts"]).format(**_num(rng, lang)),
        date=date(year),
        date2=date(year + rng.randint(1, 4)),
        y=year + rng.randint(0, 2),
        person=f"{pick(FIRST)} {pick(LAST)}",
        role=pick(voc["roles"]),
        n=rng.randint(2, 40),
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _nav(rng: random.Random, voc: dict, host: str) -> str:
    """A mega menu: every top item with a panel of 10–16 links."""
    items = []
    for top in voc["chrome"]:
        sub = "".join(
            f'<li><a href="/{top.lower().replace(" ", "-")}/{i}/">{top} {i}: {_esc(rng.choice(voc["chrome"]))}</a></li>'
            for i in range(rng.randint(10, 16))
        )
        items.append(
            f'<li class="menu-item"><a href="/{top.lower().replace(" ", "-")}/">{top}</a>'
            f'<div class="mega-panel"><ul>{sub}</ul></div></li>'
        )
    return (
        f'<header class="site-header"><a class="logo" href="https://{host}/">{host}</a>'
        f'<nav class="main-nav" aria-label="menu"><ul>{"".join(items)}</ul></nav>'
        f'<form class="search" action="/search/"><input type="search" name="q"><button>Search</button></form></header>'
    )


def _footer(rng: random.Random, voc: dict) -> str:
    cols = []
    for c in range(4):
        links = "".join(f'<li><a href="/f/{c}/{i}/">{rng.choice(voc["chrome"])} {i}</a></li>' for i in range(12))
        cols.append(f'<div class="footer-col"><h3>{voc["chrome"][c]}</h3><ul>{links}</ul></div>')
    return (
        f'<footer id="footer">{"".join(cols)}<div class="footer-address"><strong>Box 123</strong><br>'
        f'Telefon 019-30 30 00<br>Org.nr 202100-2650</div><p class="copyright">© 2025</p></footer>'
    )


def article_html(rng: random.Random, lang: str, host: str, path: str, related: list[str]) -> str:
    """One article page in ``lang``, 30–80 KB."""
    voc = L[lang]
    year = rng.randint(2018, 2025)
    title = _fill(rng, lang, rng.choice(voc["title"]), year)
    lead = _fill(rng, lang, voc["lead"], year)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    iso = f"{year}-{month:02d}-{day:02d}"
    shown = voc["date"].format(d=day, m=voc["months"][month - 1], y=year)
    target = rng.randint(30_000, 80_000)
    paras = [f"<p>{_esc(_fill(rng, lang, rng.choice(voc['para']), year))}</p>" for _ in range(rng.randint(8, 30))]
    if rng.random() < 0.5:
        paras.insert(
            len(paras) // 2,
            "<ul>"
            + "".join(f"<li>{_esc(_fill(rng, lang, '{org}: {amt}', year))}</li>" for _ in range(rng.randint(3, 8)))
            + "</ul>",
        )
    contact = (
        f'<div class="contact"><h2>{voc["chrome"][6]}</h2><p>{rng.choice(voc["roles"]).capitalize()}<br>'
        f"{rng.choice(FIRST)} {rng.choice(LAST)}<br>+46 70 123 45 67</p></div>"
    )
    rel = "".join(
        f'<li><a href="{u}">{_esc(_fill(rng, lang, rng.choice(voc["title"]), year))}</a></li>' for u in related
    )
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": iso,
            "inLanguage": lang,
            "publisher": {"@type": "Organization", "name": host},
        },
        ensure_ascii=False,
    )
    head = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{_esc(title)} | {host}</title>\n<meta name="description" content="{_esc(lead[:150])}">\n'
        f'<meta property="og:title" content="{_esc(title)}">\n<meta property="og:type" content="article">\n'
        f'<meta property="article:published_time" content="{iso}T08:30:00+01:00">\n'
        f'<link rel="canonical" href="https://{host}{path}">\n<link rel="stylesheet" href="/static/site.css">\n'
        f'<style>{FILLER_CSS}</style>\n<script type="application/ld+json">{jsonld}</script>\n</head>\n'
    )
    body_start = (
        f'<body>\n<a class="skip-link" href="#main">Skip</a>\n{_nav(rng, voc, host)}\n'
        f'<div id="cookie-consent" class="cookie-banner" role="dialog"><p>{voc["cookie"]}</p>'
        f'<button class="btn-accept">OK</button><button class="btn-necessary">Min</button></div>\n'
        f'<nav class="breadcrumbs"><ol><li><a href="/">Start</a></li><li><a href="/{path.split("/")[1]}/">{voc["listing"]}</a></li>'
        f'<li aria-current="page">{_esc(title)}</li></ol></nav>\n'
        f'<main id="main"><article class="news-article">\n<header class="article-header"><h1>{_esc(title)}</h1>'
        f'<p class="meta"><time datetime="{iso}">{shown}</time></p></header>\n'
        f'<p class="ingress">{_esc(lead)}</p>\n'
    )
    article_end = (
        f'{contact}\n<div class="share"><a href="#">Facebook</a><a href="#">LinkedIn</a><a href="#">X</a></div>\n'
        f'</article>\n<aside class="related"><h2>{voc["related"]}</h2><ul>{rel}</ul></aside></main>\n'
    )
    tail = f"{_footer(rng, voc)}\n<script>{FILLER_JS}</script>\n</body>\n</html>\n"
    page = head + body_start + "\n".join(paras) + article_end + tail
    # Pad with chrome (more menu panels and scripts) until the page reaches its target size.
    pad = []
    while len(page.encode()) + sum(len(p) for p in pad) < target:
        pad.append(
            f'<div class="promo-panel c{rng.randint(0, 119)}"><ul>'
            + "".join(
                f'<li><a href="/kampanj/{rng.randint(0, 10**6)}/">{rng.choice(voc["chrome"])} – {rng.choice(voc["chrome"])}</a></li>'
                for _ in range(20)
            )
            + "</ul></div>\n"
        )
        pad.append(f"<script>/* tracking */ {FILLER_JS[: rng.randint(500, 3000)]}</script>\n")
    return head + body_start + "\n".join(paras) + article_end + "".join(pad) + tail


def _slug(rng: random.Random, i: int) -> str:
    words = ("ai", "forskning", "onderzoek", "forschung", "research", "centrum", "netzwerk", "lab", "kurs", "fonds")
    return "-".join(rng.choice(words) for _ in range(4)) + f"-{i:06d}"


def generate(n: int, seed: int = 7) -> list[Page]:
    """``n`` article pages, round-robin over the benchmark sites, deterministic from ``seed``."""
    rng = random.Random(seed)
    slugs = [(SITES[i % len(SITES)], _slug(rng, i)) for i in range(n)]
    pages = []
    for _i, (site, slug) in enumerate(slugs):
        host, _name, _org, _cc, langs, section = site
        lang = langs[0] if len(langs) == 1 or rng.random() < 0.75 else langs[1]
        path = f"/{section}/{slug}/"
        related = [f"https://{s[0]}/{s[5]}/{sl}/" for s, sl in rng.sample(slugs, min(5, len(slugs)))]
        pages.append(Page(host, path, lang, article_html(rng, lang, host, path, related).encode("utf-8")))
    return pages


def _listing_html(site: tuple, pages: list[Page], number: int, has_next: bool) -> str:
    host, _name, _org, _cc, langs, section = site
    voc = L[langs[0]]
    items = "".join(
        f'<li class="news-item"><a href="{p.url}">{p.path.strip("/").split("/")[-1]}</a></li>' for p in pages
    )
    nxt = f'<nav class="pagination"><a rel="next" href="/{section}/page/{number + 1}/">»</a></nav>' if has_next else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{langs[0]}"><head><meta charset="utf-8"><title>{voc["listing"]} {number}</title></head>'
        f"<body>{_nav(random.Random(number), voc, host)}<main><h1>{voc['listing']}</h1>"
        f'<ul class="news-list">{items}</ul>{nxt}</main></body></html>\n'
    )


def write_snapshot(pages: list[Page], root: Path) -> Path:
    """Write the pages, paginated listings, robots.txt and ``sources.yaml`` under ``root``.

    Returns the registry path. Listing page 1 is ``/<section>/``, page k ``/<section>/page/k/``.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    by_host: dict[str, list[Page]] = {}
    for p in pages:
        by_host.setdefault(p.host, []).append(p)
        target = root / p.host / p.path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(p.html)
    entries = []
    for site in SITES:
        host, name, org, cc, langs, section = site
        mine = by_host.get(host, [])
        if not mine:
            continue
        (root / host).mkdir(parents=True, exist_ok=True)
        (root / host / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
        chunks = [mine[i : i + LISTING_PAGE_SIZE] for i in range(0, len(mine), LISTING_PAGE_SIZE)]
        for k, chunk in enumerate(chunks, start=1):
            folder = root / host / section if k == 1 else root / host / section / "page" / str(k)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(_listing_html(site, chunk, k, k < len(chunks)), encoding="utf-8")
        entries.append(
            {
                "name": name,
                "publisher_org_id": org,
                "country": cc,
                "languages": list(langs),
                "start_urls": [{"url": f"https://{host}/{section}/", "kind": "listing"}],
                "allowed_domains": [host],
                "article_patterns": [f"^/{section}/[^/]+/?$"],
                "exclude_patterns": [f"^/{section}/page/"],
                "pagination": ["a[rel=next]"],
                "selectors": {"links": "ul.news-list", "title": "h1", "date": "time", "body": "article"},
                "limits": {"max_pages": len(chunks) + 1, "max_depth": 3, "max_articles": len(mine) + 10},
            }
        )
    import yaml

    registry = root / "sources.yaml"
    registry.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return registry


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True, help="snapshot folder to write")
    args = ap.parse_args(argv)
    pages = generate(args.pages, args.seed)
    registry = write_snapshot(pages, args.out)
    size = sum(len(p.html) for p in pages)
    print(f"{len(pages)} pages, {size / 1e6:.1f} MB, registry {registry}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
