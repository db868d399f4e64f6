"""Run every benchmark (each in its own subprocess) and print every figure and ratio.

python benchmarks/run_all.py            # full sizes (fits in < 15 minutes on 2 cores)
python benchmarks/run_all.py --quick    # small sizes, ~3 minutes
python benchmarks/run_all.py --only extract crawl
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from bench_extract import REFERENCE  # noqa: E402

FULL = {
    "extract": ["--pages", "200", "--runs", "3", "--against", REFERENCE],
    "crawl": ["--pages", "1000", "--runs", "3"],
    "flow": ["--sizes", "1000", "10000"],
    "links": ["--pages", "100", "--runs", "5"],
}
QUICK = {
    "extract": ["--pages", "60", "--runs", "3", "--against", REFERENCE],
    "crawl": ["--pages", "300", "--runs", "3"],
    "flow": ["--sizes", "200", "1000"],
    "links": ["--pages", "40", "--runs", "3"],
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (a smoke run, ~3 minutes)")
    ap.add_argument("--only", nargs="+", choices=sorted(FULL), help="run only these benchmarks")
    args = ap.parse_args(argv)
    plan = QUICK if args.quick else FULL
    env = {**os.environ, "PYTHONPATH": str(REPO), "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    if args.quick:
        env["AISCOUT_BENCH_QUICK"] = "1"  # results go to results/quick/, the full-size files stay
    started = time.perf_counter()
    failed = []
    for name in args.only or list(plan):
        print(f"\n== {name} ({' '.join(plan[name])})", flush=True)
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, str(HERE / f"bench_{name}.py"), *plan[name]], cwd=REPO, env=env)
        if proc.returncode != 0:
            failed.append(name)
        print(f"   [{name}: {time.perf_counter() - t:.0f} s]", flush=True)
    total = time.perf_counter() - started
    print(f"\nall benchmarks: {total / 60:.1f} min" + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    folder = HERE / "results" / ("quick" if args.quick else "")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run_all.json").write_text(
        json.dumps({"quick": args.quick, "minutes": round(total / 60, 1), "failed": failed}) + "\n", encoding="utf-8"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
