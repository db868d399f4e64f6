"""Calendar references in running text, each at its own grain (day, month, year).

One regex pass (built from ``data/lang/<lang>/dates.yaml`` and cached per language) finds:

- day grain: ISO "2020-11-23"; numeric day-first "23.11.2020", "23-11-2020", "23/11/2020"
  (all four locales write the day first); "1 juli 2022", "1. Juli 2025", "den 1:a juli",
  "Montag, 1. Juli 2025", "1st of July 2025", and in month-first languages "July 1, 2025";
  day ranges "1–3 juli 2025" give a start and an end mention;
- month grain: "april 2025", "Okt. 2024", "04/2025"; month ranges "März bis Mai 2025";
- parts of a year and seasons at month grain, by this rule: start-of -> 01, middle -> 06,
  end-of -> 12 ("Ende 2027" -> "2027-12", "begin 2026" -> "2026-01", "medio 2026" -> "2026-06");
  a season -> its first month: spring 03, summer 06, autumn 09, winter 12 ("våren 2025" -> "2025-03",
  "im Herbst 2024" -> "2024-09"). The words and months are data (``part_of_year``, ``seasons``);
- year grain: a bare 1900-2100 that is not part of a gazetteer name ("Horizon 2020"), a number, amount, percentage, count, phone
  number, postcode, reference/page/version number (``not_date_before`` words) or URL.

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

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipelines.models import DateMention
from pipelines.parsers.numbers import lang_table, lexicon
from pipelines.regex_words import alternation, word_starts
from pipelines.text_keys import word_key

_S = r"[^\S\n]{1,3}"
_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)"
_DAY = r"(?<![\w.,/:])(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_DASH = "-\u2013\u2014"


@dataclass(frozen=True)
class _DateGrammar:
    months: dict[str, int]
    parts: dict[str, int]
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


@cache
def _grammar(lang: str | None) -> _DateGrammar:
    d = lang_table(lang, "dates")
    a = lang_table(lang, "amounts")
    own = d.get("months") or {}
    own_months = {word_key(k): int(v) for k, v in own.items()}
    months = {word_key(k): int(v) for k, v in {**lang_table(None, "dates").get("months", {}), **own}.items()}
    parts = {word_key(k): int(v) for k, v in {**(d.get("seasons") or {}), **(d.get("part_of_year") or {})}.items()}
    month = rf"(?:{_months_alt(months)})(?!\w)"
    wd = rf"(?:(?<!\w)(?:{alternation(d.get('weekdays') or [])})\.?,?{_S})?"
    ords = d.get("ordinal_suffixes") or []
    ordinal = rf"(?:{alternation(ords)})?" if ords else ""
    link = rf"(?:(?:{alternation(d.get('day_month_links') or [])}){_S})?"
    to = rf"(?:[{_DASH}]|(?<!\w)(?:{alternation(d.get('period_to') or [])})(?!\w))"
    tosep = rf"[^\S\n]{{0,3}}{to}[^\S\n]{{0,3}}"
    year_link = rf"(?:{_S}(?:{alternation(d.get('year_links') or [])}))?"
    alts = [
        rf"(?P<iso>(?<![\w.-])(?P<iso_y>{_YEAR})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?![\d])(?!-\d))",
        rf"(?P<num>(?<![\w.,/-])(?P<num_d>\d{{1,2}})(?P<sep>[./-])(?P<num_m>\d{{1,2}})(?P=sep)(?P<num_y>{_YEAR})(?![./-]\d))",
        rf"(?P<dr>{wd}(?P<dr_d1>{_DAY}){ordinal}{tosep}(?P<dr_d2>{_DAY}){ordinal}{_S}{link}(?P<dr_m>{month})(?:,?{_S}(?P<dr_y>{_YEAR}))?)",
        rf"(?P<dmy>{wd}(?P<dmy_d>{_DAY}){ordinal}{_S}{link}(?P<dmy_m>{month})(?:,?{_S}(?P<dmy_y>{_YEAR}))?)",
    ]
    if d.get("month_first"):
        alts.append(
            rf"(?P<mdy>{wd}(?<!\w)(?P<mdy_m>{month}){_S}(?P<mdy_d>{_DAY}){ordinal}(?!\w)(?:,?{_S}(?P<mdy_y>{_YEAR}))?)"
        )
    alts += [
        rf"(?P<mr>(?<!\w)(?P<mr_m1>{month}){tosep}(?P<mr_m2>{month}){_S}(?P<mr_y>{_YEAR}))",
        rf"(?P<part>(?<!\w)(?P<part_w>{alternation(parts)})(?:{year_link}{_S}|[^\S\n]?-[^\S\n]?)(?P<part_y>{_YEAR}))",
        rf"(?P<my>(?<!\w)(?P<my_m>{month}),?{_S}(?P<my_y>{_YEAR}))",
        rf"(?P<mo>(?<!\w)(?P<mo_m>{month}))",
        rf"(?P<nmy>(?<![\w.,/-])(?P<nmy_m>0?[1-9]|1[0-2])/(?P<nmy_y>{_YEAR})(?![/\d]|\.\d))",
        rf"(?P<yr>(?<!\w){_YEAR}(?!\w))",
    ]
    not_money = alternation(
        [
            *(a.get("currencies") or {}),
            *lexicon(lang).scales,
            *(a.get("percent_words") or []),
            *(a.get("count_nouns") or []),
        ]
    )
    flags = re.IGNORECASE
    ref_before = rf"(?<!\w)(?:{alternation(d.get('not_date_before') or [])})[^\S\n]{{0,3}}[:.#]?[^\S\n]?$"
    return _DateGrammar(
        months=months,
        parts=parts,
        atom=re.compile(
            rf"(?<!\w)(?=\d|{word_starts(months, parts, d.get('weekdays') or [])})(?:{'|'.join(alts)})", flags
        ),
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


def _mentions(g: _DateGrammar, text: str, m: re.Match[str], year: int | None) -> list[_Raw]:
    kind = m.lastgroup
    s, e = m.span()
    month = lambda name: g.months[word_key(m[name].rstrip("."))]  # noqa: E731
    if kind == "iso":
        date = _day(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return [(s, e, date, "day", "event")] if date else []
    if kind == "num":
        date = _day(int(m["num_y"]), int(m["num_m"]), int(m["num_d"]))
        return [(s, e, date, "day", "event")] if date else []
    if kind == "dr":
        y = int(m["dr_y"]) if m["dr_y"] else year
        lo, hi = _day(y, month("dr_m"), int(m["dr_d1"])), _day(y, month("dr_m"), int(m["dr_d2"]))
        if not (lo and hi and lo < hi):
            return []
        return [(s, m.end("dr_d1"), lo, "day", "start"), (m.start("dr_d2"), e, hi, "day", "end")]
    if kind in ("dmy", "mdy"):
        y = int(m[f"{kind}_y"]) if m[f"{kind}_y"] else year
        date = _day(y, month(f"{kind}_m"), int(m[f"{kind}_d"]))
        return [(s, e, date, "day", "event")] if date else []
    if kind == "mr":
        y, lo, hi = m["mr_y"], month("mr_m1"), month("mr_m2")
        if lo >= hi:
            return []
        return [
            (s, m.end("mr_m1"), f"{y}-{lo:02d}", "month", "start"),
            (m.start("mr_m2"), e, f"{y}-{hi:02d}", "month", "end"),
        ]
    if kind == "part":
        return [(s, e, f"{m['part_y']}-{g.parts[word_key(m['part_w'])]:02d}", "month", "event")]
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
    spans = [(e.start, e.end) for e in entities if e.type is not None]
    return [r for r in raw if r[3] != "year" or not any(a <= r[0] and r[1] <= b for a, b in spans)]


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
