"""The linker's fast paths compute what their plain definitions compute (same output, less time)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml

from pipelines.links.clauses import _BOUNDARY, Span, _without_overlaps
from pipelines.links.cues import Phrases, WordTest, funding_cues
from pipelines.links.references import resolve_references
from tests.helpers.sentence_slots import sentence_slots

PHRASES = [
    "stellt … bereit",
    "es handelt sich um",
    "in höhe von",
    "aus",
    "aus mitteln",
    "förder*",
    "gefördert* wird",
    "mit mitteln",
    "geld",
    "*",
]
VOCABULARY = ["stellt", "bereit", "es", "handelt", "sich", "um", "in", "höhe", "von", "aus", "mitteln", "mit"]
VOCABULARY += ["förderung", "fördert", "gefördert", "geförderte", "wird", "geld", "geldgeber", "<entity>", ",", "x"]


def _sentences(count: int, seed: int) -> list[list[str]]:
    rnd = random.Random(seed)
    return [[rnd.choice(VOCABULARY) for _ in range(rnd.randint(0, 12))] for _ in range(count)]


def _phrase_sets(seed: int) -> list[Phrases]:
    rnd = random.Random(seed)
    return [Phrases.of(rnd.sample(PHRASES, rnd.randint(0, len(PHRASES)))) for _ in range(40)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_anywhere_is_a_phrase_starting_at_some_word(seed):
    for phrases in _phrase_sets(seed):
        for words in _sentences(60, seed):
            plain = any(phrases.starting_at(words, i) for i in range(len(words)))
            assert phrases.anywhere(words) == plain, (phrases, words)
            assert phrases.may_start_in(words) or not plain


@pytest.mark.parametrize("seed", [4, 5])
def test_word_tests_admit_every_position_where_a_phrase_starts_or_ends(seed):
    sets = _phrase_sets(seed)
    starts, ends = WordTest.starts_of(*sets[:5]), WordTest.ends_of(*sets[:5])
    for words in _sentences(200, seed):
        for i, w in enumerate(words):
            if any(p.starting_at(words, i) for p in sets[:5]):
                assert w in starts.words or (starts.stems and w.startswith(starts.stems)), (words, i)
            if any(p.ending_at(words, i + 1) for p in sets[:5]):
                assert w in ends.words or (ends.stems and w.startswith(ends.stems)), (words, i)


def _kept_plainly(spans: list[Span]) -> list[Span]:
    """The definition: amounts, then entities, then dates, each from left to right, kept when they overlap no
    span kept so far."""
    kept: list[Span] = []
    for kind in ("amount", "entity", "date"):
        for span in sorted((s for s in spans if s.kind == kind), key=lambda s: s.start):
            if all(span.end <= k.start or k.end <= span.start for k in kept):
                kept.append(span)
    return sorted(kept, key=lambda s: s.start)


@pytest.mark.parametrize("seed", range(5))
def test_spans_without_overlaps_follow_the_definition(seed):
    rnd = random.Random(seed)
    for _ in range(200):
        spans = []
        for ref in range(rnd.randint(0, 30)):
            start = rnd.randint(0, 80)
            spans.append(Span(rnd.choice(["amount", "entity", "date"]), start, start + rnd.randint(1, 12), ref))
        assert _without_overlaps(spans) == _kept_plainly(spans)


@pytest.mark.parametrize(
    "line",
    ["Ett. Två!  tre? (Fyra.\u00a0\u00a0Fem.", "slut. ", "a.\tb", "x. \u2009 Y.", "Nr. 5. Sedan.", "end.\u2028Next"],
)
def test_sentence_boundary_sees_the_first_character_after_the_spaces(line):
    for m in _BOUNDARY.finditer(line):
        assert m["next"] == line[m.end() :].lstrip()[:1]
    assert [m.start() for m in _BOUNDARY.finditer(line)] == [m.start() for m in re.finditer(r"[.!?](?=\s)", line)]


def test_sentences_without_a_reference_noun_are_left_as_they_are():
    from pipelines.links.clauses import Slot, split_sentences
    from pipelines.links.references import Resolver
    from pipelines.models import Party

    cues = funding_cues("de")
    party = Party("Projekt KIMed", None, "programme", "Projekt KIMed")
    resolver = Resolver([(0, 13, "Projekt KIMed", party)])
    plain = split_sentences("Start. Die Mittel stammen aus Berlin", [], frozenset(), ("mittel",))[1]
    slots = sentence_slots(plain)
    resolve_references(plain, cues, resolver)
    assert sentence_slots(plain) == slots and "<entity>" not in plain.words()
    referring = split_sentences("Start. Das Projekt erhält Geld", [], frozenset(), ("projekt",))[1]
    resolve_references(referring, cues, resolver)
    assert sentence_slots(referring)[1] == Slot("entity", "projekt", 6, 6, party)
    assert referring.words() == ["das", "<entity>", "erhält", "geld"] and referring.positions("entity") == [1]


def _resolved_plainly(slots: list, cues, resolver) -> list:
    """The definition on a sentence's slots: each reference noun (not before or after a name, with a determiner
    where the language wants one) or compound made an entity slot, each judged on the slots as they were."""
    from pipelines.links.clauses import Slot
    from pipelines.links.references import _refer

    out = list(slots)
    for k, slot in enumerate(slots):
        if slot.kind != "word":
            continue
        if slot.text in cues.anaphora or slot.text in cues.org_anaphora:
            named_beside = (k + 1 < len(slots) and slots[k + 1].kind == "entity") or any(
                s.kind == "entity" for s in slots[max(0, k - 3) : k]
            )
            bare = bool(cues.anaphora_determiners) and (k == 0 or slots[k - 1].text not in cues.anaphora_determiners)
            party = None if named_beside or bare else _refer(slot.text, slot.start, cues, resolver)
        elif cues.compound_suffixes and slot.text.endswith(cues.compound_suffixes):
            party = resolver.compound(slot.text, cues.compound_suffixes, slot.start)
        else:
            continue
        if party:
            out[k] = Slot("entity", slot.text, slot.start, slot.end, party)
    return out


@pytest.mark.parametrize("lang", ["de", "sv", "nl"])
def test_references_resolved_in_place_follow_the_definition(lang):
    from pipelines.links.clauses import split_sentences
    from pipelines.links.references import Resolver
    from pipelines.models import Party

    cues = funding_cues(lang)
    rnd = random.Random(lang)
    nouns = sorted(cues.anaphora)[:4] + sorted(cues.org_anaphora)[:3] + ["KIMed" + s for s in cues.compound_suffixes]
    vocabulary = nouns + sorted(cues.anaphora_determiners)[:4] + ["und", ",", "geld", "KIMed", "Stiftung Mercator"]
    for _ in range(150):
        text = "KIMed Projekt Stiftung Mercator. " + " ".join(rnd.choice(vocabulary) for _ in range(rnd.randint(1, 14)))
        names = [
            (0, 5, "KIMed", "programme"),
            (6, 13, "Projekt", "programme"),
            (14, 31, "Stiftung Mercator", "organisation"),
        ]
        for word in ("KIMed", "Stiftung Mercator"):
            at = 33
            while (at := text.find(word, at)) > 0:
                if word == "KIMed" and text[at + 5 : at + 6].isalpha():  # a compound, not the name
                    at += 5
                    continue
                names.append((at, at + len(word), word, "programme" if word == "KIMed" else "organisation"))
                at += len(word)
        mentions = sorted((s, e, t, Party(t, None, kind, t)) for s, e, t, kind in names)
        spans = [Span("entity", s, e, party) for s, e, _, party in mentions]
        resolver = Resolver(mentions)
        for sent in split_sentences(text, spans, frozenset(), cues.triggers):
            expected = _resolved_plainly(sentence_slots(sent), cues, resolver)
            resolve_references(sent, cues, resolver)
            assert sentence_slots(sent) == expected, text
            assert sent.words() == [s.text if s.ref is None else f"<{s.kind}>" for s in expected]
            assert sent.positions("entity") == [k for k, s in enumerate(expected) if s.kind == "entity"]


@pytest.mark.parametrize("seed", [6, 7])
def test_any_of_finds_a_text_holding_one_of_the_words(seed):
    from pipelines.links.clauses import _any_of

    rnd = random.Random(seed)
    alphabet = "abcö.*+?( "
    for _ in range(300):
        words = tuple(rnd.choice(["", "a", "b.", "c*", "(ö", "ab", "a+b", "?"]) for _ in range(rnd.randint(0, 4)))
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 15)))
        pattern = _any_of(words)
        assert bool(pattern and pattern.search(text)) == any(w in text for w in words), (words, text)


def _slots_plainly(text: str, sentence_start: int, sentence_end: int, mentions: list[Span]) -> list[tuple]:
    """The definition: the words of each stretch between mentions (casefolded, punctuation apart), each
    carrying the stretch's start, and each mention as one slot."""
    out: list[tuple] = []
    pos = sentence_start
    for m in [*mentions, None]:
        stop = m.start if m else sentence_end
        for w in re.findall(r"\w+(?:[-'’.:]\w+)*|[,;:()–—]", text[pos:stop]):
            out.append(("punct" if w in ",;:()–—" else "word", w.casefold(), pos, pos, None))
        if m:
            out.append((m.kind, text[m.start : m.end], m.start, m.end, m.ref))
            pos = m.end
    return out


