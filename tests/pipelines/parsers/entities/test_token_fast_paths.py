"""The entity finder's token fast paths compute what their plain definitions compute (same output, less time)."""

from __future__ import annotations

import random
import re

import pytest

from pipelines.parsers.entities.tokens import tokenize
from tests.helpers.sample_texts import TEXTS

_SENTENCE_END = re.compile(r"(^|[.!?:;–—\-\"”„“(\n])\s*$")  # the definition: a mark, then only spaces


@pytest.mark.parametrize(
    "text",
    [
        'Ett. Två! Tre? Fyra: fem; sex – sju — åtta - nio "tio" ”elva” „zwölf“ (tretton',
        "rad\nny rad\n\n  indrag\t\u00a0x .\u2009y",
        "slut.  \n  början",
        "a\u00a0\u00a0b",
        "!!! ... x",
        "x",
    ],
)
def test_sentence_starts_follow_the_definition(text):
    tokens = tokenize(text)
    expected = [
        i == 0 or bool(_SENTENCE_END.search(text[tokens[i - 1].end - 1 : t.start])) for i, t in enumerate(tokens)
    ]
    assert [t.sentence_start for t in tokens] == expected


@pytest.mark.parametrize("text", ["AI Lab och AI Lab, AI Labs, xAI Lab AI Lab_ AI Lab", "A A A A", "Ä-Ä Ä-Ä-Ä _Ä-Ä"])
def test_repeats_find_what_a_regex_per_name_finds(text):
    from pipelines.parsers.entities.overlaps import _repeats
    from pipelines.parsers.entities.tokens import Hit

    hits = [Hit(m.start(), m.end(), m.group(), "programme") for m in re.finditer(r"AI Lab|A A|Ä-Ä", text)][:1]
    expected = [
        (m.start(), m.end())
        for h in hits
        for m in re.finditer(rf"(?<!\w){re.escape(text[h.start : h.end])}(?!\w)", text)
    ]
    assert [(h.start, h.end) for h in _repeats(text, hits)] == expected


def _plain_tokens(text: str) -> list:
    """The definition of ``tokenize``: every match of TOKEN, its facts, then suspended compounds and abbreviations
    joined (both tried on every text)."""
    from pipelines.parsers.entities.tokens import (
        APOSTROPHES,
        Token,
        _join_abbreviations,
        _join_suspended,
        _starts_sentence,
        _word_facts,
    )

    tokens: list[Token] = []
    for m in re.finditer(r"\w+(?:[-.'’&/]\w+)*", text):  # the greedy definition of text_keys.TOKEN
        start, end = m.span()
        sentence_start = not tokens or _starts_sentence(text[tokens[-1].end : start])
        elided = start > 0 and text[start - 1] in APOSTROPHES
        tokens.append(Token(m.group(), start, end, sentence_start, *_word_facts(m.group(), elided)))
    return _join_abbreviations(text, _join_suspended(text, tokens))


def test_tokenize_gives_the_plain_definitions_tokens():
    rnd = random.Random(5)
    words = ["St.", "S:t", "Skt.", "Gallen", "Görans", "AI-", "und", "och", "e-Hälsa", "’s-Hertogenbosch", "KTH:s"]
    alphabet = "abcXYZ ÅÄÖåäöß é Жж 中文 ,.!?-–—'’\"„“:;()&/_\n\t\u00a0 0123"
    noise = [
        "".join(rnd.choice(words) if rnd.random() < 0.3 else rnd.choice(alphabet) for _ in range(rnd.randint(1, 200)))
        for _ in range(200)
    ]
    extra = [" Leading space", "  Two. Three", "’s-Hertogenbosch", "Computer- und Biowissenschaften", "S:t Görans"]
    for text in TEXTS + extra + noise:
        assert tokenize(text) == _plain_tokens(text), text
        assert all(type(t).__name__ == "Token" for t in tokenize(text))


