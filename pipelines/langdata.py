"""Language knowledge lives in data files: ``data/lang/<lang>/<topic>.yaml``.

Adding a language means adding a folder of YAML files, not code. Topics in use:
``amounts`` (number words, scales, currencies, approximation words), ``dates`` (month names,
period words, dateline cues), ``entities`` (organisation head words, programme cue words,
attribution verbs, role words), ``relevance`` (AI lexicon).
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]  # the checkout, or site-packages when installed


def data_dir() -> Path:
    """The shipped data folder: language data, gazetteers, the demo snapshot (``AISCOUT_DATA_DIR`` overrides).

    Found through the ``aiscout_data`` package (the repository's ``data/`` folder, installed with the code),
    so an installed aiscout works outside the checkout."""
    env = os.environ.get("AISCOUT_DATA_DIR")
    if env:
        return Path(env)
    spec = importlib.util.find_spec("aiscout_data")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return REPO_ROOT / "data"  # a checkout used without installing


def work_dir() -> Path:
    """Where runs write ``out/``, ``raw/`` and ``state/``: ``AISCOUT_WORK_DIR``, else the checkout's ``data/``
    folder, else ``./data`` under the current directory (an installed aiscout never writes into its package)."""
    env = os.environ.get("AISCOUT_WORK_DIR")
    if env:
        return Path(env)
    if (REPO_ROOT / "pyproject.toml").is_file():
        return REPO_ROOT / "data"
    return Path.cwd() / "data"


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
