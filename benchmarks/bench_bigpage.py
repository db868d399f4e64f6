"""`aiscout extract` of one very large, text-dense page (issue 18): wall time and peak RSS per size.

``bigpage_html(size, lang)`` writes one press page of about ``size`` bytes: the chrome of the benchmark
corpus (head with JSON-LD, mega menu, cookie banner, footer) around one ``<article>`` holding thousands
of paragraphs, sub-headings and lists of sv/de/nl press text with amounts, dates, organisations and
programmes (the templates and gazetteer names of ``corpus.py``). Deterministic from the seed.

Each size is extracted by ``aiscout -q extract FILE`` in a child process; wall time is measured around it,
CPU time and RSS are sampled (psutil, every 50 ms) over the command and its extraction worker. CPU seconds
say more than wall seconds on a shared machine.

    python benchmarks/bench_bigpage.py --sizes 1 5 20 --lang sv
    python benchmarks/bench_bigpage.py --sizes 1 5 --no-budget-option --timeout 900   # code before issue 18
    python benchmarks/bench_bigpage.py --write /tmp/big.html --sizes 5   # only write the page
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
from common import REPO, save

MB = 1_000_000


def bigpage_html(size: int, lang: str = "sv", seed: int = 7) -> str:
    """One article page of about ``size`` bytes (UTF-8), nearly all of it article text in ``lang``."""
    rng = random.Random(seed)
    voc = corpus.L[lang]
    year = 2024
    title = corpus._fill(rng, lang, voc["title"][0], year)
    host = "bigpage.example.org"
    head = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{corpus._esc(title)} | {host}</title>\n"
        f'<meta property="article:published_time" content="{year}-03-14T08:30:00+01:00">\n'
        f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", '
        f'"datePublished": "{year}-03-14"}}</script>\n</head>\n<body>\n{corpus._nav(rng, voc, host)}\n'
        f'<div id="cookie-consent" class="cookie-banner" role="dialog"><p>{voc["cookie"]}</p></div>\n'
        f'<main id="main"><article class="news-article">\n<h1>{corpus._esc(title)}</h1>\n'
        f'<p class="ingress">{corpus._esc(corpus._fill(rng, lang, voc["lead"], year))}</p>\n'
    )
    tail = f"</article></main>\n{corpus._footer(rng, voc)}\n</body>\n</html>\n"
    parts = [head]
    used = len(head.encode()) + len(tail.encode())
    count = 0
    while used < size:
        count += 1
        if count % 25 == 0:
            chunk = f"<h2>{corpus._esc(corpus._fill(rng, lang, rng.choice(voc['title']), year))}</h2>\n"
        elif count % 40 == 0:
            items = "".join(f"<li>{corpus._esc(corpus._fill(rng, lang, '{org}: {amt}', year))}</li>" for _ in range(5))
            chunk = f"<ul>{items}</ul>\n"
        else:
            chunk = f"<p>{corpus._esc(corpus._fill(rng, lang, rng.choice(voc['para']), year))}</p>\n"
        parts.append(chunk)
        used += len(chunk.encode())
    parts.append(tail)
    return "".join(parts)


def measure(path: Path, timeout: float = 1800, budget_option: bool = True) -> dict[str, float | int | str]:
    """Wall seconds, CPU seconds and peak RSS (MB) of ``aiscout -q extract PATH``: the command and its
    extraction worker, sampled with psutil every 50 ms (peak of their summed RSS, and of the largest one).
    ``budget_option``: pass ``--budget`` (the code before issue 18's fix had none)."""
    import psutil

    cmd = [str(REPO / ".venv" / "bin" / "aiscout"), "-q", "extract", *(["--budget", str(timeout)] * budget_option)]
    started = time.perf_counter()
    peak_sum = peak_one = 0
    cpu: dict[int, float] = {}
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as err:
        proc = psutil.Popen([*cmd, str(path)], stdout=sink, stderr=err)
        while proc.poll() is None and time.perf_counter() - started < timeout:
            rss = []
            for p in [proc, *proc.children(recursive=True)]:
                try:
                    rss.append(p.memory_info().rss)
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    continue
            peak_sum, peak_one = max(peak_sum, sum(rss)), max(peak_one, max(rss, default=0))
            time.sleep(0.05)
        if proc.poll() is None:
            proc.kill()
        code = proc.wait()
        err.seek(0)
        stderr = err.read().decode(errors="replace").strip()
    return {
        "wall_s": round(time.perf_counter() - started, 1),
        "cpu_s": round(sum(cpu.values()), 1),
        "peak_rss_mb": round(peak_sum / 1e6),
        "peak_rss_largest_process_mb": round(peak_one / 1e6),
        "exit": code if time.perf_counter() - started < timeout else f"killed after {timeout:g} s",
        "stderr": stderr[-300:],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20], help="page sizes in MB")
    ap.add_argument("--lang", default="sv", choices=sorted(corpus.L))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--write", type=Path, help="only write the page of the first size to this file")
    ap.add_argument("--label", default="", help="a name for this run in the results file")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds after which a run is stopped")
    ap.add_argument("--no-budget-option", action="store_true", help="the code before issue 18's fix (no --budget)")
    args = ap.parse_args(argv)
    if args.write:
        args.write.write_text(bigpage_html(int(args.sizes[0] * MB), args.lang, args.seed), encoding="utf-8")
        return 0
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            page = Path(tmp) / f"big-{size:g}mb.html"
            page.write_text(bigpage_html(int(size * MB), args.lang, args.seed), encoding="utf-8")
            row = {
                "size_mb": round(page.stat().st_size / MB, 2),
                "lang": args.lang,
                **measure(page, args.timeout, not args.no_budget_option),
            }
            row["load_avg_1m"] = round(os.getloadavg()[0], 2)
            print(row, flush=True)
            results.append(row)
    save("bigpage" + (f"-{args.label}" if args.label else ""), {"runs": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
