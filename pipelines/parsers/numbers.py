"""Numbers in running text: digits with locale separators, number words, scale words.

Words come from ``data/lang/<lang>/amounts.yaml`` and the decimal separator, minus signs and
currency names from ``cldr.yaml`` (see :mod:`pipelines.langdata`); the regexes are built from them
on first use and cached per language. Besides digits and compound number words a number may be
zero ("noll"), negative ("minus 1.200", "-1,2 Mio."), a fraction or group ("drei Viertel", "ett
dussin": ``multipliers``), "1 komma 5" (``decimal_words``), ",75", scaled by K/M/G or a scale word,
and digits and words mixed with a smaller tail ("3 honderd", "2 Millionen 300 tausend"). An unknown language (``None``, "fr", ...)
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
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipelines.langdata import load, supported_languages
from pipelines.regex_words import nested_alternation
from pipelines.text_keys import word_key

SPACES = " \u00a0\u2009\u202f"
_GROUPING_MARKS = str.maketrans("", "", SPACES + "'")  # removed from digit strings before reading them
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


def cldr(lang: str | None) -> dict[str, Any]:
    """The CLDR facts of ``lang`` (``data/lang/<lang>/cldr.yaml``; union for unknown languages)."""
    return lang_table(lang, "cldr")


def currency_words(lang: str | None) -> dict[str, str]:
    """Currency names, symbols and codes -> ISO 4217: CLDR's, then the language's own supplement."""
    own = lang_table(lang, "amounts").get("currencies") or {}
    return {word_key(k): v for k, v in {**(cldr(lang).get("currencies") or {}), **own}.items()}


@dataclass(frozen=True)
class NumberLexicon:
    """Compiled number knowledge of one language."""

    decimal: str | None
    words: dict[str, float]
    multipliers: dict[str, float]  # "dussin" 12, "Viertel" 0.25: multiply the count before them
    scales: dict[str, tuple[float, str | None]]  # scale word -> (multiplier, currency or None)
    words_re: str
    scale_re: str
    minus_re: str
    token_re: re.Pattern[str]
    full_re: re.Pattern[str]

    def digits_value(self, text: str) -> float | None:
        """Value of a digit string such as "1 500 000", "3,6", "1,500.25" or ",75"."""
        s = text.translate(_GROUPING_MARKS)
        if "." not in s and "," not in s:  # most numbers ("2024", "1 500")
            return float(s)
        marks = [c for c in s if c in ".,"]
        last = max(s.rfind("."), s.rfind(","))
        if len(set(marks)) == 2:
            decimal: str | None = s[last]
        elif len(marks) > 1:
            decimal = None
        elif len(s) - last - 1 != 3 or last == 0:
            decimal = marks[0]
        else:
            decimal = marks[0] if marks[0] == self.decimal else None
        s = s.translate({ord(c): None for c in set(marks) - {decimal}})
        return float(s.replace(",", ".")) if decimal else float(s)

    def words_value(self, text: str) -> float | None:
        """Value of a (compound) number word: "tjugofem", "vijfentwintig", "drei Viertel", "ett dussin"."""
        total = current = 0.0
        keys = [word_key(m.group()) for m in self.token_re.finditer(text)]
        keys = [k for k in keys if k in self.words or k in self.multipliers]
        if not keys:
            return None
        for k in keys:
            if k in self.multipliers:
                current = (current or 1) * self.multipliers[k]
                continue
            v = self.words[k]
            if v == 100:
                current = (current or 1) * 100
            elif v >= 1000:
                total += (current or 1) * v
                current = 0
            else:
                current += v
        return total + current

    def value(self, m: re.Match[str]) -> float | None:
        """The number a match of ``full_re`` (or a pattern built by :func:`number_pattern`) states."""
        value = self.digits_value(m["dig"]) if m["dig"] else self.words_value(m["words"])
        if value is None:
            return None
        if m["dec"]:
            dec = m["dec"] if m["dec"][0].isdigit() else self.words_value(m["dec"])
            if dec is None or value != int(value) or (isinstance(dec, float) and dec != int(dec)):
                return None
            value = float(f"{int(value)}.{dec if isinstance(dec, str) else int(dec)}")
        if m["scale"]:
            value *= self.scale(m["scale"])[0]
        if m["tail"]:
            tail = self.digits_value(m["tail"]) if m["tail"][0].isdigit() else self.words_value(m["tail"])
            tail = (tail or 0) * (self.scale(m["tail_scale"])[0] if m["tail_scale"] else 1)
            if not m["scale"] or not (m["tail_scale"] or not m["tail"][0].isdigit()) or tail >= value:
                return None
            value += tail
        return -value if "neg" in m.re.groupindex and m["neg"] else value

    def scale(self, word: str) -> tuple[float, str | None]:
        """(multiplier, currency or None) of a matched scale word."""
        return self.scales[word_key(word)]


def number_pattern(words_re: str, scale_re: str, decimal_words: str) -> str:
    """A number: digits ("1 500", ",75") or number words, optionally "komma" and decimals ("1 komma 5",
    "två komma fem"), an optional scale word, and an optional smaller tail with its own scale
    ("2 Millionen 300 tausend")."""
    return (
        rf"(?:(?P<dig>{DIGITS}|[.,]\d{{1,4}}(?!\d))|(?P<words>{words_re}))"
        rf"(?:[{SPACES}](?:{decimal_words})[{SPACES}](?P<dec>\d{{1,6}}(?!\d)|{words_re}))?"
        rf"(?:[{SPACES}]?(?P<scale>{scale_re})(?!\w)"
        rf"(?:[{SPACES}](?P<tail>\d{{1,3}}(?![\d.,])|{words_re})(?:[{SPACES}]?(?P<tail_scale>{scale_re})(?!\w))?)?)?"
    )


@cache
def lexicon(lang: str | None) -> NumberLexicon:
    """The cached :class:`NumberLexicon` of ``lang`` (union for unknown languages)."""
    data = lang_table(lang, "amounts")
    words = {word_key(k): float(v) for k, v in (data.get("number_words") or {}).items()}
    words.update({word_key(k): 0.0 for k in data.get("zero_words") or []})
    multipliers = {word_key(k): float(v) for k, v in (data.get("multipliers") or {}).items()}
    scales: dict[str, tuple[float, str | None]] = {
        word_key(k): (float(v), None) for k, v in (data.get("scales") or {}).items()
    }
    scales.update({word_key(k): (float(v[0]), v[1]) for k, v in (data.get("currency_scales") or {}).items()})
    morph = nested_alternation([*words, *multipliers])
    joins = nested_alternation(data.get("number_joiners") or [])
    words_re = rf"(?<!\w)(?:{morph})(?:(?:[ -]?(?:{joins})[ -]?|[ -]?)(?:{morph})){{0,8}}(?!\w)"
    scale_re = nested_alternation(scales)
    signs = "".join(re.escape(c) for c in cldr(lang).get("minus_signs") or ["-"])
    minus_re = rf"(?:[{signs}][{SPACES}]?|(?:{nested_alternation(data.get('minus_words') or [])})[{SPACES}])"
    number = number_pattern(words_re, scale_re, nested_alternation(data.get("decimal_words") or []))
    return NumberLexicon(
        decimal=cldr(lang).get("decimal_separator"),
        words=words,
        multipliers=multipliers,
        scales=scales,
        words_re=words_re,
        scale_re=scale_re,
        minus_re=minus_re,
        token_re=re.compile(
            nested_alternation([*words, *multipliers, *(data.get("number_joiners") or [])]), re.IGNORECASE
        ),
        full_re=re.compile(rf"\s*(?P<neg>{minus_re})?{number}\s*", re.IGNORECASE),
    )


_FRACTION = re.compile(r"\s*(?P<neg>-)?(?:(?P<n>\d{1,3})/(?P<d>[1-9]\d{0,2})|(?P<v>[\u00bc-\u00be\u2150-\u215e]))\s*")


def parse_number(text: str, lang: str | None) -> float | None:
    """The number a short string states ("3,6", "1 500 000", "tjugofem", "2,5 miljoner", "minus 1.200",
    "drei Viertel", "1 komma 5", "2 Millionen 300 tausend", "3/4", "½"), else None."""
    frac = _FRACTION.fullmatch(text)
    if frac:
        part = int(frac["n"]) / int(frac["d"]) if frac["n"] else unicodedata.numeric(frac["v"])
        return round(-part if frac["neg"] else part, 6)
    lex = lexicon(lang)
    m = lex.full_re.fullmatch(text)
    if not m:
        return None
    if m["scale"] and lex.scale(m["scale"])[1]:
        return None
    value = lex.value(m)
    return None if value is None else round(value, 6)
