"""The five seed documents (``../shared/seeds``, real press texts the project started from) through
``extract_document`` as ``aiscout extract`` runs it, scored against their gold with the evaluation harness.

The floors live in the quality gate (``baselines/seeds.json``) with a digest of the seed files; a missing
seed folder fails. The seeds are texts the rules were tuned on: the floors are not demands of perfection.
Run with ``-s`` to see the per-field table and each document's misses.
"""

from __future__ import annotations

import pytest

from pipelines.devtools.evaluation import differences, f1_scores, load_seed_gold, score_corpus
from pipelines.extract.document import extract_document
from tests.quality import gate


@pytest.fixture(scope="module")
def evaluation(seeds) -> dict:
    gold = load_seed_gold(seeds)
    predictions = {doc["id"]: extract_document(doc["text"], url=doc.get("url")).to_contract() for doc in gold}
    scores = score_corpus(predictions, gold)
    for field, score in scores.items():
        print(f"seeds {field:14s} {score}")
    for doc in gold:
        diff = differences(predictions[doc["id"]], doc)
        if diff:
            print(doc["id"], *diff, sep="\n")
    return scores


def test_seed_scores_meet_the_gate(evaluation) -> None:
    gate.check("seeds", f1_scores(evaluation))
