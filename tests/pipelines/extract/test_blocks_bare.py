"""BeautifulSoup is given a bare copy of the container (``blocks._bare_copy``): the text blocks are those of the
container itself (session 26: same output, less for BeautifulSoup to build)."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
from lxml import etree

from pipelines.extract import blocks
from pipelines.extract.markup import parse_page

_DEV_PAGES = sorted((Path(__file__).parents[2] / "devsets").rglob("*.html"))
_PIECES = [
    *("<div class='c'>", "</div>", "<section id='s'>", "</section>", "<ul>", "</ul>", "<table><tr>", "</tr></table>"),
    *("<p>", "</p>", "<li>", "</li>", "<h2>", "</h2>", "<td>", "</td>", "<blockquote>", "</blockquote>", "<pre>"),
    *("</pre>", "<dd>", "<a href='#'>", "</a>", "<span>", "</span>", "<b>", "</b>", "<br>", "<img src='x.png'>"),
    *("<wbr>", "<figure>", "</figure>", "<!-- c -->", "<?pi x?>", "<o:p>", "</o:p>", "<em class='e'>", "</em>"),
    *(" ", "\n", "\n  ", "\t", "\u00a0", "\u2009", " \n ", "  ", "Forskning", "får", "5 miljoner", "één", "x"),
]


_TAGS = ["div", "section", "ul", "p", "li", "h2", "td", "blockquote", "pre", "a", "span", "b", "em", "figure", "o:p"]
_STRINGS = [" ", "\n", "\n  ", "\t", "\u00a0", " \n ", "Forskning", "får", "5 miljoner", "x", "<br>", "<!-- c -->"]


def _random_tree(rng: random.Random, depth: int = 0) -> str:
    """Nested markup with white space between and around elements at every level."""
    parts = []
    for _ in range(rng.randint(0, 4)):
        if depth < 4 and rng.random() < 0.5:
            tag = rng.choice(_TAGS)
            parts.append(f"<{tag}>{_random_tree(rng, depth + 1)}</{tag}>")
        else:
            parts.append(rng.choice(_STRINGS))
    return "".join(parts)


def _plain_blocks(container: etree._Element, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The definition: BeautifulSoup's blocks of the container's own markup (nothing taken out)."""
    with monkeypatch.context() as patch:
        patch.setattr(blocks, "_bare_copy", copy.deepcopy)
        return blocks.text_blocks(container)


def _check(container: etree._Element, monkeypatch: pytest.MonkeyPatch) -> None:
    before = etree.tostring(container)
    assert blocks.text_blocks(container) == _plain_blocks(container, monkeypatch), etree.tostring(container)
    assert etree.tostring(container) == before  # the container itself is left as it was


def test_bare_copy_gives_the_blocks_of_random_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(26)
    checked = dropped = 0
    for _ in range(120):
        markup = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60)))
        root = parse_page(f"<html><body>{markup}<div>{markup}</div></body></html>")
        for el in root.iter(etree.Element):
            _check(el, monkeypatch)
            bare = blocks._bare_copy(el)
            dropped += sum(1 for e in el.iter()) == sum(1 for e in bare.iter()) and etree.tostring(
                bare, with_tail=False
            ) != etree.tostring(el, with_tail=False)
            checked += 1
    assert checked > 2000 and dropped > 200  # white space and attributes were taken out of many of them


@pytest.mark.parametrize(
    "markup",
    [
        "<li><div>Erste Zeile</div>\n<div>zweite</div></li>",  # a block read as one: its line break stays
        "<td><span>ett</span> <div>två</div></td>",
        "<a href='#'><p>één</p>\n<p>twee</p></a>",  # an inline element read as one
        "<div><a>Forskning</a> <a>får</a>\n<p>x</p> <b>y</b> <i>z</i></div>",
        "<blockquote><p>Zitat</p>\n<cite>Quelle</cite> <span>mehr</span></blockquote>",
    ],
)
def test_bare_copy_keeps_the_white_space_that_blocks_hold(markup: str, monkeypatch: pytest.MonkeyPatch) -> None:
    root = parse_page(f"<html><body><div>{markup}</div></body></html>")
    for el in root.iter(etree.Element):
        _check(el, monkeypatch)


def test_bare_copy_gives_the_blocks_of_random_nested_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(2026)
    checked = 0
    for _ in range(400):
        root = parse_page(f"<html><body>{_random_tree(rng)}</body></html>")
        for el in root.iter(etree.Element):
            _check(el, monkeypatch)
            checked += 1
    assert checked > 2000


@pytest.mark.parametrize("path", _DEV_PAGES[::4], ids=lambda p: p.name)
def test_bare_copy_gives_the_blocks_of_dev_pages(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = parse_page(path.read_bytes())
    assert root is not None
    elements = [el for el in root.iter("body", "main", "article", "section", "div", "td", "li", "ul") if len(el)]
    for el in [elements[0], *random.Random(path.name).sample(elements, min(15, len(elements)))]:
        _check(el, monkeypatch)
