"""Main-content extraction: the article stays, page chrome goes."""

import pytest

from pipelines.extract.html import MainContent, extract_main
from pipelines.extract.markup import parse_page, read_markup


def main_of(html: str) -> MainContent:
    root = parse_page(html)
    return extract_main(root, read_markup(root))


PAGE = """<!doctype html><html lang="de-DE"><head><title>Neues KI-Netzwerk | Beispiel-Universität</title>
<meta property="og:title" content="Neues KI-Netzwerk"></head><body>
<a class="skip-link" href="#main">Zum Inhalt springen</a>
<header class="site-header"><nav><ul><li><a href="/studium/">Studium</a></li><li>Forschung</li></ul></nav></header>
<div id="cookie-consent" class="cookie-banner"><p>Wir verwenden Cookies, um 100 % Komfort zu bieten.</p><button>Zustimmen</button></div>
<ol class="breadcrumb"><li>Start</li><li>Presse</li></ol>
<div id="content" class="article-body">
  <h1>Neues KI-Netzwerk startet</h1>
  <p class="intro">Das Netzwerk erhält <strong>2 Mio. Euro</strong> aus Landesmitteln.</p>
  <h2>Ziele</h2>
  <p>Die Partner wollen bis Ende 2026 Demonstratoren bauen.<br>Zweite Zeile.</p>
  <ul><li>Medizin</li><li><p>Logistik</p></li></ul>
  <blockquote><p>„Wir freuen uns", sagt Erika Beispiel, Projektleiterin.</p></blockquote>
  <div class="share-buttons"><a>Teilen</a></div>
</div>
<aside class="related-news"><h3>Weitere Meldungen</h3><p>50 Mio. Euro für Batterieforschung</p></aside>
<footer><p>Augustusplatz 10, 04109 Leipzig, Telefon +49 341 97-108</p><p>© 2024 Beispiel-Universität</p></footer>
<script>var tracking = "7 Mio. Euro";</script></body></html>"""


def _main():
    return main_of(PAGE)


def test_title_and_declared_language():
    main = _main()
    assert main.title == "Neues KI-Netzwerk startet"
    assert main.html_lang == "de"


def test_article_blocks_are_kept_in_order():
    text = _main().text
    expected = [
        "Neues KI-Netzwerk startet",
        "Das Netzwerk erhält 2 Mio. Euro aus Landesmitteln.",
        "Ziele",
        "Die Partner wollen bis Ende 2026 Demonstratoren bauen.\nZweite Zeile.",
        "Medizin",
        "Logistik",
        '„Wir freuen uns", sagt Erika Beispiel, Projektleiterin.',
    ]
    assert text.split("\n\n") == expected


def test_chrome_is_not_in_the_main_text():
    text = _main().text
    for chrome in (
        "Cookies",
        "Zum Inhalt",
        "Studium",
        "Weitere Meldungen",
        "50 Mio.",
        "Augustusplatz",
        "Telefon",
        "©",
        "Teilen",
        "tracking",
        "Presse",
    ):
        assert chrome not in text, chrome


def test_title_from_og_or_title_tag_when_no_h1():
    page = (
        "<html><head><title>Ny satsning på AI | Umeå universitet</title></head><body><main>"
        "<p>Universitetet satsar på forskning inom artificiell intelligens.</p></main></body></html>"
    )
    main = main_of(page)
    assert main.title == "Ny satsning på AI"
    assert main.text.startswith("Ny satsning på AI\n\nUniversitetet satsar")


def test_page_without_containers_uses_the_densest_block():
    page = (
        "<html><body><div class='menu'><a>Hem</a><a>Om oss</a></div><div><div><p>Första stycket om "
        "projektet som är långt nog.</p><p>Andra stycket med mer text om projektet.</p></div></div>"
        "<div class='footer-links'><p>Kontakt</p></div></body></html>"
    )
    text = main_of(page).text
    assert "Första stycket" in text and "Andra stycket" in text
    assert "Hem" not in text and "Kontakt" not in text


ARTICLE = (
    "<h1>Neues Zentrum für KI</h1><p>Die Universität eröffnet ein Zentrum für künstliche Intelligenz mit vierzig "
    "Forschenden aus fünf Fakultäten.</p><p>Das Land fördert das Vorhaben mit 12 Millionen Euro über fünf Jahre, "
    "die ersten Gruppen starten im Herbst.</p>"
)
FIRST, LAST = "Die Universität eröffnet", "die ersten Gruppen starten im Herbst."


