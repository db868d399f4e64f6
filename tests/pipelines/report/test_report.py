"""`aiscout report`: one self-contained HTML page and its PNG charts from the current tables."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipelines.cli.app import app
from pipelines.devtools.browser import visit
from pipelines.publish.history import write_run_summary
from pipelines.publish.run import publish
from pipelines.report.render import write_report
from pipelines.tables.build import build_tables

CHARTS = 5  # funding, organisations, initiatives, documents per source, per language


@pytest.fixture
def out(tmp_path, records):
    folder = tmp_path / "out"
    publish(build_tables(records), str(folder), "20260101T030000Z-aaaa", "v1")
    write_run_summary(
        str(folder),
        "20260102T030000Z-bbbb",
        {
            "kind": "nightly",
            "status": "failed",
            "failure": "all 2 sources failed",
            "sources": ["a", "b"],
            "failed_sources": {"a": "nothing archived: DNSLookupError"},
        },
    )
    return folder


def _images(page: str) -> dict[str, bytes]:
    found = re.findall(r'<img class="chart" id="chart-([\w-]+)" alt="[^"]*" src="data:image/png;base64,([^"]+)"', page)
    return {name: base64.b64decode(data) for name, data in found}


def test_the_report_is_one_self_contained_page_with_its_charts_also_as_files(out, tmp_path):
    path = write_report(out, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    images = _images(page)
    assert len(images) == CHARTS and all(png.startswith(b"\x89PNG") for png in images.values())
    for name, png in images.items():
        assert (tmp_path / "report" / f"{name}.png").read_bytes() == png
    assert "<script" not in page and not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched


def test_without_a_funding_table_money_is_labelled_as_mentions_and_run_health_says_what_failed(out, tmp_path):
    page = write_report(out, tmp_path / "report").read_text(encoding="utf-8")
    assert "Money mentioned per country and year (EUR, mentions)" in page
    assert "not confirmed funding decisions" in page
    assert "all 2 sources failed" in page and "DNSLookupError" in page
    assert "20260101T030000Z-aaaa (current)" in page


def test_a_funding_table_is_used_when_the_tables_have_one(out, tmp_path):
    fundings = pd.DataFrame(
        {
            "country": ["SE", "DE"],
            "year": [2024, 2025],
            "value_eur": [3.0e6, 1.2e7],
            "funder": ["Vinnova", "BMBF"],
            "recipient": ["Örebro universitet", "Universität Leipzig"],
        }
    )
    fundings.to_parquet(out / "fundings.parquet")
    page = write_report(out, tmp_path / "report").read_text(encoding="utf-8")
    assert "Funding announced per country and year (EUR)" in page and "(EUR, mentions)" not in page
    assert "Top funders (EUR)" in page and "Top recipients (EUR)" in page and "Universität Leipzig" in page


def test_report_command_and_its_error_without_tables(out, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["report", "--out", str(out), "--to", str(tmp_path / "r")])
    assert result.exit_code == 0 and result.stdout.strip() == str(tmp_path / "r" / "report.html")
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "no tables under" in result.stderr


def test_the_report_loads_in_headless_chromium_without_errors_and_draws_every_chart(out, tmp_path):
    seen = visit(write_report(out, tmp_path / "report"))
    assert seen.errors == []
    assert seen.title == "aiscout report"
    charts = [image for image in seen.images if image["id"].startswith("chart-")]
    assert len(charts) == CHARTS
    assert all(image["complete"] and image["width"] > 300 and image["height"] > 200 for image in charts), charts
    assert seen.screenshot.startswith(b"\x89PNG")


def test_the_browser_check_catches_console_errors_and_broken_charts(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>broken</title></head><body>"
        '<img class="chart" id="chart-x" src="data:image/png;base64,AAAA">'
        "<script>console.error('boom'); undefined_function();</script></body></html>",
        encoding="utf-8",
    )
    seen = visit(page)
    assert any("boom" in e for e in seen.errors) and any("undefined_function" in e for e in seen.errors)
    assert seen.images[0]["width"] == 0
