"""Acronyms the text defines: "Long Name (ACR)", "ACR (Long Name)", "(Long Name - ACR)"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipelines.parsers.entities.tokens import Hit, Token, first_token_from, is_acronym, last_token_ending_by

# --------------------------------------------------------------------------- acronyms

_BRACKETED = re.compile(r"\(\s*([^()\n]{2,150}?)\s*\)")
_DASHED = re.compile(r"(.+?)\s+[-–]\s+(\S+)")  # "(Long Name - ACR)"
_DASH_AFTER = re.compile(r"(?<![\w-])([^\W\d_][\w.-]{1,11}) [–—-] ")  # "ACR – Long Name"
_DASH_GAP = re.compile(r" (?=[–—-] )")  # where a match of _DASH_AFTER ends, less its last two characters
_DASH_WORD = 12  # the most characters of _DASH_AFTER's word


def _end_of_words_before(text: str, pos: int) -> int:
    """Where the text before ``pos`` ends once white space is left out (``len(text[:pos].rstrip())``)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _long_start(acr: str, words: list[Token]) -> int | None:
    """Schwartz–Hearst: index of the word where the long form of ``acr`` starts among ``words``."""
    letters = [c.lower() for c in acr if c.isalnum()]
    flat = " ".join(w.text for w in words).lower()
    li = len(flat) - 1
    for si in range(len(letters) - 1, -1, -1):
        while li >= 0 and (flat[li] != letters[si] or (si == 0 and li > 0 and flat[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    offsets = [sum(len(w.text) + 1 for w in words[:k]) for k in range(len(words))]
    return max(k for k, off in enumerate(offsets) if off <= li + 1)


def acronym_definitions(text: str, tokens: list[Token], hits: list[Hit]) -> list[tuple[Hit, str]]:
    """(long-form hit, acronym) pairs from "Long Name (ACR)", "(Long Name - ACR)", "ACR (Long Name)" and
    "ACR – Long Name" (a name found right after the dash).

    A long form already found (``hits``) is reused; otherwise the words the acronym's letters
    point to are taken (Schwartz–Hearst), with an empty ``kind`` for the caller to decide.
    """
    by_end = {h.end: h for h in hits}
    by_start = {h.start: h for h in hits}

    # tokens are in text order and do not overlap: find ranges by bisection, not by scanning them all
    # for every parenthesis (that was quadratic: 5,000 "Name (ACR)" pairs took minutes)
    def between(first_start: int, last_end: int, most: int | None = None) -> list[Token]:
        """The tokens from ``first_start`` to ``last_end`` (the last ``most`` of them if given)."""
        hi = last_token_ending_by(tokens, last_end) + 1
        lo = first_token_from(tokens, first_start)
        return tokens[lo if most is None else max(lo, hi - most) : hi]

    pairs = []
    for m in _BRACKETED.finditer(text):
        inner, lo, hi = m.group(1), m.start(1), m.end(1)
        dash = _DASHED.fullmatch(inner)
        if is_acronym(inner) or (dash and is_acronym(dash.group(2))):
            acr = dash.group(2) if dash else inner
            long_end = lo + len(dash.group(1)) if dash else _end_of_words_before(text, m.start())
            window = between(lo if dash else 0, long_end, len(acr) + 5)
            # a long form lies within its sentence ("… Ausländerbehörde. Die technische Umsetzung … (ZIT-BB)")
            window = window[max((k for k, t in enumerate(window) if t.sentence_start), default=0) :]
        else:
            last = last_token_ending_by(tokens, m.start())  # the token before the bracket
            if last < 0 or not tokens[last].acronym or text[tokens[last].end : m.start()] != " ":
                continue
            acr, long_end = tokens[last].text, hi
            window = between(lo, hi)
            if len(window) < 2 or window[0].low[0] != acr[0].lower():
                continue
            known = by_start.get(lo)
            long = (
                known
                if known is not None and known.end == hi
                else Hit(window[0].start, window[-1].end, text[window[0].start : window[-1].end], "")
            )
            pairs.append((long, acr))
            continue
        known = by_end.get(long_end)
        surface = text[known.start : known.end] if known is not None else ""
        # a name found before the parenthesis is the long form if it starts as the acronym does or holds its
        # letters ("Centrum för tillämpade intelligenta system (CAISR)"); otherwise the words the letters point
        # to are, if there are such words: not the place in "KI-Servicezentrum Berlin-Brandenburg (KISZ-BB)"
        if known is not None and (
            surface[:1].lower() == acr[:1].lower()
            or _in_order(acr, known.name, letters=True)
            or _in_order(acr, surface, letters=True)
        ):
            pairs.append((known, acr))
            continue
        # "… Behörde. Die technische Umsetzung liegt beim Landesbetrieb X (ACR)": no long form crosses a sentence end
        opening = max((k for k, t in enumerate(window) if t.sentence_start), default=0)
        window = window[opening:]
        first = _long_start(acr, window) if window else None
        if first is None or (len(window) - first < 2 and " " not in window[first].text):
            if known is not None:
                pairs.append((known, acr))  # "Finnisches Umweltinstitut (SYKE)": an acronym of another language
            continue
        span = window[first:]
        pairs.append((Hit(span[0].start, span[-1].end, text[span[0].start : span[-1].end], ""), acr))
    # "KIMed – Netzwerk für Künstliche Intelligenz in der Medizin": an acronym, a dash, a name found there
    for m in _dashed_words(text):
        named = by_start.get(m.end())
        if named is not None and is_acronym(m.group(1)) and _in_order(m.group(1), named.name):
            pairs.append((named, m.group(1)))
    return pairs


def _dashed_words(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_DASH_AFTER.finditer(text)``, tried only at the few words before a spaced dash (a search at
    every word is slow). A match's word has no space: it ends right before the dash, at most _DASH_WORD characters
    before it, and the leftmost start after the last match is the one ``finditer`` takes."""
    last = 0
    for gap in _DASH_GAP.finditer(text):
        dash = gap.start()
        for start in range(max(last, dash - _DASH_WORD), dash - 1):
            m = _DASH_AFTER.match(text, start)
            if m is not None:
                yield m
                last = m.end()
                break


def _in_order(acr: str, name: str, letters: bool = False) -> bool:
    """Whether the acronym's letters (and digits, unless ``letters``) occur in ``name`` in order ("KIMed" in
    "… Künstliche Intelligenz … Medizin")."""
    low, pos = name.lower(), 0
    for c in (c.lower() for c in acr if (c.isalpha() if letters else c.isalnum())):
        pos = low.find(c, pos) + 1
        if pos == 0:
            return False
    return True
