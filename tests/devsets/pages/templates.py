"""The chrome of the CMSs press pages use, as page templates for the development set (``generate.py``).

Each template takes an article (``articles.yaml``), the date markup (``generate.date_parts``), the language's
chrome words and the publication day, and returns the page body and the ``<body>`` attributes.
"""

from __future__ import annotations

from datetime import date, timedelta

CHROME = {
    "sv": {
        "nav": ["Utbildning", "Forskning", "Samverkan", "Om universitetet"],
        "cookie": "Vi använder kakor för att förbättra webbplatsen.",
        "related": "Läs också",
        "share": "Dela:",
        "more": "Relaterade nyheter",
        "address": "Box 7070, 901 87 Umeå",
        "phone": "Telefon: 090-786 50 00",
        "credit": "Foto: Mattias Pettersson",
        "prompt": "Prenumerera på nyhetsbrevet",
        "teasers": [
            "Ny professur i robotik tillsatt",
            "Rekordmånga sökande till sommarkurser",
            "Biblioteket förlänger öppettiderna",
        ],
    },
    "nl": {
        "nav": ["Opleidingen", "Onderzoek", "Samenwerken", "Over ons"],
        "cookie": "Wij gebruiken cookies om de website te verbeteren.",
        "related": "Lees ook",
        "share": "Delen:",
        "more": "Gerelateerd nieuws",
        "address": "Postbus 513, 5600 MB Eindhoven",
        "phone": "Telefoon 040 247 91 11",
        "credit": "Foto: Bart van Overbeeke",
        "prompt": "Abonneer je op de nieuwsbrief",
        "teasers": ["Nieuwe rector benoemd", "Open dag trekt duizenden bezoekers", "Studenten winnen robotwedstrijd"],
    },
    "de": {
        "nav": ["Studium", "Forschung", "Transfer", "Universität"],
        "cookie": "Wir verwenden Cookies, um die Website zu verbessern.",
        "related": "Mehr zum Thema",
        "share": "Teilen:",
        "more": "Ähnliche Beiträge",
        "address": "Augustusplatz 10, 04109 Leipzig",
        "phone": "Telefon: 0341 97-35020",
        "credit": "Foto: Christian Hüller",
        "prompt": "Newsletter abonnieren",
        "teasers": ["Neue Rektorin gewählt", "Sommerfest auf dem Campus", "Bibliothek verlängert Öffnungszeiten"],
    },
    "en": {
        "nav": ["Education", "Research", "Collaboration", "About us"],
        "cookie": "We use cookies to improve the website.",
        "related": "Read also",
        "share": "Share:",
        "more": "Related news",
        "address": "SE-901 87 Umeå, Sweden",
        "phone": "Phone: +46 90 786 50 00",
        "credit": "Photo: Mattias Pettersson",
        "prompt": "Subscribe to our newsletter",
        "teasers": [
            "New professor of robotics appointed",
            "Record number of applicants",
            "Library extends opening hours",
        ],
    },
}


def related_items(lang: str, day: date, with_time: bool) -> str:
    c = CHROME[lang]
    items = "".join(
        f'<li><a href="/n/{i}">{t}</a>'
        + (f' <time datetime="{(day - timedelta(days=9 + i)).isoformat()}">x</time>' if with_time else "")
        + "</li>"
        for i, t in enumerate(c["teasers"])
    )
    return f"<ul>{items}</ul>"


def body_html(a: dict) -> str:
    return "".join(f"<p>{p}</p>" for p in a["paragraphs"])


def nav(lang: str) -> str:
    return "<ul>" + "".join(f'<li><a href="/{i}">{n}</a></li>' for i, n in enumerate(CHROME[lang]["nav"])) + "</ul>"


def shell(a: dict, head: str, body: str, body_attrs: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="{a["lang"]}"><head><meta charset="utf-8"><title>{a["title"]} | Webbplats'
        f"</title>{head}</head><body{body_attrs}>{body}</body></html>"
    )


def t_sharepoint(a, d, c, day):
    body = (
        f'<form method="post" action="./page.aspx" id="aspnetForm"><div class="aspNetHidden"><input type="hidden" '
        f'name="__VIEWSTATE" value="abc"></div><div id="s4-ribbonrow"></div><div id="s4-topheader"><div class="menu">'
        f'{nav(a["lang"])}</div></div><div id="s4-bodyContainer"><div id="ctl00_PlaceHolderMain_ctl00" class="article">'
        f'<h1 id="ctl00_PlaceHolderMain_Title">{a["title"]}</h1><span id="ctl00_PlaceHolderMain_DateLabel">'
        f'{d["header"]}</span><div class="ms-rtestate-field">{body_html(a)}</div>'
        f'<div class="ms-rtestate-field"><p>{c["credit"]}</p></div></div>'
        f'<div class="related-links"><h3>{c["related"]}</h3>{related_items(a["lang"], day, True)}</div></div>'
        f'<div id="footer"><p>{c["address"]}</p><p>{c["phone"]}</p></div></form>'
    )
    return body, ""


