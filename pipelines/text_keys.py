"""Comparison keys of text: one function per meaning, each with its own name.

- ``fold``: lower case of the same length (offsets into the text stay valid);
- ``word_key``: lower case with single spaces, the key of a word list entry that a regex built from
  the same entries matched (number words, month names, currencies);
- ``identity_key``: NFKC, case-folded, single-spaced: what two names must share to be one thing
  (ids of people and of names no gazetteer has, titles against headings);
- ``name_key``: case-folded words without punctuation: how names are compared for scoring and for
  one name being a word prefix of another;
- ``slug``: ASCII, lower case, hyphens: the readable part of an id.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# a word: word characters, maybe joined by a hyphen, dot, apostrophe, "&" or "/" ("AI-center", "R&D"); possessive
# quantifiers find what greedy ones find (no match here needs one given back), without backtracking
TOKEN = re.compile(r"\w++(?:[-.'’&/]\w++)*+")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case without changing the length, so offsets stay valid."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def word_key(text: str) -> str:
    """Lower-cased, white space collapsed: 'Miljoner  Kronor' -> 'miljoner kronor'."""
    return " ".join(text.lower().split())


def identity_key(text: str) -> str:
    """NFKC-normalised, case-folded, white space collapsed: the key two mentions of one name share."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


@lru_cache(maxsize=1 << 13)
def name_key(text: str) -> str:
    """Case-folded words without punctuation, single-spaced: 'Örebro universitet.' -> 'örebro universitet'.

    Kept per distinct name (bounded): a text names one thing many times, and texts name the same ones."""
    return " ".join(_WORD.findall(text.casefold()))


def slug(text: str) -> str:
    """ASCII slug: 'Örebro universitet' -> 'orebro-universitet'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
