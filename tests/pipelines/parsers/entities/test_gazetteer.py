"""Gazetteer loading and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.parsers.entities.gazetteer import GazetteerError, gazetteer_dir, load_gazetteer

HEADER = "id,name,country,type,aliases,acronyms,domain\n"
FIXTURES = Path(__file__).parent / "fixtures"


def write(tmp_path: Path, name: str, body: str, header: str = HEADER) -> None:
    (tmp_path / name).write_text(header + body, encoding="utf-8")


def test_loads_every_organisation_file_and_programmes():
    gaz = load_gazetteer(FIXTURES)
    assert {"se-lunds-universitet", "de-bayerische-forschungsbank", "nl-hogeschool-polderstad"} <= set(
        gaz.organisations
    )
    assert gaz.get("se-framtidslyftet").funder_org_id == "se-stiftelsen-for-framtidsforskning"
    lund = gaz.organisations["se-lunds-universitet"]
    assert (lund.aliases, lund.acronyms, lund.domain) == (("Lund University",), ("LU",), "lu.se")


def test_directory_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("AISCOUT_GAZETTEER_DIR", str(tmp_path))
    assert gazetteer_dir() == tmp_path
    write(tmp_path, "organisations_se.csv", "se-a,A universitet,SE,university,,,\n")
    assert set(load_gazetteer().organisations) == {"se-a"}


def test_default_directory_follows_the_data_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("AISCOUT_GAZETTEER_DIR", raising=False)
    for name in ("one", "two", "one"):  # the folder is cached per variable value, never kept past a change
        monkeypatch.setenv("AISCOUT_DATA_DIR", str(tmp_path / name))
        assert gazetteer_dir() == tmp_path / name / "gazetteers"


@pytest.mark.parametrize(
    "body, message",
    [
        ("se-a,A,SE,university,,,\nse-a,B,SE,university,,,\n", r"organisations_se\.csv:3: duplicate id 'se-a'"),
        ("se-a,A,SE,castle,,,\n", r"organisations_se\.csv:2: unknown type 'castle'"),
        ("se-a,,SE,university,,,\n", r"organisations_se\.csv:2: empty name"),
        (",A,SE,university,,,\n", r"organisations_se\.csv:2: empty id"),
        ("se-a,A,SE,university,,,,extra\n", r"organisations_se\.csv:2: more fields"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path, body, message):
    write(tmp_path, "organisations_se.csv", body)
    with pytest.raises(GazetteerError, match=message):
        load_gazetteer(tmp_path)


def test_duplicate_id_across_files(tmp_path):
    write(tmp_path, "organisations_se.csv", "x-a,A,SE,university,,,\n")
    write(
        tmp_path,
        "programmes.csv",
        "x-a,A,SE,programme,,,\n",
        header="id,name,country,type,aliases,acronyms,funder_org_id\n",
    )
    with pytest.raises(GazetteerError, match=r"programmes\.csv:2: duplicate id 'x-a'"):
        load_gazetteer(tmp_path)


def test_missing_column(tmp_path):
    write(tmp_path, "organisations_nl.csv", "nl-a,A\n", header="id,name\n")
    with pytest.raises(GazetteerError, match=r"organisations_nl\.csv:1: missing column"):
        load_gazetteer(tmp_path)
