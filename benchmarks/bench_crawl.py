"""Crawl throughput: aiscout's spiders (``spiders.crawl.crawl``, politeness off: FAST_SETTINGS)
vs a bare download-only Scrapy spider, both in subprocesses, against the same local server
holding the benchmark corpus, at the same concurrency. Medians of ``--runs``.

pages/s = responses / wall time of the subprocess (start-up included for both). aiscout also
parses listings, follows pagination, archives every response as WARC and records crawl state;
the baseline gets the full URL list (listings + articles) up front.

    python benchmarks/bench_crawl.py --pages 2000 --runs 3
    python benchmarks/bench_crawl.py --pages 1000 --runs 5 --compare /tmp/main   # also another checkout's crawl

``--compare TREE`` also crawls with the code of another checkout (e.g. ``git worktree add /tmp/main main``),
alternating the three each run (bare, other, ours; then the reverse order), and reports both ratios and
ours / other: the only fair before/after on a shared machine.
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

TARGET_RATIO = 0.73  # issue 17: the crawl may not fall below the ratio it had to the bare spider then


def _all_urls(root: Path, base_url: str) -> list[str]:
    """Every HTML page of the snapshot (listings and articles) as local URLs."""
    return sorted(f"{base_url}/{p.parent.relative_to(root).as_posix()}/" for p in root.rglob("index.html"))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_aiscout(registry: Path, remap: dict[str, str], work: Path, tree: Path = REPO) -> tuple[int, float, float]:
    """One crawl by ``tree``'s code (its crawl child, ``python -m spiders.crawl JOB.json``, as ``crawl()`` runs it)."""
    from spiders.settings import FAST_SETTINGS

    stamp = time.monotonic_ns()
    job = {
        "run_dir": str(work / f"raw-{stamp}"),
        "sources": None,
        "remap": remap,
        "state_path": str(work / f"state-{stamp}.sqlite"),
        "settings": dict(FAST_SETTINGS),
        "registry_path": str(registry),
        "timeout_s": None,
        "report_path": str(work / f"report-{stamp}.json"),
    }
    job_path = work / f"job-{stamp}.json"
    job_path.write_text(json.dumps(job), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cpu = _children_cpu()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spiders.crawl", str(job_path)], check=True, env=env, cwd=tree)
    seconds = time.perf_counter() - started
    report = json.loads(Path(job["report_path"]).read_text(encoding="utf-8"))
    pages = sum(rep["responses_by_status"].get("200", 0) for rep in report["sources"].values())
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
    ap.add_argument("--compare", type=Path, help="another checkout whose crawl runs alternately with ours")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aiscout-bench-crawl-") as tmp:
        work = Path(tmp)
        root = work / "snapshot"
        registry = corpus.write_snapshot(corpus.generate(args.pages, args.seed), root)
        with serve_snapshot(root) as server:
            urls_file = work / "urls.txt"
            urls = _all_urls(root, server.base_url)
            urls_file.write_text("\n".join(urls), encoding="utf-8")
            runs = {
                "bare": lambda: run_bare(urls_file, work),
                "aiscout": lambda: run_aiscout(registry, server.remap(), work),
            }
            if args.compare:
                runs["compared"] = lambda: run_aiscout(registry, server.remap(), work, args.compare.resolve())
            res: dict[str, list[tuple[int, float, float]]] = {name: [] for name in runs}
            loads = []
            for n in range(args.runs):
                for name in list(runs) if n % 2 == 0 else list(runs)[::-1]:
                    res[name].append(runs[name]())
                    loads.append(os.getloadavg()[0])
    out: dict = {"pages": args.pages, "urls": len(urls), "runs": args.runs, "methods": {}}
    out["load_median"] = round(median(loads), 1)
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
    print(f"  aiscout / bare = {ratio:.2f}x   (target >= {TARGET_RATIO}x: {verdict(ratio >= TARGET_RATIO)})")
    if args.compare:
        rate = out["methods"]["compared"]["pages_per_s"]
        out["compared"] = {"tree": str(args.compare), "ratio": round(rate / out["methods"]["bare"]["pages_per_s"], 2)}
        out["compared"]["aiscout_over_compared"] = round(out["methods"]["aiscout"]["pages_per_s"] / rate, 2)
        print(
            f"  compared / bare = {out['compared']['ratio']:.2f}x   aiscout / compared = "
            f"{out['compared']['aiscout_over_compared']:.2f}x   (load average median {out['load_median']})"
        )
    save("crawl", out)
    return out


if __name__ == "__main__":
    main()
