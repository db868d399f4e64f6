"""References across sentences: nouns such as "programmet", "die Stiftung", "Het project" or compounds such as
"Smarterinitiativet" made entity slots of the earlier named entity they refer to.

A noun resolves to the most often named earlier entity carrying the noun's stem (``anaphora`` and
``org_anaphora`` in ``data/lang/<lang>/funding.yaml``), else to the latest earlier programme; a compound
(``compound_suffixes``) to the earlier entity named by its first part. A noun before or in apposition to a name,
or without a determiner where the language wants one (``anaphora_determiners``), refers to nothing.
"""

from __future__ import annotations

from bisect import bisect_left

from pipelines.links.clauses import Sentence
from pipelines.links.cues import FundingCues, affix_in
from pipelines.models import Party


class Resolver:
    """Earlier named entities for references such as 'programmet' or 'die Stiftung': the most often named
    one carrying the noun's stem, else the latest programme. The answers for every prefix of the mentions
    are built once per stem (linear in the document, however many references it has)."""

    def __init__(self, mentions: list[tuple[int, int, str, Party]]) -> None:
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]  # mentions are sorted by start: "earlier" is a prefix
        self.heads: dict[str, tuple[int, Party]] = {}
        for start, _, text, party in mentions:
            if len(text) >= 3:
                self.heads.setdefault(text.casefold(), (start, party))
        self._named: dict[tuple[str, bool], tuple[list[int], list[Party]]] = {}
        self._programmes = [(s, p) for s, _, _, p in mentions if p.kind == "programme"]

    def resolve(self, stem: str, before: int, organisations_only: bool) -> Party | None:
        """The entity named before ``before`` that a noun with ``stem`` refers to (organisations only for
        nouns such as 'die Stiftung')."""
        k = bisect_left(self.starts, before)
        positions, best = self._named.get((stem, organisations_only)) or self._build(stem, organisations_only)
        named = bisect_left(positions, k)  # how many of the mentions carrying the stem are earlier
        if named:
            return best[named - 1]
        if organisations_only:  # no name carries the noun: the latest programme (never for organisations)
            return None
        latest = bisect_left(self._programmes, before, key=lambda sp: sp[0])
        return self._programmes[latest - 1][1] if latest else None

    def _build(self, stem: str, organisations_only: bool) -> tuple[list[int], list[Party]]:
        """Mentions carrying ``stem`` (their indexes), and after each the most often named party so far
        (ties: the one named first)."""
        positions: list[int] = []
        best: list[Party] = []
        counts: dict[Party, int] = {}
        first: dict[Party, tuple[int, int]] = {}  # party -> (start of its first mention, order of first mention)
        leader: Party | None = None
        for j, (start, _, text, party) in enumerate(self.mentions):
            if organisations_only and party.kind != "organisation":
                continue
            if stem not in party.name.casefold() and stem not in text.casefold():
                continue
            counts[party] = counts.get(party, 0) + 1
            first.setdefault(party, (start, len(first)))
            if leader is None or (-counts[party], first[party]) < (-counts[leader], first[leader]):
                leader = party
            positions.append(j)
            best.append(leader)
        self._named[(stem, organisations_only)] = positions, best
        return positions, best

    def compound(self, word: str, suffixes: tuple[str, ...], before: int) -> Party | None:
        """'Smarterinitiativet' -> the entity 'Smarter' named earlier."""
        for suffix in suffixes:
            if len(word) > len(suffix) and word.endswith(suffix):
                start, party = self.heads.get(word[: -len(suffix)], (before, None))
                if start < before:
                    return party
        return None


def may_refer(words: list[str], cues: FundingCues) -> bool:
    """False when none of ``words`` is a noun of reference or a compound with one (a quick test)."""
    if not cues.references.isdisjoint(words):
        return True
    return affix_in(words, cues.compound_ends)


def resolve_references(sent: Sentence, cues: FundingCues, resolver: Resolver) -> None:
    """Make each reference of ``sent`` ('programmet', 'das Projekt', 'Smarterinitiativet') an entity slot."""
    words = sent.words()
    if not may_refer(words, cues):
        return  # no noun of reference, no compound: nothing to resolve
    suffixes = cues.compound_suffixes
    found = []  # each reference is judged on the sentence as it was, before any reference became an entity
    for k, text in enumerate(words):
        if k in sent.mentions:
            continue
        if text in cues.anaphora or text in cues.org_anaphora:
            party = None if _not_a_reference(sent, k, cues) else _refer(text, sent.word_start(k), cues, resolver)
        elif suffixes and text.endswith(suffixes):
            party = resolver.compound(text, suffixes, sent.word_start(k))
        else:
            continue
        if party:
            found.append((k, party))
    for k, party in found:
        sent.make_entity(k, party)


def _not_a_reference(sent: Sentence, k: int, cues: FundingCues) -> bool:
    """Before a name ('programmet Smarter 2.0'), in apposition to one ('AiNed, het programma van …'), or,
    where references take a determiner ('das Projekt'), without one: the noun refers to nothing."""
    words = sent.words()
    if k + 1 < len(words) and words[k + 1] == "<entity>":
        return True
    if "<entity>" in words[max(0, k - 3) : k]:
        return True
    if not cues.anaphora_determiners:
        return False
    if k == 0:
        return True
    before = sent.mentions[k - 1].text if k - 1 in sent.mentions else words[k - 1]
    return before not in cues.anaphora_determiners


def _refer(text: str, start: int, cues: FundingCues, resolver: Resolver) -> Party | None:
    if text in cues.anaphora:
        return resolver.resolve(cues.anaphora[text], start, False)
    return resolver.resolve(cues.org_anaphora[text], start, True)
