"""Loader for the table-driven parser cases in tests/pipelines/parsers/cases/<topic>_<lang>.yaml.

A file holds ``lang``, optional ``reference_date`` and ``cases``: each case is a mapping with
``text`` and ``expect`` (a list, empty for "nothing here"), optional ``ref`` (reference date) and
``note``; or ``none: [text, ...]``, a group of texts that must give nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

CASES_DIR = Path(__file__).resolve().parents[1] / "pipelines" / "parsers" / "cases"


class Case(NamedTuple):
    id: str
    lang: str
    text: str
    expect: list[Any]
    ref: str | None


def load_cases(topic: str) -> list[Case]:
    """All cases of ``topic`` ("amounts", "dates", "numbers") over every language file."""
    out: list[Case] = []
    for path in sorted(CASES_DIR.glob(f"{topic}_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lang, default_ref = data["lang"], data.get("reference_date")
        for i, case in enumerate(data["cases"]):
            if "none" in case:
                out += [Case(f"{path.stem}-{i}.{j}", lang, t, [], default_ref) for j, t in enumerate(case["none"])]
            else:
                ref = case.get("ref", default_ref)
                out.append(
                    Case(f"{path.stem}-{i}", lang, case["text"], case["expect"], None if ref is None else str(ref))
                )
    return out
