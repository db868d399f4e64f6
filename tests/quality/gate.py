"""The one quality gate: every development set's score floors, pinned to a digest of the set's inputs.

A set ``NAME`` has a baseline file ``tests/quality/baselines/NAME.json``::

    {"inputs": ["tests/devsets/pages/*.html", "$SEEDS/*.json"],   # globs; $SEEDS is the shared seed folder
     "digest": "<sha256 over the matched files' relative paths and bytes>",
     "floors": {"main_text_f1": 0.95, "published": 0.95}}

``check(NAME, scores)`` fails (never skips) when an input glob matches nothing, when the inputs' digest
differs from the pinned one (a changed set must be re-pinned on purpose: ``python -m tests.quality.gate
pin NAME``), or when a score is below its floor or missing. Floors are what the code reaches minus a
small margin, never demands of 1.0 on texts the rules were tuned on.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import REPO, seeds_dir

BASELINES = Path(__file__).resolve().parent / "baselines"


def _files(patterns: list[str]) -> list[tuple[str, Path]]:
    """(label, path) of every input, sorted; a glob that matches nothing is an error."""
    found: list[tuple[str, Path]] = []
    for pattern in patterns:
        if pattern.startswith("$SEEDS/"):
            root, glob, prefix = seeds_dir(), pattern.removeprefix("$SEEDS/"), "$SEEDS/"
        else:
            root, glob, prefix = REPO, pattern, ""
        matched = sorted(p for p in root.glob(glob) if p.is_file())
        if not matched:
            raise FileNotFoundError(f"quality gate input {pattern!r} matches no file under {root}")
        found += [(prefix + p.relative_to(root).as_posix(), p) for p in matched]
    return sorted(found)


def digest(patterns: list[str]) -> str:
    """sha256 over the inputs' labels and bytes, in sorted order."""
    h = hashlib.sha256()
    for label, path in _files(patterns):
        h.update(label.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def load(name: str) -> dict:
    """The baseline of set ``name``."""
    return json.loads((BASELINES / f"{name}.json").read_text(encoding="utf-8"))


def check(name: str, scores: dict[str, float]) -> None:
    """Fail unless ``scores`` meet every floor of ``name`` on the pinned inputs."""
    baseline = load(name)
    try:
        actual = digest(baseline["inputs"])
    except FileNotFoundError as exc:
        pytest.fail(str(exc))
    if actual != baseline["digest"]:
        pytest.fail(
            f"{name}: inputs changed since the floors were pinned (digest {actual[:12]} != "
            f"{baseline['digest'][:12]}); review the floors, then `python -m tests.quality.gate pin {name}`"
        )
    low = [
        f"{metric} {scores.get(metric)} < {floor}"
        for metric, floor in baseline["floors"].items()
        if scores.get(metric) is None or scores[metric] < floor
    ]
    if low:
        pytest.fail(f"{name}: below the floor: " + "; ".join(low))


def pin(name: str) -> None:
    """Write the current digest of ``name``'s inputs into its baseline."""
    baseline = load(name)
    baseline["digest"] = digest(baseline["inputs"])
    (BASELINES / f"{name}.json").write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{name}: pinned {baseline['digest'][:12]}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "pin":
        sys.exit("usage: python -m tests.quality.gate pin NAME [NAME ...]")
    for set_name in sys.argv[2:]:
        pin(set_name)
