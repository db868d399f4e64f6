"""A head word right before a known name describes that name ("dem französischen Forschungsinstitut Inria",
"das belgische Forschungszentrum imec"): the discovered name built on the head is no name of its own."""

from __future__ import annotations

from pipelines.parsers.entities.civic import PLACE_TYPES
from pipelines.parsers.entities.heads import _word_head
from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.parsers.entities.tokens import Hit, Token, joined


def without_cue_noun_names(
    text: str, discovered: list[Hit], known: list[Hit], tokens: list[Token], by_start: dict[int, int], lex: Lexicon
) -> list[Hit]:
    """``discovered`` without the names that are only lowercase adjectives and a head word followed by a known
    (gazetteer) name that is no place ("Universität Stuttgart" keeps its place), with or without that name
    (``by_start``: token indices by their starts)."""
    known_at = {h.start: h for h in known if h.entry is not None and h.entry.type not in PLACE_TYPES}
    if not known_at:
        return discovered
    return [h for h in discovered if not _cue_noun_name(text, h, known_at, tokens, by_start, lex)]


def _cue_noun_name(
    text: str, hit: Hit, known_at: dict[int, Hit], tokens: list[Token], by_start: dict[int, int], lex: Lexicon
) -> bool:
    k = by_start.get(hit.start)
    if k is None:
        return False
    while k < len(tokens) and tokens[k].end <= hit.end and not tokens[k].cap:
        k += 1  # "französischen": lowercase adjectives before the head
    if k + 1 >= len(tokens) or not joined(text, tokens[k], tokens[k + 1]):
        return False
    head = _word_head(tokens[k].text, tokens[k].cap, lex.lang, "organisation")
    name = known_at.get(tokens[k + 1].start)
    return head is not None and name is not None and hit.end in (tokens[k].end, name.end)
