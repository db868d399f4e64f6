"""The date grammar of a language: its word tables and the one pattern of every date form."""

from __future__ import annotations

from pipelines.parsers.date_grammar import date_grammar


def test_the_grammar_is_built_once_per_language():
    assert date_grammar("sv") is date_grammar("sv")
    assert date_grammar("sv") is not date_grammar("de")


def test_every_language_reads_every_known_month_name():
    nl = date_grammar("nl")
    assert nl.months["maart"] == 3 and nl.months["june"] == 6 and nl.months["märz"] == 3


def test_a_month_alone_is_a_full_name_or_an_abbreviation_with_its_period():
    sv = date_grammar("sv")
    assert sv.alone_months["juni"] == 6
    assert sv.alone_months["sept."] == 9 and "sept" not in sv.alone_months
    assert "jul" not in sv.alone_months and "jul." not in sv.alone_months  # sv "jul" is Christmas


def test_the_atom_pattern_names_the_form_it_matched():
    de = date_grammar("de")
    forms = {text: de.atom.search(text).lastgroup for text in ("23.11.2020", "2020-11-23", "1. Juli 2025", "2025")}
    assert forms == {"23.11.2020": "num", "2020-11-23": "iso", "1. Juli 2025": "dmy", "2025": "yr"}


def test_periods_are_cued_within_a_line():
    de = date_grammar("de")
    text = "von 2025 bis 2027"
    assert de.period.joins(text, (4, 8), 13)
    assert not de.period.joins("2025 bis\n2027", (0, 4), 9)
