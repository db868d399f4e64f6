"""Where things are: the repository, the demo snapshot and the shared seed folder."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "snapshots" / "demo"


def seeds_dir() -> Path:
    """The shared seed documents (``../shared/seeds`` beside the repo; ``AISCOUT_SEEDS_DIR`` overrides)."""
    return Path(os.environ.get("AISCOUT_SEEDS_DIR", REPO.parent / "shared" / "seeds"))
