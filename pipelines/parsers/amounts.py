"""Money amounts in running text ("3,6 Mio. Euro", "tre miljoner kronor", "€2m–€3m").

One regex pass finds every number (digits or number words) with an optional currency prefix,
scale word and currency suffix; the matches are then read left to right:

- a number with a currency (symbol, word, code or a scale that carries one, "mnkr", "M€") is money;
- a number with a scale word but no currency ("160 miljoner") is money unless a count noun follows
  ("2 miljoner invånare"); it takes the currency nearest to it in its sentence, else in its
  paragraph (line), else the language's ``default_currency`` (none for
  English: then it is dropped). Scales marked ``needs_currency`` ("m", "k") need an explicit currency;
- a bare number is never money, except as the low end of a range whose high end is money:
  "zwischen 2 und 3 Millionen Euro", "2–3 miljoner kronor" give two amounts (``range_role`` low/high);
  the low end borrows the high end's scale when its number is smaller ("500.000 bis 2 Mio." does not);
- an approximation word right before the amount (or before the range opener) sets ``approx``;
- subunits: "50 öre", "2 kronor och 50 öre", "5 euro 50", "drie euro vijftig" (bare cents after a currency word only where
  the phrase ends); "€ 20.000,-"; a suffix or symbol glued to the number ("$10k", "10K€", "3 Mio.€");
  currency symbols and codes on either side ("US$ 3,14", "3,14 US$", and the language's
  ``prefix_currencies``: sv "kr 10").

Currency names, symbols and codes come from CLDR (``cldr.yaml``) and the language's supplement
(``amounts.yaml``: colloquial units such as "spänn", "ballen", "Mäuse"; "kr" only where the
language says so); unknown languages use the union of all languages.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal, NamedTuple

from pipelines.models import Amount
from pipelines.parsers.numbers import (
    SPACES,
    NumberLexicon,
    currency_words,
    lang_table,
    lexicon,
    number_pattern,
)
from pipelines.parsers.ranges import RangeCues, cue_before
from pipelines.regex_words import nested_alternation, word_starts
from pipelines.text_keys import word_key

_SENTENCE_END = re.compile(r"[.!?;](?=\s{1,5}[^\W\d_])|\n")
_PARAGRAPH_END = re.compile(r"\n")


class _Found(NamedTuple):  # a tuple: built for every number of a text, cheaper than a frozen dataclass
    start: int
    end: int
    number: float
    mult: float
    currency: str | None
    scaled: bool
    needs_currency: bool

    @property
    def moneyish(self) -> bool:
        return self.currency is not None or (self.scaled and not self.needs_currency)


@dataclass(frozen=True)
class _AmountGrammar:
    lex: NumberLexicon
    currencies: dict[str, str]
    subunits: dict[str, str]
    needs_currency: frozenset[str]
    default_currency: str | None
    core: re.Pattern[str]
    currency_any: re.Pattern[str]
    approx_before: re.Pattern[str]
    range: RangeCues
    count_after: re.Pattern[str]


def _is_prefix_symbol(token: str, iso: str, prefix_words: frozenset[str]) -> bool:
    """Only symbols ("€", "US$"), ISO codes and the language's ``prefix_currencies`` ("kr") may stand
    before a number (not "euro 2024")."""
    return not token.isalpha() or token.upper() == iso or token in prefix_words


@cache
def _grammar(lang: str | None) -> _AmountGrammar:
    data = lang_table(lang, "amounts")
    lex = lexicon(lang)
    currencies = currency_words(lang)
    subunits = {word_key(k): v for k, v in (data.get("subunits") or {}).items()}
    prefix_words = frozenset(word_key(w) for w in data.get("prefix_currencies") or [])
    cur = nested_alternation(currencies)
    prefixes = [k for k, v in currencies.items() if _is_prefix_symbol(k, v, prefix_words)]
    pre = nested_alternation(prefixes)
    sub = nested_alternation(subunits)
    sub_join = nested_alternation(data.get("subunit_joiners") or [])
    number = number_pattern(lex.words_re, lex.scale_re, nested_alternation(data.get("decimal_words") or []))
    cur_starts = word_starts(currencies)
    core = (
        rf"(?<![\w.,])(?=\d|{word_starts(prefixes, lex.words, lex.multipliers)})(?:(?P<pre>{pre})[ \u00a0]?)?"
        rf"{number}(?:[.,][-\u2013](?![\w-]))?"
        rf"(?:[{SPACES}]?(?={cur_starts})(?P<cur>{cur})(?!\w)"
        rf"(?:[{SPACES}]{{1,3}}(?:(?:{sub_join})[{SPACES}]{{1,3}})?(?P<sub>\d{{1,2}}(?!\d|[.,]\d)|{lex.words_re})"
        rf"(?:[{SPACES}]?(?P<subw>{sub})(?!\w)|(?=[{SPACES}]*(?:$|[,;.!?)\n]))))?"
        rf"|[{SPACES}]?(?P<subonly>{sub})(?!\w))?"
    )
    scale_cur_words = [k for k, v in lex.scales.items() if v[1]]
    scale_cur = nested_alternation(scale_cur_words)
    flags = re.IGNORECASE
    return _AmountGrammar(
        lex=lex,
        currencies=currencies,
        subunits=subunits,
        needs_currency=frozenset(word_key(w) for w in data.get("needs_currency") or []),
        default_currency=data.get("default_currency"),
        core=re.compile(core, flags),
        currency_any=re.compile(
            rf"(?<![^\W\d_])(?={word_starts(scale_cur_words, currencies)})(?:(?P<sc>{scale_cur})|(?P<cur>{cur}))(?![^\W\d_])",
            flags,
        ),
        approx_before=re.compile(cue_before(data.get("approx") or [], r"\s"), flags),
        range=RangeCues.build(
            data.get("range_to") or [], data.get("range_join") or [], data.get("range_open") or [], r"\s"
        ),
        count_after=re.compile(
            rf"[{SPACES}]{{1,3}}(?:{nested_alternation(data.get('count_nouns') or [])})\w{{0,3}}(?!\w)", flags
        ),
    )


def _found(g: _AmountGrammar, m: re.Match[str]) -> _Found | None:
    """The number, scale and currency a match of ``g.core`` states (``None``: not a number)."""
    if m.lastgroup == "dig" and not m["pre"]:
        # nothing matched after the digits and no currency before them: a bare number ("2024", "1 500"),
        # as most matches are; :func:`_found_in_full` reads the same from every group
        number = g.lex.digits_value(m["dig"])
        return None if number is None else _Found(m.start(), m.end(), number, 1.0, None, False, False)
    return _found_in_full(g, m)


def _found_in_full(g: _AmountGrammar, m: re.Match[str]) -> _Found | None:
    if m["tail"]:
        number, mult = g.lex.value(m), 1.0
    else:
        number = g.lex.value(m)
        mult = g.lex.scale(m["scale"])[0] if m["scale"] else 1.0
        number = None if number is None else number / mult
    if number is None:
        return None
    currency = g.lex.scale(m["scale"])[1] if m["scale"] else None
    for token in (m["cur"], m["pre"]):
        if token and not currency:
            currency = g.currencies[word_key(token)]
    end = m.end()
    if m["sub"]:
        cents = int(m["sub"]) if m["sub"][0].isdigit() else g.lex.words_value(m["sub"])
        # bare cents are two digits or a tens word ("5 Euro 50", "zehn Euro fünfzig"; not "5 Mio.€ ein")
        if cents is not None and 0 < cents < 100 and (m["subw"] or cents >= 10):
            number, mult = number * mult + cents / 100, 1.0
        else:
            end = m.end("cur")
    elif m["subonly"]:
        number, mult, currency = number * mult / 100, 1.0, currency or g.subunits[word_key(m["subonly"])]
    return _Found(
        m.start(),
        end,
        number,
        mult,
        currency,
        bool(m["scale"]),
        bool(m["scale"]) and word_key(m["scale"]) in g.needs_currency,
    )


class _Context:
    """Currency mentioned around a position: same sentence, else paragraph (line), else the default."""

    def __init__(self, g: _AmountGrammar, text: str) -> None:
        self.text = text
        self.default = g.default_currency
        self.mentions = [
            (m.start(), g.lex.scale(m["sc"])[1] if m["sc"] else g.currencies[word_key(m["cur"])])
            for m in g.currency_any.finditer(text)
        ]
        self.positions = [p for p, _ in self.mentions]
        self.sentences = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.lines = [m.end() for m in _PARAGRAPH_END.finditer(text)]

    def _nearest(self, pos: int, lo: int, hi: int) -> str | None:
        i, j = bisect.bisect_left(self.positions, lo), bisect.bisect_left(self.positions, hi)
        if i == j:
            return None
        return min(self.mentions[i:j], key=lambda pc: abs(pc[0] - pos))[1]

    def currency(self, pos: int) -> str | None:
        for bounds in (self.sentences, self.lines):
            k = bisect.bisect_right(bounds, pos)
            lo, hi = (bounds[k - 1] if k else 0), (bounds[k] if k < len(bounds) else len(self.text))
            found = self._nearest(pos, lo, hi)
            if found:
                return found
        return self.default


def find_amounts(text: str, lang: str | None) -> list[Amount]:
    """Every money amount in ``text``, sorted by start (see the module docstring for the rules)."""
    g = _grammar(lang)
    found = [f for f in (_found(g, m) for m in g.core.finditer(text)) if f]
    context: _Context | None = None
    out: list[Amount] = []

    def currency_of(f: _Found) -> str | None:
        nonlocal context
        if f.currency:
            return f.currency
        if not f.moneyish or g.count_after.match(text, f.end):
            return None
        context = context or _Context(g, text)
        return context.currency(f.start)

    def emit(
        f: _Found, value: float, currency: str, approx_at: int, role: Literal["low", "high"] | None = None
    ) -> None:
        approx = bool(g.approx_before.search(text, max(0, approx_at - 40), approx_at))
        out.append(Amount(round(value, 2), currency, text[f.start : f.end], f.start, f.end, approx, role))

    i = 0
    while i < len(found):
        low = found[i]
        high = found[i + 1] if i + 1 < len(found) else None
        if (
            high
            and high.moneyish
            and low.currency in (None, high.currency)
            and g.range.joins(text, (low.start, low.end), high.start)
        ):
            currency = currency_of(high)
            if currency:
                mult = high.mult if not low.scaled and low.number < high.number else low.mult
                opener = g.range.opener_before(text, low.start)
                approx_at = opener.start() if opener else low.start
                emit(low, low.number * mult, currency, approx_at, "low")
                emit(high, high.number * high.mult, currency, approx_at, "high")
            i += 2
            continue
        currency = currency_of(low)
        if currency:
            emit(low, low.number * low.mult, currency, low.start)
        i += 1
    return out
