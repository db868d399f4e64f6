"""The `aiscout` command line: extract, run, reprocess, runs, prune, serve, query, report, sources."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import typer

from pipelines.cli import query as _query  # noqa: F401 (registers query and report)
from pipelines.cli.base import app, prefect_env, say, usage_error
from pipelines.cli.options import DemoProfile, RawDir, StateDir
from pipelines.cli.runs import DEMO_SNAPSHOT, work_folders
from pipelines.langdata import supported_languages

__all__ = ["DEMO_SNAPSHOT", "app", "prefect_env", "work_folders"]


LARGE_INPUT_BYTES = 2_000_000


def _mount_sources() -> None:
    from spiders.cli import sources_app

    app.add_typer(sources_app, name="sources")


_mount_sources()


# ---------------------------------------------------------------- extract
def _usage_error(message: str) -> None:
    usage_error("extract", message)


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _extract_one(
    key: str,
    ident: Any,
    data: str | bytes,
    *,
    lang: str | None,
    url: str | None,
    reference_date: str | None,
    is_html: bool | None,
) -> dict[str, Any]:
    from pipelines.extract.decode import ExtractionError
    from pipelines.extract.document import extract_document

    try:
        doc = extract_document(data, lang=lang, url=url, reference_date=reference_date, is_html=is_html)
    except ExtractionError as exc:
        return {key: ident, "error": str(exc)}
    except Exception as exc:  # one bad input must not stop the others
        return {key: ident, "error": f"internal error: {type(exc).__name__}: {exc}"}
    return {key: ident, **doc.to_contract()}


def _read_path(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def _kind_of(path: str) -> bool | None:
    suffix = Path(path).suffix.lower()
    return True if suffix in (".html", ".htm") else False if suffix == ".txt" else None


def _jsonl_records(file: str) -> Any:
    handle = sys.stdin if file == "-" else open(file, encoding="utf-8", errors="replace")  # noqa: SIM115
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


@app.command()
def extract(
    paths: list[str] | None = typer.Argument(None, help=".html/.htm pages, .txt texts, or - for stdin"),
    lang: str = typer.Option("auto", "--lang", help="auto, or a language code: sv, nl, de, en"),
    reference_date: str | None = typer.Option(None, "--reference-date", help="YYYY-MM-DD: year for dates without one"),
    url: str | None = typer.Option(None, "--url", help="the page's URL, echoed in the output"),
    jsonl: str | None = typer.Option(
        None,
        "--jsonl",
        help='file (or - for stdin) of {"id", "html" or "text", "lang", "url", "reference_date"} lines; '
        'each output also gets "line", its line number',
    ),
) -> None:
    """Print one JSON object per input (SPEC.md contract); bad inputs get an "error" field."""
    if lang != "auto" and lang not in supported_languages():
        _usage_error(f"--lang must be auto or one of {', '.join(supported_languages())}, not {lang!r}")
    if reference_date is not None and not _is_iso_date(reference_date):
        _usage_error(f"--reference-date must be YYYY-MM-DD, not {reference_date!r}")
    if not paths and not jsonl:
        _usage_error("give PATH... or --jsonl FILE")
    if paths and jsonl:
        _usage_error("give PATH... or --jsonl FILE, not both")
    forced = None if lang == "auto" else lang
    if jsonl:
        if jsonl != "-" and not Path(jsonl).is_file():
            _usage_error(f"--jsonl file not found: {jsonl}")
        for number, line in _jsonl_records(jsonl):
            _emit({**_extract_jsonl_line(number, line, forced, url, reference_date), "line": number})
        return
    for path in paths or []:
        try:
            data = _read_path(path)
        except OSError as exc:
            _emit({"path": path, "error": f"cannot read: {exc.strerror or exc}"})
            continue
        if len(data) >= LARGE_INPUT_BYTES:  # say so before a long silence
            say(f"aiscout extract: {path} is {len(data) / 1e6:.1f} MB: extracting it can take a minute")
        _emit(
            _extract_one(
                "path", path, data, lang=forced, url=url, reference_date=reference_date, is_html=_kind_of(path)
            )
        )


def _extract_jsonl_line(
    number: int, line: str, lang: str | None, url: str | None, reference_date: str | None
) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"line {number}: not JSON: {exc.msg}"}
    if not isinstance(item, dict):
        return {"id": None, "error": f"line {number}: expected a JSON object"}
    ident = item.get("id")  # a line without one is told apart by its "line" number
    html, text = item.get("html"), item.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        return {"id": ident, "error": 'needs an "html" or a "text" string'}
    item_lang = item.get("lang") or lang
    if item_lang in ("auto", ""):
        item_lang = None
    if item_lang is not None and item_lang not in supported_languages():
        return {"id": ident, "error": f"unsupported lang {item_lang!r}"}
    ref = item.get("reference_date") or reference_date
    if ref is not None and not _is_iso_date(str(ref)):
        return {"id": ident, "error": f"reference_date must be YYYY-MM-DD, not {ref!r}"}
    return _extract_one(
        "id",
        ident,
        html if isinstance(html, str) else str(text),
        lang=item_lang,
        url=item.get("url") or url,
        reference_date=ref,
        is_html=isinstance(html, str),
    )


def _is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


# ---------------------------------------------------------------- verify
@app.command()
def verify(demo: DemoProfile = False, raw_dir: RawDir = None, state_dir: StateDir = None) -> None:
    """Check the raw archive against the crawl state and repair the state: pages whose record is missing or
    unreadable are forgotten, so the next run fetches them again. Exit 1 if anything was found."""
    from pipelines.archive.verify import check_archive
    from pipelines.flows.lock import RunLock, RunLockedError

    raw, state, _ = work_folders(demo, raw_dir, state_dir, None)
    try:
        with RunLock(state):
            check = check_archive(raw, sorted(state.glob("crawl-*.sqlite")))
    except (RunLockedError, ValueError, FileNotFoundError) as exc:
        usage_error("verify", str(exc))
    for damage in check.damage:
        typer.echo(f"unreadable: {damage.describe()}")
    for name in check.rebuilt:
        typer.echo(f"crawl state unreadable, rebuilt: {name}")
    for url in check.lost_urls():
        typer.echo(f"not archived, will be fetched again: {url}")
    lost = len(check.lost_urls())
    typer.echo(
        f"{len(check.damage)} unreadable stretch(es), {lost} page(s) to re-fetch, {len(check.rebuilt)} state(s) rebuilt"
    )
    if check.damage or check.rebuilt or lost:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
