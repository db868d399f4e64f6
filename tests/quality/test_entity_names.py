"""Canonical names alone: organisations and programmes of the entities development sets scored by ``name`` only
(the surface ``text`` left out), as a scorer that reads only the canonical name would. A name that is no form of
the entity (mangled by de-inflection, cut at a sentence end, glued to a cue word) fails here even when its surface
matches. Gate set ``entities_names``; run with ``-s`` for the scores and, per text, the names that missed."""

from __future__ import annotations

from pipelines.devtools.evaluation import load_seed_gold, score_corpus, score_document
from pipelines.parsers.entities import find_entities
from pipelines.parsers.organisations import organisation_mentions
from pipelines.parsers.programmes import programme_mentions
from tests.helpers.paths import REPO
from tests.quality import gate

DEVSET = REPO / "tests" / "devsets" / "entities"
FOLDERS = ("", "heldout", "dev2", "dev3", "dev4", "fresh", "blind")
LANGUAGES = ("sv", "nl", "de")
FIELDS = ("organisations", "programmes")


def names_only(doc: dict) -> dict:
    """The finders' canonical names for one gold document, without their surfaces."""
    entities = find_entities(doc["text"], doc["language"])
    return {
        "organisations": [{"name": m.name} for m in organisation_mentions(entities)],
        "programmes": [{"name": m.name} for m in programme_mentions(entities)],
    }


def test_canonical_name_floors():
    scores: dict[str, float] = {}
    predictions: dict[str, dict] = {}
    gold_all: list[dict] = []
    for lang in LANGUAGES:
        gold = [doc for folder in FOLDERS for doc in load_seed_gold(DEVSET / folder / lang)]
        ours = {doc["id"]: names_only(doc) for doc in gold}
        result = score_corpus(ours, gold)
        for field in FIELDS:
            scores[f"{lang}_{field}_f1"] = round(result[field].f1, 4)
            print(f"names {lang} {field:14s} {result[field]}")
        for doc in gold:
            per_doc = score_document(ours[doc["id"]], doc)
            if per_doc["organisations"].fp or per_doc["programmes"].fp:
                print(f"  {doc['id']}: " + "; ".join(f"{f} {per_doc[f]}" for f in FIELDS))
        predictions.update(ours)
        gold_all += gold
    total = score_corpus(predictions, gold_all)
    for field in FIELDS:
        scores[f"{field}_f1"] = round(total[field].f1, 4)
        print(f"names all {field:14s} {total[field]}")
    gate.check("entities_names", scores)
