"""`link_amounts`: every amount of a document with its funders, recipients, purpose, period, kind.

The link is looked for in the amount's sentence (`roles.sentence_roles`), then in the sentences
around it that speak of funding without an amount of their own ("Die Mittel stammen aus …"), then
in the document's statements about the same initiative (its hosts: "Linköpings universitet är värd
för programmet"; who funds it; who receives the funding). References across sentences ("Die
Förderung", "Satsningen", "Het programma", "stiftelsen") resolve to the most salient earlier named
entity carrying the noun's stem, else the latest earlier programme (:mod:`pipelines.links.references`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

from pipelines.links.clauses import PUNCTUATION, Sentence, Span, split_sentences
from pipelines.links.cues import FundingCues, funding_cues
from pipelines.links.periods import PeriodFinder
from pipelines.links.references import Resolver, resolve_references
from pipelines.links.roles import Role, SentenceRoles, phrase_near, sentence_roles
from pipelines.models import Amount, DateMention, FundingKind, OrgMention, Party, ProgrammeMention, replace_amount

ROLES: tuple[Role, ...] = ("funders", "recipients", "for_")
NEXT_SENTENCES = 2  # sentences after the amount's that may complete its funders and purpose
KIND_WINDOW = 6  # words either side of an amount searched for kind and per-year cues
PART_WINDOW = 8  # sentences within which parts of a total are looked for
STATEMENT_WINDOW = 20  # sentences within which a statement without an amount completes an amount's parties


@dataclass(slots=True)
class _Analysis:
    sentence: Sentence
    roles: SentenceRoles
    funding: bool  # the sentence speaks of funding
    host: bool  # the sentence says who hosts or runs something
    receiving: bool  # the sentence has a verb of receiving
    continuation: bool  # the sentence opens with 'Het betreft', 'Det gäller', …
    has_amount: bool
    cues: FundingCues
    _receives: bool | None = None
    _period_cues: tuple[bool, bool, bool] | None = None

    def receives_anywhere(self) -> bool:
        """A verb of receiving somewhere in a sentence with an amount or entity (its subject is no funder);
        looked for when first asked."""
        if self._receives is None:
            sent = self.sentence
            named = bool(sent.positions("amount") or sent.positions("entity"))
            self._receives = named and self.cues.receive.anywhere(sent.words())
        return self._receives

    def period_cues(self) -> tuple[bool, bool, bool]:
        """Words of starting, ending, lasting (only looked for beside dates, when first asked)."""
        if self._period_cues is None:
            words, cues = self.sentence.words(), self.cues
            self._period_cues = (
                (
                    cues.period_start.anywhere(words),
                    cues.period_end.anywhere(words),
                    cues.period_words.anywhere(words),
                )
                if self.sentence.positions("date")
                else (False, False, False)
            )
        return self._period_cues


def link_amounts(
    text: str,
    lang: str,
    amounts: Sequence[Amount],
    organisations: Sequence[OrgMention],
    programmes: Sequence[ProgrammeMention],
    dates: Sequence[DateMention] = (),
) -> list[Amount]:
    """``amounts`` with their funding links filled in (same order; offsets index ``text``)."""
    if not amounts:
        return list(amounts)
    cues = funding_cues(lang)
    mentions = [(o.start, o.end, o.text, Party(o.name, o.id, "organisation", o.text)) for o in organisations]
    mentions += [(p.start, p.end, p.text, Party(p.name, p.id, "programme", p.text)) for p in programmes]
    mentions.sort(key=lambda m: m[0])
    spans = [Span("entity", s, e, party) for s, e, _, party in mentions]
    spans += [Span("amount", a.start, a.end, i) for i, a in enumerate(amounts)]
    spans += [Span("date", d.start, d.end, i) for i, d in enumerate(dates)]
    sentences = split_sentences(text, spans, cues.abbreviations, cues.triggers)
    resolver = Resolver(mentions)
    for sent in sentences:
        resolve_references(sent, cues, resolver)
    analyses = _analyse(sentences, cues)
    # amount -> its sentence, and its slot in the sentence
    at_slot = {
        a.sentence.mentions[k].pos: (n, k)
        for n, a in enumerate(analyses)
        if a.has_amount
        for k in a.sentence.positions("amount")
    }
    where = {i: n for i, (n, _) in at_slot.items()}
    hosts = _hosts(analyses)
    statements = _statements(analyses)
    periods = PeriodFinder(analyses, dates)
    linked = []
    for i, amount in enumerate(amounts):
        n = where.get(i)
        if n is None:
            linked.append(amount)
            continue
        parties = _links(n, analyses, hosts, statements, cues.skip, cues.initiative_words)
        words = analyses[n].sentence.words()
        at = at_slot[i][1]
        start, end = periods.amount_period(n, parties["for_"])
        per_year = phrase_near(cues.per_year, words, at, KIND_WINDOW)
        kind = _kind(words, at, analyses[n], parties, cues)
        links = {role: tuple(parties[role]) for role in ROLES}
        linked.append(replace_amount(amount, **links, period_start=start, period_end=end, per_year=per_year, kind=kind))
    return _parts(_range_ends_alike(linked), where, analyses, cues)


def _range_ends_alike(linked: list[Amount]) -> list[Amount]:
    """The high end of a range says what its low end says (kind, per year, period, parties)."""
    out = list(linked)
    for i in range(1, len(out)):
        low, high = out[i - 1], out[i]
        if low.range_role == "low" and high.range_role == "high":
            kind = "other" if "other" in (low.kind, high.kind) else low.kind
            out[i - 1] = replace_amount(low, kind=kind, per_year=low.per_year or high.per_year)
            out[i] = replace_amount(
                high,
                kind=kind,
                per_year=low.per_year or high.per_year,
                funders=low.funders,
                recipients=low.recipients,
                for_=low.for_,
                period_start=low.period_start,
                period_end=low.period_end,
            )
    return out


def _analyse(sentences: list[Sentence], cues: FundingCues) -> list[_Analysis]:
    """Cue flags of every sentence; roles only where they can be used: sentences with an amount, about
    funding or hosting, opening a continuation, or right before a sentence with an amount."""
    out = []
    has_amounts = [bool(sent.positions("amount")) for sent in sentences] + [False]
    for n, sent in enumerate(sentences):
        words = sent.words()
        has_amount = has_amounts[n]
        entities = sent.positions("entity")
        named = has_amount or bool(entities)  # else no role and no link to give
        funding = named and cues.any_funding_cue(words)
        host = named and cues.host.anywhere(words)
        continuation = bool(cues.continuation.starting_at(words, 0))
        if has_amount or funding or host or continuation or has_amounts[n + 1]:  # the last: before an amount
            roles = sentence_roles(sent, cues)
        else:
            roles = SentenceRoles([], [sent.mentions[k].party for k in entities])
        # receiving: set below, only where the next sentence is a continuation
        out.append(_Analysis(sent, roles, funding, host, False, continuation, has_amount, cues))
    for before, after in pairwise(out):
        before.receiving = after.continuation and cues.receive.anywhere(before.sentence.words())
    return out


def _hosts(analyses: list[_Analysis]) -> dict[Party, list[Party]]:
    """Initiative -> the organisations said to host, run or build it."""
    hosts: dict[Party, list[Party]] = {}
    for a in analyses:
        if not a.host:
            continue
        orgs = [p for p in a.roles.parties("recipients") if p.kind == "organisation"]
        targets = a.roles.parties("for_") + [p for p in a.roles.unassigned if p.kind == "programme"]
        for target in targets:
            hosts.setdefault(target, [])
            hosts[target] += [o for o in orgs if o not in hosts[target]]
    return hosts


def _links(
    n: int,
    analyses: list[_Analysis],
    hosts: dict[Party, list[Party]],
    statements: list[_Statement],
    skip: frozenset[str],
    initiative_words: tuple[str, ...] = (),
) -> dict[Role, list[Party]]:
    """The parties of the amount in sentence ``n``: its own sentence first, then the context."""
    parties: dict[Role, list[Party]] = {r: [] for r in ROLES}

    def add(party: Party, role: Role) -> None:
        if party not in parties["funders"] and party not in parties["recipients"] and party not in parties["for_"]:
            parties[role].append(party)

    own = analyses[n]
    for party, role in own.roles.roles:
        add(party, role)
    context = []
    if n > 0 and _quiet(analyses[n - 1], own):
        context.append(analyses[n - 1])
    for m in range(n + 1, min(n + 1 + NEXT_SENTENCES, len(analyses))):
        if analyses[m].has_amount:
            break
        if analyses[m].funding:
            context.append(analyses[m])
    for a in context:
        for party, role in a.roles.roles:
            if role != "recipients":
                add(party, role)
        _subject_funder(a, add, skip)
    if not parties["for_"]:
        for party in own.roles.unassigned:
            if party.kind == "programme":
                add(party, "for_")
    if not parties["for_"]:  # 'Mit dem Geld wird das Zentrum X aufgebaut': the initiative named beside
        for a in context:
            for party in a.roles.unassigned:
                if party.kind == "programme" or _names_an_initiative(party, initiative_words):
                    add(party, "for_")
    if not parties["for_"] and parties["funders"] and n > 0:
        prev = analyses[n - 1]  # 'WASP förlängs till 2031. Stiftelsen skjuter till 2 miljarder kronor.'
        if not prev.has_amount and prev.sentence.paragraph == own.sentence.paragraph and not prev.roles.roles:
            for party in prev.roles.unassigned:
                if party.kind == "programme":
                    add(party, "for_")
    _subject_funder(own, add, skip)
    _document_statements(n, statements, parties, add)
    if not parties["recipients"]:
        for target in parties["for_"]:
            for org in hosts.get(target, []):
                add(org, "recipients")
    return parties


def _names_an_initiative(party: Party, words: tuple[str, ...]) -> bool:
    """An organisation whose name says it is a lab, centre, network, … ('AI-lab OostNL')."""
    name = party.name.casefold()
    return any(w in name for w in words)


def _quiet(prev: _Analysis, own: _Analysis) -> bool:
    """The sentence before speaks of funding, has no amount of its own and is in the same paragraph."""
    return prev.funding and not prev.has_amount and prev.sentence.paragraph == own.sentence.paragraph


def _subject_funder(a: _Analysis, add, skip: frozenset[str]) -> None:
    """In a sentence about funding without any role cue, an organisation opening it is its funder."""
    if not a.funding:
        return
    mentions = a.sentence.mentions
    for k, word in enumerate(a.sentence.words()):  # the first slot that is no punctuation or skip word
        first = mentions.get(k)
        if word in PUNCTUATION or (word if first is None else first.text) in skip:
            continue
        if first is None or first.kind != "entity" or first.party.kind != "organisation":
            return
        if not a.receives_anywhere() and first.party in a.roles.unassigned:
            add(first.party, "funders")
        return


@dataclass(slots=True)
class _Statement:
    """What a sentence without an amount says about funding: parties in one role, and its initiatives."""

    role: Role
    parties: list[Party]
    targets: list[Party]
    sentence: int


def _statements(analyses: list[_Analysis]) -> list[_Statement]:
    """The document's funding statements without an amount ('De financiering gaat naar Avans, …')."""
    out = []
    for m, a in enumerate(analyses):
        if a.has_amount or not (a.roles.roles or a.receiving):  # no party in a role, no list it introduces
            continue
        targets = a.roles.parties("for_") + [p for p in a.roles.unassigned if p.kind == "programme"]
        for role in ("funders", "recipients"):
            stated = a.roles.parties(role) if a.funding else []
            stated += _continued(m, analyses, role)
            if stated:
                out.append(_Statement(role, stated, targets, m))
    return out


