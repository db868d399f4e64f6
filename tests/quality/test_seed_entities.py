"""The three finders on the seed documents, scored against the gold annotations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.devtools.evaluation import load_seed_gold, score_corpus
from pipelines.parsers.organisations import find_organisations
from pipelines.parsers.people import find_people
from pipelines.parsers.programmes import find_programmes

SEEDS = Path(os.environ.get("AISCOUT_SEEDS_DIR", Path(__file__).resolve().parents[2].parent / "shared" / "seeds"))


def predict(doc: dict) -> dict:
    text, lang = doc["text"], doc["language"]
    return {
        "organisations": [{"name": o.name, "id": o.id, "text": o.text} for o in find_organisations(text, lang)],
        "programmes": [{"name": p.name, "id": p.id, "text": p.text} for p in find_programmes(text, lang)],
        "people": [{"name": p.name, "role": p.role} for p in find_people(text, lang)],
    }


@pytest.fixture(scope="module")
def scores():
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds at {SEEDS}")
    gold = load_seed_gold(SEEDS)
    result = score_corpus({doc["id"]: predict(doc) for doc in gold}, gold)
    for field in ("organisations", "programmes", "people"):
        print(f"{field:14s} {result[field]}")
    return result


def test_organisations_f1(scores):
    assert scores["organisations"].f1 >= 0.9, scores["organisations"]


def test_programmes_f1(scores):
    assert scores["programmes"].f1 >= 0.8, scores["programmes"]


def test_people_found_with_cues(scores):
    """Informational floor: most gold people come with a cue the finder knows."""
    assert scores["people"].recall >= 0.6, scores["people"]
