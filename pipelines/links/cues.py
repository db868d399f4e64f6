"""The funding cues of one language (``data/lang/<lang>/funding.yaml``) as phrase matchers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pipelines import langdata

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phrases:
    """Lower-case phrases of one or more words; a word ending in ``*`` matches any ending.

    Indexed by first and last word (exact words in a dict, ``*`` words in a short list), so a lookup
    costs a dict probe, not a pass over every phrase."""

    by_first: dict[str, tuple[Phrase, ...]]
    starred_first: tuple[Phrase, ...]
    by_last: dict[str, tuple[Phrase, ...]]
    starred_last: tuple[Phrase, ...]
    first_stems: tuple[str, ...]  # the starred first words without their '*', for a quick test
    last_stems: tuple[str, ...]
    split: dict[str, tuple[tuple[Phrase, Phrase], ...]]  # 'stellt … bereit': head's first word -> (head, particle)
    starts: frozenset[str]  # the exact words a phrase (or a separable phrase's head) starts with
    ends: frozenset[str]  # the words at which `ending_at` can find something (exact last words, split heads)
    singles: frozenset[str]  # the exact one-word phrases: found wherever they occur
    longer_starts: frozenset[str]  # first words of the exact-first phrases of several words, and split heads
    longer_stems: tuple[str, ...]  # starred first words of phrases of several words, without their '*'
    plain: frozenset[Phrase]  # the phrases without a starred word: matched by comparing the words at once
    marked_first_stems: tuple[str, ...]  # `first_stems` each after a \0 (see `affix_in`)
    marked_single_stems: tuple[str, ...]  # the starred one-word phrases without their '*', each after a \0

    @classmethod
    def of(cls, items: list | None) -> Phrases:
        texts = [str(i).casefold().replace("...", "…") for i in items or ()]
        split: dict[str, list[tuple[Phrase, Phrase]]] = {}
        for text in (t for t in texts if "…" in t):
            head, tail = (tuple(part.split()) for part in text.split("…", 1))
            split.setdefault(head[0], []).append((head, tail))
        phrases = sorted({tuple(t.split()) for t in texts if "…" not in t} - {()}, key=len, reverse=True)
        by_first: dict[str, list[Phrase]] = {}
        by_last: dict[str, list[Phrase]] = {}
        for p in phrases:
            if not p[0].endswith("*"):
                by_first.setdefault(p[0], []).append(p)
            if not p[-1].endswith("*"):
                by_last.setdefault(p[-1], []).append(p)
        starred_first = tuple(p for p in phrases if p[0].endswith("*"))
        starred_last = tuple(p for p in phrases if p[-1].endswith("*"))
        return cls(
            {k: tuple(v) for k, v in by_first.items()},
            starred_first,
            {k: tuple(v) for k, v in by_last.items()},
            starred_last,
            tuple(p[0][:-1] for p in starred_first),
            tuple(p[-1][:-1] for p in starred_last),
            {k: tuple(v) for k, v in split.items()},
            frozenset(by_first) | frozenset(split),
            frozenset(by_last) | frozenset(split),
            frozenset(p[0] for p in phrases if len(p) == 1 and not p[0].endswith("*")),
            frozenset(p[0] for p in phrases if len(p) > 1 and not p[0].endswith("*")) | frozenset(split),
            tuple(p[0][:-1] for p in starred_first if len(p) > 1),
            frozenset(p for p in phrases if not any(w.endswith("*") for w in p)),
            tuple("\0" + p[0][:-1] for p in starred_first),
            tuple("\0" + p[0][:-1] for p in starred_first if len(p) == 1),
        )

    def ending_at(self, words: list[str], end: int) -> int:
        """Length of the longest phrase that ends at ``words[end - 1]`` (0: none)."""
        if end <= 0:
            return 0
        last = words[end - 1]
        candidates = self.by_last.get(last, ())
        if self.last_stems and last.startswith(self.last_stems):
            candidates += tuple(p for p in self.starred_last if _word_matches(last, p[-1]))
        best = self._split_at(words, end - 1) if last in self.split else 0
        if not candidates:
            return best
        for phrase in candidates:
            n = len(phrase)
            if n > best and n <= end and self._matches(words[end - n : end], phrase):
                best = n
        return best

    def starting_at(self, words: list[str], start: int) -> int:
        """Length of the longest phrase that starts at ``words[start]`` (0: none)."""
        if start >= len(words):
            return 0
        first = words[start]
        candidates = self.by_first.get(first, ())
        if self.first_stems and first.startswith(self.first_stems):
            candidates += tuple(p for p in self.starred_first if _word_matches(first, p[0]))
        best = self._split_at(words, start) if first in self.split else 0
        if not candidates:
            return best
        for phrase in candidates:
            n = len(phrase)
            if n > best and start + n <= len(words) and self._matches(words[start : start + n], phrase):
                best = n
        return best

    def _matches(self, words: list[str], phrase: Phrase) -> bool:
        """Whether ``words`` (as many as the phrase has) are ``phrase``."""
        if phrase in self.plain:
            return tuple(words) == phrase
        return all(_word_matches(w, q) for w, q in zip(words, phrase))

    def _split_at(self, words: list[str], start: int) -> int:
        """Length of the head of a separable phrase at ``start`` whose particle follows later in ``words``."""
        for head, tail in self.split[words[start]]:
            n = len(head)
            if tuple(words[start : start + n]) == head and any(
                tuple(words[k : k + len(tail)]) == tail for k in range(start + n, len(words))
            ):
                return n
        return 0

    def may_start_in(self, words: list[str]) -> bool:
        """False when no phrase can start at any of ``words`` (a cheap test before a search)."""
        if not self.starts.isdisjoint(words):
            return True
        return affix_in(words, self.marked_first_stems)

    def anywhere(self, words: list[str]) -> bool:
        """True when a phrase starts at one of ``words``: a one-word phrase is found by a set test, only
        phrases of several words are tried position by position."""
        if not self.singles.isdisjoint(words):
            return True
        if affix_in(words, self.marked_single_stems):
            return True
        stems = self.longer_stems
        for first in self.longer_starts.intersection(words):
            at = -1
            for _ in range(words.count(first)):
                at = words.index(first, at + 1)
                if self.starting_at(words, at):
                    return True
        return bool(stems) and any(w.startswith(stems) and self.starting_at(words, i) for i, w in enumerate(words))


@dataclass(frozen=True, slots=True)
class WordTest:
    """The words at which a phrase of any of several `Phrases` can start (or end): exact ``words`` and the
    ``stems`` of starred ones. A quick test before trying each of them at a position."""

    words: frozenset[str]
    stems: tuple[str, ...]

    @classmethod
    def starts_of(cls, *phrases: Phrases) -> WordTest:
        return cls(frozenset().union(*(p.starts for p in phrases)), tuple(s for p in phrases for s in p.first_stems))

    @classmethod
    def ends_of(cls, *phrases: Phrases) -> WordTest:
        return cls(frozenset().union(*(p.ends for p in phrases)), tuple(s for p in phrases for s in p.last_stems))

    def admits(self, word: str) -> bool:
        """Whether a phrase may start (or end) at ``word``: False rules every phrase out there."""
        return word in self.words or (bool(self.stems) and word.startswith(self.stems))


def affix_in(words: list[str], marked: tuple[str, ...]) -> bool:
    """Whether one of ``words`` starts with a prefix given as "\0prefix" or ends with a suffix given as "suffix\0"
    (no word holds a \0): a substring test per affix in the words joined by \0, not a test per word."""
    if not (words and marked):
        return False
    joined = "\0" + "\0".join(words) + "\0"
    return any(map(joined.__contains__, marked))


def _word_matches(word: str, pattern: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


@dataclass(frozen=True, slots=True)
class FundingCues:
    """Every cue list of ``funding.yaml`` for one language."""

    give: Phrases
    call: Phrases
    receive: Phrases
    host: Phrases
    passive: Phrases
    passive_aux: Phrases
    passive_participles: Phrases
    agent: Phrases
    source: Phrases
    recipient: Phrases
    receive_source: Phrases
    purpose: Phrases
    owner: Phrases
    host_preps: Phrases
    neutral: Phrases
    barriers: frozenset[str]
    skip: frozenset[str]
    funding_nouns: Phrases
    anaphora: dict[str, str]
    org_anaphora: dict[str, str]
    anaphora_determiners: frozenset[str]
    references: frozenset[str]  # the nouns of ``anaphora`` and ``org_anaphora``
    compound_suffixes: tuple[str, ...]
    compound_ends: tuple[str, ...]  # each compound suffix followed by \0 (a separator no word holds)
    continuation: Phrases
    kind_other: Phrases
    kind_budget: Phrases
    kind_investment: Phrases
    per_year: Phrases
    part: Phrases
    period_start: Phrases
    period_end: Phrases
    period_words: Phrases
    abbreviations: frozenset[str]
    funding_any: Phrases  # give, call, receive, passive verbs and participles, funding nouns in one
    initiative_words: tuple[str, ...]  # words naming a kind of initiative ('lab', 'zentrum'): initiative_types
    triggers: tuple[str, ...]  # words that make a sentence without mentions worth reading (references, receiving)
    left_cue_ends: WordTest  # where a cue of `roles._left_preposition` can end
    right_cue_starts: WordTest  # where a verb of `roles._right_verb` can start
    agent_verb_ends: WordTest  # where a verb of `roles._agent_role` can end (before the agent)
    agent_verb_starts: WordTest  # where a verb of `roles._agent_role` can start (after the agent)
    inverted_verb_ends: WordTest  # where a verb of `roles._inverted_verb` can end (right before the entity)
    joiners: frozenset[str]  # coordination and skip words: what may stand between coordinated entities

    def any_funding_cue(self, words: list[str]) -> bool:
        """True when the words hold a verb or noun of giving, receiving or funding."""
        return self.funding_any.anywhere(words)


# FundingCues field -> the key of data/lang/<lang>/funding.yaml whose phrases it matches
_PHRASE_KEYS = {
    "give": "give_verbs",
    "call": "call_verbs",
    "receive": "receive_verbs",
    "host": "host_verbs",
    "passive": "passive_verbs",
    "passive_aux": "passive_aux",
    "passive_participles": "passive_participles",
    "agent": "agent_preps",
    "source": "source_preps",
    "recipient": "recipient_preps",
    "receive_source": "source_after_receiving",
    "purpose": "purpose_preps",
    "owner": "owner_phrases",
    "host_preps": "host_prepositions",
    "neutral": "neutral_phrases",
    "funding_nouns": "funding_nouns",
    "continuation": "continuation_cues",
    "kind_other": "kind_other",
    "kind_budget": "kind_budget",
    "kind_investment": "kind_investment",
    "per_year": "per_year",
    "part": "part_cues",
    "period_start": "period_start",
    "period_end": "period_end",
    "period_words": "period_words",
}

# the cues `roles._left_preposition` looks for ending right before an entity, and `roles._right_verb` after it
_LEFT_CUES = (
    "neutral",
    "give",
    "receive",
    "call",
    "owner",
    "host_preps",
    "receive_source",
    "source",
    "agent",
    "recipient",
    "purpose",
)
_RIGHT_VERBS = ("passive_aux", "passive", "call", "give", "receive", "host")
_INVERTED_VERBS = ("call", "give", "receive", "host")  # `roles._inverted_verb`'s verbs
_AGENT_VERBS = ("host", "give", "passive", "passive_participles", "funding_nouns")  # `roles._agent_role`'s verbs


@cache
def funding_cues(lang: str) -> FundingCues:
    """The cues of ``lang`` (empty lists when the language has no ``funding.yaml``)."""
    data = langdata.load(lang, "funding")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in data.get(key) or ())

    phrases = {name: Phrases.of(data.get(key)) for name, key in _PHRASE_KEYS.items()}
    anaphora = {str(k).casefold(): str(v).casefold() for k, v in (data.get("anaphora") or {}).items()}
    org_anaphora = {str(k).casefold(): str(v).casefold() for k, v in (data.get("org_anaphora") or {}).items()}
    return FundingCues(
        **phrases,
        barriers=words("barriers"),
        skip=words("skip_words"),
        anaphora=anaphora,
        org_anaphora=org_anaphora,
        references=frozenset(anaphora) | frozenset(org_anaphora),
        anaphora_determiners=words("anaphora_determiners"),
        compound_suffixes=tuple(str(s).casefold() for s in data.get("compound_suffixes") or ()),
        compound_ends=tuple(str(s).casefold() + "\0" for s in data.get("compound_suffixes") or ()),
        abbreviations=words("abbreviations"),
        initiative_words=tuple(sorted(str(w).casefold() for w in data.get("initiative_types") or {})),
        triggers=_triggers(data),
        left_cue_ends=WordTest.ends_of(*(phrases[name] for name in _LEFT_CUES)),
        right_cue_starts=WordTest.starts_of(*(phrases[name] for name in _RIGHT_VERBS)),
        agent_verb_ends=WordTest.ends_of(*(phrases[name] for name in _AGENT_VERBS)),
        agent_verb_starts=WordTest.starts_of(*(phrases[name] for name in _AGENT_VERBS)),
        inverted_verb_ends=WordTest.ends_of(*(phrases[name] for name in _INVERTED_VERBS)),
        joiners=words("coordination") | words("skip_words"),
        funding_any=Phrases.of(
            [
                *(data.get("give_verbs") or ()),
                *(data.get("call_verbs") or ()),
                *(data.get("receive_verbs") or ()),
                *(data.get("passive_verbs") or ()),
                *(data.get("passive_participles") or ()),
                *(data.get("funding_nouns") or ()),
            ]
        ),
    )


def _triggers(data: dict) -> tuple[str, ...]:
    """First words of references, compound suffixes, verbs of receiving and continuations (lower case)."""
    words = [*(data.get("anaphora") or {}), *(data.get("org_anaphora") or {}), *(data.get("compound_suffixes") or ())]
    words += [str(p).split()[0] for key in ("receive_verbs", "continuation_cues") for p in data.get(key) or ()]
    return tuple(sorted({str(w).casefold().rstrip("*") for w in words if str(w).strip()}))
