"""Download lines of a page ("Flyer Studiengang (PDF)", "Pressefoto (JPG, 3 MB)"): a file's title names no programme."""

from __future__ import annotations

from pipelines.file_links import file_lines
from pipelines.parsers.entities.tokens import Hit


def without_download_programmes(text: str, hits: list[Hit]) -> list[Hit]:
    """The hits less the programmes found on a download line."""
    lines = file_lines(text)
    if not lines:
        return hits
    return [h for h in hits if h.kind != "programme" or not any(a <= h.start and h.end <= b for a, b in lines)]
