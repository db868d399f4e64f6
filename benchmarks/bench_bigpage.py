"""`aiscout extract` of one very large, text-dense page (issue 18): wall time and peak RSS per size.

``bigpage_html(size, lang)`` writes one press page of about ``size`` bytes: the chrome of the benchmark
corpus (head with JSON-LD, mega menu, cookie banner, footer) around one ``<article>`` holding thousands
of paragraphs, sub-headings and lists of sv/de/nl press text with amounts, dates, organisations and
programmes (the templates and gazetteer names of ``corpus.py``). Deterministic from the seed.

Each size is extracted by ``aiscout -q extract FILE`` in a child process; wall time is measured around
it and peak RSS is the child's ``ru_maxrss`` (``os.wait4``).

    python benchmarks/bench_bigpage.py --sizes 1 5 20 --lang sv
    python benchmarks/bench_bigpage.py --write /tmp/big.html --sizes 5   # only write the page
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
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
            items = "".join(
                f"<li>{corpus._esc(corpus._fill(rng, lang, '{org}: {amt}', year))}</li>" for _ in range(5)
            )
            chunk = f"<ul>{items}</ul>\n"
        else:
            chunk = f"<p>{corpus._esc(corpus._fill(rng, lang, rng.choice(voc['para']), year))}</p>\n"
        parts.append(chunk)
        used += len(chunk.encode())
    parts.append(tail)
    return "".join(parts)


def measure(path: Path, extra: list[str] | None = None) -> dict[str, float | int]:
    """Wall seconds, peak RSS (MB) and exit code of ``aiscout -q extract PATH`` in a child process."""
    cmd = [str(REPO / ".venv" / "bin" / "aiscout"), "-q", "extract", *(extra or []), str(path)]
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
    return {
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": os.waitstatus_to_exitcode(status),
        "stderr": err[-300:],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20], help="page sizes in MB")
    ap.add_argument("--lang", default="sv", choices=sorted(corpus.L))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--write", type=Path, help="only write the page of the first size to this file")
    ap.add_argument("--label", default="", help="a name for this run in the results file")
    args = ap.parse_args(argv)
    if args.write:
        args.write.write_text(bigpage_html(int(args.sizes[0] * MB), args.lang, args.seed), encoding="utf-8")
        return 0
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            page = Path(tmp) / f"big-{size:g}mb.html"
            page.write_text(bigpage_html(int(size * MB), args.lang, args.seed), encoding="utf-8")
            row = {"size_mb": round(page.stat().st_size / MB, 2), "lang": args.lang, **measure(page)}
            row["load_avg_1m"] = round(os.getloadavg()[0], 2)
            print(row, flush=True)
            results.append(row)
    save("bigpage" + (f"-{args.label}" if args.label else ""), {"runs": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