@pytest.mark.parametrize("seed", range(4))
def test_sentence_words_mentions_and_slots_follow_the_definition(seed):
    from pipelines.links.clauses import split_sentences

    rnd = random.Random(seed)
    pieces = ["Förderung", "STRASSE", "aus", "Mitteln", "(EFRE)", ",", "–", "das", "Projekt", "ß-Welt", "2.5", "x:y"]
    for _ in range(100):
        text = " ".join(rnd.choice(pieces) + rnd.choice(["", ".", "!"]) for _ in range(rnd.randint(1, 25)))
        spans, at = [], 0
        for ref in range(rnd.randint(0, 6)):
            start = text.find(" ", at) + 1
            if start <= 0 or start >= len(text) - 2:
                break
            end = min(len(text), start + rnd.randint(1, 8))
            spans.append(Span(rnd.choice(["amount", "entity", "date"]), start, end, ref))
            at = end + 1
        for sent in split_sentences(text, spans, frozenset(), ("förderung",)):
            inside = [s for s in spans if sent.start <= s.start < sent.end]
            plain = _slots_plainly(text, sent.start, sent.end, inside) if sent.words() else []
            assert [tuple(s) for s in sentence_slots(sent)] == plain, (text, sent)
            assert sent.words() == [w if ref is None else f"<{kind}>" for kind, w, _, _, ref in plain]
            assert sorted(sent.mentions) == [k for k, s in enumerate(plain) if s[4] is not None]
            for kind in ("entity", "amount", "date"):
                assert sent.positions(kind) == [k for k, s in enumerate(plain) if s[0] == kind and s[4] is not None]


