"""Language of the main text with langdetect, made deterministic, with ``<html lang>`` as a prior.

langdetect is reliable on sentences and unreliable on single words, so it runs on the body
(not headings) and a page's declared language decides when the text is too short or the
detector is unsure.
"""
from __future__ import annotations

from functools import lru_cache

from langdetect import DetectorFactory, detector_factory
from langdetect.lang_detect_exception import LangDetectException

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
    detector = _factory().create()
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
