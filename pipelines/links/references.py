"""References across sentences: nouns such as "programmet", "die Stiftung", "Het project" or compounds such as
"Smarterinitiativet" made entity slots of the earlier named entity they refer to.

A noun resolves to the most often named earlier entity carrying the noun's stem (``anaphora`` and
``org_anaphora`` in ``data/lang/<lang>/funding.yaml``), else to the latest earlier programme; a compound
(``compound_suffixes``) to the earlier entity named by its first part. A noun before or in apposition to a name,
or without a determiner where the language wants one (``anaphora_determiners``), refers to nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pipelines.links.clauses import Slot
from pipelines.links.cues import FundingCues
from pipelines.models import Party


class Resolver:
    """Earlier named entities for references such as 'programmet' or 'die Stiftung': the most often named
    one carrying the noun's stem, else the latest programme."""

    def __init__(self, mentions: list[tuple[int, int, str, Party]]) -> None:
        self.mentions = mentions
        self.heads: dict[str, tuple[int, Party]] = {}
        for start, _, text, party in mentions:
            if len(text) >= 3:
                self.heads.setdefault(text.casefold(), (start, party))

    def resolve(self, stem: str, before: int, organisations_only: bool) -> Party | None:
        """The entity named before ``before`` that a noun with ``stem`` refers to (organisations only for
        nouns such as 'die Stiftung')."""
        earlier = [(s, text, p) for s, _, text, p in self.mentions if s < before]
        if organisations_only:
            earlier = [m for m in earlier if m[2].kind == "organisation"]
        named = [m for m in earlier if stem in m[2].name.casefold() or stem in m[1].casefold()]
        if not named:  # no name carries the noun: the latest programme
            programmes = [] if organisations_only else [m for m in earlier if m[2].kind == "programme"]
            return programmes[-1][2] if programmes else None
        pool = named
        counts = Counter(p for _, _, p in pool)
        first: dict[Any, Any] = {}
        for s, _, p in pool:
            first.setdefault(p, s)
        return min(counts, key=lambda p: (-counts[p], first[p]))

    def compound(self, word: str, suffixes: tuple[str, ...], before: int) -> Party | None:
        """'Smarterinitiativet' -> the entity 'Smarter' named earlier."""
        for suffix in suffixes:
            if len(word) > len(suffix) and word.endswith(suffix):
                start, party = self.heads.get(word[: -len(suffix)], (before, None))
                if start < before:
                    return party
        return None


def resolve_references(slots: list[Slot], cues: FundingCues, resolver: Resolver) -> list[Slot]:
    """Slots with each reference ('programmet', 'das Projekt', 'Smarterinitiativet') made an entity slot."""
    out = list(slots)
    suffixes = cues.compound_suffixes
    for k, slot in enumerate(slots):
        if slot.kind != "word":
            continue
        text = slot.text
        if text in cues.anaphora or text in cues.org_anaphora:
            party = None if _not_a_reference(slots, k, cues) else _refer(text, slot.start, cues, resolver)
        elif suffixes and text.endswith(suffixes):
            party = resolver.compound(text, suffixes, slot.start)
        else:
            continue
        if party:
            out[k] = Slot("entity", text, slot.start, slot.end, party)
    return out


def _not_a_reference(slots: list[Slot], k: int, cues: FundingCues) -> bool:
    """Before a name ('programmet Smarter 2.0'), in apposition to one ('AiNed, het programma van …'), or,
    where references take a determiner ('das Projekt'), without one: the noun refers to nothing."""
    if k + 1 < len(slots) and slots[k + 1].kind == "entity":
        return True
    if any(s.kind == "entity" for s in slots[max(0, k - 3) : k]):
        return True
    return bool(cues.anaphora_determiners) and (k == 0 or slots[k - 1].text not in cues.anaphora_determiners)


def _refer(text: str, start: int, cues: FundingCues, resolver: Resolver) -> Party | None:
    if text in cues.anaphora:
        return resolver.resolve(cues.anaphora[text], start, False)
    return resolver.resolve(cues.org_anaphora[text], start, True)
