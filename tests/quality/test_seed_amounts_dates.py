"""Seed documents: every gold amount and date found, nothing else (P = R = 1.0)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipelines.extract.pubdate import find_dateline
from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates

SEEDS = Path(os.environ.get("AISCOUT_SEEDS_DIR", Path(__file__).resolve().parents[2].parent / "shared" / "seeds"))
GOLD = sorted(SEEDS.glob("*.json"))
pytestmark = pytest.mark.skipif(not GOLD, reason=f"no seeds in {SEEDS}")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _amount_counts(pred: list[tuple[float, str]], gold: list[tuple[float, str]]) -> tuple[int, int, int]:
    """Set matching on (value within 0.5 %, currency), as GOLD_FORMAT.md scores it."""
    unmatched = list(set(gold))
    tp = fp = 0
    for value, cur in sorted(set(pred)):
        hit = next((g for g in unmatched if g[1] == cur and abs(g[0] - value) <= 0.005 * abs(g[0])), None)
        if hit:
            unmatched.remove(hit)
            tp += 1
        else:
            fp += 1
    return tp, fp, len(unmatched)


def _date_counts(pred: set[str], gold: set[str], published: str | None) -> tuple[int, int, int]:
    pred = pred - {published} if published else pred
    gold_left = gold - {published} if published and published in pred else gold
    return len(pred & gold), len(pred - gold), len(gold_left - pred)


def _score_seeds() -> dict[str, tuple[int, int, int]]:
    totals = {"amounts": [0, 0, 0], "dates": [0, 0, 0], "published": [0, 0, 0]}
    for path in GOLD:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (SEEDS / gold["file"]).read_text(encoding="utf-8")
        lang = gold["language"]
        published = find_dateline(text, lang).published
        counts = {
            "amounts": _amount_counts(
                [(a.value, a.currency) for a in find_amounts(text, lang)],
                [(float(a["value"]), a["currency"]) for a in gold["amounts"]],
            ),
            "dates": _date_counts(
                {d.date for d in find_dates(text, lang, gold["published"])},
                {d["date"] for d in gold["dates"]},
                gold["published"],
            ),
            "published": (1, 0, 0) if published == gold["published"] else (0, 1, 1),
        }
        for field, c in counts.items():
            totals[field] = [t + x for t, x in zip(totals[field], c)]
            if c[1] or c[2]:
                print(f"{path.name} {field}: tp/fp/fn = {c}")
    return {k: tuple(v) for k, v in totals.items()}  # type: ignore[misc]


def test_seed_amounts_dates_published_are_perfect() -> None:
    scores = _score_seeds()
    for field, counts in scores.items():
        p, r, f = _prf(*counts)
        print(f"seeds {field}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp/fp/fn = {counts})")
    for field, counts in scores.items():
        assert _prf(*counts)[:2] == (1.0, 1.0), (field, counts)
