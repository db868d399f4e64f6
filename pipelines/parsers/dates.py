"""Calendar references in running text, each at its own grain (day, month, year).

One regex pass (built from ``data/lang/<lang>/cldr.yaml`` and ``dates.yaml``, cached per language) finds:

- day grain: numeric dates, day first in every language whatever the separator ("23.11.2020",
  "5/3/21", "05-03-21", "5.3.21"; two-digit years: 00-69 -> 20xx, 70-99 -> 19xx) or year first
  ("2020-11-23", "2021-3-5", "2021/03/05", "2021.3.5"); "1 juli 2022", "1. Juli 2025", "5mars 2021",
  "5.März", "den 1:a juli", "Montag, 1. Juli 2025", "fredag den 5 mars 2021", "Freitag, der
  5. März 21" (a two-digit year after a month name only where the phrase ends), ordinal words
  ("femte mars", "am fünften März", "vijfde maart": ``ordinal_words``), written-out years ("5 mars
  tvåtusentjugoett"), old years with a day or month ("12. August 1391"), "1st of July 2025", in
  month-first languages "July 1, 2025"; "the last day of" / "the third Tuesday in" a month ("sista
  dagen i februari 2020", "der dritte Dienstag im März 2021"); day ranges "1–3 juli 2025" give a
  start and an end mention;
- month grain: "april 2025", "Okt. 2024", "04/2025", "Ende Februar 2020"; month ranges "März bis Mai 2025";
- year grain: the start, middle or end of a year ("Anfang 2019", "eind 2027", "slutet av 2019":
  ``part_of_year``) is the year, as SPEC says; a season with a year ("hösten 2020") has no calendar
  grain and is not listed (``seasons``); a bare 1900-2100 that is not part of a gazetteer name
  ("Horizon 2020"), a number, amount, percentage, count, phone number, postcode,
  reference/page/version number (``not_date_before`` words) or URL.

A day and month without a year ("den 1 juli") takes the year of ``reference_date``; with no
reference date it is left out. A month name without a year is a date at month grain in the
year of ``reference_date`` ("im April", "till och med maj", "vanaf september", "since June") when
it comes right after a ``month_alone_cues`` word of the language; it is one of the language's own
month names (``months``, not another language's: "from Mars"), not in ``month_alone_exclude``
(sv "jul" = Christmas), and an abbreviation ("jun", "sept": at most four letters, with a longer
name for the same month) only with its period ("i sept."); and where ``month_alone_case`` is
"title" (de, en, unknown languages) it is capitalised (en "may"/"march" are verbs). Without a
reference date it is left out. A season or weekday without a year ("i höst", "im Herbst",
"under torsdagen"), times of day and durations are not dates.

Periods: two mentions joined by a dash or a ``period_to`` word ("von 2025 bis 2027", "2025–2027",
"04/2025 bis 12/2027"), two years joined by a slash ("2024/2025"), or by ``period_join`` after ``period_open`` ("mellan 2025 och 2027"),
get roles "start" and "end" (month names without a year too: "von April bis Juni"); a single
mention after a ``period_start`` word ("ab April 2025",
"från och med 1 juli") is a "start", after a ``period_end`` word ("bis Ende 2027") an "end";
everything else is an "event". Unknown languages use the union of all languages' data; month
names of every known language are accepted in every language (pages mix them: a Dutch page
dated "23 June 2022").
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipelines.models import DateMention
from pipelines.parsers.numbers import (
    NumberLexicon,
    cldr,
    currency_words,
    lang_table,
    lexicon,
)
from pipelines.regex_words import alternation, word_starts
from pipelines.text_keys import word_key

_S = r"[^\S\n]{1,3}"
_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)"  # a bare year
_FULL_YEAR = r"(?:1\d{3}|2\d{3})(?!\d)"  # a year next to a day or month ("12. August 1391")
_YY = r"\d\d(?!\d)"  # two-digit year ("5.3.21")
_DAY = r"(?<![\w.,/:])(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_DASH = "-\u2013\u2014"


@dataclass(frozen=True)
class _DateGrammar:
    months: dict[str, int]
    seasons: frozenset[str]
    ordinals: dict[str, int]
    weekdays: dict[str, int]
    lex: NumberLexicon
    atom: re.Pattern[str]
    left_bad: re.Pattern[str]
    ref_before: re.Pattern[str]
    right_bad: re.Pattern[str]
    year_pair_left: re.Pattern[str]
    year_pair_right: re.Pattern[str]
    period_to: re.Pattern[str]
    period_join: re.Pattern[str]
    open_before: re.Pattern[str]
    start_before: re.Pattern[str]
    end_before: re.Pattern[str]
    alone_months: dict[str, int]
    alone_cue: re.Pattern[str]
    alone_title: bool


def _alone_months(own: dict[str, int], exclude: list[str]) -> dict[str, int]:
    """Month names that may stand without a year: full names, and abbreviations with their period.

    An abbreviation is a name of at most four letters with a longer name for the same month
    ("jun"/"juni", "sept"/"september"); it is kept as "jun." so that "jun" alone is not a date.
    """
    out: dict[str, int] = {}
    for k, v in own.items():
        if k in exclude:
            continue
        abbrev = len(k) <= 4 and any(n == v and len(o) > len(k) for o, n in own.items())
        out[k + "." if abbrev else k] = v
    return out


def _months_alt(months: dict[str, int]) -> str:
    """Month names; short ones (abbreviations) may take a trailing period ("Okt.", "mrt.")."""
    return alternation(months, flexible_spaces=False, dot_after=4)


def _before(words: Any) -> str:
    return rf"(?<!\w)(?:{alternation(words)})[^\S\n]{{1,3}}$"


def _year_forms(p: str, words_re: str) -> str:
    """A year after a day and month: four digits, two digits ending the phrase ("März 21"), or words."""
    return (
        rf"(?P<{p}_y>{_FULL_YEAR})|(?P<{p}_yy>'?{_YY})(?=[^\S\n]*(?:$|[^\w\s.,]|[.,](?!\d)))"
        rf"|(?P<{p}_yw>{words_re})"
    )


@cache
def _grammar(lang: str | None) -> _DateGrammar:
    d = lang_table(lang, "dates")
    a = lang_table(lang, "amounts")
    lex = lexicon(lang)
    own = {**(cldr(lang).get("months") or {}), **(d.get("months") or {})}
    own_months = {word_key(k): int(v) for k, v in own.items()}
    every = {**(cldr(None).get("months") or {}), **(lang_table(None, "dates").get("months") or {})}
    months = {word_key(k): int(v) for k, v in {**every, **own}.items()}
    weekday_numbers = {word_key(k): int(v) for k, v in (cldr(lang).get("weekdays") or {}).items()}
    weekdays = [*weekday_numbers, *(d.get("weekdays") or [])]
    ordinals = {word_key(k): int(v) for k, v in (d.get("ordinal_words") or {}).items()}
    parts, seasons = d.get("part_of_year") or [], d.get("seasons") or []
    month = rf"(?:{_months_alt(months)})(?!\w)"
    wd_end = rf"(?:{alternation(d.get('weekday_endings') or [])})?"
    article = rf"(?:(?:{alternation(d.get('day_articles') or [])}){_S})?"
    wd = rf"(?:(?<!\w)(?:{alternation(weekdays)}){wd_end}\.?,?{_S}{article})?"
    ords = d.get("ordinal_suffixes") or []
    ordinal = rf"(?:{alternation(ords)})?" if ords else ""
    ord_end = rf"(?:{alternation(d.get('ordinal_endings') or [])})?(?!\w)"
    ord_word = lambda name: rf"(?<!\w)(?P<{name}>{alternation(ordinals)}){ord_end}"  # noqa: E731
    link = rf"(?:(?:{alternation(d.get('day_month_links') or [])}){_S})?"
    to = rf"(?:[{_DASH}]|(?<!\w)(?:{alternation(d.get('period_to') or [])})(?!\w))"
    tosep = rf"[^\S\n]{{0,3}}{to}[^\S\n]{{0,3}}"
    year_link = rf"(?:{_S}(?:{alternation(d.get('year_links') or [])}))?"
    of = rf"{_S}(?:{alternation(d.get('month_of_links') or [])}){_S}"
    day_starts = word_starts(weekdays, ordinals)
    nth_starts = word_starts(ordinals, d.get("last_words") or [])
    month_starts = word_starts(months)
    part_starts = word_starts(parts, seasons)
    alts = [
        r"(?P<iso>(?<![\w.,/-])(?P<iso_y>[12]\d{3})(?P<isep>[-/.])(?P<iso_m>\d{1,2})(?P=isep)(?P<iso_d>\d{1,2})"
        r"(?!\d)(?!(?P=isep)\d))",
        rf"(?P<num>(?<![\w.,/-])(?P<num_d>\d{{1,2}})(?P<sep>[./-])(?P<num_m>\d{{1,2}})(?P=sep)"
        rf"(?:(?P<num_y>{_FULL_YEAR})|(?P<num_yy>{_YY}))(?![./-]\d|[.,]\d))",
        rf"(?P<dmn>(?<![\w.,/-])(?P<dmn_d>\d{{1,2}})/(?P<dmn_m>\d{{1,2}})[^\S\n](?P<dmn_y>{_YEAR}))",
        rf"(?P<dr>(?=\d|{day_starts}){wd}(?P<dr_d1>{_DAY}){ordinal}{tosep}(?P<dr_d2>{_DAY}){ordinal}{_S}{link}(?P<dr_m>{month})(?:,?{_S}(?P<dr_y>{_YEAR}))?)",
        rf"(?P<nth>(?={nth_starts})(?<!\w)(?:{ord_word('nth_o')}|(?P<nth_last>{alternation(d.get('last_words') or [])})){_S}"
        rf"(?:(?P<nth_day>{alternation(d.get('day_words') or [])})|(?P<nth_wd>{alternation(weekday_numbers)}){wd_end})"
        rf"{of}(?P<nth_m>{month})(?:,?{_S}(?P<nth_y>{_FULL_YEAR}))?)",
        rf"(?P<dmy>(?=\d|{day_starts}){wd}(?:(?P<dmy_d>{_DAY}){ordinal}(?:[^\S\n]{{0,3}}|-)|{ord_word('dmy_o')}{_S}){link}(?P<dmy_m>{month})(?!-[^\W\d_])"
        rf"(?:(?:,?{_S}|(?<=\w)-)(?:{_year_forms('dmy', lex.words_re)}))?)",
    ]
    if d.get("month_first"):
        alts.append(
            rf"(?P<mdy>{wd}(?<!\w)(?P<mdy_m>{month}){_S}(?P<mdy_d>{_DAY}){ordinal}(?!\w)(?:,?{_S}(?P<mdy_y>{_FULL_YEAR}))?)"
        )
    alts += [
        rf"(?P<mr>(?={month_starts})(?<!\w)(?P<mr_m1>{month}){tosep}(?P<mr_m2>{month}){_S}(?P<mr_y>{_YEAR}))",
        rf"(?P<part>(?={part_starts})(?<!\w)(?P<part_w>{alternation([*parts, *seasons])})(?:{year_link}{_S}|[^\S\n]?-[^\S\n]?)(?P<part_y>{_YEAR}))",
        rf"(?P<my>(?={month_starts})(?<!\w)(?P<my_m>{month}),?{_S}(?P<my_y>{_YEAR}))",
        rf"(?P<mo>(?={month_starts})(?<!\w)(?P<mo_m>{month}))",
        rf"(?P<nmy>(?<![\w.,/-])(?P<nmy_m>0?[1-9]|1[0-2])/(?P<nmy_y>{_YEAR})(?![/\d]|\.\d))",
        rf"(?P<yr>(?<!\w){_YEAR}(?!\w))",
    ]
    not_money = alternation(
        [
            *currency_words(lang),
            *lex.scales,
            *(a.get("percent_words") or []),
            *(a.get("count_nouns") or []),
        ]
    )
    flags = re.IGNORECASE
    ref_before = rf"(?<!\w)(?:{alternation(d.get('not_date_before') or [])})[^\S\n]{{0,3}}[:.#]?[^\S\n]?$"
    starts = word_starts(months, parts, seasons, weekdays, ordinals, d.get("last_words") or [])
    return _DateGrammar(
        months=months,
        seasons=frozenset(word_key(w) for w in seasons),
        ordinals=ordinals,
        weekdays=weekday_numbers,
        lex=lex,
        atom=re.compile(rf"(?<!\w)(?=\d|{starts})(?:{'|'.join(alts)})", flags),
        left_bad=re.compile(rf"(?:\d[^\S\n]?|\d[./:,{_DASH}]|[#§€$£+/=@_])$|{ref_before}", flags),
        ref_before=re.compile(ref_before, flags),
        right_bad=re.compile(
            rf"^(?:[^\S\n]?\d|[./:,{_DASH}]\d|[^\S\n]?[%€$£]|[^\S\n]{{1,3}}(?:{not_money})(?!\w)|/\w"
            + "".join(f"|{p}" for p in d.get("not_date_after_patterns") or [])
            + ")",
            flags,
        ),
        year_pair_left=re.compile(rf"(?<!\d)(?:19|20)\d\d[^\S\n]?[{_DASH}/][^\S\n]?$"),
        year_pair_right=re.compile(rf"^[^\S\n]?[{_DASH}/][^\S\n]?(?:19|20)\d\d(?!\d)"),
        period_to=re.compile(tosep, flags),
        period_join=re.compile(rf"{_S}(?:{alternation(d.get('period_join') or [])}){_S}", flags),
        open_before=re.compile(_before(d.get("period_open") or []), flags),
        start_before=re.compile(_before(d.get("period_start") or []), flags),
        end_before=re.compile(_before(d.get("period_end") or []), flags),
        alone_months=_alone_months(own_months, [word_key(w) for w in d.get("month_alone_exclude") or []]),
        alone_cue=re.compile(_before(d.get("month_alone_cues") or []), flags),
        alone_title=d.get("month_alone_case") != "any",
    )


def _ref_year(reference_date: str | dt.date | None) -> int | None:
    if reference_date is None:
        return None
    if isinstance(reference_date, dt.date):
        return reference_date.year
    m = re.match(r"\s*(\d{4})", reference_date)
    return int(m.group(1)) if m else None


def _day(y: int | None, mo: int, d: int) -> str | None:
    if y is None:
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _year_ok(g: _DateGrammar, text: str, start: int, end: int) -> bool:
    """A bare year candidate is a year unless its surroundings make it some other number."""
    left, right = text[max(0, start - 30) : start], text[end : end + 40]
    if g.left_bad.search(left) and not g.year_pair_left.search(left):
        return False
    return not (g.right_bad.search(right) and not g.year_pair_right.search(right))


_Raw = tuple[int, int, str, str, str]  # start, end, date, grain, role


def _two_digit_year(yy: str) -> int:
    """ "21" -> 2021, "95" -> 1995 (pivot 70)."""
    n = int(yy.lstrip("'"))
    return 2000 + n if n < 70 else 1900 + n


def _stated_year(g: _DateGrammar, m: re.Match[str], p: str) -> int | None:
    """The year a day/month mention states (digits, two digits or words), else None; a year outside
    1900-2100 followed by a count, currency or percent word is that number ("1. Juli 1200 Studierende")."""
    if m[f"{p}_y"]:
        y = int(m[f"{p}_y"])
        after = m.string[m.end(f"{p}_y") : m.end(f"{p}_y") + 40]
        return y if 1900 <= y <= 2100 or not g.right_bad.search(after) else None
    if m[f"{p}_yy"]:
        return _two_digit_year(m[f"{p}_yy"])
    value = g.lex.words_value(m[f"{p}_yw"]) if m[f"{p}_yw"] else None
    return int(value) if value and value == int(value) and 1000 <= value <= 2999 else None


def _nth_day(g: _DateGrammar, m: re.Match[str], y: int | None) -> str | None:
    """ "the last day of", "the third Tuesday in", "sista dagen i", "der dritte Dienstag im" a month."""
    if y is None:
        return None
    mo = g.months[word_key(m["nth_m"].rstrip("."))]
    last = calendar.monthrange(y, mo)[1]
    n = g.ordinals[word_key(m["nth_o"])] if m["nth_o"] else None
    if m["nth_day"]:
        return _day(y, mo, n if n else last)
    weekday = g.weekdays[word_key(m["nth_wd"])] - 1
    if n is None:
        return _day(y, mo, last - (dt.date(y, mo, last).weekday() - weekday) % 7)
    return _day(y, mo, 1 + (weekday - dt.date(y, mo, 1).weekday()) % 7 + 7 * (n - 1))


def _mentions(g: _DateGrammar, text: str, m: re.Match[str], year: int | None) -> list[_Raw]:
    kind = m.lastgroup
    s, e = m.span()
    y: int | None
    month = lambda name: g.months[word_key(m[name].rstrip("."))]  # noqa: E731
    if kind == "iso":
        date = _day(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return [(s, e, date, "day", "event")] if date else []
    if kind == "num":
        y = int(m["num_y"]) if m["num_y"] else _two_digit_year(m["num_yy"])
        date = _day(y, int(m["num_m"]), int(m["num_d"]))
        return [(s, e, date, "day", "event")] if date else []
    if kind == "dmn":  # "31/12 2020"
        date = _day(int(m["dmn_y"]), int(m["dmn_m"]), int(m["dmn_d"]))
        return [(s, e, date, "day", "event")] if date else []
    if kind == "dr":
        y = int(m["dr_y"]) if m["dr_y"] else year
        lo, hi = _day(y, month("dr_m"), int(m["dr_d1"])), _day(y, month("dr_m"), int(m["dr_d2"]))
        if not (lo and hi and lo < hi):
            return []
        return [(s, m.end("dr_d1"), lo, "day", "start"), (m.start("dr_d2"), e, hi, "day", "end")]
    if kind == "nth":
        date = _nth_day(g, m, int(m["nth_y"]) if m["nth_y"] else year)
        return [(s, e, date, "day", "event")] if date else []
    if kind == "dmy":
        y = _stated_year(g, m, "dmy")
        if y is None:
            y, e = year, m.end("dmy_m")
        day = int(m["dmy_d"]) if m["dmy_d"] else g.ordinals[word_key(m["dmy_o"])]
        date = _day(y, month("dmy_m"), day)
        return [(s, e, date, "day", "event")] if date else []
    if kind == "mdy":
        y = int(m["mdy_y"]) if m["mdy_y"] else year
        date = _day(y, month("mdy_m"), int(m["mdy_d"]))
        return [(s, e, date, "day", "event")] if date else []
    if kind == "mr":
        first, last = month("mr_m1"), month("mr_m2")
        if first >= last:
            return []
        return [
            (s, m.end("mr_m1"), f"{m['mr_y']}-{first:02d}", "month", "start"),
            (m.start("mr_m2"), e, f"{m['mr_y']}-{last:02d}", "month", "end"),
        ]
    if kind == "part":  # "Ende 2027" is the year; a season has no calendar grain
        return [] if word_key(m["part_w"]) in g.seasons else [(s, e, m["part_y"], "year", "event")]
    if kind == "my":
        return [(s, e, f"{m['my_y']}-{month('my_m'):02d}", "month", "event")]
    if kind == "mo":
        word = word_key(m["mo_m"])
        if word not in g.alone_months and word.endswith("."):  # "juni." ending a sentence
            word, e = word[:-1], e - 1
        mo = g.alone_months.get(word)
        if (
            year is None
            or mo is None
            or (g.alone_title and not m["mo_m"][0].isupper())
            or not g.alone_cue.search(text, max(0, s - 30), s)
        ):
            return []
        return [(s, e, f"{year}-{mo:02d}", "month", "event")]
    if kind == "nmy":
        return [(s, e, f"{m['nmy_y']}-{int(m['nmy_m']):02d}", "month", "event")]
    return [(s, e, m.group(), "year", "event")] if _year_ok(g, text, s, e) else []


def _is_reference(g: _DateGrammar, text: str, m: re.Match[str]) -> bool:
    """Numeric forms after "Nr.", "Az.", "Drucksache", ... are reference numbers, not dates."""
    return m.lastgroup in ("num", "nmy", "iso") and bool(g.ref_before.search(text, max(0, m.start() - 30), m.start()))


def _with_roles(g: _DateGrammar, text: str, raw: list[_Raw]) -> list[_Raw]:
    """Pair mentions into periods ("von 2025 bis 2027") and mark lone starts/ends ("ab April 2025")."""
    out = list(raw)
    i = 0
    while i < len(out):
        s, e, date, grain, role = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if role == "event" and nxt and nxt[4] == "event":
            gap = text[e : nxt[0]]
            years_slash = grain == nxt[3] == "year" and gap.strip() == "/"
            if (
                years_slash
                or g.period_to.fullmatch(gap)
                or (g.period_join.fullmatch(gap) and g.open_before.search(text, max(0, s - 30), s))
            ):
                out[i], out[i + 1] = (s, e, date, grain, "start"), (*nxt[:4], "end")
                i += 2
                continue
        if role == "event":
            if g.start_before.search(text, max(0, s - 30), s):
                out[i] = (s, e, date, grain, "start")
            elif g.end_before.search(text, max(0, s - 30), s):
                out[i] = (s, e, date, grain, "end")
        i += 1
    return out


def _outside_known_names(text: str, lang: str | None, raw: list[_Raw], entities: list | None) -> list[_Raw]:
    """A bare year inside a gazetteer name ("Horisont 2020", "Horizon 2020") is part of the name, not a date."""
    if not any(grain == "year" for _, _, _, grain, _ in raw):
        return raw
    if entities is None:
        from pipelines.parsers.entities.resolve import find_entities

        entities = find_entities(text, lang or "en")
    covers = _covering(sorted((e.start, e.end) for e in entities if e.type is not None))
    return [r for r in raw if r[3] != "year" or not covers(r[0], r[1])]


def _covering(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether one of the sorted ``spans`` contains ``start..end``: a binary search over the spans' starts
    with the widest end reached so far (linear in the spans, logarithmic per question)."""
    starts = [a for a, _ in spans]
    reach: list[int] = []
    for _, b in spans:
        reach.append(max(b, reach[-1]) if reach else b)

    def covers(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and reach[i] >= end

    return covers


def find_dates(
    text: str, lang: str | None, reference_date: str | dt.date | None = None, entities: list | None = None
) -> list[DateMention]:
    """Every calendar reference in ``text``, sorted by start (rules in the module docstring).

    ``entities``: ``find_entities(text, lang)`` if the caller has it (found here when needed otherwise)."""
    g = _grammar(lang)
    year = _ref_year(reference_date)
    raw = [r for m in g.atom.finditer(text) if not _is_reference(g, text, m) for r in _mentions(g, text, m, year)]
    raw = _outside_known_names(text, lang, raw, entities)
    return [
        DateMention(date, grain, text[s:e], s, e, role)  # type: ignore[arg-type]
        for s, e, date, grain, role in _with_roles(g, text, raw)
    ]
