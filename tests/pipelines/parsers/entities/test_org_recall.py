"""Organisations named without legal form or known head (issue 14, recall), from
org_recall.yaml: the cases.yaml format, run against the fixture gazetteer by the same checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.pipelines.parsers.entities.test_cases import test_case as _check_case

CASES = yaml.safe_load((Path(__file__).parent / "org_recall.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{c['about'][:40]}" for c in CASES])
def test_recall_case(case):
    _check_case(case)