@pytest.mark.parametrize("seed", range(3))
def test_in_span_asks_the_eight_spans_starting_last_before_the_position(seed):
    from pipelines.links.clauses import _in_span

    rnd = random.Random(seed)
    for _ in range(300):
        spans = sorted((a, a + rnd.randint(1, 30)) for a in (rnd.randint(0, 60) for _ in range(rnd.randint(0, 15))))
        starts, ends = [a for a, _ in spans], [b for _, b in spans]
        for pos in range(0, 95):
            window = [s for s in spans if s[0] <= pos][-8:]
            assert _in_span(pos, starts, ends) == any(a <= pos < b for a, b in window), (spans, pos)


@pytest.mark.parametrize("seed", [8, 9])
def test_a_phrase_matches_words_as_each_of_its_words_matches(seed):
    from pipelines.links.cues import _word_matches

    for phrases in _phrase_sets(seed):
        every = {p for group in (*phrases.by_first.values(), phrases.starred_first) for p in group}
        for words in _sentences(40, seed):
            for phrase in every:
                for at in range(len(words) - len(phrase) + 1):
                    seg = words[at : at + len(phrase)]
                    plain = all(_word_matches(w, q) for w, q in zip(seg, phrase, strict=True))
                    assert phrases._matches(seg, phrase) == plain, (phrase, seg)


