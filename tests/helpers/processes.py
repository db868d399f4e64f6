"""Child processes for tests: code in a fresh interpreter under a hard time limit (hang detector), and the
environment of a child ``aiscout`` that uses the session's Prefect test server."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.helpers.paths import REPO


def run_isolated(
    code: str, timeout: float = 60.0, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter in the repo; fail (not hang) if it takes longer than ``timeout``.

    A crash of the child (segfault, RecursionError, MemoryError) shows as a non-zero return code."""
    try:
        return subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired as exc:  # pragma: no cover - only on a hang
        raise AssertionError(f"hang: did not finish within {timeout}s\n{(exc.stderr or b'')[-2000:]!r}") from None


def start_child(cmd: list[str], **extra_env: str) -> subprocess.Popen[str]:
    """Start ``cmd`` in the repo as a child `aiscout` (:func:`child_env`), in its own process group (to kill it with
    its children), its output captured as text."""
    return subprocess.Popen(
        cmd,
        cwd=REPO,
        env=child_env(**extra_env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a child `aiscout`: the session's Prefect test server (no server of its own)."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PYTHONPATH": str(REPO), **extra}
