"""Progress of one long extraction on stderr: the ``report`` callable ``extract_document`` takes.

A plain picklable object, so the budget worker (``pipelines.flows.budget``) can report from its own process.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class StageLines:
    """Writes "aiscout extract: LABEL: MESSAGE (3.2 s)" lines, with the seconds since ``started``."""

    label: str
    started: float  # time.time() when extraction of the input began (comparable across processes)

    def __call__(self, message: str) -> None:
        sys.stderr.write(f"aiscout extract: {self.label}: {message} ({time.time() - self.started:.1f} s)\n")
        sys.stderr.flush()
