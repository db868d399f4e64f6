"""`aiscout query` (SQL over the current tables, printed as a table or CSV) and `aiscout report`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from pipelines.cli.base import app, usage_error
from pipelines.cli.options import DemoProfile, OutDir
from pipelines.cli.runs import work_folders


@app.command()
def query(
    sql: str = typer.Argument(..., help='SQL over the current tables, e.g. "select count(*) from amounts"'),
    demo: DemoProfile = False,
    out: OutDir = None,
    csv: bool = typer.Option(False, "--csv", help="print CSV (with a header) instead of a table"),
    max_rows: int = typer.Option(50, help="rows printed as a table (CSV prints all)"),
) -> None:
    """Run SQL (DuckDB) over the current tables, one view per table; no duckdb CLI needed."""
    import duckdb

    from pipelines.report.current import connect_current

    folder = work_folders(demo, out=out)[2]
    try:
        con = connect_current(folder)
        frame = con.execute(sql).fetchdf()
    except (duckdb.Error, FileNotFoundError) as exc:
        usage_error("query", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return
    if csv:
        frame.to_csv(sys.stdout, index=False)
        return
    if frame.empty:
        typer.echo(f"({len(frame.columns)} columns, no rows)")
        return
    typer.echo(frame.head(max_rows).to_string(index=False, max_colwidth=60))
    if len(frame) > max_rows:
        typer.echo(f"... {len(frame) - max_rows} more rows (--max-rows, or --csv for all)")


@app.command()
def report(
    demo: DemoProfile = False,
    out: OutDir = None,
    to: Path | None = typer.Option(None, help="folder for report.html and its PNG charts [<out>/report]"),
) -> None:
    """Write one self-contained HTML report (and its charts as PNG files) from the current tables:
    funding per country and year, top funders and recipients, initiatives over time, documents per
    source and language per month, run health."""
    from pipelines.report.render import write_report

    folder = work_folders(demo, out=out)[2]
    try:
        path = write_report(folder, to or Path(folder) / "report")
    except FileNotFoundError as exc:
        usage_error("report", str(exc))
        return
    typer.echo(str(path))
