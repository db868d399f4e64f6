"""The parsers' fast paths find what the plain definitions find (same output, less time)."""

from __future__ import annotations

import random
import re

import pytest

from pipelines.parsers.date_grammar import date_grammar
from pipelines.parsers.entities.lexicon import lexicon
from pipelines.parsers.numbers import lang_table
from pipelines.parsers.people import _at_line_starts, _patterns
from pipelines.regex_words import alternation, nested_alternation, word_starts
from tests.helpers.sample_texts import TEXTS

LINES = [
    "Kontakt",
    "Rektor",
    "Presschef",
    "Projektleiterin",
    "Pressesprecher:",
    "Text: Maria Lindgren",
    "Foto: Jesper Eriksson, Text och foto: Anna Berg",
    "Tekst: Sanne de Vries",
    "Woordvoerder: Jan de Vries",
    "Projektmanagerin: Sara Volc",
    "Communications officer: Emma Brown",
    "Anna Svensson",
    "Dr. Jonas Weber",
    "  Prof. Karin Holm ",
    "\tMaria Lindgren",
    "",
    " ",
    "Hon säger att rektor Johan Schnürer: nej.",
    "x",
]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    texts = ["", "\n", "\n\n", "Rektor\nAnna Svensson", "Rektor\n\nAnna Svensson\n", "a\nFoto: Anna Berg"]
    for _ in range(count):
        lines = [rnd.choice(LINES) for _ in range(rnd.randint(1, 14))]
        texts.append(rnd.choice(["\n", "\n\n", "\r\n", " \n"]).join(lines))
    return texts


@pytest.mark.parametrize("lang", ["sv", "de", "nl", "en"])
def test_line_anchored_people_patterns_find_what_finditer_finds(lang):
    pats = _patterns(lang)
    for pattern in (pats.contact_block, pats.credit, pats.label):
        assert pattern is not None and pattern.pattern.startswith("(?m)^")
        for text in _texts(7, 300):
            line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            found = [(m.span(), m.groupdict()) for m in _at_line_starts(pattern, text, line_starts)]
            assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(text)], text


PIECES = [
    "Rektor", "rektor", "Regiondirektören", "Vize-Rektorin", "Projektleiterin", "co-director", "Hoogleraar",
    "woordvoerder", "Geschäftsführerin", "Anna", "Svensson", "Jan", "de", "Vries", "van der", "Berg", "Karl-Heinz",
    "O'Brien", "Müller’s", "Prof.", "Dr.", "säger", "sagt", "aldus", "says", "Kontakta", "Hör gärna av dig till",
    ",", ", ", ".", ":", " (KTH)", "\n", "\n\n", "-", "–", "x1", "KI-Zentrum", "der", "und", "Universität", "Umeå",
]  # fmt: skip


def _sentences(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rnd.choice(PIECES) for _ in range(rnd.randint(1, 16))]
        out.append("".join(w + rnd.choice([" ", " ", "", "  ", "\t"]) for w in words))
    return out


def _plain(pattern: str, lang: str) -> str:
    """The people pattern as first written: flat role and verb alternations, no possessive quantifiers."""
    lex = lexicon(lang)
    plain = pattern
    for words in (lex.roles, lex.raw["people"]["verbs"]):
        plain = plain.replace(nested_alternation(words), alternation(words))
    for fast, slow in (("[\\w'’]++", "[\\w'’]+"), ("[\\w-]++\\s++", "[\\w-]+\\s+"), ("\\w*+)", "\\w*)")):
        plain = plain.replace(fast, slow)
    assert "++" not in plain and "*+" not in plain
    return plain


@pytest.mark.parametrize("lang", ["sv", "de", "nl", "en"])
def test_people_patterns_find_what_their_plain_forms_find(lang):
    pats = _patterns(lang)
    texts = _sentences(11, 400)
    for pattern in (pats.attribution, pats.role_before, pats.apposition, pats.contact_block, pats.credit, pats.label):
        plain = re.compile(_plain(pattern.pattern, lang), pattern.flags)
        assert plain.pattern != pattern.pattern
        for text in texts:
            assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == [
                (m.span(), m.groupdict()) for m in plain.finditer(text)
            ], text


