"""Extraction throughput on one core: aiscout vs the lxml parse-only floor vs a peer baseline.

- aiscout: ``pipelines.extract.extract_document`` (main text, metadata, language, every parser,
  normalisation);
- floor: ``lxml.html.fromstring`` only (no extraction at all: an upper bound);
- peer: ``trafilatura.extract`` + ``langdetect.detect`` + ``dateparser.search.search_dates(text,
  languages=[lang])`` — what one would assemble from off-the-shelf tools (and still without
  amounts, organisations, programmes or people).

Same pages for all three (``benchmarks/corpus.py``), interleaved rounds, medians of ``--runs``.
Each round extracts pages no earlier round (nor the warm-up) has seen: a per-text cache (the
entity finders share one) would otherwise make later rounds look faster than any real corpus.

    python benchmarks/bench_extract.py --pages 300 --runs 3
    python benchmarks/bench_extract.py --only aiscout --against 20a16d1   # also another revision, same pages

``--against REV`` (a git revision, checked out in a temporary worktree, or a checkout's folder) runs that code's
``extract_document`` on the same rounds, in a worker process beside two of ours (``extract_worker.py``, one without the
funding linker), taking turns; the ratio of their median CPU seconds compares two versions on identical pages. The corpus draws
organisation names from ``data/gazetteers``, so pages/s of runs on different days are not comparable by themselves.
Issue 14's limit (not below 0.80x the code of the day it was filed) is measured against ``REFERENCE``, without the
funding linker: that stage came after ``REFERENCE`` with issue 16, whose own limit (+20 % at most) ``bench_links.py``
measures; both ratios are printed.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import subprocess
import sys
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
from common import REPO, median, pin_one_core, save, timed, verdict

# pages of another seed each worker extracts before the timed rounds: its per-word caches filled as in a long run
WORKER_WARM_PAGES = 60
REFERENCE = "20a16d1"  # main when issue 14 was filed (2026-12-06): its limit is >= 0.80x this revision's throughput


def run_aiscout(pages: list[bytes], urls: list[str]) -> None:
    from pipelines.extract.document import extract_document

    for html, url in zip(pages, urls):
        extract_document(html, url=url)


def profile_stages(pages: list[bytes], urls: list[str]) -> dict[str, float]:
    """Seconds per extraction stage over ``pages`` (the stages ``extract_document`` runs, timed one by one),
    and how many pages each text source produced."""
    import time
    from collections import Counter

    from pipelines.extract.decode import decode_input
    from pipelines.extract.html import extract_main
    from pipelines.extract.markup import parse_page, read_markup
    from pipelines.extract.pubdate import publication_dates, publisher_zone
    from pipelines.language.detection import detect_language
    from pipelines.parsers.amounts import find_amounts
    from pipelines.parsers.dates import find_dates
    from pipelines.parsers.organisations import find_organisations
    from pipelines.parsers.people import find_people
    from pipelines.parsers.programmes import find_programmes

    spent: Counter[str] = Counter()
    sources: Counter[str] = Counter()

    def lap(stage: str, start: float) -> float:
        now = time.perf_counter()
        spent[stage] += now - start
        return now

    for html, url in zip(pages, urls):
        t = time.perf_counter()
        text = decode_input(html).text
        t = lap("decode", t)
        root = parse_page(text)
        markup = read_markup(root)
        t = lap("parse (lxml) + markup", t)
        main = extract_main(root, markup, html=text)
        sources[main.source] += 1
        t = lap("main text (lxml + bs4 blocks)", t)
        lang = detect_language(main.text, main.html_lang) or "en"
        t = lap("language", t)
        zone = publisher_zone(url, lang)
        publication_dates(root, markup, container=main.container, text=main.text, url=url, zone=zone)
        t = lap("publication date", t)
        for finder in (find_amounts, find_dates, find_organisations, find_programmes, find_people):
            finder(main.text, lang)
        lap("parsers", t)
    return {**{k: round(v, 3) for k, v in spent.items()}, **{f"text_source={k}": n for k, n in sources.items()}}


def run_floor(pages: list[bytes], urls: list[str]) -> None:
    import lxml.html

    for html in pages:
        lxml.html.fromstring(html)


def run_peer(pages: list[bytes], urls: list[str]) -> None:
    import dateparser.search
    import langdetect
    import trafilatura

    for html in pages:
        text = trafilatura.extract(html) or ""
        try:
            lang = langdetect.detect(text)
        except Exception:
            lang = "en"
        dateparser.search.search_dates(text, languages=[lang])


@contextmanager
def checkout(rev: str):
    """A folder holding the code of ``rev``: the folder itself when ``rev`` is one, else a temporary git worktree."""
    if Path(rev).is_dir():
        yield Path(rev).resolve()
        return
    with tempfile.TemporaryDirectory(prefix="aiscout-ref-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(tree), rev], check=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)


def compare(rounds: list[list[corpus.Page]], warm: list[corpus.Page], rev: str) -> dict:
    """Median CPU seconds per round of our ``extract_document`` and ``rev``'s, each in a worker, on the same pages."""
    with tempfile.TemporaryDirectory() as tmp, checkout(rev) as tree:
        pages = Path(tmp) / "pages.pickle"
        pages.write_bytes(
            pickle.dumps(([(p.html, p.url) for p in warm], [[(p.html, p.url) for p in b] for b in rounds]))
        )
        workers = {}
        for name, code in (("aiscout", REPO), ("aiscout_unlinked", REPO), ("against", tree)):
            env = {"PYTHONPATH": str(code), "AISCOUT_DATA_DIR": str(code / "data"), "PATH": "/usr/bin:/bin"}
            workers[name] = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("extract_worker.py")), str(pages), *name.split("_")[1:]],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                cwd=code,
                env=env,
            )

        def ask(name: str, command: str) -> float:
            worker = workers[name]
            assert worker.stdin and worker.stdout
            worker.stdin.write(command + "\n")
            worker.stdin.flush()
            reply = worker.stdout.readline()
            if not reply:
                raise RuntimeError(f"the {name} extraction worker stopped (code {worker.wait()})")
            return float(reply.split()[0])

        cpu: dict[str, list[float]] = {"aiscout": [], "aiscout_unlinked": [], "against": []}
        for name in cpu:
            ask(name, "warm")
        for r in range(len(rounds)):  # each worker sees each page once, in turns whose order changes every round
            for name in list(cpu)[r % 3 :] + list(cpu)[: r % 3]:
                cpu[name].append(ask(name, str(r)))
        for worker in workers.values():
            assert worker.stdin
            worker.stdin.close()
            worker.wait()
    theirs = median(cpu["against"])
    return {
        "revision": rev,
        "cpu_s": {name: [round(x, 3) for x in values] for name, values in cpu.items()},
        "ratio": round(theirs / median(cpu["aiscout"]), 3),
        "ratio_unlinked": round(theirs / median(cpu["aiscout_unlinked"]), 3),
    }


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description="extraction throughput on one core")
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument(
        "--peer-pages", type=int, default=None, help="pages for the (slow) peer baseline; default: same as --pages"
    )
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--only", choices=("aiscout", "floor", "peer"), action="append")
    ap.add_argument("--against", metavar="REV", help=f"also time this git revision or checkout (issue 14: {REFERENCE})")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    pin_one_core()
    warm = 4
    pages = corpus.generate(args.pages * args.runs + warm, args.seed)
    rounds = [pages[r * args.pages : (r + 1) * args.pages] for r in range(args.runs)]
    n_peer = min(args.peer_pages or args.pages, args.pages)
    which = args.only or ["aiscout", "floor", "peer"]
    runners = {"aiscout": (run_aiscout, args.pages), "floor": (run_floor, args.pages), "peer": (run_peer, n_peer)}
    # warm-up on pages of their own: imports, language profiles, lexicons and regexes compiled once per process
    for name in which:
        runners[name][0]([p.html for p in pages[-warm:]], [p.url for p in pages[-warm:]])
    times: dict[str, list[float]] = {name: [] for name in which}
    sizes: dict[str, list[float]] = {name: [] for name in which}
    for batch in rounds:
        for name in which:
            fn, n = runners[name]
            html, urls = [p.html for p in batch[:n]], [p.url for p in batch[:n]]
            gc.collect()
            times[name].append(timed(lambda fn=fn, html=html, urls=urls: fn(html, urls)))
            sizes[name].append(sum(map(len, html)) / 1e6)
    mb = median([sum(len(p.html) for p in batch) / 1e6 for batch in rounds])
    result: dict = {"pages": args.pages, "peer_pages": n_peer, "mb": round(mb, 2), "runs": args.runs, "methods": {}}
    print(
        f"extraction, one core: {args.pages} new pages per run, {mb:.1f} MB ({mb * 1e3 / args.pages:.0f} KB/page), "
        f"median of {args.runs} runs"
    )
    for name in which:
        n = runners[name][1]
        t = median(times[name])
        rate = median([n / x for x in times[name]])
        mb_rate = median([size / x for size, x in zip(sizes[name], times[name])])
        result["methods"][name] = {
            "seconds": round(t, 3),
            "pages_per_s": round(rate, 1),
            "mb_per_s": round(mb_rate, 2),
            "runs_s": [round(x, 3) for x in times[name]],
        }
        print(
            f"  {name:8s} {rate:9.1f} pages/s {mb_rate:7.2f} MB/s   ({n} pages, runs {', '.join(f'{x:.2f}s' for x in times[name])})"
        )
    m = result["methods"]
    if "aiscout" in m and "peer" in m:
        r = m["aiscout"]["pages_per_s"] / m["peer"]["pages_per_s"]
        result["vs_peer"] = round(r, 2)
        print(f"  aiscout / peer  = {r:6.2f}x   (target >= 3x: {verdict(r >= 3)})")
    if "aiscout" in m and "floor" in m:
        r = m["aiscout"]["pages_per_s"] / m["floor"]["pages_per_s"]
        result["vs_floor"] = round(r, 3)
        print(f"  aiscout / floor = {r:6.3f}    (target >= 0.333: {verdict(r >= 1 / 3)})")
    if args.against:
        try:
            result["against"] = cmp = compare(rounds, corpus.generate(WORKER_WARM_PAGES, args.seed + 1), args.against)
        except (OSError, subprocess.CalledProcessError, RuntimeError) as exc:
            print(f"  against {args.against}: not measured ({exc})")
        else:
            limit = (
                f"   (issue 14: >= 0.80x: {verdict(cmp['ratio_unlinked'] >= 0.8)})" if args.against == REFERENCE else ""
            )
            cpu = {name: median(values) for name, values in cmp["cpu_s"].items()}
            print(
                f"  aiscout / {args.against} on the same pages, median CPU s per run: {cmp['ratio']:.3f}x all stages "
                f"({cpu['aiscout']:.2f} vs {cpu['against']:.2f} s), {cmp['ratio_unlinked']:.3f}x without the funding "
                f"linker ({cpu['aiscout_unlinked']:.2f} s){limit}"
            )
    if "aiscout" in which:
        batch = rounds[0]
        profile = profile_stages([p.html for p in batch], [p.url for p in batch])
        result["profile_s"] = profile
        total = sum(v for k, v in profile.items() if not k.startswith("text_source"))
        print(f"  aiscout per stage ({args.pages} pages, {total:.2f}s):")
        for stage, value in profile.items():
            share = "" if stage.startswith("text_source") else f"{value:7.2f}s {100 * value / total:5.1f}%"
            print(f"    {stage:32s} {share or value}")
    save("extract", result)
    return result


if __name__ == "__main__":
    main()
