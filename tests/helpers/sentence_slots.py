"""Every token of a linker sentence as a `Slot`: the view the linker's tests compare with their definitions."""

from __future__ import annotations

from pipelines.links.clauses import PUNCTUATION, Sentence, Slot


def sentence_slots(sent: Sentence) -> list[Slot]:
    """Words (casefolded, each with the start of its stretch between mentions), punctuation and mentions, in order."""
    out = []
    for k, word in enumerate(sent.words()):
        if (mention := sent.mentions.get(k)) is not None:
            out.append(mention)
            continue
        pos = sent.word_start(k)
        out.append(Slot("punct" if word in PUNCTUATION else "word", word, pos, pos))
    return out
