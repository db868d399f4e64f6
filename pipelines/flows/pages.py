"""Archived page -> `PageRecord`: extraction with provenance, cached by content hash + code version."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import types
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from pipelines.archive.warc_reader import ArchivedPage
from pipelines.extract.decode import ExtractionError
from pipelines.flows.budget import extract_within_budget
from pipelines.language.relevance import ai_score, is_ai_related
from pipelines.models import Document, PageRecord, document_from_dict, document_to_dict
from pipelines.normalise.ids import doc_id_for
from pipelines.publish.atomic import write_atomically
from spiders.urls import canonicalize

log = logging.getLogger(__name__)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` has the type ``hint`` (the subset of typing the models use), dataclasses recursively."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_conforms(value, arg) for arg in get_args(hint))
    if origin is Literal:
        return value in get_args(hint)
    if origin is list:
        (item,) = get_args(hint) or (Any,)
        return isinstance(value, list) and all(_conforms(v, item) for v in value)
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return isinstance(value, hint) and all(
            _conforms(getattr(value, name), h) for name, h in _hints(hint).items() if hasattr(value, name)
        )
    return isinstance(value, origin or hint)


class ExtractCache:
    """Extraction results on disk, one JSON file per (code version, content hash)."""

    def __init__(self, root: Path, code_version: str) -> None:
        self.dir = Path(root) / code_version.replace("+", "_")

    def _path(self, sha: str) -> Path:
        return self.dir / sha[:2] / f"{sha}.json"

    def get(self, sha: str) -> Document | None:
        """The cached document for this content, if any. An entry that cannot be read or whose fields do not
        have the model's types is a miss (with a warning): it is extracted again and overwritten."""
        path = self._path(sha)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("extraction cache entry %s unreadable (%s): extracting again", path, exc)
            return None
        try:
            doc = document_from_dict(data)
        except (TypeError, ValueError, AttributeError) as exc:
            log.warning("extraction cache entry %s malformed (%s): extracting again", path, exc)
            return None
        if not _conforms(doc, Document):
            log.warning("extraction cache entry %s has fields of the wrong type: extracting again", path)
            return None
        return doc

    def put(self, sha: str, doc: Document) -> None:
        """Store atomically (write a temporary file, then rename)."""
        path = self._path(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(document_to_dict(doc), ensure_ascii=False).encode("utf-8"))


@dataclass(frozen=True)
class SourceInfo:
    """What the source registry says about a page's source that extraction and the tables use."""

    publisher_org_id: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2: the publisher's time zone, documents.country
    languages: tuple[str, ...] = ()  # tried on texts too short for language detection
    body_selector: str | None = None  # the registry's CSS hint for the article body

    @classmethod
    def of(cls, source: Any) -> SourceInfo:
        """From a registry ``Source``."""
        return cls(source.publisher_org_id, source.country, tuple(source.languages), source.selectors.body)

    def extract_options(self) -> dict[str, Any]:
        """Keyword arguments of ``extract_document`` this source implies."""
        return {"country": self.country, "source_languages": self.languages, "body_selector": self.body_selector}

    def cache_key(self, sha: str) -> str:
        """The extraction cache key of content ``sha`` extracted with this source's options."""
        options = json.dumps(self.extract_options(), sort_keys=True)
        return f"{sha}-{hashlib.sha256(options.encode('utf-8')).hexdigest()[:8]}"


def process_page(
    page: ArchivedPage,
    *,
    run_id: str,
    source: SourceInfo | None = None,
    cache: ExtractCache | None = None,
) -> tuple[PageRecord, bool]:
    """Extract one archived page with its source's options. Returns the record and whether the cache answered.

    A page that cannot be extracted becomes a record with ``error`` set, never an exception.
    """
    info = source or SourceInfo()
    canonical = canonicalize(page.url)
    sha = hashlib.sha256(page.body).hexdigest()
    record = PageRecord(
        doc_id=doc_id_for(canonical),
        url=page.url,
        canonical_url=canonical,
        source=page.source,
        publisher_org_id=info.publisher_org_id,
        fetched_at=page.fetched_at,
        content_sha256=sha,
        run_id=run_id,
        country=info.country,
    )
    key = info.cache_key(sha)
    doc = cache.get(key) if cache else None
    hit = doc is not None
    if doc is None:
        try:
            doc = extract_within_budget(page.body, page.url, info.extract_options())  # over budget: an error row
        except ExtractionError as exc:
            record.error = str(exc)
            return record, False
        if cache:
            cache.put(key, doc)
    doc.url = page.url
    record.document = doc
    record.ai_score = ai_score(doc.text, doc.language)
    record.is_ai_related = is_ai_related(record.ai_score)
    return record, hit
