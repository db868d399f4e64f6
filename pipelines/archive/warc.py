"""The raw archive: every fetched response as a WARC record, written crash-safely, read back by runs.

Layout: ``<raw_root>/<run_id>/<source>-<token>-<seq>.warc.gz`` (``.open`` while being written).
Each record is its own gzip member carrying WARC-Block-Digest and WARC-Payload-Digest (SHA-256) and is
handed to the OS as written, so a crawl killed half-way leaves every completely written record readable.
Readers resynchronise at the next gzip member after a damaged or truncated one: damage costs the records
it touches, never the rest of the file, and is reported (:class:`Damage`).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import mmap
import os
import secrets
import threading
import time
import zlib
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO, FileIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser

if TYPE_CHECKING:
    from typing_extensions import Unpack

log = logging.getLogger(__name__)

KINDS = frozenset({"article", "listing", "feed", "sitemap", "robots", "other", "not-modified", "error"})
SOURCE_HEADER = "WARC-aiscout-Source"
KIND_HEADER = "WARC-aiscout-Kind"
OPEN_SUFFIX = ".open"
COMPRESS_LEVEL = 3  # zlib level of each record's gzip member: ~15% larger than 6 at 60% of its CPU (warcio: 9)
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
# One writer thread for every archive of the process: fewer hand-overs of the GIL than a thread per source
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warc-writer")
_GZIP_MAGIC = b"\x1f\x8b\x08"  # ID1 ID2 CM(deflate): where a gzip member, so a record, may start
_INFLATE_CHUNK = 1 << 16


class ArchiveWriteError(RuntimeError):
    """Responses of a run could not be written to the raw archive (e.g. the disk is full)."""


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


class ResponseRecord(TypedDict):
    """One response to archive, as :meth:`WarcArchive.submit` takes it (keyword arguments)."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str
    source: str
    kind: str


@dataclass(frozen=True)
class Written:
    """One record in the OS's hands: its WARC-Record-ID and the hex SHA-256 of its payload (the body)."""

    record_id: str
    payload_sha256: str


def _gzip_record(**record: Unpack[ResponseRecord]) -> tuple[Written, bytes]:
    """One response record as its own gzip member, with its WARC-Record-ID and payload SHA-256.

    The bytes are warcio's record layout with SHA-256 block and payload digests (hashlib releases the GIL
    on large buffers, so the writer thread's hashing runs beside the reactor).
    """
    body = record["body"]
    http_headers = [(k, v) for k, v in record["headers"] if k.lower() not in _DROP_HEADERS]
    http_headers.append(("Content-Length", str(len(body))))
    status_line = f"{record['status']} {record['reason']}".strip()
    http_head = StatusAndHeaders(status_line, http_headers, protocol="HTTP/1.1").to_ascii_bytes()
    record_id = StatusAndHeadersParser.make_warc_id()
    payload = hashlib.sha256(body).digest()
    warc_headers = [
        ("WARC-Date", record["fetched_at"]),
        (SOURCE_HEADER, record["source"]),
        (KIND_HEADER, record["kind"]),
        ("WARC-Type", "response"),
        ("WARC-Record-ID", record_id),
        ("WARC-Target-URI", record["url"]),
        ("WARC-Block-Digest", _digest(http_head, body)),
        ("WARC-Payload-Digest", _labelled(payload)),
        ("Content-Type", "application/http; msgtype=response"),
        ("Content-Length", str(len(http_head) + len(body))),
    ]
    warc_head = StatusAndHeaders("", warc_headers, protocol="WARC/1.0").to_bytes(encoding="utf-8")
    member = zlib.compress(b"".join((warc_head, http_head, body, b"\r\n\r\n")), COMPRESS_LEVEL, wbits=31)
    return Written(record_id, payload.hex()), member


