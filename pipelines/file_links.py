"""A link to a file closing a line ("Flyer (PDF)", "Pressefoto (JPG, 3 MB)", "Rapport [pdf, 1,2 MB]"): the one
pattern of it, shared by the page cleaner (such a block is no article text) and the entity finder (such a line's
title names no programme)."""

from __future__ import annotations

import re

FILE_LINK = re.compile(
    r"[(\[]\s*(?:pdf|jpe?g|png|gif|tiff?|svg|docx?|odt|rtf|xlsx?|ods|csv|pptx?|zip|mp[34]|wav)\b[^()\[\]\n]{0,24}[)\]]"
    r"[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def file_lines(text: str) -> list[tuple[int, int]]:
    """Start and end of every line of ``text`` that closes with a link to a file."""
    return [(text.rfind("\n", 0, m.start()) + 1, m.end()) for m in FILE_LINK.finditer(text)]
