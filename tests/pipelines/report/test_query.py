"""`aiscout query`: SQL over the current tables, as a table or CSV, from wherever the output folder is."""

from __future__ import annotations

import csv
import io
import shutil

from typer.testing import CliRunner

from pipelines.cli.app import app
from pipelines.publish.run import publish
from pipelines.tables.build import build_tables

runner = CliRunner()


def _out(tmp_path, records):
    out = tmp_path / "out"
    publish(build_tables(records), str(out), "20260101T030000Z-aaaa", "v1")
    return out


def test_query_prints_a_table_and_csv(tmp_path, records):
    out = _out(tmp_path, records)
    sql = "select language, count(*) as n from documents where error is null group by 1 order by 1"
    table = runner.invoke(app, ["query", sql, "--out", str(out)])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["language", "n"] and [line.split() for line in lines[1:]] == [
        ["de", "1"],
        ["nl", "1"],
        ["sv", "1"],
    ]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["query", sql, "--out", str(out), "--csv"]).stdout)))
    assert rows == [{"language": "de", "n": "1"}, {"language": "nl", "n": "1"}, {"language": "sv", "n": "1"}]


def test_a_copied_output_folder_is_queried_where_it_now_is(tmp_path, records):
    out = _out(tmp_path, records)
    moved = tmp_path / "elsewhere"
    shutil.copytree(out, moved, symlinks=True)
    shutil.rmtree(out)
    result = runner.invoke(app, ["query", "select count(*) as n from documents", "--out", str(moved), "--csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", str(len(records))]


def test_bad_sql_is_one_line_and_exit_2(tmp_path, records):
    out = _out(tmp_path, records)
    result = runner.invoke(app, ["query", "select nothing from nowhere", "--out", str(out)])
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "nowhere" in result.stderr