def _digest(*parts: bytes) -> str:
    """A WARC labelled digest of ``parts`` (see :func:`_labelled`)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return _labelled(digest.digest())


def _labelled(sha256: bytes) -> str:
    """A SHA-256 as a WARC labelled digest (``sha256:`` + base32, the form warcio writes and checks)."""
    return "sha256:" + base64.b32encode(sha256).decode("ascii")


def sha256_hex(labelled: str | None) -> str | None:
    """The hex SHA-256 of a ``sha256:<base32>`` WARC digest (the crawl state's form); None for others."""
    if not labelled or not labelled.startswith("sha256:"):
        return None
    try:
        return base64.b32decode(labelled[7:]).hex()
    except ValueError:
        return None


class WarcArchive:
    """Appends response records for one source to rotating ``.warc.gz`` files under a run directory.

    Records are built, compressed and written by the process's writer thread (zlib and file I/O release
    the GIL), in submission order. A record is in the OS's hands when its future completes; files are
    fsynced at most every ``fsync_interval_s``, on rotation and on close.
    """

    def __init__(
        self,
        run_dir: Path,
        source: str,
        *,
        rotate_bytes: int = 64 * 1024 * 1024,
        fsync_interval_s: float = 1.0,
        max_pending: int = 256,
    ) -> None:
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.prefix = f"{source}-{secrets.token_hex(4)}"
        self.rotate_bytes = rotate_bytes
        self.fsync_interval_s = fsync_interval_s
        self.seq = 0
        self._fh: FileIO | None = None
        self._path: Path | None = None
        self._fsync_due = 0.0
        self._slots = threading.BoundedSemaphore(max_pending)

    def submit(self, **record: Unpack[ResponseRecord]) -> Future[Written]:
        """Queue one response record; the future gives its :class:`Written` once it is written, or the error.

        Blocks while ``max_pending`` records are queued (back-pressure on a slow disk).
        """
        if record["kind"] not in KINDS:
            raise ValueError(f"unknown archive kind {record['kind']!r}")
        self._slots.acquire()
        try:
            future = _WRITER.submit(self._append, **record)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    def write(self, **record: Unpack[ResponseRecord]) -> str:
        """:meth:`submit` one record and wait until it is written; returns its WARC-Record-ID."""
        return self.submit(**record).result().record_id

    def close(self) -> None:
        """Write every queued record, then fsync and close the current file and drop its ``.open`` suffix."""
        _WRITER.submit(self._close_file).result()

    # -- writer thread ---------------------------------------------------------------------------

    def _append(self, **record: Unpack[ResponseRecord]) -> Written:
        written, member = _gzip_record(**record)
        fh = self._open()
        start = fh.tell()
        try:
            view = memoryview(member)
            while view:
                view = view[fh.write(view) :]
        except OSError:
            self._drop_partial(start)
            raise
        if fh.tell() >= self.rotate_bytes:
            self._close_file()
        elif time.monotonic() >= self._fsync_due:
            os.fsync(fh.fileno())
            self._fsync_due = time.monotonic() + self.fsync_interval_s
        return written

    def _open(self) -> FileIO:
        if self._fh is None:
            self.seq += 1
            self._path = self.run_dir / f"{self.prefix}-{self.seq:05d}.warc.gz{OPEN_SUFFIX}"
            self._fh = FileIO(self._path, "a")
            self._fsync_due = time.monotonic() + self.fsync_interval_s
        return self._fh

    def _drop_partial(self, start: int) -> None:
        """Cut a failed record off the file; if even that fails, start the next record in a new file."""
        assert self._fh is not None
        try:
            self._fh.truncate(start)
            self._fh.seek(start)  # truncate() keeps the position, and tell() gives the next record's start
        except OSError:
            log.exception("%s: could not drop a partly written record", self._path)
            self._close_file()

    def _close_file(self) -> None:
        fh, path, self._fh, self._path = self._fh, self._path, None, None
        if fh is not None and path is not None:
            with fh:
                os.fsync(fh.fileno())
            path.rename(path.with_name(path.name[: -len(OPEN_SUFFIX)]))


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