@pytest.mark.parametrize("lang", ["sv", "nl", "de", "en"])
def test_head_candidates_are_the_tokens_ending_in_a_head(lang):
    from pipelines.parsers.entities.heads import _head_endings, head_candidates, heads_of_any

    text = " ".join(TEXTS) + " Universitetet universitets Hochschule. Landesprogramms programma's KI-Zentren Bank"
    tokens = tokenize(text)
    for kind in ("organisation", "programme"):
        endings = _head_endings(lang, kind)
        expected = [i for i, t in enumerate(tokens) if t.low.rstrip(".").endswith(endings)]
        for langs in ((lang,), (lang, "en"), ("en", lang)):  # the text's one pass for every discover call
            assert list(head_candidates(tokens, lang, kind, heads_of_any(tokens, langs))) == expected
        assert expected or kind == "programme"


def test_word_dash_is_a_dash_between_letters():
    from pipelines.parsers.entities.index import _WORD_DASH

    plain = re.compile(r"(?<=[^\W\d_])[–—](?=[^\W\d_])")  # the definition: a letter, a dash, a letter
    rnd = random.Random(7)
    texts = ["Sverige–Norge", "–Norge", "Sverige–", "1–2", "a––b", "a–b—c", "_–a", "ä—ö"]
    texts += ["".join(rnd.choice("aÄ1_ –—-") for _ in range(rnd.randint(1, 40))) for _ in range(300)]
    for text in texts:
        assert [m.span() for m in _WORD_DASH.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_token_at_an_offset_is_the_one_a_dict_of_offsets_names():
    from pipelines.parsers.entities.tokens import token_ending_at, token_starting_at

    for text in [*TEXTS, "Computer- und Biowissenschaften an der S:t Görans", ""]:
        tokens = tokenize(text)
        starts = {t.start: k for k, t in enumerate(tokens)}  # the definition: the token with that offset
        ends = {t.end: k for k, t in enumerate(tokens)}
        for offset in range(-1, len(text) + 2):
            assert token_starting_at(tokens, offset) == starts.get(offset)
            assert token_ending_at(tokens, offset) == ends.get(offset)


def test_first_token_from_and_last_token_ending_by_an_offset():
    from pipelines.parsers.entities.tokens import first_token_from, last_token_ending_by

    for text in [*TEXTS, "Computer- und Biowissenschaften an der S:t Görans", ""]:
        tokens = tokenize(text)
        for offset in range(-1, len(text) + 2):
            expected = next((k for k, t in enumerate(tokens) if t.start >= offset), len(tokens))
            assert first_token_from(tokens, offset) == expected
            last = max((k for k, t in enumerate(tokens) if t.end <= offset), default=-1)
            assert last_token_ending_by(tokens, offset) == last


def test_ending_in_is_an_endswith_of_each_tokens_folded_text():
    from pipelines.parsers.entities.tokens import ending_in

    tokens = tokenize(" ".join(TEXTS) + " AI-regeling MOOI-regeling. e.V. Bank. Fonds.. fonds")
    for endings, strip in [(("-regeling",), ""), (("fonds", "bank", "e.v"), "."), (("fonds",), ""), ((), "")]:
        expected = [i for i, t in enumerate(tokens) if t.low.rstrip(strip).endswith(endings)]
        assert list(ending_in(tokens, endings, strip)) == expected
        assert expected or not endings


def test_ending_in_stays_right_past_its_cache_bound():
    from pipelines.parsers.entities.tokens import _EndsIn

    ends = _EndsIn(("fonds",), ".")
    words = [f"w{i}fonds." if i % 3 == 0 else f"fonds{i}" for i in range((1 << 14) + 10)]
    assert [ends[w] for w in words] == [w.rstrip(".").endswith("fonds") for w in words]
    assert len(ends) <= 1 << 14  # emptied when full: no growth with the number of pages
    assert [ends[w] for w in words[:50]] == [w.rstrip(".").endswith("fonds") for w in words[:50]]
