"""The README's promises stay true: the set-up commands, every table and column it lists, and every
shell block that does not need the network runs as written (so do those of docs/operations.md)."""

import re
import subprocess
from pathlib import Path

import pytest

from schemas.tables import TABLES
from tests.helpers.processes import child_env

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = [REPO / "README.md", REPO / "docs" / "operations.md"]
NOT_RUN = "not run by tests/test_readme.py: "
REASONS = {"it is the test suite itself", "needs the network", "serves until stopped"}
_BLOCK = re.compile(r"(?:<!-- (not run by tests/test_readme\.py: [^>]*?) -->\n)?```sh\n(.*?)```", re.S)


def shell_blocks(path: Path) -> list[tuple[str | None, str]]:
    """(why it is not run, or None; the block's text) for every ```sh block of ``path``."""
    return [(why or None, body) for why, body in _BLOCK.findall(path.read_text(encoding="utf-8"))]


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


def test_every_shell_block_not_run_says_why():
    blocks = [block for path in DOCS for block in shell_blocks(path)]
    assert len(blocks) >= 6
    for why, _ in blocks:
        if why is not None:
            assert why.removeprefix(NOT_RUN) in REASONS, why
    assert any(why is None and "make demo" in body for why, body in blocks)


def test_make_clean_and_gitignore_cover_every_output_folder():
    clean = next(line for line in (REPO / "Makefile").read_text().splitlines() if line.startswith("\trm -rf"))
    ignored = (REPO / ".gitignore").read_text().splitlines()
    for folder in ("data/out", "data/raw", "data/state", "data/prefect-server", ".prefect"):
        assert folder in clean.split(), folder
        assert f"{folder}/" in ignored, folder


@pytest.mark.slow
def test_the_shell_blocks_run_as_written(tmp_path, prefect_harness):
    # the blocks run in the repository as a reader would, with their outputs in a work folder of their own
    data = tmp_path / "data"
    env = child_env(AISCOUT_WORK_DIR=str(data), AISCOUT_CONTACT_URL="https://example.org/contact")
    ran = 0
    for path in DOCS:
        for why, body in shell_blocks(path):
            if why is not None:
                continue
            result = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", body], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
            )
            assert result.returncode == 0, f"{path.name}:\n{body}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
            ran += 1
    assert ran >= 4
    assert (data / "out" / "demo" / "report" / "report.html").is_file()
    assert len(list((data / "raw" / "demo").iterdir())) >= 1
