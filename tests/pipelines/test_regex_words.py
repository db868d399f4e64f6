"""Regex alternations built from word lists (``pipelines.regex_words``)."""

from __future__ import annotations

import re

import pytest

from pipelines.regex_words import alternation as build_alternation
from pipelines.regex_words import word_starts


@pytest.mark.parametrize(
    "words,text",
    [
        (["januari", "i början av", "€"], "I  BÖRJAN av, Januari och € 5 men inte jul"),
        (["mars", "mrt."], "Mrt. 2024 och MARS"),
    ],
)
def test_word_starts_admit_every_case_insensitive_match(words, text):
    alternation = build_alternation(words)
    plain = re.compile(rf"(?:{alternation})", re.IGNORECASE)
    filtered = re.compile(rf"(?={word_starts(words)})(?:{alternation})", re.IGNORECASE)
    assert [m.span() for m in filtered.finditer(text)] == [m.span() for m in plain.finditer(text)] != []
