"""Text blocks of an element: BeautifulSoup's part of extraction.

The chosen container (an lxml element) is re-parsed by BeautifulSoup, whose tree walk turns it into
the blocks of the main text: one per block element (heading, paragraph, list item, quote, cell),
with ``<br>`` kept as line breaks and runs of loose inline text as blocks of their own.
"""

from __future__ import annotations

import re

import lxml.html
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from lxml import etree

SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")
_BLOCKS = frozenset(
    [
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "li",
        "blockquote",
        "pre",
        "dt",
        "dd",
        "figcaption",
        "td",
        "th",
        "address",
        "caption",
        "summary",
    ]
)
_INLINE = frozenset(
    [
        "a",
        "span",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "small",
        "sup",
        "sub",
        "time",
        "abbr",
        "cite",
        "q",
        "mark",
        "code",
        "s",
        "del",
        "ins",
        "label",
        "font",
        "bdi",
        "data",
        "img",
        "br",
    ]
)


def fold_spaces(text: str) -> str:
    """``SPACE.sub(" ", text)``: each run of spaces (not line breaks) as one space. A text without a double space
    whose characters are all printable (every other character ``SPACE`` matches is not) is returned untouched,
    without the regex's scan."""
    return SPACE.sub(" ", text) if "  " in text or not text.isprintable() else text


def text_blocks(container: etree._Element) -> list[str]:
    """Text blocks of the container in document order, by BeautifulSoup on the container's markup.

    Block elements give one block each (one holding blocks, such as a quote box's paragraph and its source, is
    walked like a container: its parts are not glued together); runs of loose inline text (text directly inside a ``<div>``,
    or ``<span>``/``<a>`` between blocks) are blocks of their own. Iterative: no recursion limit."""
    soup = BeautifulSoup(lxml.html.tostring(container, encoding="unicode", with_tail=False), "lxml")
    top = soup.body or soup
    out: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        if loose and (text := fold_spaces("".join(loose)).strip()):
            out.append(text)
        loose.clear()

    stack = [iter(top.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            flush()
        elif not isinstance(child, Tag):
            if isinstance(child, NavigableString) and not isinstance(child, Comment):
                loose.append(str(child))
        elif child.name in _BLOCKS and (text := _block_text(child)) is not None:
            flush()
            if text:
                out.append(text)
        elif child.name in _INLINE:
            loose.append(" " if child.name == "br" else child.get_text(""))
        else:
            flush()
            stack.append(iter(child.children))
    return out


def _block_text(el: Tag) -> str | None:
    """Visible text of a block element, with <br> as line breaks and white space folded; None when it holds other
    blocks (a quote box's paragraph and its source). One plain walk of its descendants, not a BeautifulSoup search
    object per block; a block of one plain string (most paragraphs) needs no walk."""
    contents = el.contents
    if len(contents) == 1 and type(contents[0]) is NavigableString:
        raw = str(contents[0])
    else:
        breaks = []
        for node in el.descendants:
            name = getattr(node, "name", None)
            if name in _BLOCKS:
                return None
            if name == "br" and isinstance(node, Tag):
                breaks.append(node)
        for br in breaks:
            br.replace_with("\n")
        raw = el.get_text("")
    lines = (fold_spaces(line).strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)
