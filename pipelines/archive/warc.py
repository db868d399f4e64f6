"""The raw archive: every fetched response as a WARC record, written crash-safely (read back by
:mod:`pipelines.archive.warc_reader`).

Layout: ``<raw_root>/<run_id>/<source>-<token>-<seq>.warc.gz`` (``.open`` while being written).
Each record is its own gzip member carrying WARC-Block-Digest and WARC-Payload-Digest (SHA-256) and is
handed to the OS as written, so a crawl killed half-way leaves every completely written record readable.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import secrets
import threading
import time
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from io import FileIO
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

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


class ArchiveWriteError(RuntimeError):
    """Responses of a run could not be written to the raw archive (e.g. the disk is full)."""


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


def _gzip_record(**record: Unpack[ResponseRecord]) -> tuple[str, bytes]:
    """One response record as its own gzip member, and its WARC-Record-ID.

    The bytes are warcio's record layout with SHA-256 block and payload digests (hashlib releases the GIL
    on large buffers, so the writer thread's hashing runs beside the reactor).
    """
    body = record["body"]
    http_headers = [(k, v) for k, v in record["headers"] if k.lower() not in _DROP_HEADERS]
    http_headers.append(("Content-Length", str(len(body))))
    status_line = f"{record['status']} {record['reason']}".strip()
    http_head = StatusAndHeaders(status_line, http_headers, protocol="HTTP/1.1").to_ascii_bytes()
    record_id = StatusAndHeadersParser.make_warc_id()
    warc_headers = [
        ("WARC-Date", record["fetched_at"]),
        (SOURCE_HEADER, record["source"]),
        (KIND_HEADER, record["kind"]),
        ("WARC-Type", "response"),
        ("WARC-Record-ID", record_id),
        ("WARC-Target-URI", record["url"]),
        ("WARC-Block-Digest", _digest(http_head, body)),
        ("WARC-Payload-Digest", _digest(body)),
        ("Content-Type", "application/http; msgtype=response"),
        ("Content-Length", str(len(http_head) + len(body))),
    ]
    warc_head = StatusAndHeaders("", warc_headers, protocol="WARC/1.0").to_bytes(encoding="utf-8")
    member = zlib.compress(b"".join((warc_head, http_head, body, b"\r\n\r\n")), COMPRESS_LEVEL, wbits=31)
    return record_id, member


def _digest(*parts: bytes) -> str:
    """A WARC labelled digest (``sha256:`` + base32, the form warcio writes and checks)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return "sha256:" + base64.b32encode(digest.digest()).decode("ascii")


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

    def submit(self, **record: Unpack[ResponseRecord]) -> Future[str]:
        """Queue one response record; the future gives its WARC-Record-ID once it is written, or the error.

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
        return self.submit(**record).result()

    def close(self) -> None:
        """Write every queued record, then fsync and close the current file and drop its ``.open`` suffix."""
        _WRITER.submit(self._close_file).result()

    # -- writer thread ---------------------------------------------------------------------------

    def _append(self, **record: Unpack[ResponseRecord]) -> str:
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