def page_of(body: str, body_attrs: str = "", head: str = "") -> str:
    return f'<html lang="de"><head><title>T</title>{head}</head><body{body_attrs}>{body}</body></html>'


@pytest.mark.parametrize(
    ("body", "attrs"),
    [
        (f'<div class="menu"><a>Studium</a></div><div class="wrapper">{ARTICLE}</div>', ' class="has-sidebar"'),
        (f'<div id="skip-target" class="skip-target"><nav><a>Studium</a></nav>{ARTICLE}</div>', ""),
        (f'<form id="aspnetForm"><div id="s4-topheader"><nav><a>Studium</a></nav></div>{ARTICLE}</form>', ""),
        (f'<header class="page-header"><nav><a>Studium</a></nav><div class="hero">{ARTICLE}</div></header>', ""),
    ],
)
def test_page_wide_chrome_wrappers_keep_the_article(body: str, attrs: str) -> None:
    text = main_of(page_of(body, attrs)).text
    assert FIRST in text and LAST in text
    assert "Studium" not in text


def test_a_list_of_teaser_cards_does_not_win() -> None:
    cards = "".join(
        f'<article class="teaser"><h3><a href="/{i}">Meldung {i}</a></h3><p>Kurztext der Meldung Nummer {i} mit etwas '
        f"mehr Text, damit jede Karte länger ist als ein Absatz.</p></article>"
        for i in range(12)
    )
    text = main_of(page_of(f'<div class="news-detail">{ARTICLE}</div><section class="grid">{cards}</section>')).text
    assert FIRST in text and "Meldung 3" not in text


def test_related_sections_share_bars_credits_and_contact_lines_go() -> None:
    body = (
        f"<article>{ARTICLE}<p>Foto: Christian Hüller</p><p>Teilen: LinkedIn Twitter</p>"
        "<p>Telefon: 0341 97-35020</p><p>Augustusplatz 10, 04109 Leipzig</p>"
        "<h3>Mehr zum Thema</h3><ul><li><a>Neue Rektorin gewählt</a></li><li>Sommerfest</li></ul></article>"
    )
    text = main_of(page_of(body)).text
    assert FIRST in text and LAST in text
    for chrome in ("Hüller", "LinkedIn", "0341", "Augustusplatz", "Mehr zum Thema", "Rektorin", "Sommerfest"):
        assert chrome not in text, chrome


@pytest.mark.parametrize(
    ("contact", "files", "about"),
    [
        ("Pressekontakt", "Downloads", "Über die Hochschule"),
        ("Presskontakt", "Nedladdningar", "Om högskolan"),
        ("Voor de pers", "Bijlagen", "Over de hogeschool"),
    ],
)
def test_the_press_contact_and_downloads_after_a_release_go(contact: str, files: str, about: str) -> None:
    # the boxes carry no chrome class: their headings and the file links say what they are
    body = (
        f"<main><div><h1>Titel</h1>{ARTICLE}<h2>{about}</h2><p>Die Hochschule hat 9 000 Studierende.</p></div>"
        f"<div><h2>{contact}</h2><p>Karin Berg</p><p>Leiterin Kommunikation</p></div>"
        f"<div><h2>{files}</h2><ul><li><a href='/1'>Porträt Karin Berg (JPG, 3 MB)</a></li>"
        "<li><a href='/2'>Faktenblatt Lernlabor (PDF)</a></li></ul></div></main>"
    )
    text = main_of(page_of(body)).text
    assert FIRST in text and about in text and "9 000 Studierende" in text
    for chrome in (contact, "Karin Berg", "Leiterin", files, "Lernlabor", "JPG"):
        assert chrome not in text, chrome


@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        ("Forscher im Labor der Hochschule. Foto: Anna Berg/dpa", "Forscher im Labor der Hochschule."),
        ("Studenten van de HZ aan het werk (Foto: ANP)", "Studenten van de HZ aan het werk"),
        ("Robotcellen i Västerås.<br>Bild: Erik Ek/TT", "Robotcellen i Västerås."),
        ("Drones boven de dijk. © Waterschap Rivierenland", "Drones boven de dijk."),
        ("Campus Skellefteå.<span class='credit'>Foto: Lisa Berg</span>", "Campus Skellefteå."),
    ],
)
def test_a_credit_closing_a_caption_goes_and_the_caption_stays(caption: str, kept: str) -> None:
    body = f"<article>{ARTICLE}<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure></article>"
    blocks = main_of(page_of(body)).text.split("\n\n")
    assert kept in blocks and FIRST in blocks[1]


