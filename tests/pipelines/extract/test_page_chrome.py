"""Chrome marking and removal on the lxml tree (``page_chrome``)."""

import lxml.html

from pipelines.extract.page_chrome import in_chrome, own_text_len, strip_chrome

_PROSE = "Forskare vid universitetet får nya medel för arbete med artificiell intelligens. " * 4


def _page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><body>{body}</body></html>")


def test_own_text_len_leaves_out_link_texts() -> None:
    root = _page("<div><p>Tolv tecken.</p><a href='/x'>  länktext  </a></div>")
    assert own_text_len(root.find(".//div")) == len("Tolv tecken. länktext") - len("länktext")


def test_navigation_and_marked_boxes_go_the_article_stays() -> None:
    root = _page(
        "<nav><a href='/'>Hem</a></nav><div class='cookie-banner'>Vi använder kakor.</div>"
        f"<main><h1>Rubrik</h1><p>{_PROSE}</p></main><footer>Kontakt</footer>"
    )
    strip_chrome(root)
    assert [el.tag for el in root.find("body")] == ["main"]


def test_a_chrome_marked_wrapper_of_most_text_stays() -> None:
    root = _page(f"<div class='sidebar-layout'><h1>Rubrik</h1><p>{_PROSE}</p></div><nav><a href='/'>Hem</a></nav>")
    strip_chrome(root)
    assert [el.tag for el in root.find("body")] == ["div"]


def test_a_content_word_beside_a_chrome_word_marks_a_layout_wrapper() -> None:
    root = _page("<div class='sidebar content-area'><h1>Rubrik</h1></div><div class='sidebar'><h1>Meny</h1></div>")
    first, second = root.iter("h1")
    assert (in_chrome(first), in_chrome(second)) == (False, True)


def test_a_fact_box_among_paragraphs_stays() -> None:
    root = _page(f"<article><p>{_PROSE}</p><aside><p>Fakta: 3 miljoner kronor under tre år.</p></aside></article>")
    strip_chrome(root)
    assert root.find(".//aside") is not None
