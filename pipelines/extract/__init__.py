"""Extraction: one page or text in, one ``Document`` out (the ``aiscout extract`` contract).

decode (bytes -> text, HTML or not) -> html (main text and title) -> pubdate (publication date)
-> document (language, parsers, normalised values).
"""

from pipelines.extract.decode import MAX_INPUT_BYTES, ExtractionError
from pipelines.extract.document import extract_document

__all__ = ["MAX_INPUT_BYTES", "ExtractionError", "extract_document"]
