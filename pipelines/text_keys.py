"""Comparison keys of text: one function per meaning, each with its own name."""

from __future__ import annotations

import re
import unicodedata

TOKEN = re.compile(r"\w+(?:[-.'’&/]\w+)*")


def fold(text: str) -> str:
    """Lower-case without changing the length, so offsets stay valid."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def norm_key(text: str) -> str:
    """Casefolded, whitespace- and punctuation-normalised comparison key."""
    return " ".join(TOKEN.findall(text.casefold()))


def slug(text: str) -> str:
    """ASCII slug: 'Örebro universitet' -> 'orebro-universitet'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