@pytest.mark.parametrize(
    "words",
    [
        ["direktor", "direktorin", "dekan", "rektor", "vice rektor", "vice", "co-director", "director"],
        ["a", "ab", "abc", "b", "bc", "x y", "x", "x yz", "ä", "ß", "é"],
        ["EUR", "euro", "usd", "Mio.", "mio", "ſa", "sa", "K", "k€"],  # case variants: the flat alternation
        ["x    y", "x yz", "x y"],  # runs of spaces: the flat alternation
        [],
    ],
)
def test_nested_alternation_matches_what_the_alternation_matches(words):
    rnd = random.Random(5)
    alphabet = "abcdexyz ABCXYZ äÄßéÉ-\t" + "".join(words)
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(300)] + words
    for flags in (0, re.IGNORECASE):
        flat = re.compile(rf"(?:{alternation(words)})", flags)
        tree = re.compile(rf"(?:{nested_alternation(words)})", flags)
        followed = [re.compile(rf"(?:{alt})(?=\s|$)", flags) for alt in (alternation(words), nested_alternation(words))]
        for text in texts:
            assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)], text
            assert [m.span() for m in followed[1].finditer(text)] == [m.span() for m in followed[0].finditer(text)]


@pytest.mark.parametrize("lang", ["sv", "de", "nl", "en", None])
def test_date_atom_finds_what_it_finds_without_its_prefilters(lang):
    """The first-letter checks and the 7-character word starts only skip positions no date starts at."""
    g = date_grammar(lang)
    plain = re.sub(r"\(\?=\[[^\]]*\]\)", "", g.atom.pattern)  # drop every first_letters check
    assert word_starts_of_atom(lang, 7) in plain
    plain = plain.replace(word_starts_of_atom(lang, 7), word_starts_of_atom(lang, 3), 1)
    assert plain != g.atom.pattern
    plain_atom = re.compile(plain, g.atom.flags)
    rnd = random.Random(13)
    pieces = [*g.months, *g.weekdays, *g.ordinals, "Dienstag", "DIE", "the", "den", "1.", "12", "2024", "3–5",
              "5.3.21", "2020-01-02", "–", "-", "/", ",", ".", "\n", "i", "im", "Anfang", "mitten", "zomer"]  # fmt: skip
    for _ in range(400):
        text = "".join(
            rnd.choice([str.lower, str.title, str.upper])(rnd.choice(pieces)) + rnd.choice([" ", "", "  "])
            for _ in range(rnd.randint(1, 10))
        )
        assert [(m.span(), m.lastgroup) for m in g.atom.finditer(text)] == [
            (m.span(), m.lastgroup) for m in plain_atom.finditer(text)
        ], text


def word_starts_of_atom(lang: str | None, width: int) -> str:
    d = lang_table(lang, "dates")
    g = date_grammar(lang)
    weekdays = [*g.weekdays, *(d.get("weekdays") or [])]
    parts, seasons = d.get("part_of_year") or [], d.get("seasons") or []
    return word_starts(g.months, parts, seasons, weekdays, g.ordinals, d.get("last_words") or [], width=width)


@pytest.mark.parametrize("lang", ["sv", "nl", "de", "en", None])
def test_bare_numbers_are_read_as_the_full_reading_reads_them(lang):
    from pipelines.parsers.amounts import _found, _found_in_full, _grammar

    text = (
        " ".join(TEXTS) + " 2024, 1 500 000 och 3,6 miljoner kronor; € 12.500,50 en 25 euro 50 cent; 1.500.25 "
        "ca. 4 Mio. Euro bis 2 Millionen 300 tausend; 12 345 678 SEK, kr 40 000, 7,5 %, 0,75 Mrd. EUR, 1'000 CHF "
        "tjugofem miljoner; 100 000–200 000 kronor; 30 öre; vijfentwintig miljoen euro; 19.99€ 2.000.000 1,000,000"
    )
    g = _grammar(lang)
    matches = list(g.core.finditer(text))
    assert sum(m.lastgroup == "dig" and not m["pre"] for m in matches) >= 5  # the fast path is exercised
    for m in matches:
        assert _found(g, m) == _found_in_full(g, m), m
