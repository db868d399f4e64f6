"""Every token of a linker sentence as a slot: the view the linker's tests compare with their definitions."""

from __future__ import annotations

from typing import NamedTuple

from pipelines.links.clauses import PUNCTUATION, Sentence, Slot


class WordSlot(NamedTuple):
    """A word (casefolded) or punctuation mark, with the start of its stretch between mentions; fields as `Slot`'s."""

    kind: str  # "word" or "punct"
    text: str
    start: int
    end: int
    ref: None = None


def sentence_slots(sent: Sentence) -> list[Slot | WordSlot]:
    """Words (casefolded, each with the start of its stretch between mentions), punctuation and mentions, in order."""
    out: list[Slot | WordSlot] = []
    for k, word in enumerate(sent.words()):
        if (mention := sent.mentions.get(k)) is not None:
            out.append(mention)
            continue
        pos = sent.word_start(k)
        out.append(WordSlot("punct" if word in PUNCTUATION else "word", word, pos, pos))
    return out
