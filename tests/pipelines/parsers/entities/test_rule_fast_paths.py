"""The entity rules' fast paths compute what their plain definitions compute (same output, less time)."""

from __future__ import annotations

import itertools
import random

from pipelines.parsers.entities.acronyms import _DASH_AFTER, _dashed_words, _end_of_words_before
from pipelines.parsers.entities.context import _before_commas
from pipelines.parsers.entities.foreign import _candidate_endings, foreign_words
from pipelines.parsers.entities.lexicon import lexicon
from pipelines.parsers.entities.programme_lists import _event_endings
from pipelines.parsers.entities.resolve import _select
from pipelines.parsers.entities.tokens import Hit, ending_in, joined, tokenize


def _plain_select(tiers: list[list[Hit]]) -> list[Hit]:
    """The definition: tier by tier, longer spans then earlier starts first, a hit is taken if it overlaps no taken
    hit; the result is sorted by start, equal starts in the order taken."""
    taken: list[Hit] = []
    for tier in tiers:
        for hit in sorted(tier, key=lambda h: (h.start - h.end, h.start)):
            if not any(hit.overlaps(t) for t in taken):
                taken.append(hit)
    return sorted(taken, key=lambda h: h.start)


def _hits(rnd: random.Random, n: int, empty: bool) -> list[Hit]:
    out = []
    for k in range(n):
        start = rnd.randint(0, 60)
        length = rnd.randint(0 if empty else 1, 12)
        out.append(Hit(start, start + length, f"h{k}", rnd.choice(["organisation", "programme"])))
    return out


def _disjoint(hits: list[Hit]) -> list[Hit]:
    return _plain_select([hits])


def test_select_equals_its_plain_definition():
    rnd = random.Random(7)
    for case in range(3000):
        empty = case % 3 == 0  # empty hits too: one strictly inside a taken hit overlaps it
        tiers = [_hits(rnd, rnd.randint(0, 8), empty) for _ in range(rnd.randint(1, 5))]
        if case % 2:
            tiers[0] = _disjoint(tiers[0])  # an earlier selection passed on whole
        assert _select(tiers) == _plain_select(tiers), tiers


def test_select_of_one_disjoint_tier_among_empty_ones_equals_its_plain_definition():
    rnd = random.Random(9)
    for case in range(1000):
        tier = _disjoint(_hits(rnd, rnd.randint(0, 8), case % 3 == 0))
        tiers = [[] for _ in range(rnd.randint(0, 2))] + [tier] + [[] for _ in range(rnd.randint(0, 2))]
        assert _select(tiers) == _plain_select(tiers), tiers


def test_select_takes_a_disjoint_first_tier_whole():
    first = [Hit(0, 5, "a", "organisation"), Hit(6, 9, "b", "organisation")]
    assert _select([first]) == first
    assert _select([first, [Hit(2, 20, "long", "programme"), Hit(10, 12, "c", "programme")]]) == [
        *first,
        Hit(10, 12, "c", "programme"),
    ]


def test_end_of_words_before_equals_rstrip():
    rnd = random.Random(11)
    alphabet = "ab (\u00a0\u2009\u3000\t\n\r\x0b\x1c.,"
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        pos = rnd.randint(0, len(text))
        assert _end_of_words_before(text, pos) == len(text[:pos].rstrip()), (text, pos)


def test_before_commas_equals_trying_every_token():
    rnd = random.Random(5)
    words = ["Satsningen", "AI-lyftet", "kurs", "för", "lärare", "X", "3D", "e-Hälsa", "St.", "und"]
    marks = [" ", ", ", ",", " , ", ",  ", "\n", ". ", " – "]
    for _ in range(1500):
        text = "".join(rnd.choice(words) + rnd.choice(marks) for _ in range(rnd.randint(0, 9)))
        tokens = tokenize(text)
        plain = [i for i in range(len(tokens) - 2) if ", " in text[tokens[i].end : tokens[i + 2].end + 2]]
        assert _before_commas(text, tokens) == plain, text


def test_dashed_words_equal_searching_every_position():
    rnd = random.Random(11)
    texts = ["KIMed – Netzwerk für KI", "a.b - c", "Das ELLIS - Netz, X-Y.Z — Lab - - -", "ÄBC – x", "1AB - x"]
    texts += ["".join(rnd.choice("aB1-._ xÄ\n–—") for _ in range(rnd.randint(0, 40))) for _ in range(20000)]
    for text in texts:
        plain = [(m.start(), m.end(), m.group(1)) for m in _DASH_AFTER.finditer(text)]
        assert [(m.start(), m.end(), m.group(1)) for m in _dashed_words(text)] == plain, text


_WORDS = (
    "Universidad Politécnica de Madrid, Helsingin yliopisto, Luonnonvarakeskus und die Universität; yliopistoon "
    "Forum Digitale Landwirtschaft, KI-Tag, Logistiekdag, Nordic Dairy Congress, forum, Congress, ACADEMIA, Académie"
)


def _word_salad(rnd: random.Random) -> str:
    words = _WORDS.replace(",", "").replace(";", "").split()
    return " ".join(rnd.choice([w, w.lower(), w.upper(), w + "s", "X" + w.lower()]) for w in rnd.sample(words, 8))


def test_foreign_candidates_hold_every_token_the_rule_tests_accept():
    words, rnd = foreign_words(), random.Random(5)
    for _ in range(500):
        tokens = tokenize(_word_salad(rnd))
        plain = {i for i, t in enumerate(tokens) if (t.cap and t.low in words.first) or t.low.endswith(words.last)}
        assert plain <= set(ending_in(tokens, _candidate_endings()))


def test_event_candidates_hold_every_token_the_rule_tests_accept():
    rnd = random.Random(6)
    for lang in ("de", "nl", "sv", "en"):
        lex = lexicon(lang)
        for _ in range(300):
            tokens = tokenize(_word_salad(rnd))
            plain = {
                k
                for k, t in enumerate(tokens)
                if t.low.endswith(lex.event_suffixes) or t.low in lex.event_heads | lex.run_event_heads
            }
            assert plain <= set(ending_in(tokens, _event_endings(lang)))


def test_joined_equals_its_plain_definition():
    rnd = random.Random(9)
    for _ in range(3000):
        text = "".join(rnd.choice(["ab", "Cd", " ", "\u00a0", "  ", ",", "\n", "-", "x"]) for _ in range(12))
        tokens = tokenize(text)
        for left, right in itertools.product(tokens, repeat=2):  # neighbours, far apart and in either order
            plain = 0 < right.start - left.end <= 2 and not text[left.end : right.start].strip(" \u00a0")
            assert joined(text, left, right) == plain
