"""Organisations as news pages write them (issue 14, round 2, pages), from
page_names.yaml: the cases.yaml format, run against the fixture gazetteer by the same checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.pipelines.parsers.entities.test_cases import test_case as _check_case

CASES = yaml.safe_load((Path(__file__).parent / "page_names.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{c['about'][:40]}" for c in CASES])
def test_page_name_case(case):
    _check_case(case)
