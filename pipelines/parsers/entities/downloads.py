"""Download lines of a page ("Flyer Studiengang (PDF)", "Pressefoto (JPG, 3 MB)"): a file's title names no programme."""

from __future__ import annotations

import re

from pipelines.parsers.entities.tokens import Hit

# a line ending in a bracketed file type, maybe with its size: "(PDF)", "(PDF, 240 kB)", "(docx, 1,2 MB)"
_DOWNLOAD_LINE = re.compile(
    r"^[^\n]*\((?:pdf|docx?|xlsx?|pptx?|odt|jpe?g|png|gif|zip|mp[34]|csv)(?:\s*[,;|–-][^\n)]*)?\)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def without_download_programmes(text: str, hits: list[Hit]) -> list[Hit]:
    """The hits less the programmes found on a download line."""
    lines = [(m.start(), m.end()) for m in _DOWNLOAD_LINE.finditer(text)]
    if not lines:
        return hits
    return [h for h in hits if h.kind != "programme" or not any(a <= h.start and h.end <= b for a, b in lines)]
