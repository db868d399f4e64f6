"""The code version stamped on outputs and used to key the extraction cache.

It changes whenever the processing code or the language/gazetteer data change, so cached
results are reused only when re-parsing would give the same answer.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from pipelines.langdata import REPO_ROOT, data_dir

_HASHED = (("pipelines", "*.py"), ("schemas", "*.py"))
_HASHED_DATA = ("lang", "gazetteers")


@lru_cache(maxsize=1)
def code_version() -> str:
    """``<package version>+<12 hex digits of the code and data hash>``."""
    try:
        base = version("aiscout")
    except PackageNotFoundError:
        base = "0"
    digest = hashlib.sha256()
    files = [(REPO_ROOT, p) for folder, pattern in _HASHED for p in (REPO_ROOT / folder).rglob(pattern)]
    files += [(data_dir(), p) for folder in _HASHED_DATA for p in (data_dir() / folder).rglob("*") if p.is_file()]
    for root, path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{base}+{digest.hexdigest()[:12]}"
