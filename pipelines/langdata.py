"""Language knowledge lives in data files: ``data/lang/<lang>/<topic>.yaml``.

Adding a language means adding a folder of YAML files, not code. Topics in use:
``amounts`` (number words, scales, currencies, approximation words), ``dates`` (month names,
period words, dateline cues), ``entities`` (organisation head words, programme cue words,
attribution verbs, role words), ``relevance`` (AI lexicon), ``funding`` (cues of the funding
linker: verbs and nouns of giving and receiving, prepositions, references, kind and period words).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """The shipped data folder (override with AISCOUT_DATA_DIR)."""
    return Path(os.environ.get("AISCOUT_DATA_DIR", REPO_ROOT / "data"))


@cache
def supported_languages() -> tuple[str, ...]:
    """Languages with a folder under data/lang, sorted."""
    root = data_dir() / "lang"
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir()))


@cache
def load(lang: str, topic: str) -> dict[str, Any]:
    """The parsed ``data/lang/<lang>/<topic>.yaml`` (empty dict if the language lacks it)."""
    path = data_dir() / "lang" / lang / f"{topic}.yaml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}
