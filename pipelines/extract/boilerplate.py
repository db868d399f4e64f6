"""Chrome inside the article container: related-items, press-contact and downloads sections, share bars, image
credits (alone or closing a caption), links to files, contact/address lines and service prompts.

The words come from ``data/lang/*/page.yaml`` (all languages at once: a German page may carry an
English share bar). Sections are removed from the lxml tree (a heading that is only a cue, and what
belongs to it); single blocks are dropped from the assembled text by ``is_chrome_block``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from lxml import etree

from pipelines.extract.page_chrome import attached
from pipelines.file_links import FILE_LINK
from pipelines.parsers.numbers import lang_table
from pipelines.regex_words import alternation, first_letters

_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_SHORT_HEADING = 60  # a cue heading is at most this long
_SHORT_BLOCK = 200  # contact, credit and prompt blocks are at most this long
_NOT_HEADING = 7  # rank of a cue line that is no <hN>: below every heading
_PROSE = 200  # a sibling with this much own text after a bold cue line is article text again
# a phone number: optional +country, then groups of digits ("+49 341 97-108", "070-123 45 67", "(030) 1234567")
_PHONE = re.compile(
    r"(?<![\w.,/-])(?:\+\d{2,3}[\s(]*|\(?0\d{1,4}\)?[\s/-]*)\d{2,4}(?:[\s/-]?\d{2,4}){1,4}(?![\w.,/-]\d)"
)
_DATE_LIKE = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{2,4}")
_DIGIT = re.compile(r"\d")  # a phone number has digits: the cheap test before ``_PHONE``
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CREDIT_WORDS = 8  # a credit names a photographer and/or an agency: a few words
_WORD = re.compile(r"[^\W\d_]+(?:[-.][^\W\d_]+)*\.?|\d+", re.UNICODE)
_CONTACT_MARK = re.compile(r"[\d@:]")  # a contact line holds a number, an e-mail address or a colon


@cache
def _data() -> dict[str, re.Pattern[str] | frozenset[str] | int]:
    data = lang_table(None, "page")
    # a cue at the start: the lookahead of the cues' first letters fails at once where no cue can start
    start = lambda key: re.compile(  # noqa: E731
        rf"{first_letters([str(w).strip() for w in data.get(key) or []])}(?:{alternation(data.get(key) or [])})(?!\w)",
        re.IGNORECASE,
    )
    credit = alternation(data.get("credit_cues") or [])
    section_cues = [
        w for key in ("related_headings", "press_contact_headings", "file_headings") for w in data.get(key) or []
    ]
    return {
        # a box of related items, a press contact or a downloads list: none is article
        "section": re.compile(rf"(?:{alternation(section_cues)})\s*[:.…]?", re.IGNORECASE),
        # the longest text "section" can match once white space is folded (a cue, a space and a colon): longer
        # blocks need no try
        "section_chars": max((len(_norm(str(w))) for w in section_cues), default=0) + 2,
        "contact": start("contact_cues"),
        "credit": start("credit_cues"),
        # a credit closing a caption: "… in Trollhättan. Foto: Erik Forsberg/SVT", "… (Bild: dpa)"
        "credit_tail": re.compile(
            rf"[^\S\n]*[(\[](?:{credit})\s*[:©]\s*(?P<who>[^()\[\]\n]{{1,80}})[)\]]\s*$"
            rf"|(?:(?<=[.!?…”“\"»«)])[^\S\n]*|\n)(?:(?:{credit})\s*[:©]|©)\s*(?P<tail>[^()\[\]\n]{{1,80}})$",
            re.IGNORECASE,
        ),
        "prompt": start("prompt_cues"),
        "postcode": re.compile("|".join(data.get("postcode_patterns") or [r"(?!x)x"])),
        "share": frozenset(str(w).casefold() for w in data.get("share_words") or []),
    }


def _norm(text: str) -> str:
    return " ".join(text.split())


def is_section_heading(text: str) -> bool:
    """Whether a heading's text is only a related-items cue ("Läs också", "Mehr zum Thema:")."""
    if len(text) > _SHORT_HEADING + 2 and "  " not in text and text.isprintable():
        return False  # its only white space is single spaces (the rest is unprintable): folded, still too long
    text = _norm(text)
    return 0 < len(text) <= _SHORT_HEADING and _is_section_cue(text)


def _is_section_cue(text: str) -> bool:
    """Whether a text with its white space folded (``_norm``) is only a related-items cue."""
    data = _data()
    return len(text) <= data["section_chars"] and data["section"].fullmatch(text) is not None  # type: ignore[operator,union-attr]


