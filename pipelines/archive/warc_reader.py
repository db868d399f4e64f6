"""Reading the raw archive back: a run's WARC files, its pages, references to them and single pages by reference.

Readers resynchronise at the next gzip member after a damaged or truncated one: damage costs the records
it touches, never the rest of the file, and is reported (:class:`Damage`).
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import os
import zlib
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from pipelines.archive.warc import KIND_HEADER, OPEN_SUFFIX, SOURCE_HEADER, sha256_hex

log = logging.getLogger(__name__)

_GZIP_MAGIC = b"\x1f\x8b\x08"  # ID1 ID2 CM(deflate): where a gzip member, so a record, may start
_INFLATE_CHUNK = 1 << 16


@dataclass(frozen=True)
class ArchivedPage:
    """One archived response, as stored (body already decoded from any Content-Encoding)."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    source: str
    kind: str
    content_type: str | None
    record_id: str


def warc_files(run_dir: Path) -> list[Path]:
    """A run's WARC files, closed and still-open, in write order."""
    run_dir = Path(run_dir)
    files = list(run_dir.glob("*.warc.gz")) + list(run_dir.glob(f"*.warc.gz{OPEN_SUFFIX}"))
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name))


def complete_length(data: bytes) -> int:
    """Length of the prefix of ``data`` made of complete gzip members (one member = one record)."""
    view, pos, chunk = memoryview(data), 0, 1 << 16
    while pos < len(view):
        inflater, i = zlib.decompressobj(16 + zlib.MAX_WBITS), pos
        try:
            while not inflater.eof and i < len(view):
                inflater.decompress(view[i : i + chunk])
                i += chunk
        except zlib.error:
            break
        if not inflater.eof:
            break
        pos = min(i, len(view)) - len(inflater.unused_data)
    return pos


@dataclass(frozen=True)
class Damage:
    """A stretch of a WARC file that could not be read (a corrupt or truncated gzip member, a bad digest)."""

    path: Path
    offset: int
    length: int
    reason: str

    def describe(self) -> str:
        """One line: file, byte range and why."""
        return (
            f"{self.path.parent.name}/{self.path.name} bytes {self.offset}-{self.offset + self.length}: {self.reason}"
        )


def _inflate(buf: Any, pos: int, size: int) -> tuple[int, bytes | None, str]:
    """Decompress the gzip member at ``pos``: (its end, its bytes, "") or (pos, None, why it is unreadable)."""
    inflater, parts, i = zlib.decompressobj(16 + zlib.MAX_WBITS), [], pos
    try:
        while not inflater.eof and i < size:
            parts.append(inflater.decompress(buf[i : i + _INFLATE_CHUNK]))
            i += _INFLATE_CHUNK
    except zlib.error as exc:
        return pos, None, f"corrupt record ({exc})"
    if not inflater.eof:
        return pos, None, "truncated record"
    return min(i, size) - len(inflater.unused_data), b"".join(parts), ""


def _members(path: Path, damage: list[Damage] | None) -> Iterator[tuple[int, bytes]]:
    """(offset, decompressed bytes) of every intact gzip member of one file, streamed from disk.

    A damaged stretch is skipped up to the next gzip header that starts an intact member (and appended
    to ``damage``); adjacent damaged stretches are reported as one.
    """
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            return
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            pos, bad = 0, None
            while pos < size:
                end, data, why = _inflate(buf, pos, size)
                if data is not None:
                    if bad is not None:
                        _note(damage, path, bad[0], pos, bad[1])
                        bad = None
                    yield pos, data
                    pos = end
                    continue
                bad = bad or (pos, why)
                found = buf.find(_GZIP_MAGIC, pos + 1)
                pos = size if found < 0 else found
            if bad is not None:
                _note(damage, path, bad[0], size, bad[1])


def _note(damage: list[Damage] | None, path: Path, start: int, end: int, why: str) -> None:
    item = Damage(path, start, end - start, why)
    log.warning("unreadable WARC data: %s", item.describe())
    if damage is not None:
        damage.append(item)


