"""The README's promises stay true: the set-up commands, and every table and column it lists."""

from pathlib import Path

from schemas.tables import TABLES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_setup_commands():
    assert "make demo" in README and "make test" in README


def test_readme_lists_every_table_with_its_columns():
    rows = {
        line.split("|")[1].strip().strip("`"): line.split("|")[3]
        for line in README.splitlines()
        if line.startswith("| `")
    }
    for table, schema in TABLES.items():
        assert table in rows, f"README lacks table {table}"
        listed = [c.strip() for c in rows[table].split(",")]
        assert listed == list(schema.columns), f"README columns of {table} differ from schemas/tables.py"
