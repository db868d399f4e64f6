"""extract_document on pages: text_source, counted byte replacement, the htmldate fallback for dates."""

from pipelines.extract.document import extract_document

ARTICLE = (
    "<article><h1>Titel der Studie</h1><p>Die Studie untersucht den Einsatz von KI in Universitätskliniken und wurde von vier "
    "Hochschulen gemeinsam erstellt.</p></article>"
)


def page(head: str = "", body: str = ARTICLE) -> str:
    return f'<html lang="de"><head>{head}</head><body>{body}</body></html>'


def test_text_source_and_replaced_bytes() -> None:
    doc = extract_document(page().replace("Studie untersucht", "Studie \udcff").encode("utf-8", "surrogateescape"))
    assert doc.text_source == "generic" and doc.replaced_bytes == 1
    assert extract_document("Ein Satz ohne Markup, nur Text über KI in Kliniken.").text_source is None


def test_htmldate_fills_a_date_our_rules_do_not_know() -> None:
    assert (
        extract_document(page('<meta name="citation_publication_date" content="2019/05/03">')).published == "2019-05-03"
    )
    assert extract_document(page('<meta name="x-unknown" content="2019/05/03">')).published is None


def test_utc_timestamp_of_a_swedish_page_is_read_in_stockholm() -> None:
    head = '<meta property="article:published_time" content="2021-12-31T23:10:00Z">'
    assert extract_document(page(head), url="https://www.kth.se/nyheter/x").published == "2022-01-01"
