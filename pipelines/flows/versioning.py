"""The code version stamped on outputs and used to key the extraction cache.

It changes whenever the processing code or the language/gazetteer data change, so cached
results are reused only when re-parsing would give the same answer. The data hashed are the ones in
use: ``AISCOUT_DATA_DIR`` and ``AISCOUT_GAZETTEER_DIR`` are honoured.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pipelines.langdata import REPO_ROOT, data_dir
from pipelines.parsers.entities.gazetteer import gazetteer_dir

_HASHED = (("pipelines", "*.py"), ("schemas", "*.py"))


def code_version() -> str:
    """``<package version>+<12 hex digits of the code and data hash>`` (the language data and gazetteers
    in use, wherever they are; re-hashed when a file's size or modification time changes)."""
    files = [(p.relative_to(REPO_ROOT).as_posix(), p) for d, glob in _HASHED for p in (REPO_ROOT / d).rglob(glob)]
    for label, folder in (("lang", data_dir() / "lang"), ("gazetteers", gazetteer_dir())):
        files += [(f"{label}/{p.relative_to(folder).as_posix()}", p) for p in folder.rglob("*") if p.is_file()]
    stamps = tuple((name, str(path), path.stat().st_mtime_ns, path.stat().st_size) for name, path in sorted(files))
    return _code_version(stamps)


@lru_cache(maxsize=8)
def _code_version(stamps: tuple[tuple[str, str, int, int], ...]) -> str:
    try:
        base = version("aiscout")
    except PackageNotFoundError:
        base = "0"
    digest = hashlib.sha256()
    for name, path, _, _ in stamps:
        digest.update(name.encode())
        digest.update(Path(path).read_bytes())
    return f"{base}+{digest.hexdigest()[:12]}"
