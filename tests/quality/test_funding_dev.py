"""Funding links on short texts in the style of real announcements, written by us (facts from real
announcements, sentences our own), one JSON list per language: ``tests/devsets/funding/<set>/<lang>.json``.

- ``funding_dev`` (``dev/``, 10 texts each in sv, nl, de): held out, written before the linker was tuned
  beyond the seeds and the demo; floors at what the linker reaches minus a margin.
- ``funding_tune`` (``tune/``, 5 texts each): written to find and fix missing cue patterns (separable
  verbs, 'Geldgeber ist', 'erhält vom', hosts named after a programme); the linker was tuned on it.
"""

from __future__ import annotations

import json

import pytest

from pipelines.devtools.evaluation import score_funding_corpus
from pipelines.extract.document import extract_document
from tests.helpers.paths import REPO
from tests.quality import gate

SETS = REPO / "tests" / "devsets" / "funding"


@pytest.mark.parametrize(("name", "folder"), [("funding_dev", "dev"), ("funding_tune", "tune")])
def test_funding_texts_meet_the_floors(name, folder):
    predictions, gold = {}, {}
    for path in sorted((SETS / folder).glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            doc = extract_document(item["text"], lang=path.stem, is_html=False)
            predictions[item["id"]], gold[item["id"]] = doc.to_contract(), item["funding"]
    result = score_funding_corpus(predictions, gold)
    for role, score in result.items():
        print(f"{name} {role:13s} {score}")
    gate.check(name, {f"{role}_f1": score.f1 for role, score in result.items()})
