"""Stable identifiers: the same input gives the same id in every run."""

from __future__ import annotations

import hashlib


def doc_id_for(canonical_url: str) -> str:
    """Deterministic document id: the first 16 hex digits of the SHA-256 of the canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


def stable_id(prefix: str, *parts: object) -> str:
    """``prefix`` + 16 hex digits of the SHA-256 of the parts (None and values joined unambiguously)."""
    raw = "\x1f".join("\x00" if p is None else repr(p) if isinstance(p, float) else str(p) for p in parts)
    return f"{prefix}-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:16]}"
