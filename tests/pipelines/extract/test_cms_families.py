"""Main text of the CMS families whose article markup has no content-like names: SharePoint/ASP.NET (a
page-wide ``<form id="aspnetForm">``, ``ctl00_...`` ids, the lead and the body in separate
``ms-rtestate-field`` rich-text fields) and AEM (``aem-Grid`` columns, ``cmp-title``, one ``cmp-text``
component per run of paragraphs, header and footer experience fragments).

Invented pages check the rules; the demo snapshot's pages in these families (Umeå: SharePoint/ASP.NET,
Regieorgaan SIA: AEM) are checked against ``expected.yaml``: title, publication date, lead and body kept,
chrome left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.extract.document import extract_document
from pipelines.extract.html import MainContent, extract_main
from pipelines.extract.markup import parse_page, read_markup

DEMO = Path(__file__).resolve().parents[3] / "data" / "snapshots" / "demo"


def main_of(html: str) -> MainContent:
    root = parse_page(html)
    return extract_main(root, read_markup(root))


SHAREPOINT = """<!DOCTYPE html><html lang="sv"><head><title>Ny forskarskola i AI | Mittlands universitet</title></head>
<body><form method="post" action="./" id="aspnetForm"><div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIBD2Q"></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="ctl00_SiteHeader" class="mu-masthead"><a href="/">Mittlands universitet</a>
<div id="DeltaTopNavigation" class="ms-core-navigation" role="navigation"><ul><li><a href="/utbildning/">Utbildning</a></li>
<li><a href="/forskning/">Forskning</a></li></ul></div></div>
<div id="ctl00_CookieNotice" class="mu-cookie-notice" role="dialog"><p>Vi använder kakor för statistik.</p></div>
<div id="s4-titlerow"><div class="ms-breadcrumb-box"><ol class="ms-breadcrumb"><li><a href="/">Start</a></li></ol></div>
<h1 id="pageTitle" class="ms-core-pageTitle"><span>Ny forskarskola i AI startar i höst</span></h1></div>
<div id="contentRow"><div id="sideNavBox"><div class="ms-core-navigation" role="navigation"><ul>
<li><a href="/nyheter/">Alla nyheter</a></li><li><a href="/press/">Press</a></li></ul></div></div>
<div id="contentBox"><div id="DeltaPlaceHolderMain"><div id="ctl00_PlaceHolderMain_ctl00" class="ms-pub-contentLayout">
<div id="ctl00_PlaceHolderMain_Dates" class="ms-pageLayoutDates"><p>Publicerad: 2024-03-05</p></div>
<div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline">
<p>Mittlands universitet får 30 miljoner kronor för en forskarskola i tillämpad AI.</p></div>
<div id="ctl00_PlaceHolderMain_ctl02__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline">
<p>Forskarskolan tar emot tolv doktorander under de kommande fem åren och samarbetar med industrin i regionen.</p>
<p>Doktoranderna delar sin tid mellan universitetet och ett företag, och handledare finns på båda ställena.</p>
<h2>Ansökan</h2><p>Ansökningsomgången öppnar i september och stänger vid årsskiftet, enligt planen för programmet.</p>
</div></div>
<div class="ms-webpart-zone"><div class="ms-webpart-chrome"><h2 class="ms-webpart-titleText">Relaterade nyheter</h2>
<div class="ms-WPBody related-news"><ul class="dfwp-list"><li><a href="/nyheter/a/">Tio miljoner till robotik</a>
<p>Stiftelsen ger 10 miljoner kronor.</p></li></ul></div></div></div>
</div></div></div>
<div id="ctl00_SiteFooter" class="mu-footer"><p>Universitetsvägen 1, 123 45 Mittstad</p></div>
</div></div></form></body></html>"""

AEM = """<!DOCTYPE html><html lang="nl"><head><title>Nieuwe AI-labs | Voorbeeldhogeschool</title></head>
<body class="page basicpage"><div class="root container responsivegrid"><div class="cmp-container">
<div class="experiencefragment"><div class="cmp-experiencefragment cmp-experiencefragment--header">
<div class="aem-Grid aem-Grid--12"><div class="image aem-GridColumn"><div class="cmp-image"><a href="/">Voorbeeldhogeschool</a>
</div></div><div class="navigation aem-GridColumn"><nav class="cmp-navigation"><ul><li><a href="/onderwijs/">Onderwijs</a></li>
<li><a href="/onderzoek/">Onderzoek</a></li></ul></nav></div></div></div></div>
<div class="breadcrumb"><nav class="cmp-breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li></ol></nav></div>
<div class="container responsivegrid"><div id="main-content" class="cmp-container"><div class="aem-Grid aem-Grid--12">
<div class="title aem-GridColumn"><div class="cmp-title"><h1 class="cmp-title__text">Drie nieuwe AI-labs van start</h1></div></div>
<div class="text aem-GridColumn"><div class="cmp-text"><p><time datetime="2024-02-12">12 februari 2024</time></p></div></div>
<div class="text aem-GridColumn"><div class="cmp-text"><p>Drie lectoraten starten labs rond toepassingen van AI in de zorg.</p></div></div>
<div class="text aem-GridColumn"><div class="cmp-text"><p>De labs werken samen met ziekenhuizen en zorgorganisaties in de regio en met studenten uit vier opleidingen.</p>
<p>Elk lab krijgt een eigen ruimte op de campus en begeleiding door een onderzoeker van de hogeschool.</p></div></div>
<div class="image aem-GridColumn"><div class="cmp-image"><img src="/content/dam/lab.jpg" alt=""></div></div>
<div class="text aem-GridColumn"><div class="cmp-text"><h2>Eerste resultaten</h2>
<p>De eerste resultaten worden volgend jaar gedeeld op een openbare bijeenkomst voor het werkveld.</p></div></div>
<div class="sharing aem-GridColumn"><div class="cmp-sharing"><a href="https://www.linkedin.com/">Deel op LinkedIn</a></div></div>
</div></div></div>
<div class="container responsivegrid"><div class="cmp-container"><div class="aem-Grid aem-Grid--12">
<div class="title aem-GridColumn"><div class="cmp-title"><h2 class="cmp-title__text">Gerelateerd nieuws</h2></div></div>
<div class="list aem-GridColumn"><ul class="cmp-list"><li class="cmp-list__item"><article><a href="/nieuws/b/">Subsidie voor robotica</a>
<span class="cmp-list__item-description">Een half miljoen euro voor robotica in het mkb.</span></article></li></ul></div>
</div></div></div>
<div class="experiencefragment"><div class="cmp-experiencefragment cmp-experiencefragment--footer"><div class="cmp-text">
<p>Postbus 1234, 1000 AB Voorbeeldstad</p></div></div></div>
</div></div></body></html>"""


def test_sharepoint_lead_and_body_fields_are_one_article_without_chrome():
    main = main_of(SHAREPOINT)
    assert main.title == "Ny forskarskola i AI startar i höst"
    for kept in ("får 30 miljoner kronor", "tolv doktorander", "Ansökan", "stänger vid årsskiftet"):
        assert kept in main.text, kept
    for chrome in ("Utbildning", "Alla nyheter", "kakor", "Tio miljoner", "10 miljoner", "Universitetsvägen", "Start"):
        assert chrome not in main.text, chrome
    assert main.datelines == ("Publicerad: 2024-03-05",)


def test_sharepoint_lead_field_alone_is_not_merged_with_unlike_siblings():
    """Only fields of the same kind join: a lone short box of another class next to the body stays out."""
    page = SHAREPOINT.replace(
        '<div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField" class="ms-rtestate-field"',
        '<div id="ctl00_PlaceHolderMain_Promo" class="mu-kampanj"',
    )
    main = main_of(page)
    assert "tolv doktorander" in main.text and "får 30 miljoner kronor" not in main.text


def test_aem_text_components_joined_and_sibling_containers_left_out():
    main = main_of(AEM)
    assert main.title == "Drie nieuwe AI-labs van start"
    for kept in ("Drie lectoraten", "vier opleidingen", "eigen ruimte", "Eerste resultaten", "openbare bijeenkomst"):
        assert kept in main.text, kept
    # the related-news container has the main container's tag and class: it is no text field, so not joined
    for chrome in ("Voorbeeldhogeschool", "Onderwijs", "Home", "Gerelateerd", "half miljoen", "LinkedIn", "Postbus"):
        assert chrome not in main.text, chrome


EXPECTED = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))
FAMILIES = {  # demo article path -> (markup that marks its CMS family, lead, last body sentence, chrome snippets)
    "www.umu.se/nyheter/partnerskapsdag-mellan-umea-universitet-och-region-vasterbotten_9211473/index.html": (
        ('id="aspnetForm"', 'id="ctl00_PlaceHolderMain_ctl00"', 'class="ms-rtestate-field"'),
        "höll på torsdagen sin första partnerskapsdag",
        "föra en löpande dialog om aktuella frågor",
        ("Hoppa till huvudinnehåll", "Vi använder kakor", "Startsida", "12 miljoner kronor", "Organisationsnummer"),
    ),
    "www.umu.se/nyheter/universitetsbiblioteket-forlanger-oppettiderna_10398105/index.html": (
        ('id="aspnetForm"', 'id="ctl00_PlaceHolderMain_ctl00"', 'class="ms-rtestate-field"'),
        "öppet till klockan 22 på vardagar",
        "kan bokas upp till 14 dagar i förväg",
        ("Hoppa till huvudinnehåll", "Vi använder kakor", "Relaterade nyheter", "Organisationsnummer", "Dela på"),
    ),
    "regieorgaan-sia.nl/nieuwsoverzicht/ained-krijgt-276-miljoen-euro-uit-nationaal-groeifonds/index.html": (
        ('class="cmp-text"', 'class="cmp-title"', "aem-Grid"),
        "gaat 276 miljoen euro naar AiNed",
        "dichter bij het mkb te brengen",
        ("Direct naar de inhoud", "Financiering", "cookies", "850.000 euro", "Postbus 93138", "Deel op"),
    ),
    "regieorgaan-sia.nl/nieuwsoverzicht/elsa-labs-onderzoeken-verantwoorde-inzet-van-ai/index.html": (
        ('class="cmp-text"', 'class="cmp-title"', "aem-Grid"),
        "In ELSA labs werken onderzoekers",
        "In elk lab is minstens één maatschappelijke partner betrokken",
        ("Direct naar de inhoud", "Financiering", "cookies", "850.000 euro", "Postbus 93138", "Deel op"),
    ),
}


@pytest.mark.parametrize("path", sorted(FAMILIES), ids=lambda p: p.split("/")[-2][:40])
def test_demo_pages_of_these_families_give_title_date_and_text(path: str):
    markers, lead, last, chrome = FAMILIES[path]
    (article,) = [a for a in EXPECTED["articles"] if a["path"] == path]
    html = (DEMO / path).read_text(encoding="utf-8")
    assert all(m in html for m in markers), "the page is no longer in its CMS family's markup"
    doc = extract_document(html.encode("utf-8"), url=article["url"])
    assert doc.title == article["title"]
    assert doc.published == str(article["published"])
    assert doc.text.startswith(article["title"]) and lead in doc.text and last in doc.text
    leaked = [c for c in chrome if c in doc.text]
    assert not leaked, leaked
