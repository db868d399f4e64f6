"""Run health: when a night's crawl is too broken to publish, and when a corpus is too small to
replace the current tables. A run that fails either check publishes nothing and ends Failed."""

from __future__ import annotations

from typing import Any

DEFAULT_MAX_FAILED_SHARE = 0.5  # a run fails when more than this share of its sources failed
DEFAULT_MAX_SHRINK = 0.5  # a corpus with more than this share fewer documents than the current one is refused


class RunFailed(RuntimeError):
    """A run that published nothing, and why; ``summary`` is the run's summary (a dict)."""

    def __init__(self, message: str, summary: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.summary = summary or {}


def crawl_failure(failed: dict[str, str], selected: list[str], max_failed_share: float) -> str | None:
    """Why the crawl is too broken to publish (None: it is not): all sources failed, or more than
    ``max_failed_share`` of them. ``failed`` maps a failed source to its reason."""
    if not 0.0 <= max_failed_share <= 1.0:
        raise ValueError(f"max_failed_share must be between 0 and 1, not {max_failed_share}")
    total, n = len(selected), len(failed)
    if total == 0 or n == 0:
        return None
    reasons = "; ".join(f"{name}: {reason}" for name, reason in sorted(failed.items())[:5])
    if n == total:
        return f"all {total} sources failed ({reasons})"
    if n / total > max_failed_share:
        return f"{n} of {total} sources failed, more than the {max_failed_share:.0%} allowed ({reasons})"
    return None


def shrink_failure(documents: int, current_documents: int | None, max_shrink: float) -> str | None:
    """Why a corpus of ``documents`` must not replace the current one of ``current_documents``
    (None when there is no current set or the corpus is not much smaller): it is empty, or has
    more than ``max_shrink`` fewer documents."""
    if not 0.0 <= max_shrink <= 1.0:
        raise ValueError(f"max_shrink must be between 0 and 1, not {max_shrink}")
    hint = "nothing published (--allow-shrink publishes it anyway)"
    if documents == 0:
        return f"the corpus is empty: {hint}"
    if current_documents and documents < current_documents * (1.0 - max_shrink):
        return (
            f"the corpus has {documents} documents where the current tables have {current_documents} "
            f"(more than {max_shrink:.0%} fewer): {hint}"
        )
    return None
