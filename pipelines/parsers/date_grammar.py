"""The grammar of calendar references: one regex of every date form, with the word tables to read a match,
built from ``data/lang/<lang>/cldr.yaml`` and ``dates.yaml`` and cached per language (the forms and rules
are listed in :mod:`pipelines.parsers.dates`, which reads the matches)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipelines.parsers.numbers import (
    NumberLexicon,
    cldr,
    currency_words,
    lang_table,
    lexicon,
)
from pipelines.parsers.ranges import DASHES, RangeCues, cue_before, to_gap
from pipelines.regex_words import alternation, first_letters, word_starts
from pipelines.text_keys import word_key

_SPACE = r"[^\S\n]"  # a date stays within a line
_S = rf"{_SPACE}{{1,3}}"
_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)"  # a bare year
_FULL_YEAR = r"(?:1\d{3}|2\d{3})(?!\d)"  # a year next to a day or month ("12. August 1391")
_YY = r"\d\d(?!\d)"  # two-digit year ("5.3.21")
_DAY = r"(?<![\w.,/:])(?:3[01]|[12]\d|0?[1-9])(?!\d)"


@dataclass(frozen=True)
class DateGrammar:
    """The compiled patterns and word tables of one language's dates."""

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
    period: RangeCues
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


def _year_forms(p: str, words_re: str) -> str:
    """A year after a day and month: four digits, two digits ending the phrase ("März 21"), or words."""
    return (
        rf"(?P<{p}_y>{_FULL_YEAR})|(?P<{p}_yy>'?{_YY})(?=[^\S\n]*(?:$|[^\w\s.,]|[.,](?!\d)))"
        rf"|(?P<{p}_yw>{words_re})"
    )


@cache
def date_grammar(lang: str | None) -> DateGrammar:
    """The cached grammar of ``lang`` (the union of all languages' data for an unknown language)."""
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
    # first_letters: a cheap check before each long alternation, which sre (case-insensitive) tries
    # alternative by alternative: after every day number ("12 personer") and at every digit (weekdays)
    month = rf"(?:{first_letters(months)}(?:{_months_alt(months)}))(?!\w)"
    wd_end = rf"(?:{alternation(d.get('weekday_endings') or [])})?"
    article = rf"(?:(?:{alternation(d.get('day_articles') or [])}){_S})?"
    wd = rf"(?:(?<!\w){first_letters(weekdays)}(?:{alternation(weekdays)}){wd_end}\.?,?{_S}{article})?"
    ords = d.get("ordinal_suffixes") or []
    ordinal = rf"(?:{alternation(ords)})?" if ords else ""
    ord_end = rf"(?:{alternation(d.get('ordinal_endings') or [])})?(?!\w)"
    ord_first = first_letters(ordinals)
    ord_word = lambda name: rf"(?<!\w){ord_first}(?P<{name}>{alternation(ordinals)}){ord_end}"  # noqa: E731
    link = rf"(?:(?:{alternation(d.get('day_month_links') or [])}){_S})?"
    tosep = to_gap(d.get("period_to") or [], _SPACE)
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
    starts = word_starts(months, parts, seasons, weekdays, ordinals, d.get("last_words") or [], width=7)
    return DateGrammar(
        months=months,
        seasons=frozenset(word_key(w) for w in seasons),
        ordinals=ordinals,
        weekdays=weekday_numbers,
        lex=lex,
        atom=re.compile(rf"(?<!\w)(?=\d|{starts})(?:{'|'.join(alts)})", flags),
        left_bad=re.compile(rf"(?:\d[^\S\n]?|\d[./:,{DASHES}]|[#§€$£+/=@_])$|{ref_before}", flags),
        ref_before=re.compile(ref_before, flags),
        right_bad=re.compile(
            rf"^(?:[^\S\n]?\d|[./:,{DASHES}]\d|[^\S\n]?[%€$£]|[^\S\n]{{1,3}}(?:{not_money})(?!\w)|/\w"
            + "".join(f"|{p}" for p in d.get("not_date_after_patterns") or [])
            + ")",
            flags,
        ),
        year_pair_left=re.compile(rf"(?<!\d)(?:19|20)\d\d[^\S\n]?[{DASHES}/][^\S\n]?$"),
        year_pair_right=re.compile(rf"^[^\S\n]?[{DASHES}/][^\S\n]?(?:19|20)\d\d(?!\d)"),
        period=RangeCues.build(
            d.get("period_to") or [], d.get("period_join") or [], d.get("period_open") or [], _SPACE
        ),
        start_before=re.compile(cue_before(d.get("period_start") or [], _SPACE), flags),
        end_before=re.compile(cue_before(d.get("period_end") or [], _SPACE), flags),
        alone_months=_alone_months(own_months, [word_key(w) for w in d.get("month_alone_exclude") or []]),
        alone_cue=re.compile(cue_before(d.get("month_alone_cues") or [], _SPACE), flags),
        alone_title=d.get("month_alone_case") != "any",
    )
