"""The `aiscout` command line: extract, run, reprocess, sources, serve."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import typer

from pipelines.langdata import REPO_ROOT, data_dir, supported_languages

app = typer.Typer(
    help="aiscout: public AI initiatives from European press pages, as typed tables.",
    no_args_is_help=True,
    add_completion=False,
)

DEMO_SNAPSHOT = data_dir() / "snapshots" / "demo"


def prefect_env() -> None:
    """Project-local, quiet Prefect settings (must run before Prefect is imported)."""
    os.environ.setdefault("PREFECT_HOME", str(REPO_ROOT / ".prefect"))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    from pipelines.flows.watchdog import start_watchdog

    start_watchdog()  # on kill -9 of this process, Prefect's temporary server and crawl children end too


class _FriendlyErrors:
    """Usage-type failures (bad option values, a held run lock) as one line and exit code 2."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> bool:
        from pipelines.archive.warc import ArchiveWriteError
        from pipelines.flows.lock import RunLockedError

        if exc is not None and isinstance(exc, (ValueError, FileNotFoundError, RunLockedError)):
            typer.echo(f"aiscout: {exc}", err=True)
            raise typer.Exit(code=2)
        if isinstance(exc, ArchiveWriteError):  # a run that could not archive everything: one line, exit 1
            typer.echo(f"aiscout: {exc}", err=True)
            raise typer.Exit(code=1)
        return False


def _mount_sources() -> None:
    from spiders.cli import sources_app

    app.add_typer(sources_app, name="sources")


_mount_sources()


# ---------------------------------------------------------------- extract
def _usage_error(message: str) -> None:
    typer.echo(f"aiscout extract: {message}", err=True)
    raise typer.Exit(code=2)


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
    handle = sys.stdin if file == "-" else open(file, encoding="utf-8", errors="replace")
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


