"""Writes the page development set: article contents (``articles.yaml``) in the chrome of the CMSs that
press pages use, each page with its gold (first/last sentence that must be in the main text, chrome
snippets that must stay out, the publication date).

    python -m tests.devsets.pages.generate            # tests/devsets/pages/dev/*.html + *.json

(The held-out batch has its own shapes, texts and date forms: ``heldout.py``.)

The shapes: form-wrapped SharePoint/ASP.NET, Sitevision, TYPO3 news, Drupal, WordPress, AEM, Episerver,
Government Site Builder, teaser grids, page-wide wrappers, PHP warnings first, an invalid UTF-8 byte.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

from tests.devsets.pages.templates import CHROME, TEMPLATES, shell, t_php_warnings

HERE = Path(__file__).resolve().parent
HOSTS = {"sv": "www.example-universitet.se", "nl": "www.voorbeeld-hogeschool.nl", "de": "www.beispiel-uni.de"}
HOSTS["en"] = "www.example-university.se"
DATELINES = {  # (format of the visible dateline, how the day is written in it)
    "sv": ["Publicerad: {wd_sv} {d} {mon_sv} {y}", "Publicerad {iso} kl. 09.15", "{d} {month_sv} {y}"],
    "nl": [
        "Gepubliceerd op {d} {month_nl} {y}",
        "{dd}-{mm}-{y} | Nieuwsbericht",
        "Gepubliceerd: {d} {month_nl} {y}, 14:05",
    ],
    "de": [
        "{wd_de}, {d}.{m}.{y}, 08:10",
        "Geschrieben von Anna Schmidt am {dd}.{mm}.{y} 17:45",
        "Dieser Beitrag wurde am {d}. {month_de} {y} um 10:12 veröffentlicht",
        "{dd}.{mm}.{y} 09:15",
    ],
    "en": ["Posted on {month_en} {d}, {y} by Communications Office", "{d} {month_en} {y}"],
}
MONTHS = {
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
WEEKDAYS = {
    "sv": ["må", "ti", "on", "to", "fr", "lö", "sö"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
}
DATE_MODES = [
    "dateline",
    "meta_utc",
    "time",
    "ld_graph",
    "abbr",
    "dateline",
    "data_ts",
    "ld_untyped",
    "url",
    "dateline",
    "ld_control",
    "og_url",
    "video",
    "time_related",
    "dateline",
    "meta_offset",
]


def fmt_dateline(lang: str, day: date, k: int) -> str:
    forms = DATELINES[lang]
    return forms[k % len(forms)].format(
        d=day.day,
        m=day.month,
        y=day.year,
        dd=f"{day.day:02d}",
        mm=f"{day.month:02d}",
        iso=day.isoformat(),
        mon_sv=MONTHS["sv"][day.month - 1][:3],
        month_sv=MONTHS["sv"][day.month - 1],
        month_nl=MONTHS["nl"][day.month - 1],
        month_de=MONTHS["de"][day.month - 1],
        month_en=MONTHS["en"][day.month - 1],
        wd_sv=WEEKDAYS["sv"][day.weekday()],
        wd_de=WEEKDAYS["de"][day.weekday()],
    )


def date_parts(mode: str, lang: str, day: date, k: int, path: str) -> dict[str, str]:
    """Markup pieces carrying the publication date: head, header (near the title), url."""
    out = {"head": "", "header": "", "url_path": path, "og_url": ""}
    iso = day.isoformat()
    if mode == "dateline":
        out["header"] = f'<p class="meta-date">{fmt_dateline(lang, day, k)}</p>'
    elif mode == "meta_utc":  # 23:30 UTC the day before = the day in the publisher's zone
        utc = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(minutes=30)
        out["head"] = f'<meta property="article:published_time" content="{utc:%Y-%m-%dT%H:%M:%SZ}">'
    elif mode == "meta_offset":  # a stated offset is kept: 00:30+02:00 is that day
        out["head"] = f'<meta property="article:published_time" content="{iso}T00:30:00+02:00">'
    elif mode in ("time", "time_related"):
        out["header"] = f'<time datetime="{iso}T10:00:00+01:00">{day.day}.{day.month}.{day.year}</time>'
    elif mode == "ld_graph":
        other = day - timedelta(days=400)
        out["head"] = (
            '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
            f'{{"@type":"WebSite","name":"Site","datePublished":"{other.isoformat()}"}},'
            f'{{"@type":"NewsArticle","headline":"x","datePublished":"{iso}T08:00:00+01:00"}}]}}</script>'
        )
    elif mode == "ld_untyped":
        out["head"] = f'<script>{{"@context":"https://schema.org","@type":"Article","datePublished":"{iso}"}}</script>'
    elif mode == "ld_control":
        out["head"] = (
            '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
            f'"description":"Rad ett\trad\x0btvå","datePublished":"{iso}"}}</script>'
        )
    elif mode == "video":
        out["head"] = (
            '<script type="application/ld+json">{"@context":"https://schema.org","@type":"VideoObject",'
            f'"name":"Film","uploadDate":"{iso}T12:00:00+01:00"}}</script>'
        )
    elif mode == "abbr":
        out["header"] = f'<abbr class="published" title="{iso}T11:00:00+01:00">{day.day}/{day.month}</abbr>'
    elif mode == "data_ts":
        ts = int(datetime(day.year, day.month, day.day, 9, tzinfo=UTC).timestamp())
        out["header"] = f'<div class="article-date" data-timestamp="{ts}"></div>'
    elif mode == "url":
        out["url_path"] = f"/nyheter/{day.year}/{day.month:02d}/{day.day:02d}/{path.strip('/').split('/')[-1]}/"
    elif mode == "og_url":
        out["og_url"] = f"/news/{iso}-{path.strip('/').split('/')[-1]}"
    return out


PHP = (
    '<br />\n<b>Warning</b>:  Undefined array key "lang" in <b>/var/www/html/wp-content/themes/site/functions.php</b> '
    "on line <b>{n}</b><br />\n"
)


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÜ„–])", paragraph) if s]


def build(pages: int = 48) -> None:
    """Write ``pages`` pages: templates, articles, date forms and days in rotation (deterministic)."""
    articles = yaml.safe_load((HERE / "articles.yaml").read_text(encoding="utf-8"))
    out_dir = HERE / "dev"
    out_dir.mkdir(exist_ok=True)
    for i in range(pages):
        a = articles[(i * 5 + i // 12) % len(articles)]
        tmpl = TEMPLATES[i % len(TEMPLATES)]
        mode = DATE_MODES[(i * 3) % len(DATE_MODES)]
        day = date(2018, 1, 1) + timedelta(days=(i * 97) % 2400)
        lang, c = a["lang"], CHROME[a["lang"]]
        slug = a["id"] + f"-{i}"
        d = date_parts(mode, lang, day, i, f"/nyheter/{slug}/")
        head = d["head"] + (
            f'<meta property="og:url" content="https://{HOSTS[lang]}{d["og_url"]}">' if d["og_url"] else ""
        )
        body, attrs = tmpl(a, d, c, day)
        html = shell(a, head, body, attrs)
        data = html.encode("utf-8")
        if tmpl is t_php_warnings:
            data = "".join(PHP.format(n=k) for k in range(30)).encode() + data
        if i % 12 == 11:  # one invalid byte in the middle of the UTF-8 page
            cut = data.index(b"<p>") + 3
            data = data[:cut] + b"\xff" + data[cut:]
        first, last = sentences(a["paragraphs"][0])[0], sentences(a["paragraphs"][-1])[-1]
        middle = sentences(a["paragraphs"][len(a["paragraphs"]) // 2])[0]
        out = [
            c["nav"][1],
            c["nav"][3],
            c["teasers"][0],
            c["teasers"][2],
            c["address"],
            c["phone"],
            "LinkedIn",
            c["cookie"],
            c["credit"],
            c["prompt"],
        ]
        article_text = " ".join([a["title"], *a["paragraphs"]]).casefold()
        out = [s for s in out if s.casefold() not in article_text]  # chrome words that the article also uses
        gold = {
            "url": f"https://{HOSTS[lang]}{d['url_path']}",
            "template": tmpl.__name__[2:],
            "date_mode": mode,
            "language": lang,
            "published": day.isoformat(),
            "in": [first, middle, last],
            "out": out,
        }
        name = f"{i:02d}-{tmpl.__name__[2:]}-{slug}"
        (out_dir / f"{name}.html").write_bytes(data)
        (out_dir / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build()