def _document_statements(n: int, statements: list[_Statement], parties: dict[Role, list[Party]], add) -> None:
    """Funders and recipients the document states elsewhere, for the same purpose or for none."""
    # a long page may tell several funding stories: only statements within the window count
    low = bisect_left(statements, n - STATEMENT_WINDOW, key=attrgetter("sentence"))
    for role in ("funders", "recipients"):
        if parties[role]:
            continue
        for st in statements[low:]:
            if st.sentence - n > STATEMENT_WINDOW:
                break
            if st.role == role and (not st.targets or set(st.targets) & set(parties["for_"])):
                for p in st.parties:
                    add(p, role)
                if not parties["for_"]:
                    for t in st.targets:
                        add(t, "for_")


def _continued(m: int, analyses: list[_Analysis], role: Role) -> list[Party]:
    """'6 hogescholen ontvangen financiering … Het betreft Avans, Fontys …': the list that follows a
    sentence of receiving without a named subject is its recipients."""
    if role != "recipients" or m + 1 >= len(analyses) or analyses[m].roles.roles:
        return []
    nxt = analyses[m + 1]
    if not (analyses[m].receiving and nxt.continuation):
        return []
    return [p for p in nxt.roles.unassigned if p.kind == "organisation"]


def _kind(words: list[str], at: int, a: _Analysis, parties: dict[Role, list[Party]], cues: FundingCues) -> FundingKind:
    # the cheap tests first: a phrase is looked for only where it decides
    if not (a.funding or any(parties.values())) or phrase_near(cues.kind_other, words, at, KIND_WINDOW):
        return "other"
    if not parties["recipients"] and phrase_near(cues.kind_investment, words, at, KIND_WINDOW):
        return "investment"
    if parties["recipients"]:
        return "grant"
    if cues.kind_budget.anywhere(words):
        return "budget"
    return "grant" if parties["funders"] and parties["for_"] else "budget"