def t_sitevision(a, d, c, day):
    col = lambda inner: f'<div class="sv-layout sv-skip-spacer"><div class="sv-layout">{inner}</div></div>'  # noqa: E731
    body = (
        f'<div class="sv-layout" id="svid10_1"><div class="sv-layout sv-template-portlet"><nav class="menu">{nav(a["lang"])}'
        f"</nav></div>{col('<h1 class=heading>' + a['title'] + '</h1>')}{col(d['header'])}"
        f'<div class="sv-text-portlet sv-use-margins">'
        + "".join(f'<p class="normal">{p}</p>' for p in a["paragraphs"])
        + f'</div><div class="sv-text-portlet"><p class="normal">{c["share"]} Facebook LinkedIn Twitter</p></div>'
        f'<div class="sv-layout sv-related"><h2>{c["more"]}</h2>{related_items(a["lang"], day, True)}</div>'
        f'<div class="sv-layout footer-container"><p>{c["address"]}</p></div></div>'
    )
    return body, ""


def t_typo3(a, d, c, day):
    body = (
        f'<div class="page has-sidebar"><div id="skiplinks"><a href="#c1">Skip</a></div><header id="page-header">'
        f'<nav>{nav(a["lang"])}</nav></header><div class="container"><div class="news news-single"><div class="article" '
        f'itemscope itemtype="http://schema.org/Article"><div class="header"><h1 itemprop="headline">{a["title"]}</h1></div>'
        f'<div class="news-list-date">{d["header"]}</div><div class="news-text-wrap" itemprop="articleBody">{body_html(a)}'
        f"<h3>{c['related']}</h3>{related_items(a['lang'], day, True)}</div>"
        f'<div class="news-related-wrap"><div class="news-related news-related-news"><h4>{c["more"]}</h4>'
        f"{related_items(a['lang'], day, True)}</div></div></div></div></div>"
        f'<div class="footer-wrap"><p>{c["address"]}</p></div></div>'
    )
    return body, ' class="has-sidebar layout-2"'


def t_drupal(a, d, c, day):
    body = (
        f'<a href="#main-content" class="visually-hidden focusable skip-link">Skip</a><div class="dialog-off-canvas-main-canvas">'
        f'<div class="layout-container"><header role="banner"><div class="region region-header">{nav(a["lang"])}</div></header>'
        f'<main role="main"><a id="main-content" tabindex="-1"></a><div class="region region-content">'
        f'<article role="article" class="node node--type-article node--view-mode-full"><h1 class="page-title"><span>'
        f'{a["title"]}</span></h1><div class="node__meta">{d["header"]}</div><div class="node__content"><div class="field '
        f'field--name-body field--type-text-with-summary">{body_html(a)}</div><div class="field field--name-field-tags">'
        f'<div class="field__label">Tags</div><div class="field__item"><a href="/t/1">AI</a></div></div></div></article>'
        f'</div></main><aside class="layout-sidebar-second" role="complementary"><h2>{c["more"]}</h2>'
        f'{related_items(a["lang"], day, True)}</aside><footer role="contentinfo"><p>{c["address"]}</p><p>{c["phone"]}</p>'
        f"</footer></div></div>"
    )
    return body, ' class="path-node page-node-type-article has-sidebar-second"'


def t_wordpress(a, d, c, day):
    body = (
        f'<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip</a><header id="masthead" '
        f'class="site-header"><nav id="site-navigation" class="main-navigation">{nav(a["lang"])}</nav></header>'
        f'<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">'
        f'<article id="post-1234" class="post-1234 post type-post status-publish"><header class="entry-header"><h1 '
        f'class="entry-title">{a["title"]}</h1><div class="entry-meta">{d["header"]}</div></header><div class="entry-content">'
        f'{body_html(a)}<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{c["share"]}</h3><ul><li>LinkedIn'
        f'</li><li>Twitter</li></ul></div><div id="jp-relatedposts" class="jp-relatedposts"><h3>{c["more"]}</h3>'
        f'{related_items(a["lang"], day, True)}</div></div></article><div id="comments" class="comments-area"><h2>Kommentare'
        f'</h2><p>{c["prompt"]}</p></div></main></div><aside id="secondary" class="widget-area"><p>{c["cookie"]}</p></aside>'
        f'</div><footer id="colophon" class="site-footer"><p>{c["address"]}</p></footer></div>'
    )
    return body, ' class="post-template-default single single-post"'


