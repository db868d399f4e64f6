"""`aiscout report`: one self-contained HTML page (charts inlined as PNG data URIs, no scripts, no
network) plus the same charts as PNG files, from the current tables under an output folder."""

from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path

import pandas as pd

from pipelines.publish.history import RunInfo, output_runs
from pipelines.report import charts, data
from pipelines.report.current import connect_current

REPORT_FILE = "report.html"
RECENT_RUNS = 10

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
p.note { color: #555; font-size: 0.9rem; } img { max-width: 100%; }
table { border-collapse: collapse; font-size: 0.85rem; } td, th { border: 1px solid #ddd; padding: 0.2rem 0.5rem; }
td.num { text-align: right; } tr.current { font-weight: bold; } .failed { color: #b00020; }
"""


def _chart_html(name: str, png: bytes, alt: str) -> str:
    uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return f'<img class="chart" id="chart-{name}" alt="{html.escape(alt)}" src="{uri}">'


def _table_html(frame: pd.DataFrame, limit: int = 20) -> str:
    if frame.empty:
        return "<p class='note'>(no rows)</p>"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.head(limit).itertuples(index=False):
        cells = []
        for value in record:
            if isinstance(value, float):
                cells.append(f"<td class='num'>{value:,.0f}</td>")
            else:
                cells.append(f"<td>{html.escape('' if pd.isna(value) else str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _runs_html(runs: list[RunInfo]) -> str:
    if not runs:
        return "<p class='note'>no run summaries under this output folder</p>"
    head = "".join(
        f"<th>{h}</th>" for h in ("run", "kind", "profile", "finished", "sources", "new", "changed", "failed", "status")
    )
    rows = []
    for r in runs[-RECENT_RUNS:]:
        failed = "; ".join(f"{k}: {v}" for k, v in sorted(r.failed_sources.items()))
        status = (
            r.status + (f" ({r.failure})" if r.failure else "") + (f" (failed sources: {failed})" if failed else "")
        )
        cls = "current" if r.current else ""
        cells = [
            r.run_id + (" (current)" if r.current else ""),
            r.kind,
            "demo" if r.demo else "real",
            r.finished or "-",
            str(len(r.sources)),
            str(r.pages["new"]),
            str(r.pages["changed"]),
            str(r.pages["failed"]),
        ]
        tds = "".join(f"<td>{html.escape(c)}</td>" for c in cells)
        status_class = "failed" if r.status == "failed" or failed else ""
        rows.append(f"<tr class='{cls}'>{tds}<td class='{status_class}'>{html.escape(status)}</td></tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _shown(folder: Path) -> str:
    """``folder`` relative to the working folder when it is inside it (no home paths in shared reports)."""
    try:
        return str(folder.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(folder)


def write_report(out: str | Path, to: str | Path) -> Path:
    """Write ``to/report.html`` and ``to/<chart>.png`` from the current tables under ``out``; returns
    the HTML file's path. FileNotFoundError when ``out`` holds no tables."""
    con = connect_current(out)
    try:
        funding = data.funding_by_country_year(con)
        organisations = data.top_organisations(con)
        initiatives = data.initiatives_timeline(con)
        per_source = data.documents_per_month(con, "source")
        per_language = data.documents_per_month(con, "language")
    finally:
        con.close()
    pngs = {
        "funding": charts.stacked_bars(
            funding.frame, "year", "country", "eur", funding.title, "EUR (log scale)", log=True
        ),
        **{
            f"organisations-{i}": charts.ranked_bars(
                s.frame, "name", s.frame.columns[-1] if len(s.frame.columns) else "name", s.title, s.frame.columns[-1]
            )
            for i, s in enumerate(organisations)
        },
        "initiatives": charts.timeline(initiatives.frame, "name", "first", initiatives.title),
        "sources": charts.stacked_bars(per_source.frame, "month", "source", "documents", per_source.title, "documents"),
        "languages": charts.stacked_bars(
            per_language.frame, "month", "language", "documents", per_language.title, "documents"
        ),
    }
    sections = [
        ("funding", funding),
        *((f"organisations-{i}", s) for i, s in enumerate(organisations)),
        ("initiatives", initiatives),
        ("sources", per_source),
        ("languages", per_language),
    ]
    folder = Path(to)
    folder.mkdir(parents=True, exist_ok=True)
    body = [
        "<h1>aiscout: AI initiatives in the current tables</h1>",
        f"<p class='note'>tables in {html.escape(_shown(Path(out)))}; report written "
        f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}</p>",
    ]
    for name, section in sections:
        (folder / f"{name}.png").write_bytes(pngs[name])
        body += [
            f"<h2>{html.escape(section.title)}</h2>",
            f"<p class='note'>{html.escape(section.note)}</p>",
            _chart_html(name, pngs[name], section.title),
            "<details><summary>data</summary>" + _table_html(section.frame) + "</details>",
        ]
    body += ["<h2>Run health</h2>", _runs_html(output_runs(str(out)))]
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>aiscout report</title>"
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>"
    )
    path = folder / REPORT_FILE
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
