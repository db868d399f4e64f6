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


def test_a_text_longer_than_the_mining_limit_is_mined_up_to_a_paragraph_break_and_says_so(monkeypatch):
    from pipelines.extract import document

    paragraphs = [f"Vinnova satsar {n} miljoner kronor på forskning om AI i vården." for n in range(2, 12)]
    text = "\n\n".join(paragraphs)
    limit = len("\n\n".join(paragraphs[:4])) + 10  # inside the fifth paragraph
    monkeypatch.setattr(document, "MAX_MINED_CHARS", limit)
    doc = document.extract_document(text, lang="sv")
    assert doc.text == text  # the whole text is kept; only its mining stops
    assert [a.value for a in doc.amounts] == [n * 1e6 for n in range(2, 6)]
    assert doc.mined_chars == limit - 10
    assert doc.to_contract()["truncated"] == {"mined_chars": limit - 10, "text_chars": len(text)}


def test_a_text_within_the_limit_has_no_truncated_field():
    doc = extract_document("Vinnova satsar 10 miljoner kronor på forskning om AI i vården.", lang="sv")
    assert doc.mined_chars is None and "truncated" not in doc.to_contract()


def test_the_stages_of_an_extraction_are_reported_in_order():
    heard: list[str] = []
    html = "<html><body><article><h1>AI i vården</h1><p>Vinnova satsar 10 miljoner kronor.</p></article></body></html>"
    extract_document(html, report=heard.append)
    assert [m.split(" ")[0] for m in heard] == ["parsing", "finding", "finding", "linking", "finding"]
    assert heard[3] == "linking amounts to their funders (1 found)"