def t_aem(a, d, c, day):
    body = (
        f'<div class="root container responsivegrid"><div class="cmp-container"><div class="header experiencefragment">'
        f'<div class="cmp-navigation">{nav(a["lang"])}</div></div><div class="container responsivegrid"><div class='
        f'"cmp-container"><div class="title"><h1 class="cmp-title__text">{a["title"]}</h1></div><div class="text">{d["header"]}'
        f"</div>"
        + "".join(f'<div class="text"><div class="cmp-text">{"<p>" + p + "</p>"}</div></div>' for p in a["paragraphs"])
        + f'<div class="image"><div class="cmp-image"><span class="cmp-image__title">{c["credit"]}</span></div></div>'
        f'<div class="teaser-list"><h2>{c["more"]}</h2>{related_items(a["lang"], day, True)}</div></div></div>'
        f'<div class="footer experiencefragment"><p>{c["address"]}</p><p>{c["phone"]}</p></div></div></div>'
    )
    return body, ""


def t_episerver(a, d, c, day):
    body = (
        f'<form method="post" action="/" id="form1"><div class="aspNetHidden"></div><div id="wrapper"><div id="header">'
        f'<ul id="mainMenu">{"".join(f"<li><a>{n}</a></li>" for n in c["nav"])}</ul></div><div id="mainContent" class="page">'
        f'<div class="main-content"><h1>{a["title"]}</h1>{d["header"]}<div class="introduction"><p>{a["paragraphs"][0]}</p>'
        f'</div><div class="mainbody">{"".join(f"<p>{p}</p>" for p in a["paragraphs"][1:])}</div><div class="pagetools">'
        f'{c["share"]} LinkedIn Facebook</div></div><div class="right-column"><div class="contact-block"><h2>Kontakt</h2>'
        f'<p>{c["phone"]}</p></div><div class="news-list-block"><h2>{c["more"]}</h2>{related_items(a["lang"], day, True)}'
        f'</div></div></div><div id="footer"><p>{c["address"]}</p></div></div></form>'
    )
    return body, ""


def t_gsb(a, d, c, day):
    body = (
        f'<div id="wrapperOuter"><div id="wrapperInner"><a id="skipToContent" href="#main">Zum Inhalt</a><div id="header">'
        f'<div id="navPrimary">{nav(a["lang"])}</div></div><div id="wrapperContent"><div id="main"><div class="article">'
        f'<div class="docData">{d["header"]}</div><h1 class="isFirstInSlot">{a["title"]}</h1><div class="abstract"><p>'
        f'{a["paragraphs"][0]}</p></div>{"".join(f"<p>{p}</p>" for p in a["paragraphs"][1:])}<div class="picture-credit">'
        f'<p>{c["credit"]}</p></div><div class="sectionRelated"><h2>{c["related"]}</h2>{related_items(a["lang"], day, True)}'
        f'</div><div class="contact"><p>{c["address"]}</p><p>{c["phone"]}</p></div></div></div><div id="navSecondary">'
        f'<ul><li>{c["more"]}</li></ul></div></div><div id="footer"><p>{c["prompt"]}</p></div></div></div>'
    )
    return body, ""


def t_teaser_grid(a, d, c, day):
    cards = "".join(
        f'<article class="teaser card"><time datetime="{(day - timedelta(days=3 * i + 1)).isoformat()}">x</time><h3><a href="/n/{i}">'
        f"{c['teasers'][i % 3]} {i}</a></h3><p>{c['teasers'][(i + 1) % 3]} – {c['teasers'][(i + 2) % 3]} ({i}).</p></article>"
        for i in range(24)
    )
    body = (
        f'<header class="site-header"><nav>{nav(a["lang"])}</nav></header><main id="main"><div class="article-content">'
        f'<h1>{a["title"]}</h1>{d["header"]}{body_html(a)}</div><section class="more-news"><h2>{c["more"]}</h2>'
        f'<div class="grid">{cards}</div></section></main><footer><p>{c["address"]}</p></footer>'
    )
    return body, ""


def t_header_wrapped(a, d, c, day):
    body = (
        f'<header class="page-header"><div class="top-bar"><nav class="menu">{nav(a["lang"])}</nav></div>'
        f'<div class="hero"><h1>{a["title"]}</h1>{d["header"]}</div><div class="intro-text">{body_html(a)}</div></header>'
        f'<div class="cookie-notice"><p>{c["cookie"]}</p></div><aside class="sidebar"><h2>{c["more"]}</h2>'
        f"{related_items(a['lang'], day, True)}</aside><footer><p>{c['address']}</p></footer>"
    )
    return body, ' id="skip-target" class="skip-nav-target"'


def t_php_warnings(a, d, c, day):
    body, attrs = t_wordpress(a, d, c, day)
    return body, attrs


TEMPLATES = [
    t_sharepoint,
    t_sitevision,
    t_typo3,
    t_drupal,
    t_wordpress,
    t_aem,
    t_episerver,
    t_gsb,
    t_teaser_grid,
    t_header_wrapped,
    t_php_warnings,
    t_sharepoint,
]
