"""The role of each named entity in one sentence: funder, recipient or purpose ("for_").

Rules, in order, for each entity slot (cues from `FundingCues`):
1. a preposition to its left (within a few words, stopping at barrier words and other mentions):
   source ("från", "uit", "aus Mitteln") -> funder; recipient ("till", "naar") and purpose ("för",
   "voor") -> recipient for an organisation, for_ for a programme; an agent ("av", "door", "von") ->
   recipient when the nearest verb is one of hosting ("samordnas av"), funder when it is one of funding;
2. a verb to its right (it is the subject): giving or opening a call -> funder, receiving -> recipient
   (for_ for a programme), hosting -> recipient; a passive of funding ("wird … gefördert",
   "finansieras") -> for_ (programme) or recipient (organisation);
3. a verb right before it (verb-second order, "satsar regeringen"): as 2 for an organisation, the
   object (for_) for a programme after a verb of giving;
4. a receiving organisation named as part of another ("het Institute X van de TU Eindhoven") is the
   purpose (for_), the organisation it belongs to the recipient;
5. coordination ("Avans, Fontys en Saxion") passes a role to the neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from pipelines.links.clauses import Sentence, Slot
from pipelines.links.cues import FundingCues, Phrases
from pipelines.models import Party

Role = Literal["funders", "recipients", "for_"]
Mentions = dict[int, Slot]  # a sentence's mentions by their index in its words
LEFT_WINDOW = 7
RIGHT_WINDOW = 6


@dataclass(slots=True)
class SentenceRoles:
    """Who does what in one sentence; ``unassigned``: entities with no cue of their own."""

    roles: list[tuple[Party, Role]] = field(default_factory=list)
    unassigned: list[Party] = field(default_factory=list)

    def parties(self, role: Role) -> list[Party]:
        return [p for p, r in self.roles if r == role]


def _by_kind(party: Party, org_role: Role, programme_role: Role) -> Role:
    return org_role if party.kind == "organisation" else programme_role


def sentence_roles(sent: Sentence, cues: FundingCues) -> SentenceRoles:
    """The role of every entity slot of ``sent`` (see the module docstring)."""
    mentions = sent.mentions
    entities = sent.positions("entity")
    if not entities:
        return SentenceRoles()
    words = sent.words()
    found: dict[int, Role] = {}
    for i in entities:
        party = mentions[i].party
        role = _left_preposition(i, words, mentions, party, cues) or _right_verb(i, words, party, cues)
        if role is None:
            role = _inverted_verb(i, words, party, cues, subject_before="funders" in found.values())
        if role:
            found[i] = role
    _units(mentions, words, entities, found, cues)
    _coordinate(mentions, words, entities, found, cues)
    out = SentenceRoles()
    for i in entities:
        party = mentions[i].party
        if i in found:
            out.roles.append((party, found[i]))
        else:
            out.unassigned.append(party)
    return out


def _left_preposition(i: int, words: list[str], mentions: Mentions, party: Party, cues: FundingCues) -> Role | None:
    if i > 0 and words[i - 1] == "(":  # 'Fonds für regionale Entwicklung (EFRE)': only a source or agent before
        # an acronym right after its named long form takes that name's role (by coordination), not its own
        return None if i > 1 and words[i - 2] == "<entity>" else _source_before(i - 1, words, cues)
    j = i
    cue_ends = cues.left_cue_ends
    while j > 0 and i - j < LEFT_WINDOW:
        if (j - 1) in mentions:
            return None
        last = words[j - 1]
        if not cue_ends.admits(last):  # no cue ends here
            if last in cues.barriers:
                return None
            j -= 1
            continue
        if cues.neutral.ending_at(words, j):
            return None
        if cues.give.ending_at(words, j) or cues.receive.ending_at(words, j) or cues.call.ending_at(words, j):
            return None
        if cues.owner.ending_at(words, j):
            return _by_kind(party, "recipients", "for_")
        n = cues.host_preps.ending_at(words, j)
        if n and party.kind == "organisation" and _after_programme(j - n, mentions, words, cues):
            return "recipients"  # 'Sonderforschungsbereich X an der Universität Bielefeld'
        if cues.receive_source.ending_at(words, j) and cues.receive.anywhere(words[: j - 1]):
            return "funders"  # 'ontvangen … van X', 'erhält vom X': after a verb of receiving, the source
        if n := cues.source.ending_at(words, j):
            if cues.agent.ending_at(words, j) and n == 1:
                return _agent_role(j - 1, words, cues)
            return "funders"
        if cues.agent.ending_at(words, j):
            return _agent_role(j - 1, words, cues)
        if cues.recipient.ending_at(words, j):
            return _by_kind(party, "recipients", "for_")
        if cues.purpose.ending_at(words, j):
            return _by_kind(party, "recipients", "for_")
        if words[j - 1] in cues.barriers:
            return None
        j -= 1
    return None


def _after_programme(j: int, mentions: Mentions, words: list[str], cues: FundingCues) -> bool:
    """True when a programme is named right before position ``j`` (articles aside)."""
    while j > 0 and words[j - 1] in cues.skip:
        j -= 1
    return j > 0 and words[j - 1] == "<entity>" and mentions[j - 1].party.kind == "programme"


def _source_before(j: int, words: list[str], cues: FundingCues) -> Role | None:
    for k in range(j, max(j - 8, 0), -1):
        if words[k - 1] in cues.barriers or words[k - 1].startswith("<"):
            return None
        if cues.source.ending_at(words, k):
            return "funders"
        if cues.agent.ending_at(words, k):
            return _agent_role(k - 1, words, cues)
    return None


def _agent_role(at: int, words: list[str], cues: FundingCues) -> Role | None:
    """'av X' / 'door X' / 'von X': the nearest verb (left first, then to the sentence end) decides."""
    funding = (cues.give, cues.passive, cues.passive_participles, cues.funding_nouns)
    for k in range(at, max(at - 3, 0) - 1, -1):
        if words[k] == "<entity>":
            break
        if not cues.agent_verb_ends.admits(words[k]):  # no verb ends here
            continue
        if cues.host.ending_at(words, k + 1):
            return "recipients"
        if any(p.ending_at(words, k + 1) for p in funding):
            return "funders"
    for k in range(at + 1, len(words)):
        if not cues.agent_verb_starts.admits(words[k]):  # no verb starts here
            continue
        if cues.host.starting_at(words, k):
            return "recipients"
        if any(p.starting_at(words, k) for p in funding):
            return "funders"
    return None


def _right_verb(i: int, words: list[str], party: Party, cues: FundingCues) -> Role | None:
    k = i + 1
    while k < len(words) and k - i <= RIGHT_WINDOW:
        if words[k] == "<entity>" or words[k] in cues.barriers:
            return None
        if not cues.right_cue_starts.admits(words[k]):  # no verb starts here
            k += 1
            continue
        if cues.passive_aux.starting_at(words, k) and _participle_follows(k + 1, words, cues):
            return _by_kind(party, "recipients", "for_")
        if cues.passive.starting_at(words, k):
            return _by_kind(party, "recipients", "for_")
        if cues.call.starting_at(words, k):
            return "funders"
        if n := cues.give.starting_at(words, k):
            return _by_kind(party, "recipients", "for_") if cues.passive_aux.starting_at(words, k + n) else "funders"
        if cues.receive.starting_at(words, k):
            return _by_kind(party, "recipients", "for_")
        if cues.host.starting_at(words, k):
            return "recipients" if party.kind == "organisation" else None
        k += 1
    return None


def _participle_follows(k: int, words: list[str], cues: FundingCues) -> bool:
    return any(cues.passive_participles.starting_at(words, m) for m in range(k, len(words)))


def _inverted_verb(i: int, words: list[str], party: Party, cues: FundingCues, subject_before: bool) -> Role | None:
    """A verb right before the entity: verb-second order ('satsar regeringen') makes it the subject;
    after a subject already named as funder ('Das BMBF fördert die Universität') it is the object."""
    j = i
    while j > 0 and words[j - 1] in cues.skip:
        j -= 1
    if j == 0:
        return None
    if not cues.inverted_verb_ends.admits(words[j - 1]):  # no verb ends here
        return None
    if cues.call.ending_at(words, j):
        return "funders"
    if cues.give.ending_at(words, j):
        return _by_kind(party, "recipients" if subject_before else "funders", "for_")
    if cues.receive.ending_at(words, j):
        return _by_kind(party, "recipients", "for_")
    if cues.host.ending_at(words, j) and party.kind == "organisation":
        return "recipients"  # 'bygger Högskolan i Skövde upp ett AI-center'
    return None


def _units(
    mentions: Mentions, words: list[str], entities: list[int], found: dict[int, Role], cues: FundingCues
) -> None:
    """'aan het Eindhoven AI Systems Institute van de TU Eindhoven': a receiving organisation named as part
    of another is what the money is for, and the organisation it belongs to is the recipient."""
    for a, b in pairwise(entities):
        n = cues.host_preps.starting_at(words, a + 1)
        if not n or any(w not in cues.skip for w in words[a + 1 + n : b]):
            continue
        if found.get(a) == "recipients" and b not in found and mentions[b].party.kind == "organisation":
            found[a], found[b] = "for_", "recipients"


def _coordinate(
    mentions: Mentions, words: list[str], entities: list[int], found: dict[int, Role], cues: FundingCues
) -> None:
    """Entities joined by commas and conjunctions to one with a role take the same role (``entities``: the
    indexes of the entity slots)."""
    joined = [(a, b) for a, b in pairwise(entities) if b > a + 1 and cues.joiners.issuperset(words[a + 1 : b])]
    changed = True
    while changed:
        changed = False
        for a, b in joined:
            for src, dst in ((a, b), (b, a)):
                if src in found and dst not in found:
                    role = found[src]
                    if role != "funders":
                        role = _by_kind(mentions[dst].party, "recipients", "for_")
                    found[dst] = role
                    changed = True


def phrase_near(phrases: Phrases, words: list[str], at: int, window: int) -> bool:
    """True when a phrase of ``phrases`` starts within ``window`` words of position ``at``."""
    lo, hi = max(0, at - window), min(len(words), at + window + 1)
    return phrases.may_start_in(words[lo:hi]) and any(phrases.starting_at(words, k) for k in range(lo, hi))
