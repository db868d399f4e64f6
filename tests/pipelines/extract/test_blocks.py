"""Text blocks of a container, read from the lxml tree: one per block element, loose inline runs, ``<br>`` as
line breaks, and the strings a browser does not show as article text left out."""

import pytest

from pipelines.extract.blocks import text_blocks
from pipelines.extract.markup import parse_page


def _blocks(body: str) -> list[str]:
    root = parse_page(f"<html><body><div id='c'>{body}</div></body></html>")
    return text_blocks(root.get_element_by_id("c"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<h2>Rubrik</h2><p>Första stycket.</p><li>En punkt</li>", ["Rubrik", "Första stycket.", "En punkt"]),
        ("<p>rad ett<br>rad  två<br/><span>rad<br>tre</span></p>", ["rad ett\nrad två\nrad\ntre"]),
        (
            "lös text <b>fet</b> och <a href='#'>länk</a><p>Stycke.</p>svans",
            ["lös text fet och länk", "Stycke.", "svans"],
        ),
        ("<p>före<!-- en kommentar -->efter</p>", ["föreefter"]),
        ("<p>kan<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>ji</p>", ["kan漢ji"]),
        ("<span>a<br>b</span><p>x</p>", ["ab", "x"]),  # inside loose inline text a <br> is nothing
        ("<div>ett<br>två</div>", ["ett två"]),  # a loose <br> is a space
        ("<pre>  kod   rad\n\n  två  </pre>", ["kod rad\ntvå"]),
        # a block holding blocks is walked like a container: a pull quote and its source stay apart
        (
            "<blockquote><p>Vi ska vara först.</p><cite>Eva Ek, rektor</cite></blockquote>",
            ["Vi ska vara först.", "Eva Ek, rektor"],
        ),
        ("<li>Punkt <p>med stycke.</p></li>", ["Punkt", "med stycke."]),
    ],
)
def test_blocks(body, expected):
    assert _blocks(body) == expected


def test_white_space_only_strings_count_as_one_line_break_between_loose_words():
    # a string of only white space holding a line break is one line break; inline words around it stay apart
    assert _blocks("<b>ett</b>\n   \n<b>två</b>") == ["ett\ntvå"]
    assert _blocks("<b>ett</b>   <b>två</b>") == ["ett två"]


def test_the_body_gives_its_children_and_deep_nesting_needs_no_recursion():
    root = parse_page("<html><body>" + "<div>" * 1500 + "<p>djupt</p>" + "</div>" * 1500 + "lös</body></html>")
    assert text_blocks(next(root.iter("body"))) == ["djupt", "lös"]
