"""Text blocks of an element: the tree walk that turns the chosen container into the blocks of the main text.

One block per block element (heading, paragraph, list item, quote, cell), with ``<br>`` kept as line
breaks and runs of loose inline text as blocks of their own. The walk reads the lxml tree itself and keeps the
strings BeautifulSoup's tree of the container's markup holds (the definition, checked against it by
``tests/pipelines/extract/test_blocks.py``; no second parse of the container): comments give no text; a string of
only ASCII white space counts as one space or one line break (outside ``<pre>``/``<textarea>``); text inside
``<rt>``, ``<rp>``, ``<script>``, ``<style>`` and ``<template>`` is left out of an element's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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


_PRESERVE = frozenset(("pre", "textarea"))  # white space kept as written
_HIDDEN = frozenset(("rt", "rp", "script", "style", "template"))  # their strings are no part of an element's text
_ASCII_SPACES = " \n\t\f\r"
_Context = tuple[bool, bool]  # (inside <pre>/<textarea>, inside a hidden element), counted from the container down
_Node = etree._Element | tuple[str, bool]  # an element, or a string and whether it is hidden


def text_blocks(container: etree._Element) -> list[str]:
    """Text blocks of the container in document order.

    Block elements give one block each (one holding blocks, such as a quote box's paragraph and its source, is
    walked like a container: its parts are not glued together); runs of loose inline text (text directly inside a
    ``<div>``, or ``<span>``/``<a>`` between blocks) are blocks of their own. Iterative: no recursion limit."""
    out: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        text = SPACE.sub(" ", "".join(loose)).strip()
        if text:
            out.append(text)
        loose.clear()

    body = container if container.tag == "body" else container.find("body") if container.tag == "html" else None
    top: _Context = (False, False)
    stack: list[tuple[Iterator[_Node], _Context]] = [
        (_children(body, _inside(body, top)), _inside(body, top)) if body is not None else (iter([container]), top)
    ]
    while stack:
        child = next(stack[-1][0], None)
        context = stack[-1][1]
        if child is None:
            stack.pop()
            flush()
        elif isinstance(child, tuple):
            loose.append(child[0])
        elif not isinstance(child.tag, str):  # a comment or processing instruction
            continue
        elif child.tag in _BLOCKS and next(child.iterdescendants(*_BLOCKS), None) is None:
            flush()
            if text := _block_text(child, context):
                out.append(text)
        elif child.tag in _INLINE:
            loose.append(" " if child.tag == "br" else _text(child, context, br=""))
        else:
            flush()
            inner = _inside(child, context)
            stack.append((_children(child, inner), inner))
    return out


def _inside(el: etree._Element, context: _Context) -> _Context:
    return context[0] or el.tag in _PRESERVE, context[1] or el.tag in _HIDDEN


def _children(el: etree._Element, context: _Context) -> Iterator[_Node]:
    """The element's strings and child elements in document order (its text, then each child and its tail);
    ``context`` is the element's own."""
    if el.text:
        yield _string(el.text, context[0]), context[1]
    for child in el:
        yield child
        if child.tail:
            yield _string(child.tail, context[0]), context[1]


def _string(text: str, preserve: bool) -> str:
    """A string as the tree holds it: only ASCII white space becomes one line break or one space."""
    if preserve or text.strip(_ASCII_SPACES):
        return text
    return "\n" if "\n" in text else " "


def _text(el: etree._Element, context: _Context, br: str) -> str:
    """The visible text of ``el`` (in ``context``, its parent's): its strings, none inside a hidden element,
    and ``br`` for each ``<br>``."""
    parts: list[str] = []
    inner = _inside(el, context)
    stack: list[tuple[Iterator[_Node], _Context]] = [(_children(el, inner), inner)]
    while stack:
        child = next(stack[-1][0], None)
        if child is None:
            stack.pop()
        elif isinstance(child, tuple):
            if not child[1]:
                parts.append(child[0])
        elif not isinstance(child.tag, str):
            continue
        elif child.tag == "br":
            parts.append(br)
        else:
            inner = _inside(child, stack[-1][1])
            stack.append((_children(child, inner), inner))
    return "".join(parts)


def _block_text(el: etree._Element, context: _Context) -> str:
    """Visible text of a block element, with <br> as line breaks and white space folded."""
    lines = (SPACE.sub(" ", line).strip() for line in _text(el, context, br="\n").split("\n"))
    return "\n".join(line for line in lines if line)
