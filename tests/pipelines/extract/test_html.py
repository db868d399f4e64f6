"""Main-content extraction: the article stays, page chrome goes."""

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
