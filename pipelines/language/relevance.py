"""AI-relevance score of a text from per-language lexicons (``data/lang/<lang>/relevance.yaml``).

Score = 1 - exp(-weighted hits / SCALE): 0 for no hit, about 0.5 for two strong mentions,
approaching 1 for a text about AI. English terms apply to every language.
"""

from __future__ import annotations

import math
import re
from functools import cache

from pipelines import langdata, regex_words

SCALE = 3.0
THRESHOLD = 0.5
BASE_LANGUAGE = "en"


@cache
def _lexicon(lang: str | None) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, float]]:
    langs = {BASE_LANGUAGE, *([lang] if lang in langdata.supported_languages() else langdata.supported_languages())}
    folded: dict[str, float] = {}
    exact: dict[str, float] = {}
    for code in sorted(langs):
        data = langdata.load(code, "relevance")
        folded.update({k.casefold(): float(v) for k, v in (data.get("terms") or {}).items()})
        exact.update({k: float(v) for k, v in (data.get("case_sensitive") or {}).items()})

    def alternation(words: dict[str, float], flags: int) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w)(?:{regex_words.alternation(words, flexible_spaces=False)})", flags)

    return alternation(folded, re.IGNORECASE), alternation(exact, 0), {**folded, **exact}


def ai_score(text: str, lang: str | None) -> float:
    """Relevance of ``text`` to AI in [0, 1], rounded to 4 places (stable across runs)."""
    folded, exact, weights = _lexicon(lang)
    total = sum(weights[m.group(0).casefold()] for m in folded.finditer(text))
    total += sum(weights[m.group(0)] for m in exact.finditer(text) if _word_end(text, m.end()))
    return round(1.0 - math.exp(-total / SCALE), 4)


def is_ai_related(score: float) -> bool:
    """Whether a page counts as being about AI."""
    return score >= THRESHOLD


def _word_end(text: str, end: int) -> bool:
    """An acronym hit must not run on into a longer word ("AIDS" is not "AI")."""
    return end >= len(text) or not text[end].isalpha()
