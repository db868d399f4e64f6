"""Programme cases from programme_cases.yaml (names by context, cue nouns, common nouns), run like cases.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.pipelines.parsers.entities.test_cases import test_case as check_case

CASES = yaml.safe_load((Path(__file__).parent / "programme_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{c['about'][:40]}" for c in CASES])
def test_programme_case(case):
    check_case(case)
