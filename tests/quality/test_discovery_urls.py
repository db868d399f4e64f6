"""Development set ``discovery_urls``: the generic URL judgement (no source, no hints) on press-page URLs of
sites outside the registry (tests/devsets/discovery/urls.yaml), scored with the evaluation harness's Score."""

from __future__ import annotations

import yaml

from pipelines.devtools.evaluation import Score
from spiders.article_shape import url_kind
from tests.helpers.paths import REPO
from tests.quality import gate

DEVSET = REPO / "tests" / "devsets" / "discovery" / "urls.yaml"


def scores() -> dict[str, float]:
    """P/R/F1 of ``url_kind == "article"``; ``reachable_recall`` also counts ``unknown`` (fetched as a
    candidate in a crawl, its page decides); ``not_article_accuracy`` over the non-article pages."""
    doc = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
    kinds = {u: url_kind(u) for u in doc["articles"] + doc["not_articles"]}
    tp = sum(kinds[u] == "article" for u in doc["articles"])
    fp = sum(kinds[u] == "article" for u in doc["not_articles"])
    article = Score(tp, fp, len(doc["articles"]) - tp)
    reachable = sum(kinds[u] in ("article", "unknown") for u in doc["articles"]) / len(doc["articles"])
    return {
        "article_precision": round(article.precision, 4),
        "article_recall": round(article.recall, 4),
        "article_f1": round(article.f1, 4),
        "reachable_recall": round(reachable, 4),
        "not_article_accuracy": round(1 - fp / len(doc["not_articles"]), 4),
    }


def test_discovery_urls_floors() -> None:
    result = scores()
    print(result)
    gate.check("discovery_urls", result)
