"""Held-out phrase set (tests/devsets/phrases): money, number and absolute-date phrases in sv, nl, de.

Per kind: phrase accuracy (the parser's whole answer equals the gold) and, for money and dates, the
set P/R/F1 of :mod:`pipelines.devtools.evaluation` over all phrases. Floors in baselines/phrases.json.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from pipelines.devtools.evaluation import Score, score_document
from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates
from pipelines.parsers.numbers import parse_number
from tests.quality import gate

PHRASES = Path(__file__).resolve().parents[1] / "devsets" / "phrases"


def _load(kind: str) -> list[tuple[str, str | None, str, object]]:
    """(lang, reference date, text, gold) of every phrase of ``kind``."""
    out = []
    for path in sorted(PHRASES.glob(f"{kind}_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(data["lang"], data.get("reference_date"), text, gold) for text, gold in data["phrases"]]
    return out


def _accuracy(score: Score) -> float:
    return score.tp / (score.tp + score.fp) if score.tp + score.fp else 0.0


def score_phrases(verbose: bool = False) -> dict[str, float]:
    """Accuracy per kind and F1 of money and dates over the phrase set."""
    scores: dict[str, float] = {}
    for kind, field in (("money", "amounts"), ("dates", "dates")):
        total, right = Score(0, 0, 0), Score(0, 0, 0)
        for lang, ref, text, gold in _load(kind):
            if kind == "money":
                pred = {"amounts": [{"value": a.value, "currency": a.currency} for a in find_amounts(text, lang)]}
                want = {"amounts": [{"value": v, "currency": c} for v, c in gold]}
            else:
                pred = {"dates": [{"date": d.date} for d in find_dates(text, lang, ref)]}
                want = {"dates": [{"date": str(d)} for d in gold]}
            s = score_document(pred, want)[field]
            ok = not s.fp and not s.fn
            total, right = total + s, right + Score(int(ok), int(not ok), int(not ok))
            if verbose and not ok:
                print(f"{kind} {lang} {text!r}: got {pred[field]} want {gold}")
        scores[f"{kind}_accuracy"], scores[f"{kind}_f1"] = _accuracy(right), total.f1
        print(f"phrases {kind}: accuracy {_accuracy(right):.3f}; set {total}")
    right = Score(0, 0, 0)
    for lang, _, text, gold in _load("numbers"):
        got = parse_number(text, lang)
        ok = got is not None and math.isclose(got, float(gold), rel_tol=1e-5, abs_tol=1e-9)
        right = right + Score(int(ok), int(not ok), int(not ok))
        if verbose and not ok:
            print(f"numbers {lang} {text!r}: got {got} want {gold}")
    scores["numbers_accuracy"] = _accuracy(right)
    print(f"phrases numbers: accuracy {_accuracy(right):.3f} ({right.tp}/{right.tp + right.fp})")
    return scores


def test_phrase_set_meets_its_floors() -> None:
    gate.check("phrases", score_phrases())


if __name__ == "__main__":
    score_phrases(verbose=True)
