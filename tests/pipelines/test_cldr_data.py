"""data/lang/*/cldr.yaml holds what pipelines.devtools.cldr generates from CLDR (no hand edits)."""

from __future__ import annotations

import pytest
import yaml

from pipelines.devtools.cldr import cldr_data
from pipelines.langdata import data_dir, supported_languages


@pytest.mark.parametrize("lang", supported_languages())
def test_cldr_file_is_what_babel_generates(lang: str) -> None:
    path = data_dir() / "lang" / lang / "cldr.yaml"
    shipped = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert shipped == cldr_data(lang), f"{path} differs from CLDR: run `python -m pipelines.devtools.cldr {lang}`"


def test_cldr_gives_the_month_names_the_parsers_rely_on() -> None:
    assert cldr_data("sv")["months"]["mars"] == 3 and cldr_data("de")["months"]["dez"] == 12
    assert cldr_data("nl")["weekdays"]["vrijdag"] == 5 and cldr_data("de")["decimal_separator"] == ","