def test_a_credit_cue_inside_a_sentence_is_text() -> None:
    body = (
        f"<article>{ARTICLE}<p>Das Bild (Foto: links) zeigt die Ministerin beim Besuch im Labor.</p>"
        "<p>Die Zahlen stammen aus der Statistik. Quelle: Das Amt hat sie erhoben. Sie gelten seit Mai.</p></article>"
    )
    text = main_of(page_of(body)).text
    assert "zeigt die Ministerin beim Besuch im Labor." in text and "Sie gelten seit Mai." in text


def test_a_sentence_with_a_phone_number_stays() -> None:
    body = f"<article>{ARTICLE}<p>Fragen beantwortet Anna Schmidt unter Telefon 0341 97-35020.</p></article>"
    assert "Fragen beantwortet Anna Schmidt" in main_of(page_of(body)).text


def test_json_ld_article_body_when_the_markup_holds_little() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "'
        + "Der erste Satz des Artikels steht hier. " * 12
        + '"}</script>'
    )
    main = main_of(page_of("<div id='app'><h1>Titel</h1></div>", head=ld))
    assert main.source == "json-ld" and main.text.startswith("Titel\n\nDer erste Satz")


def test_selector_and_generic_sources() -> None:
    html = page_of(
        f'<div class="sidebar-box"><p>Andere Meldung mit langem Text über etwas.</p></div><div class="x">{ARTICLE}</div>'
    )
    root = parse_page(html)
    assert extract_main(root, read_markup(root), selector="div.x").source == "selector"
    assert main_of(html).source == "generic"


def test_a_long_cookie_banner_is_chrome_even_on_a_short_page() -> None:
    banner = "<p>" + "Wir verwenden Cookies und ähnliche Technologien für Statistik und Komfort. " * 4 + "</p>"
    text = main_of(page_of(f'<div class="cookie-consent">{banner}</div><div class="news">{ARTICLE}</div>')).text
    assert FIRST in text and "Cookies" not in text


def test_a_logo_header_with_navigation_is_not_the_title() -> None:
    body = f'<header class="site"><h1><a href="/">Beispiel-Universität</a></h1><nav><a>Studium</a></nav></header><main>{ARTICLE.replace("<h1>", "<h2>").replace("</h1>", "</h2>")}</main>'
    main = main_of(page_of(body))
    assert "Beispiel-Universität" not in main.text and FIRST in main.text


def test_lists_of_links_go_and_lists_of_text_stay() -> None:
    links = "<ul>" + "".join(f'<li><a href="/t/{i}">Thema {i}</a></li>' for i in range(4)) + "</ul>"
    items = "<ul><li>Medizin und Pflege</li><li>Logistik</li><li>Energie</li></ul>"
    text = main_of(page_of(f"<article>{ARTICLE}{items}{links}</article>")).text
    assert "Logistik" in text and "Thema 2" not in text


def test_chrome_words_win_within_a_class_token() -> None:
    side = "<p>Eine andere Meldung aus dem Institut über ein ganz anderes Thema, mit langem Text.</p>"
    body = f'<div class="sidebar-content">{side}</div><div class="article-related">{side}</div><div class="news">{ARTICLE}</div>'
    text = main_of(page_of(body)).text
    assert FIRST in text and "andere Meldung" not in text


@pytest.mark.parametrize("ident", ["breadcrumb", "Breadcrumbs", "comment-list", "tag", "siteheader", "skiplink", "NAV"])
def test_every_chrome_class_spelling_is_found(ident: str) -> None:
    body = f'<div class="{ident}"><p>Chromtext, der nicht in den Haupttext gehört.</p></div><div class="news">{ARTICLE}</div>'
    assert "Chromtext" not in main_of(page_of(body)).text


def test_a_bold_cue_line_does_not_swallow_the_rest_of_the_article() -> None:
    prose = "<p>" + "Der Bericht beschreibt die nächsten Schritte des Projekts in allen Einzelheiten. " * 4 + "</p>"
    body = (
        f"<div class='news'>{ARTICLE}<p><strong>Lesen Sie auch</strong></p><ul><li><a>Andere Meldung</a> mit Text</li>"
        f"</ul>{prose}</div>"
    )
    text = main_of(page_of(body)).text
    assert "Andere Meldung" not in text and "die nächsten Schritte" in text


