"""Writes the held-out page batch (``tests/devsets/pages/heldout``): CMS shapes, date forms and article
texts that the development set (``generate.py``) does not use, written after the extractor was tuned.
Scored once for the report (``python -m tests.quality.test_pages heldout``), never tuned on.

    python -m tests.devsets.pages.heldout
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent / "heldout"

ARTICLES = {
    "sv": (
        "Lunds universitet leder nytt nätverk för AI i skolan",
        [
            "Lunds universitet ska leda ett nationellt nätverk för forskning om AI i grundskolan. Nätverket får 18 "
            "miljoner kronor från Vetenskapsrådet under fyra år.",
            "Forskarna ska följa hur lärare använder språkmodeller i undervisningen. Tolv kommuner deltar från start.",
            "Resultaten ska presenteras på en konferens i Malmö hösten 2026.",
        ],
    ),
    "nl": (
        "Universiteit Twente opent lab voor robotica in de zorg",
        [
            "De Universiteit Twente opent een nieuw lab waar robots voor de zorg worden getest. De provincie Overijssel "
            "draagt 3 miljoen euro bij.",
            "Zorginstellingen uit de regio leveren praktijkvragen aan. Studenten van de hogeschool werken mee aan de "
            "eerste prototypes.",
            "Het lab is vanaf januari open voor bedrijven die hun producten willen laten testen.",
        ],
    ),
    "de": (
        "Hochschule startet Transferzentrum für Maschinelles Lernen",
        [
            "Die Hochschule eröffnet ein Transferzentrum für maschinelles Lernen in der Produktion. Das Land stellt "
            "dafür 4,2 Millionen Euro bereit.",
            "Mittelständische Betriebe können dort eigene Daten gemeinsam mit Forschenden auswerten. Erste Projekte "
            "laufen mit Zulieferern der Autoindustrie.",
            "Das Zentrum bietet ab Herbst auch Kurse für Beschäftigte aus den Partnerbetrieben an.",
        ],
    ),
    "en": (
        "Research council funds doctoral school in machine learning",
        [
            "The research council will fund a national doctoral school in machine learning with 60 million kronor. "
            "Ten universities take part.",
            "Doctoral students will spend at least six months with an industrial partner. Courses are given in "
            "English at three sites.",
            "The first students are admitted in the autumn of next year.",
        ],
    ),
}
CHROME = {
    "sv": ("Hitta personal", "Lediga jobb", "Läs mer om oss", "Box 117, 221 00 Lund", "Fler nyheter från fakulteten"),
    "nl": ("Studiekeuze", "Werken bij", "Lees meer over ons", "Postbus 217, 7500 AE Enschede", "Meer nieuws"),
    "de": ("Studienangebot", "Stellenangebote", "Weitere Meldungen", "Postfach 1234, 70174 Stuttgart", "Archiv"),
    "en": ("Find staff", "Vacancies", "More news", "SE-221 00 Lund, Sweden", "News archive"),
}


def paras(lang: str) -> str:
    return "".join(f"<p>{p}</p>" for p in ARTICLES[lang][1])


def menu(lang: str) -> str:
    return "".join(f'<li class="menu-item"><a href="/{i}">{w}</a></li>' for i, w in enumerate(CHROME[lang][:2]))


def page(lang: str, head: str, body: str, attrs: str = "") -> str:
    title = ARTICLES[lang][0]
    return f'<!doctype html><html lang="{lang}"><head><title>{title} - Site</title>{head}</head><body{attrs}>{body}</body></html>'


def related(lang: str, day: str) -> str:
    c = CHROME[lang]
    return (
        f'<div class="news-teasers"><h2>{c[4]}</h2><div class="row"><div class="col"><time datetime="{day}">x</time>'
        f'<a href="/n/1">{c[2]}</a></div></div></div>'
    )


def cases() -> list[tuple[str, str, str, str, str]]:
    """(name, lang, url, published, html)"""
    out = []
    for lang in ("sv", "nl", "de", "en"):
        t, c = ARTICLES[lang][0], CHROME[lang]
        out += [
            (
                f"joomla-{lang}",
                lang,
                f"https://www.site-{lang}.eu/index.php/news/42",
                "2019-04-03",
                page(
                    lang,
                    "",
                    f'<div id="wrapper"><ul class="nav menu">{menu(lang)}</ul><div class="item-page"><div class="page-header">'
                    f'<h2 itemprop="headline">{t}</h2></div><dl class="article-info"><dd class="published"><span '
                    f'itemprop="datePublished" content="2019-04-03T08:10:00+02:00">3 april</span></dd></dl>'
                    f'<div itemprop="articleBody">{paras(lang)}</div></div><div class="moduletable">{related(lang, "2019-03-01")}'
                    f'</div><div id="footer"><p>{c[3]}</p></div></div>',
                ),
            ),
            (
                f"plone-{lang}",
                lang,
                f"https://www.site-{lang}.eu/news/item-{lang}",
                "2020-10-30",
                page(
                    lang,
                    '<meta name="DC.date.issued" content="2020-10-29T23:15:00+00:00">',
                    f'<div id="portal-header"><ul id="portal-globalnav">{menu(lang)}</ul></div><div id="portal-columns">'
                    f'<div id="portal-column-content"><div id="content"><h1 class="documentFirstHeading">{t}</h1>'
                    f'<div id="content-core">{paras(lang)}</div></div></div><div id="portal-column-two">'
                    f'{related(lang, "2020-09-01")}</div></div><div id="portal-footer"><p>{c[3]}</p></div>',
                ),
            ),
            (
                f"spa-{lang}",
                lang,
                f"https://www.site-{lang}.eu/story/{lang}-1",
                "2021-02-17",
                page(
                    lang,
                    '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
                    f'"headline":"{t}","datePublished":"2021-02-17","articleBody":"'
                    + "\\n\\n".join(ARTICLES[lang][1])
                    + '"}</script>',
                    f'<div id="__next"><div class="app-shell"><nav>{menu(lang)}</nav><h1>{t}</h1><div class="loading">'
                    f"</div></div></div>",
                ),
            ),
            (
                f"table-layout-{lang}",
                lang,
                f"https://www.site-{lang}.eu/aktuell/2018/11/05/meldung.html",
                "2018-11-05",
                page(
                    lang,
                    "",
                    f'<table width="100%"><tr><td class="leftnav" width="180"><ul>{menu(lang)}</ul></td><td valign="top">'
                    f'<h1>{t}</h1>{paras(lang)}</td><td class="rightcol">{related(lang, "2018-10-01")}</td></tr></table>'
                    f'<p class="address">{c[3]}</p>',
                ),
            ),
        ]
    return out


def build() -> None:
    HERE.mkdir(exist_ok=True)
    for name, lang, url, published, html in cases():
        first = ARTICLES[lang][1][0].split(". ")[0]
        last = ARTICLES[lang][1][-1].split(". ")[-1]
        gold = {
            "url": url,
            "template": name.rsplit("-", 1)[0],
            "date_mode": "heldout",
            "language": lang,
            "published": published,
            "in": [first, last],
            "out": [*CHROME[lang][:4]],
        }
        (HERE / f"{name}.html").write_text(html, encoding="utf-8")
        (HERE / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build()
