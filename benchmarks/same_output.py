"""`aiscout extract` JSON of a fixed set of inputs, to check that a change keeps the output byte-identical.

Inputs: the seeds (``../shared/seeds/*.txt``), the demo snapshot's pages, the development-set pages
(``tests/devsets/pages``) and ``--corpus N`` generated benchmark pages. Run once before and once after
a change, then compare the two files (``cmp``, or ``--against`` to list the inputs whose output differs).

    python benchmarks/same_output.py --out /tmp/before.jsonl
    python benchmarks/same_output.py --out /tmp/after.jsonl --against /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
from common import REPO


def inputs(folder: Path, generated: int) -> list[Path]:
    """The input files: fixed ones from the repository and the shared seeds, then generated pages in ``folder``."""
    fixed = [
        *sorted((REPO.parent / "shared" / "seeds").glob("*.txt")),
        *sorted((REPO / "data" / "snapshots" / "demo").rglob("*.html")),
        *sorted((REPO / "tests" / "devsets" / "pages").rglob("*.html")),
    ]
    made = []
    for i, page in enumerate(corpus.generate(generated, seed=11)):
        path = folder / f"corpus-{i:04d}.html"
        path.write_bytes(page.html)
        made.append(path)
    return fixed + made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="JSON lines file to write")
    ap.add_argument("--corpus", type=int, default=60, help="generated benchmark pages to add")
    ap.add_argument("--against", type=Path, help="an earlier output: list the inputs whose output differs")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = inputs(Path(tmp), args.corpus)
        cmd = [str(REPO / ".venv" / "bin" / "aiscout"), "-q", "extract", *map(str, paths)]
        out = subprocess.run(cmd, capture_output=True, check=False).stdout
    names = {str(p): str(p.relative_to(REPO)) if p.is_relative_to(REPO) else p.name for p in paths}
    lines = [json.loads(line) for line in out.decode().splitlines()]
    for line in lines:  # named relative to the repository (or by file name): comparable across worktrees
        line["path"] = names.get(line["path"], line["path"])
    args.out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    print(f"{len(lines)} outputs of {len(paths)} inputs -> {args.out}")
    if args.against:
        before = {x["path"]: x for x in map(json.loads, args.against.read_text(encoding="utf-8").splitlines())}
        differ = [x["path"] for x in lines if before.get(x["path"]) != x]
        print(f"{len(differ)} differ from {args.against}" + "".join(f"\n  {p}" for p in differ))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