def test_an_article_split_over_sibling_blocks_and_br_lines() -> None:
    lead = (
        "<div><p>Der Vorspann fasst die Meldung über das neue Zentrum in zwei Sätzen zusammen. Er ist kurz.</p></div>"
    )
    body = "<div><p>Der erste Absatz des Haupttextes erklärt die Ziele des Zentrums ausführlich.</p><p>Der zweite "
    body += "Absatz nennt die Partner aus Wissenschaft und Wirtschaft und die Laufzeit.</p></div>"
    old = "<div><div>Eine alte Seite schreibt ihren Text in Zeilen.<br>Zwischen den Zeilen stehen Umbrüche.<br>"
    old += "Absätze gibt es keine, nur Text in einem div-Element mit vielen Wörtern.</div></div>"
    text = main_of(page_of(f"<div class='menu'><a>Start</a></div><div>{lead}{body}</div>")).text
    assert "Der Vorspann" in text and "Der zweite Absatz" in text
    assert "Absätze gibt es keine" in main_of(page_of(f"<div class='menu'><a>Start</a></div>{old}")).text


def test_trafilatura_takes_over_when_a_stale_selector_finds_almost_nothing() -> None:
    paragraphs = "".join(
        f"<p>Absatz {i}: Die Hochschule beschreibt hier ausführlich ihr neues Projekt zur künstlichen Intelligenz.</p>"
        for i in range(6)
    )
    html = page_of(f'<div class="teaser-box">Kurz</div><div class="x"><h1>Neues Projekt</h1>{paragraphs}</div>')
    root = parse_page(html)
    main = extract_main(root, read_markup(root), html=html, selector="div.teaser-box")
    assert main.source == "fallback"
    assert "Absatz 0:" in main.text and "Absatz 5:" in main.text


def test_a_fact_box_set_into_the_article_stays_and_a_sidebar_box_goes() -> None:
    body = (
        "<div class='page'><div class='story'>"
        f"{ARTICLE}<aside><h3>Fakta: Projektet</h3><ul><li>Partner: Region Gävleborg, Högskolan i Gävle</li>"
        "<li>Tid: 2025–2027</li></ul></aside><p>Ett stycke till efter rutan, om hur projektet ska utvärderas.</p></div>"
        "<aside><h3>Populärt</h3><ul><li><a href='/1'>Kommunen bygger ny skola i centrum</a></li>"
        "<li><a href='/2'>Tåget stod still i två timmar</a></li></ul></aside></div>"
    )
    text = main_of(page_of(body)).text
    assert "Partner: Region Gävleborg, Högskolan i Gävle" in text and LAST in text
    assert "ny skola" not in text and "Populärt" not in text


def test_a_fact_box_marked_as_chrome_by_its_class_goes() -> None:
    body = f"<article>{ARTICLE}<aside class='newsletter-box'><p>Prenumerera på vårt nyhetsbrev om forskning och innovation varje vecka.</p></aside></article>"
    assert "nyhetsbrev" not in main_of(page_of(body)).text


@pytest.mark.parametrize(
    "head",
    [
        "<div><h1>Titel</h1><p>{lead}</p></div>",  # headline and lead in a head block beside the body
        "<div><div><h1>Titel</h1></div><div><span>05.02.2025</span></div><div><p>{lead}</p></div></div>",
        "<h1>Titel</h1><div><div><p>{lead}</p></div>",  # the lead in a wrapper beside the body (closed below)
    ],
)
def test_a_lead_beside_the_body_block_is_kept_first(head: str) -> None:
    lead = "Die Hochschule erhält zwei Millionen Euro für ein Labor, das Firmen beim Einsatz von KI berät."
    body_block = (
        "<div>"
        + "".join(f"<p>Absatz {i} über das neue Labor, seine Partner und die Pläne.</p>" for i in range(6))
        + "</div>"
    )
    markup = head.format(lead=lead) + body_block + ("</div>" if head.count("<div>") > head.count("</div>") else "")
    text = main_of(page_of(f"<div>{markup}</div>")).text
    assert text.startswith(f"Titel\n\n{lead}\n\nAbsatz 0")
