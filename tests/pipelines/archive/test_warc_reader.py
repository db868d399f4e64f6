"""Reading the WARC archive back: truncated files, runs, references to pages and single pages by reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.archive.warc import OPEN_SUFFIX
from pipelines.archive.warc_reader import iter_pages, iter_refs, list_runs, read_page, warc_files
from tests.helpers.archives import write_pages


def test_truncated_open_file_yields_complete_records(tmp_path: Path) -> None:
    write_pages(tmp_path, 4)  # not closed: still *.open
    (path,) = warc_files(tmp_path)
    assert path.name.endswith(OPEN_SUFFIX)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])  # cut into the last record
    assert len(list(iter_pages(tmp_path, kinds=None))) == 3


def test_list_runs_sorted(tmp_path: Path) -> None:
    for run in ("20250102T000000Z", "20250101T000000Z"):
        write_pages(tmp_path / run, 1).close()
    (tmp_path / "empty").mkdir()
    assert list_runs(tmp_path) == ["20250101T000000Z", "20250102T000000Z"]
    assert list_runs(tmp_path / "missing") == []


def test_references_lead_to_the_pages_they_name(tmp_path: Path) -> None:
    write_pages(tmp_path, 5, rotate_bytes=300).close()
    refs = list(iter_refs(tmp_path))
    assert [r.url.rsplit("/", 2)[1] for r in refs] == ["0", "2", "4"]
    assert len({r.path for r in refs}) > 1  # rotated: the references name their file
    for ref in refs:
        page = read_page(ref)
        assert page.url == ref.url and page.body == f"<h1>Sida {ref.url.rsplit('/', 2)[1]}</h1>".encode() * 50
        assert ref.payload_sha256 is not None and len(ref.payload_sha256) == 64


def test_a_reference_to_a_damaged_record_is_a_clear_error(tmp_path: Path) -> None:
    write_pages(tmp_path, 1).close()
    (ref,) = iter_refs(tmp_path)
    data = bytearray(ref.path.read_bytes())
    ref.path.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(ValueError, match="truncated record"):
        read_page(ref)