@pytest.mark.parametrize("lang", ["sv", "de", "nl", "en"])
def test_may_refer_is_a_reference_noun_or_a_word_ending_with_a_compound_suffix(lang):
    from pipelines.links.references import may_refer

    cues = funding_cues(lang)
    rnd = random.Random(lang)
    vocabulary = sorted(cues.references)[:5] + ["x" + s for s in cues.compound_suffixes] + list(cues.compound_suffixes)
    vocabulary += [s[:-1] for s in cues.compound_suffixes] + [s + "s" for s in cues.compound_suffixes]
    vocabulary += ["<entity>", ",", "geld", "und", "programmen", "a"]
    for _ in range(500):
        words = [rnd.choice(vocabulary) for _ in range(rnd.randint(0, 8))]
        plain = any(w in cues.references or w.endswith(cues.compound_suffixes) for w in words)
        assert may_refer(words, cues) == plain, words


@pytest.mark.parametrize("seed", [10, 11])
def test_affix_in_is_a_word_starting_with_a_prefix_or_ending_with_a_suffix(seed):
    from pipelines.links.cues import affix_in

    rnd = random.Random(seed)
    affixes = ["", "förder", "geld", "x", "ab", "<ent", "ung", "t>"]
    for words in _sentences(300, seed):
        prefixes = tuple(rnd.sample(affixes, rnd.randint(0, 3)))
        suffixes = tuple(rnd.sample(affixes, rnd.randint(0, 3)))
        plain = any(w.startswith(prefixes) or w.endswith(suffixes) for w in words)
        marked = tuple("\0" + p for p in prefixes) + tuple(s + "\0" for s in suffixes)
        assert affix_in(words, marked) == plain, (words, prefixes, suffixes)


def test_sentence_ends_found_in_the_whole_text_are_those_found_line_by_line():
    plain = re.compile(r"[.!?](?=\s+(?P<next>.?))")  # the definition, on one line at a time
    rnd = random.Random(7)
    pieces = ["Ett", "två", ".", "!", "?", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\r", "(Fyra", "5", "x."]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        by_line, offset = [], 0
        for line in text.split("\n"):
            by_line += [(offset + m.start(), m["next"]) for m in plain.finditer(line)]
            offset += len(line) + 1
        assert [(m.start(), m["next"]) for m in _BOUNDARY.finditer(text)] == by_line, repr(text)


def _funding_texts() -> list[tuple[str, str]]:
    """(language, text) of the funding development sets and of the linker's cases."""
    root = Path(__file__).resolve().parents[2] / "devsets" / "funding"
    texts = [
        (lang, case["text"])
        for part in ("dev", "tune")
        for lang in ("sv", "nl", "de")
        for case in json.loads((root / part / f"{lang}.json").read_text(encoding="utf-8"))
    ]
    cases = yaml.safe_load((Path(__file__).parent / "cases" / "linker.yaml").read_text(encoding="utf-8"))
    return texts + [(case["lang"], case["text"]) for case in cases]


def test_word_pre_checks_of_the_role_rules_rule_out_no_role(monkeypatch):
    """The word tests before each role rule's cue lists (``cues._LEFT_CUES``, ``_RIGHT_VERBS``, ``_AGENT_VERBS``,
    ``_INVERTED_VERBS``) must name every list the rule tries: with each test admitting every word, the links of
    the funding development texts and the linker's cases are the same."""
    from dataclasses import replace

    from pipelines.links import linker
    from pipelines.parsers.amounts import find_amounts
    from pipelines.parsers.dates import find_dates
    from pipelines.parsers.entities import find_entities
    from pipelines.parsers.organisations import organisation_mentions
    from pipelines.parsers.programmes import programme_mentions

    every = WordTest(frozenset(), ("",))
    names = ("left_cue_ends", "right_cue_starts", "agent_verb_ends", "agent_verb_starts", "inverted_verb_ends")
    texts = _funding_texts()
    inputs = []
    for lang, text in texts:
        entities = find_entities(text, lang)
        orgs, progs = organisation_mentions(entities), programme_mentions(entities)
        inputs.append((text, lang, find_amounts(text, lang), orgs, progs, find_dates(text, lang, entities=entities)))
    linked = [linker.link_amounts(*args) for args in inputs]
    assert sum(bool(a.funders or a.recipients or a.for_) for amounts in linked for a in amounts) > len(texts) // 2
    monkeypatch.setattr(linker, "funding_cues", lambda lang: replace(funding_cues(lang), **dict.fromkeys(names, every)))
    assert [linker.link_amounts(*args) for args in inputs] == linked
