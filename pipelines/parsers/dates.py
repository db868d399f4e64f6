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

from pipelines.models import DateMention
from pipelines.parsers.date_grammar import DateGrammar, date_grammar
from pipelines.text_keys import word_key


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


def _year_ok(g: DateGrammar, text: str, start: int, end: int) -> bool:
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


def _stated_year(g: DateGrammar, m: re.Match[str], p: str) -> int | None:
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


def _nth_day(g: DateGrammar, m: re.Match[str], y: int | None) -> str | None:
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


def _mentions(g: DateGrammar, text: str, m: re.Match[str], year: int | None) -> list[_Raw]:
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


def _is_reference(g: DateGrammar, text: str, m: re.Match[str]) -> bool:
    """Numeric forms after "Nr.", "Az.", "Drucksache", ... are reference numbers, not dates."""
    return m.lastgroup in ("num", "nmy", "iso") and bool(g.ref_before.search(text, max(0, m.start() - 30), m.start()))


def _with_roles(g: DateGrammar, text: str, raw: list[_Raw]) -> list[_Raw]:
    """Pair mentions into periods ("von 2025 bis 2027") and mark lone starts/ends ("ab April 2025")."""
    out = list(raw)
    i = 0
    while i < len(out):
        s, e, date, grain, role = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if role == "event" and nxt and nxt[4] == "event":
            years_slash = grain == nxt[3] == "year" and text[e : nxt[0]].strip() == "/"
            if years_slash or g.period.joins(text, (s, e), nxt[0]):
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
    g = date_grammar(lang)
    year = _ref_year(reference_date)
    raw = [r for m in g.atom.finditer(text) if not _is_reference(g, text, m) for r in _mentions(g, text, m, year)]
    raw = _outside_known_names(text, lang, raw, entities)
    return [
        DateMention(date, grain, text[s:e], s, e, role)  # type: ignore[arg-type]
        for s, e, date, grain, role in _with_roles(g, text, raw)
    ]
