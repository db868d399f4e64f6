"""Throughput of find_amounts + find_dates against dateparser's search_dates (run by hand).

    .venv/bin/python benchmarks/bench_parsers.py [--docs 200] [--runs 5] [--ours-only]

Also reports our parsers' CPU time per 1,000 characters (fastest of the runs, process time: steadier
than wall time on a shared machine), the figure to compare before/after a parser change.

Documents are built deterministically from the seed texts (../shared/seeds or AISCOUT_SEEDS_DIR):
each is three seed texts of one language concatenated in a rotating order, so documents are
whole pages of 3-12 kB. Both sides see the same documents in the same run; the median of the
runs is reported as documents per second, with the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates

SEEDS = Path(os.environ.get("AISCOUT_SEEDS_DIR", Path(__file__).resolve().parents[1].parent / "shared" / "seeds"))


def build_documents(n: int) -> list[tuple[str, str]]:
    """n (lang, text) documents mixed from the seeds, deterministically."""
    by_lang: dict[str, list[str]] = {}
    for gold in sorted(SEEDS.glob("*.json")):
        lang = json.loads(gold.read_text(encoding="utf-8"))["language"]
        by_lang.setdefault(lang, []).append(gold.with_suffix(".txt").read_text(encoding="utf-8"))
    langs = sorted(by_lang)
    docs = []
    for i in range(n):
        texts = by_lang[langs[i % len(langs)]]
        docs.append((langs[i % len(langs)], "\n\n".join(texts[(i + k) % len(texts)] for k in range(3))))
    return docs


def docs_per_second(fn: Callable[[str, str], object], docs: list[tuple[str, str]], runs: int) -> float:
    """Median documents per second of ``fn(text, lang)`` over ``runs`` passes."""
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for lang, text in docs:
            fn(text, lang)
        rates.append(len(docs) / (time.perf_counter() - t0))
    return statistics.median(rates)


def cpu_us_per_1000_chars(docs: list[tuple[str, str]], runs: int) -> dict[str, float]:
    """Fastest CPU microseconds per 1,000 characters of find_amounts, find_dates and both."""
    chars = sum(len(t) for _, t in docs)
    out: dict[str, float] = {}
    for name, fn in (("find_amounts", find_amounts), ("find_dates", find_dates)):
        times = []
        for _ in range(runs):
            t0 = time.process_time()
            for lang, text in docs:
                fn(text, lang)
            times.append(time.process_time() - t0)
        out[name] = min(times) / chars * 1000 * 1e6
    out["both"] = out["find_amounts"] + out["find_dates"]
    return out


def ours(text: str, lang: str) -> None:
    find_amounts(text, lang)
    find_dates(text, lang)


def dateparser_search(text: str, lang: str) -> None:
    from dateparser.search import search_dates

    search_dates(text, languages=[lang])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ours-only", action="store_true", help="only the per-1,000-characters figures")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    docs = build_documents(args.docs)
    for lang, text in docs[:8]:
        ours(text, lang)
    for name, us in cpu_us_per_1000_chars(docs, args.runs).items():
        print(f"{name:<32}: {us:10.1f} us CPU per 1,000 characters")
    if args.ours_only:
        return
    for fn in (ours, dateparser_search):  # warm-up: regex compilation, dateparser's language loading
        for lang, text in docs[:8]:
            fn(text, lang)
    chars = sum(len(t) for _, t in docs) / len(docs)
    ours_rate = docs_per_second(ours, docs, args.runs)
    dp_rate = docs_per_second(dateparser_search, docs, args.runs)
    print(f"{len(docs)} documents, mean {chars:,.0f} characters, median of {args.runs} runs")
    print(f"find_amounts + find_dates       : {ours_rate:10.1f} docs/s")
    print(f"dateparser.search.search_dates  : {dp_rate:10.1f} docs/s")
    print(f"ratio                           : {ours_rate / dp_rate:10.1f}x")


if __name__ == "__main__":
    main()