def remove_sections(container: etree._Element, text_len: Callable[[etree._Element], int]) -> None:
    """Remove related-items sections from ``container``: the cue heading's own small wrapper
    (a box holding under a third of the container's text), else the heading and its following siblings
    up to the next heading of the same or a higher rank (after a bold cue line that is no heading, up to the next
    paragraph of prose). ``text_len`` measures an element's own text."""
    total = text_len(container) or 1
    for heading in [h for h in container.iter(*_HEADINGS, "strong", "b", "p", "span", "div") if _is_cue_heading(h)]:
        if heading.getparent() is None or not (heading is container or attached(heading, container)):
            continue
        parent = heading.getparent()
        if parent is not container and parent.tag not in ("article", "main", "body") and text_len(parent) < total / 3:
            # a box around the heading (<div class="related"><h3>Läs också</h3><ul>..</ul></div>), or a heading wrapper
            box = parent
            while box.getparent() is not None and box.getparent() is not container and len(box) == 1:
                box = box.getparent()
            if box is not container and text_len(box) < total / 3 and len(_heading_texts(box)) <= 1:
                box.drop_tree()
                continue
        rank = _rank(heading)
        sibling = heading.getnext()
        heading.drop_tree()
        while sibling is not None:
            following = sibling.getnext()
            if sibling.tag in _HEADINGS and _rank(sibling) <= rank:
                break
            # after a cue that is no heading (a bold line), a paragraph of prose ends the section
            if rank == _NOT_HEADING and sibling.tag not in ("ul", "ol") and text_len(sibling) >= _PROSE:
                break
            sibling.drop_tree()
            sibling = following


def _is_cue_heading(el: etree._Element) -> bool:
    """A heading element, or a short p/div/span/strong standing alone, whose text is a section cue."""
    # a non-heading counts only when it holds no element children beyond inline markup
    if el.tag not in _HEADINGS and any(
        child.tag not in ("strong", "b", "span", "a", "em") for child in el if isinstance(child.tag, str)
    ):
        return False
    # an element of text alone (most paragraphs) holds its text in .text: no XPath string() of it
    return is_section_heading(el.text_content() if len(el) else el.text or "")


def _heading_texts(el: etree._Element) -> list[str]:
    return [h.text_content() for h in el.iter(*_HEADINGS)]


def _rank(el: etree._Element) -> int:
    return int(el.tag[1]) if el.tag in _HEADINGS else _NOT_HEADING


def is_chrome_block(block: str) -> bool:
    """A text block that is chrome: a share bar, an image credit, a contact/address line or a prompt."""
    text = _norm(block)
    if not text or len(text) > _SHORT_BLOCK:
        return False
    data = _data()
    share: frozenset[str] = data["share"]  # type: ignore[assignment]
    # a share bar: every word a share word (most blocks fail on the first; the words are only counted when needed)
    first = _WORD.search(text)
    if (
        first
        and first[0].rstrip(".").casefold() in share
        and all(w.rstrip(".").casefold() in share for w in _WORD.findall(text))
    ):
        return True
    if _is_section_cue(text):
        return True
    if data["credit"].match(text) and (":" in text[:20] or "©" in text or len(_WORD.findall(text)) <= 8):  # type: ignore[union-attr]
        return True
    if text.startswith("©"):
        return True
    if ("(" in text or "[" in text) and FILE_LINK.search(text) and len(_WORD.findall(text)) <= 14:
        return True
    if data["prompt"].match(text) and len(_WORD.findall(text)) <= 10:  # type: ignore[union-attr]
        return True
    if data["contact"].match(text) and _CONTACT_MARK.search(text):  # type: ignore[union-attr]
        return True
    # the cheap tests first: a sentence (ending in a stop, or of many words) is no address or contact line
    if text.endswith((".", "!", "?")) or (count := len(_WORD.findall(text))) > 14:
        return False
    if count <= 10 and data["postcode"].search(text):  # type: ignore[union-attr]
        return True
    if "@" in text and _EMAIL.search(text):
        return True
    return _DIGIT.search(text) is not None and any(not _DATE_LIKE.fullmatch(p.strip()) for p in _PHONE.findall(text))


def without_credit(block: str) -> str:
    """The block without the image credit that closes it ("Forscher im Labor. Foto: Anna Berg/dpa" -> "Forscher im
    Labor."): a credit names who took the picture, not anyone the article is about."""
    if ":" not in block and "©" not in block:  # every credit has one of them
        return block
    match = _data()["credit_tail"].search(block)  # type: ignore[union-attr]
    if match is None:
        return block
    who = match["who"] or match["tail"]
    if len(_WORD.findall(who)) > _CREDIT_WORDS or re.search(r"[.!?]\s", who):
        return block
    return block[: match.start()].rstrip()
