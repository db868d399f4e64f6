"""The raw archive: every fetched response as a WARC record, written crash-safely, read back by runs.

Layout: ``<raw_root>/<run_id>/<source>-<token>-<seq>.warc.gz`` (``.open`` while being written).
Each record is its own gzip member and is handed to the OS as written, so a crawl killed half-way leaves
every completely written record readable; :func:`iter_pages` stops cleanly at a truncated final record.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO, FileIO
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser

log = logging.getLogger(__name__)

KINDS = frozenset({"article", "listing", "feed", "sitemap", "robots", "other", "not-modified", "error"})
SOURCE_HEADER = "WARC-aiscout-Source"
KIND_HEADER = "WARC-aiscout-Kind"
OPEN_SUFFIX = ".open"
COMPRESS_LEVEL = 3  # zlib level of each record's gzip member: ~15% larger than 6 at 60% of its CPU (warcio: 9)
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
# One writer thread for every archive of the process: fewer hand-overs of the GIL than a thread per source
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warc-writer")


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


def _gzip_record(
    *,
    url: str,
    status: int,
    reason: str,
    headers: list[tuple[str, str]],
    body: bytes,
    fetched_at: str,
    source: str,
    kind: str,
) -> tuple[str, bytes]:
    """One response record as its own gzip member, and its WARC-Record-ID.

    The bytes are warcio's, less the optional digest headers (nothing reads them; the crawl state keeps a
    SHA-256 of each article): each hash would be one more hand-over of the GIL between threads.
    """
    http_headers = [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS]
    http_headers.append(("Content-Length", str(len(body))))
    http_head = StatusAndHeaders(f"{status} {reason}".strip(), http_headers, protocol="HTTP/1.1").to_ascii_bytes()
    record_id = StatusAndHeadersParser.make_warc_id()
    warc_headers = [
        ("WARC-Date", fetched_at),
        (SOURCE_HEADER, source),
        (KIND_HEADER, kind),
        ("WARC-Type", "response"),
        ("WARC-Record-ID", record_id),
        ("WARC-Target-URI", url),
        ("Content-Type", "application/http; msgtype=response"),
        ("Content-Length", str(len(http_head) + len(body))),
    ]
    warc_head = StatusAndHeaders("", warc_headers, protocol="WARC/1.0").to_bytes(encoding="utf-8")
    member = zlib.compress(b"".join((warc_head, http_head, body, b"\r\n\r\n")), COMPRESS_LEVEL, wbits=31)
    return record_id, member


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

    def submit(
        self,
        *,
        url: str,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        fetched_at: str,
        source: str,
        kind: str,
    ) -> Future[str]:
        """Queue one response record; the future gives its WARC-Record-ID once it is written, or the error.

        Blocks while ``max_pending`` records are queued (back-pressure on a slow disk).
        """
        if kind not in KINDS:
            raise ValueError(f"unknown archive kind {kind!r}")
        self._slots.acquire()
        try:
            future = _WRITER.submit(
                self._append,
                url=url,
                status=status,
                reason=reason,
                headers=headers,
                body=body,
                fetched_at=fetched_at,
                source=source,
                kind=kind,
            )
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    def write(self, **record: Any) -> str:
        """:meth:`submit` one record and wait until it is written; returns its WARC-Record-ID."""
        return self.submit(**record).result()

    def close(self) -> None:
        """Write every queued record, then fsync and close the current file and drop its ``.open`` suffix."""
        _WRITER.submit(self._close_file).result()

    # -- writer thread ---------------------------------------------------------------------------

    def _append(self, **record: Any) -> str:
        record_id, member = _gzip_record(**record)
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
        return record_id

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


@contextmanager
def _complete_records(path: Path) -> Iterator[Iterator[tuple[int, ArcWarcRecord]]]:
    """(offset, record) for every complete response record of one file, streamed from disk.

    A ``.open`` file may have been cut short by a crash: only its complete gzip members are read.
    """
    if path.name.endswith(OPEN_SUFFIX):
        data = path.read_bytes()
        complete = complete_length(data)
        if complete < len(data):
            log.warning("%s: dropping %d bytes of an incomplete final record", path.name, len(data) - complete)
        fh: BinaryIO = BytesIO(data[:complete])
    else:
        fh = open(path, "rb")

    def records() -> Iterator[tuple[int, ArcWarcRecord]]:
        iterator = ArchiveIterator(fh)
        try:
            for rec in iterator:
                if rec.rec_type == "response" and rec.http_headers is not None:
                    yield iterator.offset, rec  # the record's start (get_record_offset() would consume it)
        except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
            log.warning("%s: unreadable record (%s), stopping", path.name, exc)

    with fh:
        yield records()


def _page(rec: ArcWarcRecord) -> ArchivedPage:
    headers: dict[str, str] = {}
    for k, v in rec.http_headers.headers:
        headers[k] = f"{headers[k]}, {v}" if k in headers else v
    return ArchivedPage(
        url=rec.rec_headers.get_header("WARC-Target-URI"),
        status=int(rec.http_headers.get_statuscode()),
        headers=headers,
        body=rec.raw_stream.read(),
        fetched_at=rec.rec_headers.get_header("WARC-Date"),
        source=rec.rec_headers.get_header(SOURCE_HEADER) or "",
        kind=rec.rec_headers.get_header(KIND_HEADER) or "other",
        content_type=rec.http_headers.get_header("Content-Type"),
        record_id=rec.rec_headers.get_header("WARC-Record-ID"),
    )


def iter_pages(run_dir: Path, kinds: set[str] | None = frozenset({"article"})) -> Iterator[ArchivedPage]:
    """Archived responses of one run, in write order per file; ``kinds=None`` yields every kind."""
    for path in warc_files(run_dir):
        with _complete_records(path) as records:
            for _, rec in records:
                if kinds is None or (rec.rec_headers.get_header(KIND_HEADER) or "other") in kinds:
                    yield _page(rec)


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


def iter_refs(run_dir: Path, kinds: set[str] | None = frozenset({"article"})) -> Iterator[RecordRef]:
    """References to a run's archived responses in the order of :func:`iter_pages`, bodies not kept."""
    for path in warc_files(run_dir):
        with _complete_records(path) as records:
            for offset, rec in records:
                kind = rec.rec_headers.get_header(KIND_HEADER) or "other"
                if kinds is None or kind in kinds:
                    yield RecordRef(
                        path=path,
                        offset=offset,
                        url=rec.rec_headers.get_header("WARC-Target-URI"),
                        status=int(rec.http_headers.get_statuscode()),
                        kind=kind,
                    )


def read_page(ref: RecordRef) -> ArchivedPage:
    """The archived response ``ref`` points at (one gzip member read from its offset)."""
    with open(ref.path, "rb") as fh:
        fh.seek(ref.offset)
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response" and rec.http_headers is not None:
                return _page(rec)
    raise ValueError(f"{ref.path.name}: no response record at offset {ref.offset}")
