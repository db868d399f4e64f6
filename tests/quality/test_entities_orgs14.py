"""Organisation name boundaries, governing bodies, parents and units (issue 14) on ``tests/devsets/entities/orgs14``:
six short press texts per language written for this set (see the set's README), scored like the other entity sets
and gated as ``entities_orgs14``. Run with ``-s`` to see the scores and each text's misses."""

from __future__ import annotations

from tests.quality import gate
from tests.quality.test_entities import scores_of


def test_orgs14_floors():
    gate.check("entities_orgs14", scores_of("orgs14"))
