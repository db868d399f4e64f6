"""The edges of an article: what a page sets around its headline and first lines that is no article text.

A rubric over the headline ("Künstliche Intelligenz", "DEN HAAG", "Pressemitteilung"), a dated byline
("08.04.2025 Anja Krüger", "Mikael Persson 20 maj 2025 kl 17.45") and a news agency's tag
on the dateline or after the last line ("DEN HAAG (ANP) – …", "… (dpa)"). Decided by position and shape; the words
(byline cues, time words, name particles, agency names) are language data of every language at once, since a page's
furniture need not be in the article's language.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.langdata import load, supported_languages
from pipelines.parsers.dates import find_dates
from pipelines.parsers.numbers import lang_table
from pipelines.regex_words import alternation
from pipelines.text_keys import identity_key

_RUBRIC_WORDS = 6  # a rubric over the headline is a few words
_BYLINE_CHARS = 100  # a byline is one short line
_BYLINE_WORDS = 6  # ... naming one or two people, perhaps an agency
_HEAD = 3  # blocks after the headline that may be a byline or carry the agency's dateline
_TAG_REACH = 80  # an agency's tag on the dateline stands within this many characters of the start
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\b")


@cache
def _data() -> tuple[re.Pattern[str], frozenset[str], frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """(byline cue at a line's start, time words, name particles, an agency's tag in parentheses, an agency closing
    a byline)."""
    pubdate, page = lang_table(None, "pubdate"), lang_table(None, "page")
    cue = re.compile(rf"^(?:{alternation(pubdate.get('byline_cues') or [])})(?!\w)\s*:?", re.IGNORECASE)
    times = frozenset(str(w).casefold() for w in pubdate.get("time_words") or [])
    particles = frozenset(
        w.casefold()
        for lang in supported_languages()
        for p in (load(lang, "entities").get("people") or {}).get("particles") or []
        for w in str(p).split()
    )
    agency = alternation(page.get("news_agencies") or [], flexible_spaces=False)
    tag = re.compile(rf"[^\S\n]*\((?:{agency})(?:\s*[/,]\s*[\w-]{{1,12}}){{0,3}}\)", re.IGNORECASE)
    signed = re.compile(rf"\s*[,/]\s*(?:{agency})(?:/[\w-]{{1,12}})*\s*$", re.IGNORECASE)
    return cue, times, particles, tag, signed


def trim_edges(blocks: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """The article's blocks without a rubric over the headline, bylines just under it and agency tags; and the
    bylines taken out (their dates may date the page)."""
    key = identity_key(title) if title else None
    start = next((i for i, b in enumerate(blocks[:_HEAD]) if key is not None and identity_key(b) == key), None)
    if start and all(_is_rubric(b) for b in blocks[:start]):
        blocks = blocks[start:]
    first = 0 if start is None else 1  # the first block after the headline
    head = blocks[first : first + _HEAD]
    bylines = [b for b in head if is_byline(b)]
    kept = [b for b in blocks if b not in bylines]
    return [_without_agency(b, i, len(kept)) for i, b in enumerate(kept)], bylines


def _is_rubric(block: str) -> bool:
    return (
        "\n" not in block
        and len(_WORDS.findall(block)) <= _RUBRIC_WORDS
        and not block.rstrip().endswith((".", "!", "?"))
    )


def is_byline(block: str) -> bool:
    """A short line dating the article and naming its author ("08.04.2025 Anja Krüger", "Von Anja Krüger, 8. April
    2025", "Mikael Persson 20 maj 2025 kl 17.45"): besides a byline cue, the date and time only a few capitalised
    words and particles. A byline without a date stays (a page's "Text: …" line may name a person of the article)."""
    text = " ".join(block.split())
    if len(text) > _BYLINE_CHARS or text.endswith((".", "!", "?", ":")):
        return False
    cue_re, times, particles, _, _ = _data()
    rest = cue_re.sub("", text, count=1)
    cued = rest != text
    dated = False
    if any(map(str.isdigit, rest)):
        for found in find_dates(rest, None):
            rest, dated = rest.replace(found.text, " "), dated or found.grain == "day"
        rest = _TIME.sub(" ", rest)
    words = [w for w in _WORDS.findall(rest) if w.casefold() not in times]
    if any(map(str.isdigit, rest)) or not dated or not 2 - cued <= len(words) <= _BYLINE_WORDS:
        return False
    return all(w[0].isupper() or w.casefold() in particles for w in words)


def _without_agency(block: str, index: int, count: int) -> str:
    """The block without a news agency's tag at its start ("MÜNCHEN (dpa/lby) –", "Von Anna Berg, dpa") or end
    ("… (ANP)")."""
    cue, _, _, tag, signed = _data()
    if index < _HEAD and len(block) <= _BYLINE_CHARS and cue.match(block) and (m := signed.search(block)):
        return block[: m.start()]
    if index < _HEAD and (m := tag.search(block, 0, _TAG_REACH)):
        return block[: m.start()] + block[m.end() :]
    if (
        index >= count - _HEAD
        and (m := tag.search(block, max(0, len(block) - _TAG_REACH)))
        and not block[m.end() :].strip()
    ):
        return block[: m.start()].rstrip()
    return block
