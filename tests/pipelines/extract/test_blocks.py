"""Text blocks of a container, read from the lxml tree: one per block element, loose inline runs, ``<br>`` as
line breaks, and the strings a browser does not show as article text left out."""

import random

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


# The definition the walk keeps: BeautifulSoup's tree of the container's markup, walked the same way (blocks, loose
# inline runs, <br> as a line break in a block), its get_text() leaving comments and <rt>/<rp>/<script> text out.
def _soup_blocks(container) -> list[str]:
    import lxml.html
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag

    from pipelines.extract.blocks import _BLOCKS, _INLINE, SPACE

    soup = BeautifulSoup(lxml.html.tostring(container, encoding="unicode", with_tail=False), "lxml")
    out: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        if text := SPACE.sub(" ", "".join(loose)).strip():
            out.append(text)
        loose.clear()

    stack = [iter((soup.body or soup).children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            flush()
        elif not isinstance(child, Tag):
            if isinstance(child, NavigableString) and not isinstance(child, Comment):
                loose.append(str(child))
        elif child.name in _BLOCKS and not any(getattr(d, "name", None) in _BLOCKS for d in child.descendants):
            flush()
            for br in child.find_all("br"):
                br.replace_with("\n")
            lines = (SPACE.sub(" ", line).strip() for line in child.get_text("").split("\n"))
            if text := "\n".join(line for line in lines if line):
                out.append(text)
        elif child.name in _INLINE:
            loose.append(" " if child.name == "br" else child.get_text(""))
        else:
            flush()
            stack.append(iter(child.children))
    return out


_PIECES = [
    *("<p>", "</p>", "<div>", "</div>", "<li>", "<ul>", "</ul>", "<h2>", "<td>", "<blockquote>", "<section>"),
    *("<b>", "</b>", "<span>", "</span>", "<a href='#'>", "</a>", "<br>", "<img src='x.png'>", "<sup>", "</sup>"),
    *("<pre>", "</pre>", "<ruby>", "<rt>", "</rt>", "<rp>", "<script>var a = 1;</script>", "<!-- note -->"),
    *("<?php echo 1 ?>", "&nbsp;", "&amp;", "\u00a0", " ", "  ", "\n", " \n\t ", "\r\n", "\f", "\t"),
    *("Forskning", "får", "5 miljoner.", "Zeile", "één", "Ärende", "x"),
]


def test_the_walk_gives_the_blocks_of_beautifulsoups_tree_of_the_container():
    # random markup of blocks, inline runs, white space of every kind, comments, <pre>, <ruby> and scripts; the walk
    # on the parsed tree must give what BeautifulSoup's tree of each element's markup gives, element by element
    rng = random.Random(25)
    checked = 0
    for _ in range(300):
        markup = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40)))
        root = parse_page(f"<html><body><div id='c'>{markup}</div></body></html>")
        for el in [root, *root.iter("body", "div", "p", "li", "span", "td", "pre", "blockquote")]:
            assert text_blocks(el) == _soup_blocks(el), markup
            checked += 1
    assert checked > 600
