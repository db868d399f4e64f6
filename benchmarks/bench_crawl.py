"""Crawl throughput: aiscout's spiders (``spiders.crawl.crawl``, politeness off: FAST_SETTINGS)
vs a bare download-only Scrapy spider, both in subprocesses, against the same local server
holding the benchmark corpus, at the same concurrency. Medians of ``--runs``.

pages/s = responses / wall time of the subprocess (start-up included for both). aiscout also
parses listings, follows pagination, archives every response as WARC and records crawl state;
the baseline gets the full URL list (listings + articles) up front.

    python benchmarks/bench_crawl.py --pages 2000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
from common import REPO, median, save, verdict


def _all_urls(root: Path, base_url: str) -> list[str]:
    """Every HTML page of the snapshot (listings and articles) as local URLs."""
    return sorted(f"{base_url}/{p.parent.relative_to(root).as_posix()}/" for p in root.rglob("index.html"))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_aiscout(root: Path, registry: Path, remap: dict[str, str], work: Path) -> tuple[int, float, float]:
    from spiders.crawl import crawl
    from spiders.settings import FAST_SETTINGS

    run_dir = work / f"raw-{time.monotonic_ns()}"
    cpu = _children_cpu()
    started = time.perf_counter()
    report = crawl(
        run_dir,
        registry_path=registry,
        remap=remap,
        settings=dict(FAST_SETTINGS),
        state_path=work / f"state-{time.monotonic_ns()}.sqlite",
    )
    seconds = time.perf_counter() - started
    totals = report.totals()
    pages = sum(v for k, v in totals.responses_by_status.items() if k == "200")
    return pages, seconds, _children_cpu() - cpu


def run_bare(urls_file: Path, work: Path) -> tuple[int, float, float]:
    report = work / "bare.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cpu = _children_cpu()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("bare_spider.py")), str(urls_file), str(report)],
        check=True,
        env=env,
        cwd=REPO,
    )
    seconds = time.perf_counter() - started
    return json.loads(report.read_text())["responses"], seconds, _children_cpu() - cpu


def main(argv: list[str] | None = None) -> dict:
    from pipelines.devtools.demo_server import serve_snapshot

    ap = argparse.ArgumentParser(description="crawl throughput vs a bare download spider")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aiscout-bench-crawl-") as tmp:
        work = Path(tmp)
        root = work / "snapshot"
        registry = corpus.write_snapshot(corpus.generate(args.pages, args.seed), root)
        with serve_snapshot(root) as server:
            urls_file = work / "urls.txt"
            urls = _all_urls(root, server.base_url)
            urls_file.write_text("\n".join(urls), encoding="utf-8")
            res: dict[str, list[tuple[int, float, float]]] = {"aiscout": [], "bare": []}
            for _ in range(args.runs):
                res["bare"].append(run_bare(urls_file, work))
                res["aiscout"].append(run_aiscout(root, registry, server.remap(), work))
    out: dict = {"pages": args.pages, "urls": len(urls), "runs": args.runs, "methods": {}}
    print(
        f"crawl: {args.pages} articles + {len(urls) - args.pages} listings on a local server, "
        f"median of {args.runs} runs"
    )
    for name, rows in res.items():
        rates = [n / s for n, s, _ in rows]
        cpu_ms = median([c * 1000 / n for n, _, c in rows])
        out["methods"][name] = {
            "pages_per_s": round(median(rates), 1),
            "responses": [n for n, _, _ in rows],
            "runs_s": [round(s, 2) for _, s, _ in rows],
            "cpu_ms_per_page": round(cpu_ms, 2),
        }
        print(
            f"  {name:8s} {median(rates):8.1f} pages/s   {cpu_ms:5.2f} ms CPU/page in the crawl subprocess "
            f"(responses {rows[0][0]}, runs {', '.join(f'{s:.1f}s' for _, s, _ in rows)})"
        )
    ratio = out["methods"]["aiscout"]["pages_per_s"] / out["methods"]["bare"]["pages_per_s"]
    out["ratio"] = round(ratio, 2)
    print(f"  aiscout / bare = {ratio:.2f}x   (target >= 0.7x: {verdict(ratio >= 0.7)})")
    save("crawl", out)
    return out


if __name__ == "__main__":
    main()
