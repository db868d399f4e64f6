"""The seed scorer on tiny hand-made gold/prediction pairs."""

from __future__ import annotations

import json

import pytest

from pipelines.devtools.evaluation import Score, load_seed_gold, score_corpus

GOLD = {
    "id": "d1",
    "language": "sv",
    "published": "2020-05-01",
    "organisations": [["Örebro universitet", "Örebro University"], ["KK-stiftelsen"]],
    "programmes": [["Smarter"]],
    "either": [["AI Impact Lab"]],
    "amounts": [{"value": 3000000, "currency": "SEK", "text": "tre miljoner kronor"}],
    "dates": [{"date": "2020-06", "text": "juni 2020"}],
    "people": [{"name": "Amy Loutfi", "role": "vicerektor"}],
}


def org(name, text=None):
    return {"name": name, "id": None, "text": text or name}


def score(pred):
    return score_corpus({"d1": pred}, [GOLD])


def test_names_match_normalised_aliases_once_and_either_is_never_false():
    result = score(
        {
            "organisations": [
                org("örebro  University"),
                org("Örebro universitet"),
                org("Kk stiftelsen!"),
                org("AI Impact Lab"),
                org("Vinnova"),
            ],
            "programmes": [org("Smarter 2.0", "Smarter"), org("AI Impact Lab")],
        }
    )
    assert result["organisations"] == Score(tp=3, fp=1, fn=0)  # 2 entries + the either entry; Vinnova false
    assert result["programmes"] == Score(tp=1, fp=0, fn=0)  # matched by its text; either already credited


def test_missing_everything():
    result = score({})
    assert result["organisations"] == Score(0, 0, 2)
    assert result["programmes"] == Score(0, 0, 1)
    assert result["organisations"].f1 == 0.0
    assert result["published"] == Score(0, 1, 1)


def test_amounts_dates_and_accuracy_fields():
    result = score(
        {
            "amounts": [{"value": 3010000, "currency": "SEK"}, {"value": 3000000, "currency": "EUR"}],
            "dates": [{"date": "2020-06"}, {"date": "2020-05-01"}, {"date": "2021"}],
            "published": "2020-05-01",
            "language": "nl",
            "people": [{"name": "Amy Loutfi", "role": None}],
        }
    )
    assert result["amounts"] == Score(1, 1, 0)
    assert result["dates"] == Score(1, 1, 0)  # the publication date is ignored
    assert result["published"] == Score(1, 0, 0)
    assert result["language"] == Score(0, 1, 1)
    assert result["people"] == Score(1, 0, 0)


def test_amount_tolerance_is_half_a_percent():
    far = score({"amounts": [{"value": 3020000, "currency": "SEK"}]})
    assert far["amounts"] == Score(0, 1, 1)


def test_precision_recall_f1():
    s = Score(tp=3, fp=1, fn=2)
    assert (s.precision, s.recall) == (0.75, 0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_load_seed_gold_adds_text(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "a"}), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hej", encoding="utf-8")
    assert load_seed_gold(tmp_path) == [{"id": "a", "text": "Hej"}]
