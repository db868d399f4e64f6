"""`aiscout extract`: the SPEC.md contract (shape, one object per input, errors per input, usage errors)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli.app import app
from tests.helpers.contract import AMOUNT_KEYS, DOCUMENT_KEYS

runner = CliRunner()


def _lines(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _check_shape(obj):
    assert list(obj)[1:] == DOCUMENT_KEYS
    assert obj["language"] is None or isinstance(obj["language"], str)
    for org in obj["organisations"] + obj["programmes"]:
        assert set(org) == {"name", "id", "text"} and isinstance(org["name"], str)
    for person in obj["people"]:
        assert set(person) == {"name", "role"}
    for amount in obj["amounts"]:
        assert list(amount) == AMOUNT_KEYS
        for party in amount["funders"] + amount["recipients"] + amount["for"]:
            # the SPEC's fields, and the text the party was found as (added, as organisations have it)
            assert set(party) == {"name", "id", "kind", "text"} and party["kind"] in ("organisation", "programme")
        assert amount["kind"] in ("grant", "budget", "investment", "other", None)
        assert isinstance(amount["value"], (int, float)) and len(amount["currency"]) == 3
    for date in obj["dates"]:
        assert set(date) == {"date", "text"} and len(date["date"]) in (4, 7, 10)


def test_one_object_per_seed_in_the_spec_shape(seeds):
    paths = sorted(str(p) for p in seeds.glob("*.txt"))
    result = runner.invoke(app, ["extract", *paths])
    assert result.exit_code == 0, result.output
    objs = _lines(result)
    assert [o["path"] for o in objs] == paths
    for obj in objs:
        _check_shape(obj)
    for obj in objs:  # each seed's language and publication date as its gold annotation (beside it) says
        gold = json.loads(Path(obj["path"]).with_suffix(".json").read_text(encoding="utf-8"))
        assert (obj["language"], obj["published"]) == (gold["language"], gold["published"]), obj["path"]


def test_html_input_mines_only_the_article(tmp_path):
    page = tmp_path / "sida.html"
    page.write_text(
        "<html lang='sv'><head><meta property='article:published_time' content='2024-05-02T09:00:00+02:00'>"
        "</head><body><nav>Start Nyheter Kontakt</nav><main><h1>Ny AI-satsning i Örebro</h1>"
        "<p>Regionen satsar 25 miljoner kronor på forskning inom artificiell intelligens under hösten 2024.</p>"
        "</main><aside class='related-news'><p>Umeå får 40 miljoner kronor.</p></aside>"
        "<footer>Box 100, 701 82 Örebro. Telefon 019-30 30 00</footer></body></html>",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", "--url", "https://www.example.se/a", str(page)])
    assert result.exit_code == 0, result.output
    [obj] = _lines(result)
    _check_shape(obj)
    assert obj["url"] == "https://www.example.se/a"
    assert obj["title"] == "Ny AI-satsning i Örebro"
    assert obj["language"] == "sv" and obj["published"] == "2024-05-02"
    assert [(a["value"], a["currency"]) for a in obj["amounts"]] == [(25000000, "SEK")]
    assert obj["amounts"][0]["value_eur"] is not None and 1_500_000 < obj["amounts"][0]["value_eur"] < 3_000_000


def test_bad_inputs_give_error_objects_and_the_rest_still_run(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    pdf = tmp_path / "file.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    good = tmp_path / "ok.txt"
    good.write_text("Stiftelsen ger 2 miljoner kronor till ett nytt AI-projekt i Luleå under 2025.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", str(empty), str(pdf), str(missing), str(good)])
    assert result.exit_code == 0
    objs = _lines(result)
    assert [o["path"] for o in objs] == [str(empty), str(pdf), str(missing), str(good)]
    assert "empty" in objs[0]["error"]
    assert "binary" in objs[1]["error"]
    assert "cannot read" in objs[2]["error"]
    assert "error" not in objs[3] and objs[3]["amounts"][0]["value"] == 2000000


def test_jsonl_input(tmp_path):
    lines = [
        {"id": "a", "text": "Die Stiftung fördert das Projekt mit 1,5 Mio. Euro.", "lang": "de"},
        {
            "id": "b",
            "html": "<html><body><p>Het project krijgt 850.000 euro van de provincie.</p></body></html>",
            "lang": "nl",
            "url": "https://www.example.nl/x",
            "reference_date": "2023-01-01",
        },
        {"id": "c"},
        "not an object",
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--jsonl", str(src)])
    assert result.exit_code == 0, result.output
    objs = _lines(result)
    assert [o["id"] for o in objs] == ["a", "b", "c", None, None]
    assert objs[0]["amounts"][0]["value"] == 1500000 and objs[0]["language"] == "de"
    assert objs[1]["url"] == "https://www.example.nl/x" and objs[1]["amounts"][0]["value"] == 850000
    assert "error" in objs[2] and "error" in objs[3] and "not JSON" in objs[4]["error"]


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", "--lang", "fr", "x.txt"],
        ["extract", "--reference-date", "21.11.2026", "x.txt"],
        ["extract", "--jsonl", "/nonexistent.jsonl"],
    ],
)
def test_usage_errors_exit_non_zero(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_stdin(tmp_path):
    result = runner.invoke(
        app, ["extract", "--lang", "sv", "-"], input="Vinnova satsar 10 miljoner kronor på AI i vården."
    )
    assert result.exit_code == 0
    [obj] = _lines(result)
    assert obj["path"] == "-" and obj["amounts"][0]["value"] == 10000000


def test_jsonl_lines_without_an_id_are_told_apart_by_their_line_number(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [{"text": "Vinnova satsar 10 miljoner kronor."}, {"id": 1, "text": "Andra raden."}, {"text": "Tredje."}]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    objs = _lines(runner.invoke(app, ["extract", "--jsonl", str(src)]))
    assert [(o["id"], o["line"]) for o in objs] == [(None, 1), (1, 2), (None, 3)]
    assert not any("error" in o for o in objs)


def test_a_large_input_is_announced_before_the_wait(tmp_path, monkeypatch):
    import importlib

    cli = importlib.import_module("pipelines.cli.app")  # the module (the package's "app" is the Typer object)

    page = tmp_path / "big.txt"
    page.write_text("Vinnova satsar tio miljoner kronor på AI i vården. " * 50, encoding="utf-8")
    monkeypatch.setattr(cli, "LARGE_INPUT_BYTES", 1000)
    result = runner.invoke(app, ["extract", str(page)])
    assert result.exit_code == 0 and f"{page} is 0.0 MB" in result.stderr
    monkeypatch.setattr(cli, "LARGE_INPUT_BYTES", 10_000)
    assert "MB" not in runner.invoke(app, ["extract", str(page)]).stderr