def _parts(linked: list[Amount], where: dict[int, int], analyses: list[_Analysis], cues: FundingCues) -> list[Amount]:
    """Mark parts of a total: amounts after 'varav'/'davon' in the same sentence, and runs of following
    amounts in the same currency that add up to an amount before them."""
    part_of: dict[int, int] = {}
    for i in range(len(linked)):
        n = where.get(i)
        if n is None:
            continue
        sent = analyses[n].sentence
        words = sent.words()
        if not cues.part.may_start_in(words):
            continue
        cue_at = next((k for k in range(len(words)) if cues.part.starting_at(words, k)), None)
        if cue_at is None:
            continue
        before = [sent.mentions[k].pos for k in sent.positions("amount") if k < cue_at]
        after = [sent.mentions[k].pos for k in sent.positions("amount") if k >= cue_at]
        if before and i in after:
            part_of[i] = before[-1]
    for i, total in enumerate(linked):
        if total.range_role or i in part_of or where.get(i) is None:
            continue
        run = 0.0
        for j in range(i + 1, len(linked)):
            other = linked[j]
            if other.currency != total.currency or other.range_role or where.get(j) is None:
                break
            if where[j] - where[i] > PART_WINDOW:
                break
            run += other.value
            if j > i + 1 and abs(run - total.value) <= 0.005 * total.value:
                for k in range(i + 1, j + 1):
                    part_of.setdefault(k, i)
                break
            if run > total.value:
                break
    return [a if i not in part_of else replace_amount(a, part_of=part_of[i]) for i, a in enumerate(linked)]
