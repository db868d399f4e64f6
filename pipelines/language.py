"""Language of the main text with langdetect, made deterministic, with ``<html lang>`` as a prior.

langdetect is reliable on sentences and unreliable on single words, so it runs on the body
(not headings) and a page's declared language decides when the text is too short or the
detector is unsure.
"""
from __future__ import annotations

import re
from functools import lru_cache

from langdetect import DetectorFactory, detector_factory
from langdetect.detector import Detector
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.ngram import NGram
from langdetect.utils.unicode_block import UNICODE_LATIN_EXTENDED_ADDITIONAL, unicode_block

MIN_CHARS = 40          # below this, trust the declared language
MIN_PROBABILITY = 0.80  # below this, a declared language wins
SAMPLE_CHARS = 3000     # detection needs sentences, not the whole page


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    """The language profiles, loaded once per process, with a fixed seed (repeatable results)."""
    detector_factory.init_factory()
    factory = detector_factory._factory
    factory.set_seed(0)
    return factory


def detect_language(text: str, hint: str | None = None, *, min_chars: int = MIN_CHARS) -> str | None:
    """ISO 639-1 code of ``text``; ``hint`` (e.g. ``<html lang>``) decides short or unclear cases."""
    sample = _body_sample(text)
    if len(sample) < min_chars:
        return hint
    detector = _FastDetector(_factory())
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return hint
    if hint and best.lang != hint and best.prob < MIN_PROBABILITY:
        return hint
    return best.lang


def _body_sample(text: str) -> str:
    """Prefer lines that read like sentences (several words) over headings and menu items."""
    lines = [line for line in text.splitlines() if len(line.split()) >= 6]
    return "\n".join(lines or [text])[:SAMPLE_CHARS]


# -- a faster langdetect Detector with identical results ---------------------------------------
# langdetect spends most of its time in per-character Python loops (append, cleaning_text,
# _extract_ngrams with NGram.normalize's Unicode-block lookup per character). These overrides
# compute exactly the same text and n-gram list (same order), so the seeded random trials and the
# probabilities are unchanged; only the per-character work is cached or done by regexes.

_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile("[\u0300-\u1dff\u1f00-\U0010ffff]")
_NOT_LATIN_CHARS = re.compile("[A-z]+")
_NORMALIZED: dict[str, str] = {}


class _FastDetector(Detector):
    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)[: self.max_text_length]
        # the original keeps a character unless it is a space following a space (called once
        # per detector here, on an empty text)
        self.text += _SPACES.sub(" ", text)

    def cleaning_text(self) -> None:
        text = self.text
        latin = len(_LATIN.findall(text))
        non_latin = sum(1 for ch in _NON_LATIN.findall(text)
                        if unicode_block(ch) != UNICODE_LATIN_EXTENDED_ADDITIONAL)
        if latin * 2 < non_latin:
            self.text = _NOT_LATIN_CHARS.sub("", text)

    def _extract_ngrams(self) -> list[str]:
        prob_map = self.word_lang_prob_map
        norm = _NORMALIZED
        result: list[str] = []
        append = result.append
        grams = " "
        capital = False
        for ch in self.text:
            c = norm.get(ch)
            if c is None:
                c = norm[ch] = NGram.normalize(ch)
            last = grams[-1]
            if last == " ":
                grams = " "
                capital = False
                if c == " ":
                    continue
            elif len(grams) >= 3:
                grams = grams[1:]
            grams += c
            if c.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            if c != " " and c in prob_map:
                append(c)
            n = len(grams)
            if n >= 2:
                w = grams[-2:]
                if w in prob_map:
                    append(w)
                if n >= 3:
                    w = grams[-3:]
                    if w in prob_map:
                        append(w)
        return result
