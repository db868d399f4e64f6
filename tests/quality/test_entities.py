"""Organisations and programmes on the entities development sets (``tests/devsets/entities/``): short press
texts in the style of real sv/nl/de announcements, gold in the seed format, scored with the evaluation harness.
Gate sets: ``entities`` (the first 30 per language), ``entities_heldout``, ``entities_dev2``, ``entities_dev3``,
``entities_fresh`` (written blind by another helper) and ``entities_dev4``. Run with ``-s`` to see the scores
and, per text, what was missed (-) and what was spurious (+)."""

from __future__ import annotations

import pytest

from pipelines.devtools.evaluation import load_seed_gold, score_corpus, score_document
from pipelines.parsers.entities import find_entities
from pipelines.parsers.organisations import organisation_mentions
from pipelines.parsers.programmes import programme_mentions
from tests.helpers.paths import REPO
from tests.quality import gate

DEVSET = REPO / "tests" / "devsets" / "entities"
LANGUAGES = ("sv", "nl", "de")


def predict(doc: dict) -> dict:
    """The finders' output for one gold document, as the harness reads it."""
    entities = find_entities(doc["text"], doc["language"])
    return {
        "organisations": [{"name": m.name, "text": m.text} for m in organisation_mentions(entities)],
        "programmes": [{"name": m.name, "text": m.text} for m in programme_mentions(entities)],
    }


def scores_of(folder_name: str) -> dict[str, float]:
    """F1 of organisations and programmes per language and overall, for one folder of the set."""
    scores: dict[str, float] = {}
    everything = {}
    gold_all = []
    for lang in LANGUAGES:
        gold = load_seed_gold(DEVSET / folder_name / lang if folder_name else DEVSET / lang)
        predictions = {doc["id"]: predict(doc) for doc in gold}
        result = score_corpus(predictions, gold)
        for field in ("organisations", "programmes"):
            scores[f"{lang}_{field}_f1"] = round(result[field].f1, 4)
            print(f"{folder_name or 'dev'} {lang} {field:14s} {result[field]}")
        for doc in gold:
            per_doc = score_document(predictions[doc["id"]], doc)
            if any(per_doc[f].fp or per_doc[f].fn for f in ("organisations", "programmes")):
                print(f"  {doc['id']}: " + "; ".join(f"{f} {per_doc[f]}" for f in ("organisations", "programmes")))
        everything.update(predictions)
        gold_all += gold
    total = score_corpus(everything, gold_all)
    for field in ("organisations", "programmes"):
        scores[f"{field}_f1"] = round(total[field].f1, 4)
        scores[f"{field}_precision"] = round(total[field].precision, 4)
        scores[f"{field}_recall"] = round(total[field].recall, 4)
        print(f"{folder_name or 'dev'} all {field:14s} {total[field]}")
    return scores


@pytest.mark.parametrize(
    ("set_name", "folder_name"),
    [
        ("entities", ""),
        ("entities_heldout", "heldout"),
        ("entities_dev2", "dev2"),
        ("entities_dev3", "dev3"),
        ("entities_fresh", "fresh"),
        ("entities_dev4", "dev4"),
    ],
)
def test_entity_floors(set_name, folder_name):
    gate.check(set_name, scores_of(folder_name))
