"""Language knowledge lives in data files: ``data/lang/<lang>/<topic>.yaml``.

Adding a language means adding a folder of YAML files, not code. Topics in use:
``cldr`` (month and weekday names, number symbols, currency names: generated from CLDR by
``pipelines.devtools.cldr``), ``amounts`` (number words, scales, currency words CLDR lacks,
approximation words), ``dates`` (month names CLDR lacks, period words, dateline cues), ``entities``
(organisation head words, programme cue words, attribution verbs, role words), ``relevance`` (AI
lexicon), ``funding`` (cues of the funding linker: verbs and nouns of giving and receiving,
prepositions, references, kind and period words). ``data/lang/schema.yaml`` lists each topic's keys
and their types; a file with an unknown key or a value of the wrong type fails at load with the file
and the key.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]  # the checkout, or site-packages when installed
_TYPES: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "bool": (bool,),
    "number": (int, float),
    "list": (list,),
    "map": (dict,),
}


class LangDataError(ValueError):
    """A language data file that does not follow data/lang/schema.yaml."""


def data_dir() -> Path:
    """The shipped data folder: language data, gazetteers, the demo snapshot (``AISCOUT_DATA_DIR`` overrides).

    Found through the ``aiscout_data`` package (the repository's ``data/`` folder, installed with the code),
    so an installed aiscout works outside the checkout."""
    env = os.environ.get("AISCOUT_DATA_DIR")
    return Path(env) if env else _package_data_dir()


@cache
def _package_data_dir() -> Path:
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
def schema() -> dict[str, dict[str, str | None]]:
    """Allowed keys per topic -> their type name (None: any type), from data/lang/schema.yaml."""
    path = data_dir() / "lang" / "schema.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {topic: dict.fromkeys(keys) if isinstance(keys, list) else keys for topic, keys in raw.items()}


def validate(data: Any, topic: str, path: Path) -> dict[str, Any]:
    """``data`` if it follows the schema of ``topic``; else a :class:`LangDataError` naming file and key."""
    allowed = schema().get(topic)
    if allowed is None:
        raise LangDataError(f"{path}: topic {topic!r} is not in data/lang/schema.yaml")
    if not isinstance(data, dict):
        raise LangDataError(f"{path}: expected a mapping of keys, got {type(data).__name__}")
    for key, value in data.items():
        if key not in allowed:
            raise LangDataError(f"{path}: unknown key {key!r} (allowed for {topic}: {', '.join(sorted(allowed))})")
        kind = allowed[key]
        if kind is not None and value is not None and not isinstance(value, _TYPES[kind]):
            raise LangDataError(f"{path}: key {key!r} must be a {kind}, got {type(value).__name__}")
        if f"{topic}.{key}" in schema() and value is not None:  # a section with its own keys ("entities.programmes")
            validate(value, f"{topic}.{key}", path)
    return data


@cache
def load(lang: str, topic: str) -> dict[str, Any]:
    """The parsed, schema-checked ``data/lang/<lang>/<topic>.yaml`` (empty dict if the language lacks it)."""
    path = data_dir() / "lang" / lang / f"{topic}.yaml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        try:
            data = yaml.safe_load(fh) or {}
        except yaml.YAMLError as exc:
            raise LangDataError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    return validate(data, topic, path)
