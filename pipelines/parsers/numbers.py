"""Numbers in running text: digits with locale separators, number words, scale words.

All words come from ``data/lang/<lang>/amounts.yaml`` (see :mod:`pipelines.langdata`); the regexes
are built from them on first use and cached per language. An unknown language (``None``, "fr", ...)
uses the union of all known languages' data, with no decimal-separator preference (a single ``.``
or ``,`` followed by exactly three digits is then read as a thousands separator).

Digit rules: spaces (also no-break and thin spaces) and ``'`` group thousands; if both ``.`` and
``,`` occur the last one is the decimal mark; a mark that occurs twice groups; a single mark
followed by other than three digits is decimal; a single mark followed by three digits is decimal
only if it is the language's decimal separator ("850.000" in Dutch = 850000, "1,500" in English =
1500, "1,500" in German = 1.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipelines.langdata import load, supported_languages
from pipelines.regex_words import alternation
from pipelines.text_keys import word_key

SPACES = " \u00a0\u2009\u202f"
DIGITS = (
    r"(?:\d{1,3}(?:(?P<grp>[ .,'\u00a0\u2009\u202f])\d{3}(?:(?P=grp)\d{3}){0,4})?|\d{4,15})"
    r"(?:[.,]\d{1,4})?(?!\d)"
)


def lang_table(lang: str | None, topic: str) -> dict[str, Any]:
    """The ``topic`` data of ``lang``; for an unknown language the union of all languages' data.

    In the union, mappings keep the first language's value (alphabetical order), lists are
    concatenated, booleans are or-ed and other scalars that differ between languages become ``None``.
    """
    if lang in supported_languages():
        return load(lang, topic)
    return _union(topic)


@cache
def _union(topic: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for lang in supported_languages():
        for key, value in load(lang, topic).items():
            if isinstance(value, dict):
                merged[key] = {**value, **merged.get(key, {})}
            elif isinstance(value, list):
                merged[key] = merged.get(key, []) + [v for v in value if v not in merged.get(key, [])]
            elif isinstance(value, bool):
                merged[key] = merged.get(key, False) or value
            elif key in merged and merged[key] != value:
                merged[key] = None
            else:
                merged[key] = value
    return merged


@dataclass(frozen=True)
class NumberLexicon:
    """Compiled number knowledge of one language."""

    decimal: str | None
    words: dict[str, float]
    scales: dict[str, tuple[float, str | None]]  # scale word -> (multiplier, currency or None)
    words_re: str
    scale_re: str
    token_re: re.Pattern[str]
    full_re: re.Pattern[str]

    def digits_value(self, text: str) -> float | None:
        """Value of a digit string such as "1 500 000", "3,6" or "1,500.25"."""
        s = text.translate({ord(c): None for c in SPACES + "'"})
        marks = [c for c in s if c in ".,"]
        if not marks:
            return float(s)
        last = max(s.rfind("."), s.rfind(","))
        if len(set(marks)) == 2:
            decimal: str | None = s[last]
        elif len(marks) > 1:
            decimal = None
        elif len(s) - last - 1 != 3:
            decimal = marks[0]
        else:
            decimal = marks[0] if marks[0] == self.decimal else None
        s = s.translate({ord(c): None for c in set(marks) - {decimal}})
        return float(s.replace(",", ".")) if decimal else float(s)

    def words_value(self, text: str) -> float | None:
        """Value of a (compound) number word: "tjugofem", "vijfentwintig", "two hundred and five"."""
        total = current = 0.0
        values = [
            self.words[word_key(m.group())] for m in self.token_re.finditer(text) if word_key(m.group()) in self.words
        ]
        if not values:
            return None
        for v in values:
            if v == 100:
                current = (current or 1) * 100
            elif v >= 1000:
                total += (current or 1) * v
                current = 0
            else:
                current += v
        return total + current

    def scale(self, word: str) -> tuple[float, str | None]:
        """(multiplier, currency or None) of a matched scale word."""
        return self.scales[word_key(word)]


@cache
def lexicon(lang: str | None) -> NumberLexicon:
    """The cached :class:`NumberLexicon` of ``lang`` (union for unknown languages)."""
    data = lang_table(lang, "amounts")
    words = {word_key(k): float(v) for k, v in (data.get("number_words") or {}).items()}
    scales: dict[str, tuple[float, str | None]] = {
        word_key(k): (float(v), None) for k, v in (data.get("scales") or {}).items()
    }
    scales.update({word_key(k): (float(v[0]), v[1]) for k, v in (data.get("currency_scales") or {}).items()})
    morph = alternation(words)
    joins = alternation(data.get("number_joiners") or [])
    words_re = rf"(?<!\w)(?:{morph})(?:(?:[ -]?(?:{joins})[ -]?|[ -]?)(?:{morph})){{0,8}}(?!\w)"
    scale_re = alternation(scales)
    full = rf"\s*(?:(?P<dig>{DIGITS})|(?P<words>{words_re}))(?:[{SPACES}]?(?P<scale>{scale_re})(?!\w))?\s*"
    return NumberLexicon(
        decimal=data.get("decimal_separator"),
        words=words,
        scales=scales,
        words_re=words_re,
        scale_re=scale_re,
        token_re=re.compile(alternation([*words, *(data.get("number_joiners") or [])]), re.IGNORECASE),
        full_re=re.compile(full, re.IGNORECASE),
    )


def parse_number(text: str, lang: str | None) -> float | None:
    """The number a short string states ("3,6", "1 500 000", "tjugofem", "2,5 miljoner"), else None."""
    lex = lexicon(lang)
    m = lex.full_re.fullmatch(text)
    if not m:
        return None
    value = lex.digits_value(m["dig"]) if m["dig"] else lex.words_value(m["words"])
    if value is None:
        return None
    if m["scale"]:
        mult, currency = lex.scale(m["scale"])
        if currency:
            return None
        value *= mult
    return round(value, 6)
