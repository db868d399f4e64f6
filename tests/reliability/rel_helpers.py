"""Helpers for the reliability suite: run code in a child process under a hard time limit (hang detector)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_isolated(code: str, timeout: float = 60.0, env: dict[str, str] | None = None,
                 input: str | None = None) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter in the repo; fail (not hang) if it takes longer than ``timeout``.

    A crash of the child (segfault, RecursionError, MemoryError) shows as a non-zero return code."""
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True,
                              text=True, timeout=timeout, input=input, env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired as exc:  # pragma: no cover - only on a hang
        raise AssertionError(f"hang: did not finish within {timeout}s\n{(exc.stderr or b'')[-2000:]!r}") from None


def _spider_helpers():
    """tests/spiders/conftest.py (its counting 127.0.0.1 server), loaded under a unique module name."""
    import importlib.util

    name = "aiscout_spider_test_helpers"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "spiders" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_h = _spider_helpers()
Site, Route, FAST, listing_html, article_html = _h.Site, _h.Route, _h.FAST, _h.listing_html, _h.article_html