def _records(path: Path, damage: list[Damage] | None = None) -> Iterator[tuple[int, ArcWarcRecord]]:
    """(offset, record) for every readable response record of one file (see :func:`_members`)."""
    for offset, data in _members(path, damage):
        try:
            for rec in ArchiveIterator(BytesIO(data)):
                if rec.rec_type == "response" and rec.http_headers is not None:
                    yield offset, rec
                break
        except (ArchiveLoadFailed, EOFError, ValueError) as exc:
            _note(damage, path, offset, offset + 1, f"not a WARC record ({exc})")


def _page(rec: ArcWarcRecord) -> ArchivedPage:
    headers: dict[str, str] = {}
    for k, v in rec.http_headers.headers:
        headers[k] = f"{headers[k]}, {v}" if k in headers else v
    body = rec.raw_stream.read()
    expected = sha256_hex(rec.rec_headers.get_header("WARC-Payload-Digest"))
    if expected is not None and hashlib.sha256(body).hexdigest() != expected:
        raise ValueError("payload digest mismatch")
    return ArchivedPage(
        url=rec.rec_headers.get_header("WARC-Target-URI"),
        status=int(rec.http_headers.get_statuscode()),
        headers=headers,
        body=body,
        fetched_at=rec.rec_headers.get_header("WARC-Date"),
        source=rec.rec_headers.get_header(SOURCE_HEADER) or "",
        kind=rec.rec_headers.get_header(KIND_HEADER) or "other",
        content_type=rec.http_headers.get_header("Content-Type"),
        record_id=rec.rec_headers.get_header("WARC-Record-ID"),
    )


def iter_pages(
    run_dir: Path, kinds: AbstractSet[str] | None = frozenset({"article"}), damage: list[Damage] | None = None
) -> Iterator[ArchivedPage]:
    """Archived responses of one run, in write order per file; ``kinds=None`` yields every kind.

    Unreadable stretches and records whose payload digest does not match are skipped and added to ``damage``.
    """
    for path in warc_files(run_dir):
        for offset, rec in _records(path, damage):
            if kinds is None or (rec.rec_headers.get_header(KIND_HEADER) or "other") in kinds:
                try:
                    yield _page(rec)
                except ValueError as exc:
                    _note(damage, path, offset, offset + 1, str(exc))


def list_runs(raw_root: Path) -> list[str]:
    """Run ids under the raw root that hold at least one WARC file, oldest first."""
    raw_root = Path(raw_root)
    if not raw_root.is_dir():
        return []
    return sorted(p.name for p in raw_root.iterdir() if p.is_dir() and warc_files(p))


@dataclass(frozen=True)
class RecordRef:
    """Where one archived response is stored, with what is needed to choose it without its body."""

    path: Path
    offset: int
    url: str
    status: int
    kind: str
    payload_sha256: str | None = None  # hex, from the record's WARC-Payload-Digest (None in older records)


def iter_refs(
    run_dir: Path, kinds: AbstractSet[str] | None = frozenset({"article"}), damage: list[Damage] | None = None
) -> Iterator[RecordRef]:
    """References to a run's archived responses in the order of :func:`iter_pages`, bodies not kept."""
    for path in warc_files(run_dir):
        for offset, rec in _records(path, damage):
            kind = rec.rec_headers.get_header(KIND_HEADER) or "other"
            if kinds is None or kind in kinds:
                yield RecordRef(
                    path=path,
                    offset=offset,
                    url=rec.rec_headers.get_header("WARC-Target-URI"),
                    status=int(rec.http_headers.get_statuscode()),
                    kind=kind,
                    payload_sha256=sha256_hex(rec.rec_headers.get_header("WARC-Payload-Digest")),
                )


def read_page(ref: RecordRef) -> ArchivedPage:
    """The archived response ``ref`` points at (one gzip member read from its offset, digest checked)."""
    with open(ref.path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            _, data, why = _inflate(buf, ref.offset, size)
    if data is None:
        raise ValueError(f"{ref.path.name}: {why} at offset {ref.offset}")
    for rec in ArchiveIterator(BytesIO(data)):
        if rec.rec_type == "response" and rec.http_headers is not None:
            return _page(rec)
    raise ValueError(f"{ref.path.name}: no response record at offset {ref.offset}")
