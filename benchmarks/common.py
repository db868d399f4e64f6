"""Small helpers shared by the benchmark scripts (timing, medians, one-core pinning, output)."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
RESULTS = Path(__file__).resolve().parent / "results"


def pin_one_core() -> None:
    """Run this process on one CPU (so 'pages/s on one core' means that), where supported."""
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        except OSError:
            pass


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def save(name: str, result: dict) -> Path:
    """Write ``results/<name>.json`` (``results/quick/`` for ``run_all.py --quick``); the README's
    figures come from the full-size files."""
    folder = RESULTS / "quick" if os.environ.get("AISCOUT_BENCH_QUICK") else RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def prefect_env(home: Path | None = None) -> None:
    os.environ.setdefault("PREFECT_HOME", str(home or REPO / ".prefect"))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
