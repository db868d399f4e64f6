"""Language detection's fast detector gives langdetect's probabilities bit for bit (same output, less time)."""

from __future__ import annotations

import random

from langdetect.detector import Detector

from pipelines.language.detection import _factory, _FastDetector
from tests.helpers.sample_texts import TEXTS


def _probabilities(detector_class: type[Detector], text: str) -> list[tuple[str, float]] | str:
    detector = detector_class(_factory())
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except Exception as error:
        return type(error).__name__


def test_fast_detector_gives_langdetects_probabilities_bit_for_bit():
    rnd = random.Random(3)
    alphabet = "abcXYZ ÅÄÖåäöß éç Ωπ Жж 中文 カタ ひら 한국 \u1ea1\u1ec7 ي ی ,.!?-\n\t 0123"
    noise = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 300))) for _ in range(60)]
    for text in TEXTS + noise:
        assert _probabilities(_FastDetector, text) == _probabilities(Detector, text), text
