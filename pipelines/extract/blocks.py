"""Text blocks of an element: BeautifulSoup's part of extraction.

The chosen container (an lxml element, as a bare copy without what the walk never reads) is re-parsed by
BeautifulSoup, whose tree walk turns it into the blocks of the main text: one per block element (heading,
paragraph, list item, quote, cell), with ``<br>`` kept as line breaks and runs of loose inline text as blocks of
their own.
"""

from __future__ import annotations

import copy
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
    or ``<span>``/``<a>`` between blocks) are blocks of their own. Iterative: no recursion limit.
    Where this walk ends a run of loose text, ``_at_break`` must agree: ``_bare_copy`` drops white space there."""
    soup = BeautifulSoup(lxml.html.tostring(_bare_copy(container), encoding="unicode", with_tail=False), "lxml")
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


def _bare_copy(container: etree._Element) -> etree._Element:
    """A copy of the container with what the walk of ``text_blocks`` never reads taken out, so that BeautifulSoup has
    less to build: attributes (of all but the elements inside inline ones), and white-space-only strings that stand
    at a break between blocks. Such a string is dropped only where it would be a loose string of a walked element
    (no inline element and, unless it stands beside a block, no block element around it) next to a block, another
    non-inline element or the start or end of its parent: the run of loose text it joins is stripped at that break.
    Strings beside comments and processing instructions, inside inline elements, in blocks read as one and in
    elements without children are kept (``tests/pipelines/extract/test_blocks_bare.py`` checks the blocks against
    those of the container itself)."""
    bare = copy.deepcopy(container)
    bare.tail = None
    stack = [(bare, False)] if _kind(bare) != _INLINE_KIND else []  # an inline container is read whole
    while stack:
        el, in_block = stack.pop()
        in_block = in_block or el.tag in _BLOCKS
        children = list(el)
        kinds = [*map(_kind, children), _EDGE]
        if (text := el.text) is not None and not text.strip() and _at_break(_EDGE, kinds[0], in_block):
            el.text = None
        for child, kind, after in zip(children, kinds, kinds[1:]):
            if (tail := child.tail) is not None and not tail.strip() and _at_break(kind, after, in_block):
                child.tail = None
            if kind != _ODD:
                child.attrib.clear()
                if kind != _INLINE_KIND and len(child):  # the text of an element without children stays
                    stack.append((child, in_block))
    return bare


_EDGE, _BLOCK_KIND, _INLINE_KIND, _OTHER, _ODD = range(5)
_BREAKS = frozenset((_EDGE, _BLOCK_KIND, _OTHER))  # what the walk of ``text_blocks`` ends a run of loose text at
_KINDS = {**dict.fromkeys(_BLOCKS, _BLOCK_KIND), **dict.fromkeys(_INLINE, _INLINE_KIND)}


def _kind(node: etree._Element) -> int:
    tag = node.tag
    if not isinstance(tag, str):
        return _ODD  # a comment or processing instruction: the walk passes over it
    return _KINDS.get(tag, _OTHER)


def _at_break(before: int, after: int, in_block: bool) -> bool:
    """Whether a white-space-only string between nodes of these kinds is at a break the walk strips: beside a
    block (then every block around it holds a block, so is walked too), or with no block around it, beside any
    break; never beside a comment (the walk passes over it, joining what stands on either side)."""
    if before == _ODD or after == _ODD:
        return False
    if in_block:
        return before == _BLOCK_KIND or after == _BLOCK_KIND
    return before in _BREAKS or after in _BREAKS


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
