"""Extraction: one page or text in, one ``Document`` out (the ``aiscout extract`` contract).

decode (bytes -> text, HTML or not) -> markup (lxml tree; JSON-LD, meta tags) -> html (main text and title:
chrome removal (``page_chrome``) and container choice on lxml, ``boilerplate`` inside the container, ``blocks`` by BeautifulSoup,
``edges`` around the headline, JSON-LD/trafilatura fallbacks) -> pubdate (publication date in the publisher's time zone) -> document
(language, parsers, normalised values).
"""

from typing import Any

from pipelines.extract.decode import MAX_INPUT_BYTES, ExtractionError

__all__ = ["MAX_INPUT_BYTES", "ExtractionError", "extract_document"]


def __getattr__(name: str) -> Any:
    """``extract_document`` is imported on first use: a process that only hands pages to the budget worker
    (``aiscout extract``) loads none of the parsers."""
    if name == "extract_document":
        from pipelines.extract.document import extract_document

        return extract_document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
