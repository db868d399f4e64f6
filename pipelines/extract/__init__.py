"""Extraction: one page or text in, one ``Document`` out (the ``aiscout extract`` contract).

decode (bytes -> text, HTML or not) -> markup (lxml tree; JSON-LD, meta tags) -> html (main text and title:
chrome removal and container choice on lxml, ``boilerplate`` inside the container, ``blocks`` (text blocks from the tree),
JSON-LD/trafilatura fallbacks) -> pubdate (publication date in the publisher's time zone) -> document
(language, parsers, normalised values).
"""

from pipelines.extract.decode import MAX_INPUT_BYTES, ExtractionError
from pipelines.extract.document import extract_document

__all__ = ["MAX_INPUT_BYTES", "ExtractionError", "extract_document"]
