"""Fixtures for the reliability suite (helpers live in rel_helpers.py)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from rel_helpers import Site


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh counting server on 127.0.0.1 (tests/spiders' Site)."""
    with Site() as s:
        yield s


@pytest.fixture
def registry(tmp_path: Path) -> Callable[..., Path]:
    """Write a registry YAML from source mappings (defaults filled in) and return its path."""

    def write(*entries: dict) -> Path:
        sources = [{"publisher_org_id": f"se-{e['name']}", "country": "SE", "languages": ["sv"], **e}
                   for e in entries]
        path = tmp_path / "sources.yaml"
        path.write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
        return path

    return write