@app.command()
def extract(
    paths: list[str] | None = typer.Argument(None, help=".html/.htm pages, .txt texts, or - for stdin"),
    lang: str = typer.Option("auto", "--lang", help="auto, or a language code: sv, nl, de, en"),
    reference_date: str | None = typer.Option(
        None, "--reference-date", help="YYYY-MM-DD: year for dates without one"
    ),
    url: str | None = typer.Option(None, "--url", help="the page's URL, echoed in the output"),
    jsonl: str | None = typer.Option(
        None, "--jsonl", help='file of {"id", "html" or "text", "lang", "url", "reference_date"} lines'
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
            _emit(_extract_jsonl_line(number, line, forced, url, reference_date))
        return
    for path in paths or []:
        try:
            data = _read_path(path)
        except OSError as exc:
            _emit({"path": path, "error": f"cannot read: {exc.strerror or exc}"})
            continue
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
    ident = item.get("id", number)
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
        html if isinstance(html, str) else text,
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


# ---------------------------------------------------------------- run / reprocess
def _work_folders(demo: bool, raw_dir: Path | None, state_dir: Path | None) -> tuple[Path, Path]:
    """Raw archive and state folders: demo runs keep theirs apart from real crawls."""
    profile = "demo" if demo else ""
    return raw_dir or data_dir() / "raw" / profile, state_dir or data_dir() / "state" / profile


@app.command()
def run(
    demo: bool = typer.Option(False, "--demo", help="crawl the bundled demo snapshot, served on 127.0.0.1"),
    snapshot: Path = typer.Option(DEMO_SNAPSHOT, help="the snapshot folder served with --demo"),
    source: list[str] | None = typer.Option(None, "--source", help="only these sources (repeatable)"),
    raw_dir: Path | None = typer.Option(None, help="raw archive folder [data/raw, or data/raw/demo]"),
    state_dir: Path | None = typer.Option(None, help="crawl state and cache [data/state, or data/state/demo]"),
    out: str = typer.Option(str(data_dir() / "out"), help="output folder or fsspec URL"),
    task_runner: str = typer.Option("threads", help="threads, or dask (a local Dask cluster unless --dask-address)"),
    dask_address: str | None = typer.Option(None, help="an existing Dask scheduler, e.g. tcp://host:8786"),
) -> None:
    """Run the nightly flow once: crawl, archive, extract, parse, validate, publish."""
    raw, state = _work_folders(demo, raw_dir, state_dir)
    prefect_env()
    from pipelines.devtools.demo_server import serve_snapshot
    from pipelines.flows.nightly import nightly as nightly_flow
    from pipelines.flows.runners import with_runner
    from pipelines.flows.summary import render_text
    from spiders.settings import FAST_SETTINGS  # politeness is for real sites, not the local server

    with _FriendlyErrors():
        nightly = with_runner(nightly_flow, task_runner, dask_address)
    with _FriendlyErrors():  # the flows take the state and output locks (a held lock: exit 2)
        if demo:
            with serve_snapshot(snapshot) as server:
                typer.echo(f"serving the demo snapshot {snapshot} on {server.base_url}", err=True)
                result = nightly(
                    raw_dir=str(raw),
                    state_dir=str(state),
                    out=out,
                    sources=source,
                    remap=server.remap(),
                    crawl_settings=FAST_SETTINGS,
                )
        else:
            result = nightly(raw_dir=str(raw), state_dir=str(state), out=out, sources=source)
    typer.echo(render_text(result))


@app.command()
def reprocess(
    run_id: str = typer.Argument(..., help="the archived run to re-parse (see data/raw/)"),
    demo: bool = typer.Option(False, "--demo", help="use the demo profile's archive"),
    raw_dir: Path | None = typer.Option(None, help="raw archive folder [data/raw, or data/raw/demo]"),
    state_dir: Path | None = typer.Option(None, help="cache folder [data/state, or data/state/demo]"),
    out: str = typer.Option(str(data_dir() / "out"), help="output folder or fsspec URL"),
) -> None:
    """Re-parse an archived run without the network and publish its tables."""
    raw, state = _work_folders(demo, raw_dir, state_dir)
    prefect_env()
    from pipelines.archive.corpus import runs_up_to
    from pipelines.flows.nightly import reprocess as reprocess_flow
    from pipelines.flows.summary import render_text

    with _FriendlyErrors():
        runs_up_to(raw, run_id)  # an unknown run id fails here, before Prefect starts
    with _FriendlyErrors():  # the flows take the state and output locks (a held lock: exit 2)
        result = reprocess_flow(run_id=run_id, raw_dir=str(raw), state_dir=str(state), out=out)
    typer.echo(render_text(result))


@app.command()
def serve(
    cron: str = typer.Option("0 3 * * *", help="when to run (5-field cron)"),
    timezone: str = typer.Option("Europe/Stockholm", help="time zone of the cron schedule"),
    port: int = typer.Option(4200, help="port of the local Prefect server started when PREFECT_API_URL is unset"),
    raw_dir: Path = typer.Option(data_dir() / "raw", help="raw archive folder"),
    state_dir: Path = typer.Option(data_dir() / "state", help="crawl state and cache folder"),
    out: str = typer.Option(str(data_dir() / "out"), help="output folder or fsspec URL"),
    task_runner: str = typer.Option("threads", help="threads or dask"),
    dask_address: str | None = typer.Option(None, help="an existing Dask scheduler, e.g. tcp://host:8786"),
) -> None:
    """Serve the nightly flow on a cron schedule until stopped (needs a real Prefect server:
    PREFECT_API_URL, or a local one started here and stopped on exit)."""
    prefect_env()
    from pipelines.flows.scheduling import serve as serve_nightly

    with _FriendlyErrors():
        serve_nightly(
            cron,
            timezone,
            data_root=data_dir(),
            port=port,
            task_runner=task_runner,
            dask_address=dask_address,
            flow_parameters={"raw_dir": str(raw_dir), "state_dir": str(state_dir), "out": out},
        )


@app.command()
def verify(
    demo: bool = typer.Option(False, "--demo", help="the demo profile's archive and state"),
    raw_dir: Path | None = typer.Option(None, help="raw archive folder [data/raw, or data/raw/demo]"),
    state_dir: Path | None = typer.Option(None, help="crawl state folder [data/state, or data/state/demo]"),
) -> None:
    """Check the raw archive against the crawl state and repair the state: pages whose record is missing or
    unreadable are forgotten, so the next run fetches them again. Exit 1 if anything was found."""
    from pipelines.archive.verify import check_archive
    from pipelines.flows.lock import RunLock

    raw, state = _work_folders(demo, raw_dir, state_dir)
    with _FriendlyErrors(), RunLock(state):
        check = check_archive(raw, sorted(state.glob("crawl-*.sqlite")))
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
