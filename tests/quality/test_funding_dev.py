"""Funding links on a development set of short texts in the style of real announcements (10 each in
sv, nl, de: ``tests/devsets/funding/dev/<lang>.json``), written apart from the texts the linker's cues
were tuned on. Floors in ``baselines/funding_dev.json``: what the linker reaches, minus a margin."""

from __future__ import annotations

import json

import pytest

from pipelines.devtools.evaluation import score_funding_corpus
from pipelines.extract.document import extract_document
from tests.helpers.paths import REPO
from tests.quality import gate

DEV = REPO / "tests" / "devsets" / "funding" / "dev"


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    predictions, gold = {}, {}
    for path in sorted(DEV.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            doc = extract_document(item["text"], lang=path.stem, is_html=False)
            predictions[item["id"]], gold[item["id"]] = doc.to_contract(), item["funding"]
    result = score_funding_corpus(predictions, gold)
    for role, score in result.items():
        print(f"funding_dev {role:10s} {score}")
    return {f"{role}_f1": score.f1 for role, score in result.items()}


def test_funding_dev_meets_the_floors(scores):
    gate.check("funding_dev", scores)
