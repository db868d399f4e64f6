"""Main text and publication date on the page development set (``tests/devsets/pages/dev``).

Pages written for aiscout in the shapes of the CMSs press pages use (``tests/devsets/pages/generate.py``);
each has the sentences its main text must hold, the chrome snippets that must stay out and its
publication date. Main text: snippet precision/recall/F1 (``score_snippets``); date: exact-day accuracy.
Run with ``-s`` to see the misses per page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.devtools.evaluation import Score, score_snippets
from pipelines.extract.document import extract_document
from tests.quality import gate

PAGES = Path(__file__).resolve().parents[1] / "devsets" / "pages"


def evaluate(batch: str) -> tuple[dict[str, Score], list[str]]:
    """Scores of a batch (main_text, published, whole_text) and one line per miss."""
    total = {"main_text": Score(0, 0, 0), "published": Score(0, 0, 0), "whole_text": Score(0, 0, 0)}
    misses: list[str] = []
    for path in sorted((PAGES / batch).glob("*.html")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        doc = extract_document(path.read_bytes(), url=gold["url"])
        text = doc.text
        main = score_snippets(text, gold["in"], gold["out"])
        ok = doc.published == gold["published"]
        kept = len(text) - len(doc.title or "") > 100
        total["main_text"] += main
        total["published"] += Score(int(ok), int(not ok), int(not ok))
        total["whole_text"] += Score(int(kept), int(not kept), int(not kept))
        if main.fp or main.fn or not ok:
            leaked = [s for s in gold["out"] if score_snippets(text, [], [s]).fp]
            missing = [s[:40] for s in gold["in"] if not score_snippets(text, [s], []).tp]
            misses.append(
                f"{path.name} [{doc.text_source}]: date {doc.published} (gold {gold['published']}, "
                f"{gold['date_mode']}); missing {missing}; leaked {leaked}"
            )
    return total, misses


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, Score]:
    scores, misses = evaluate("dev")
    for name, score in scores.items():
        print(f"  {name:10s} {score}")
    print("\n".join(misses))
    return scores


def test_dev_set_is_large_enough() -> None:
    assert len(list((PAGES / "dev").glob("*.html"))) >= 40


def test_pages_meet_the_floors(dev_scores: dict[str, Score]) -> None:
    gate.check(
        "pages",
        {
            "main_text_f1": dev_scores["main_text"].f1,
            "published": dev_scores["published"].precision,
            "whole_text": dev_scores["whole_text"].precision,
        },
    )


if __name__ == "__main__":  # python -m tests.quality.test_pages heldout: score a batch once, outside the gate
    import sys

    batch_scores, batch_misses = evaluate(sys.argv[1] if len(sys.argv) > 1 else "dev")
    for metric, value in batch_scores.items():
        print(f"{metric:10s} {value}")
    print("\n".join(batch_misses))
