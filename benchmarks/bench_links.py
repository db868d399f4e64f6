"""What the funding linker adds to extraction time per page (issue 16: at most 20 %).

On the same generated pages as ``bench_extract.py`` (``benchmarks/corpus.py``), per round of new pages:
``extract_document`` as shipped (linker included), then ``link_amounts`` alone on the documents it
produced (same text, amounts, entities and dates). Added share = linker time / (extraction time -
linker time), medians of ``--runs``.

    python benchmarks/bench_links.py --pages 100 --runs 3
"""

from __future__ import annotations

import argparse
import gc
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
from common import median, pin_one_core, save, timed, verdict

LIMIT = 0.20


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description="share of extraction time spent linking amounts")
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    pin_one_core()
    from pipelines.extract.document import extract_document
    from pipelines.links import link_amounts

    warm = 4
    pages = corpus.generate(args.pages * args.runs + warm, args.seed)
    for p in pages[-warm:]:
        extract_document(p.html, url=p.url)
    extract_s, link_s = [], []
    for r in range(args.runs):
        batch = pages[r * args.pages : (r + 1) * args.pages]
        docs: list = []
        gc.collect()
        extract_s.append(timed(lambda b=batch, out=docs: out.extend(extract_document(p.html, url=p.url) for p in b)))

        def link_all(ds=docs) -> None:
            for d in ds:
                lang = d.language or "en"
                link_amounts(d.text, lang, d.amounts, d.organisations, d.programmes, d.dates)

        gc.collect()
        link_s.append(timed(link_all))
    shares = [lk / (ex - lk) for ex, lk in zip(extract_s, link_s)]
    share = median(shares)
    result = {
        "pages": args.pages,
        "runs": args.runs,
        "extract_s": [round(x, 3) for x in extract_s],
        "link_s": [round(x, 3) for x in link_s],
        "added_share": round(share, 4),
        "limit": LIMIT,
    }
    print(
        f"linking: {median(link_s) / args.pages * 1e3:.2f} ms/page, extraction without it "
        f"{median([e - lk for e, lk in zip(extract_s, link_s)]) / args.pages * 1e3:.1f} ms/page: "
        f"+{share:.1%} (limit {LIMIT:.0%}) {verdict(share <= LIMIT)}"
    )
    save("links", result)
    return result


if __name__ == "__main__":
    main()
