"""Archived page -> `PageRecord`: extraction with provenance, cached by content hash + code version."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pipelines.archive.warc import ArchivedPage
from pipelines.extract.decode import ExtractionError
from pipelines.extract.document import extract_document
from pipelines.language.relevance import ai_score, is_ai_related
from pipelines.models import Document, PageRecord, document_from_dict, document_to_dict
from pipelines.normalise.ids import doc_id_for
from spiders.urls import canonicalize


class ExtractCache:
    """Extraction results on disk, one JSON file per (code version, content hash)."""

    def __init__(self, root: Path, code_version: str) -> None:
        self.dir = Path(root) / code_version.replace("+", "_")

    def _path(self, sha: str) -> Path:
        return self.dir / sha[:2] / f"{sha}.json"

    def get(self, sha: str) -> Document | None:
        """The cached document for this content, if any (an unreadable entry is a miss)."""
        try:
            return document_from_dict(json.loads(self._path(sha).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def put(self, sha: str, doc: Document) -> None:
        """Store atomically (write a temporary file, then rename)."""
        path = self._path(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(document_to_dict(doc), ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


def process_page(
    page: ArchivedPage,
    *,
    run_id: str,
    publisher_org_id: str | None,
    cache: ExtractCache | None = None,
    country: str | None = None,
) -> tuple[PageRecord, bool]:
    """Extract one archived page. Returns the record and whether the cache answered.

    A page that cannot be extracted becomes a record with ``error`` set, never an exception.
    """
    canonical = canonicalize(page.url)
    sha = hashlib.sha256(page.body).hexdigest()
    record = PageRecord(
        doc_id=doc_id_for(canonical),
        url=page.url,
        canonical_url=canonical,
        source=page.source,
        publisher_org_id=publisher_org_id,
        fetched_at=page.fetched_at,
        content_sha256=sha,
        run_id=run_id,
        country=country,
    )
    doc = cache.get(sha) if cache else None
    hit = doc is not None
    if doc is None:
        try:
            doc = extract_document(page.body, url=page.url)
        except ExtractionError as exc:
            record.error = str(exc)
            return record, False
        if cache:
            cache.put(sha, doc)
    doc.url = page.url
    record.document = doc
    record.ai_score = ai_score(doc.text, doc.language)
    record.is_ai_related = is_ai_related(record.ai_score)
    return record, hit
