"""Language data is checked against data/lang/schema.yaml when it is loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines import langdata
from pipelines.langdata import LangDataError


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data folder, used through AISCOUT_DATA_DIR, caches cleared around the test."""
    shutil.copytree(langdata.REPO_ROOT / "data" / "lang", tmp_path / "lang")
    monkeypatch.setenv("AISCOUT_DATA_DIR", str(tmp_path))
    for fn in (langdata.load, langdata.schema, langdata.supported_languages):
        fn.cache_clear()
    yield tmp_path
    monkeypatch.undo()
    for fn in (langdata.load, langdata.schema, langdata.supported_languages):
        fn.cache_clear()


def test_every_shipped_topic_file_follows_the_schema() -> None:
    root = langdata.data_dir() / "lang"
    files = sorted(root.glob("*/*.yaml"))
    assert {p.stem for p in files} <= set(langdata.schema()), "a topic file with no schema section"
    for path in files:
        assert isinstance(langdata.load(path.parent.name, path.stem), dict)


def test_a_typo_in_a_key_fails_with_file_and_key(data_copy: Path) -> None:
    path = data_copy / "lang" / "de" / "dates.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("period_start:", "period_strat:"), encoding="utf-8")
    with pytest.raises(LangDataError, match=r"de/dates\.yaml: unknown key 'period_strat'"):
        langdata.load("de", "dates")


def test_a_typo_in_a_section_key_fails_with_file_section_and_key(data_copy: Path) -> None:
    path = data_copy / "lang" / "nl" / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  place_only_bodies:" in text
    path.write_text(text.replace("  place_only_bodies:", "  place_only_bodys:"), encoding="utf-8")
    with pytest.raises(
        LangDataError, match=r"nl/entities\.yaml: unknown key 'place_only_bodys' \(allowed for entities\.organisations"
    ):
        langdata.load("nl", "entities")


def test_a_value_of_the_wrong_type_fails_with_file_and_key(data_copy: Path) -> None:
    path = data_copy / "lang" / "sv" / "amounts.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "approx: ungefär\n", encoding="utf-8")
    with pytest.raises(LangDataError, match=r"sv/amounts\.yaml: key 'approx' must be a list"):
        langdata.load("sv", "amounts")


def test_a_topic_missing_from_the_schema_fails(data_copy: Path) -> None:
    (data_copy / "lang" / "nl" / "weather.yaml").write_text("rain: [regen]\n", encoding="utf-8")
    with pytest.raises(LangDataError, match=r"nl/weather\.yaml: topic 'weather' is not in"):
        langdata.load("nl", "weather")
