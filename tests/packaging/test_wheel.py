"""``pip install .`` works outside the checkout: the wheel carries the code and the shipped data (language
data, gazetteers, registry, demo snapshot), and the installed code finds them from another directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers.paths import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the checkout, unpacked as site-packages would hold it."""
    out = tmp_path_factory.mktemp("wheel")
    uv = Path(sys.executable).with_name("uv")  # installed into the venv by the Makefile
    subprocess.run([str(uv), "build", "--wheel", "-q", "-o", str(out), str(REPO)], check=True, capture_output=True,
                   timeout=300)
    (wheel,) = out.glob("aiscout-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def test_wheel_holds_the_shipped_data(installed: Path) -> None:
    for rel in ("aiscout_data/lang/sv/dates.yaml", "aiscout_data/gazetteers/organisations_se.csv",
                "aiscout_data/snapshots/demo/expected.yaml", "spiders/sources.yaml"):
        assert (installed / rel).is_file(), rel
    assert not (installed / "aiscout_data" / "out").exists()


def test_installed_code_runs_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    text = "Vinnova ger Örebro universitet 3 miljoner kronor för en ny AI-kurs som startar i april 2025."
    code = (
        "import json, sys, pipelines\n"
        "from pipelines.langdata import data_dir, work_dir\n"
        "from pipelines.extract.document import extract_document\n"
        "from pipelines.models import document_to_dict\n"
        "doc = document_to_dict(extract_document(sys.argv[1], lang='sv'))\n"
        "print(json.dumps({'code': pipelines.__file__, 'data': str(data_dir()), 'work': str(work_dir()),"
        " 'amounts': [a['value'] for a in doc['amounts']], 'orgs': [o['name'] for o in doc['organisations']]}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("AISCOUT_DATA_DIR", "AISCOUT_WORK_DIR")}
    env["PYTHONPATH"] = str(installed)  # ahead of the checkout's editable install
    proc = subprocess.run([sys.executable, "-c", code, text], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout)
    assert got["code"].startswith(str(installed))
    assert got["data"] == str(installed / "aiscout_data")
    assert got["work"] == str(tmp_path / "data")  # outputs go to the current directory, never the package
    assert got["amounts"] == [3_000_000]
    assert "Vinnova" in got["orgs"]
