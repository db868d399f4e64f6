"""Country names (CLDR territories through Babel, in the text's language and English): a discovered name of several
words that is one names a place, not an organisation ("de Verenigde Staten", whose last word is a head of Dutch
bodies); a one-word country found by the text's context ("finansieras av EU och Sverige") is the state acting."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from pipelines.parsers.entities.tokens import Hit
from pipelines.text_keys import name_key


@lru_cache(maxsize=16)
def country_names(lang: str) -> frozenset[str]:
    """Name keys of the CLDR territories in ``lang`` and in English."""
    names: set[str] = set()
    for code in {lang, "en"}:
        try:
            names |= {name_key(n) for n in Locale.parse(code).territories.values()}
        except (UnknownLocaleError, ValueError):
            continue
    return frozenset(names)


def without_countries(text: str, hits: list[Hit], lang: str) -> list[Hit]:
    """Discovered organisation names of several words (no gazetteer entry, no acronym) that are a country's name are
    dropped."""
    countries = country_names(lang)
    return [
        h
        for h in hits
        if not (
            h.kind == "organisation"
            and h.entry is None
            and h.acronym is None
            and " " in name_key(text[h.start : h.end])
            and name_key(text[h.start : h.end]) in countries
        )
    ]
