"""Funding links (funders, recipients, for, period) on the seeds and the demo snapshot's articles.

Seeds: their ``funding`` gold, the plain text through ``extract_document``. Demo: the gold in
``tests/devsets/funding/demo_gold.json`` is keyed by article TITLE (the snapshot's URLs and markup may
change, the articles' titles and texts do not); each page's HTML goes through ``extract_document``.
Scored with ``pipelines.devtools.evaluation.score_funding_corpus``; floors in ``baselines/funding.json``.
"""

from __future__ import annotations

import json

import pytest
import yaml

from pipelines.devtools.evaluation import load_seed_gold, score_funding_corpus
from pipelines.extract.document import extract_document
from tests.helpers.paths import DEMO, REPO, seeds_dir
from tests.quality import gate

DEMO_GOLD = REPO / "tests" / "devsets" / "funding" / "demo_gold.json"


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    predictions, gold = {}, {}
    for seed in load_seed_gold(seeds_dir()):
        if seed.get("funding"):
            doc = extract_document(seed["text"], lang=seed["language"], is_html=False)
            predictions[seed["id"]], gold[seed["id"]] = doc.to_contract(), seed["funding"]
    demo_gold = json.loads(DEMO_GOLD.read_text(encoding="utf-8"))["articles"]
    articles = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))["articles"]
    for article in articles:
        doc = extract_document((DEMO / article["path"]).read_bytes(), url=article["url"])
        if doc.title in demo_gold:
            predictions[doc.title], gold[doc.title] = doc.to_contract(), demo_gold[doc.title]
    missing = set(demo_gold) - set(gold)
    assert not missing, f"demo gold titles not found among the snapshot's articles: {sorted(missing)}"
    result = score_funding_corpus(predictions, gold)
    for role, score in result.items():
        print(f"funding {role:10s} {score}")
    return {f"{role}_f1": score.f1 for role, score in result.items()}


def test_funding_links_meet_the_floors(scores):
    gate.check("funding", scores)
