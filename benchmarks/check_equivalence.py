"""Checks that the fast extraction path gives exactly what the whole-page BeautifulSoup path gives.

Compares, page by page, ``pipelines.extract._main_and_dates`` (lxml parse, bs4 on the container)
with ``content.extract_main(content.parse_html(html))`` + ``metadata.find_publication_dates``
on the benchmark corpus, the demo snapshot and any extra HTML files given.

    python benchmarks/check_equivalence.py --pages 300 [extra.html ...]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO  # noqa: E402

import corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from pipelines import content, metadata
    from pipelines.extract import _main_and_dates, decode_input
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    items = [(p.url, p.html) for p in corpus.generate(args.pages)]
    files = sorted((REPO / "data" / "snapshots").rglob("*.html")) + sorted((REPO / "tests").rglob("*.html")) + args.files
    items += [(str(f), f.read_bytes()) for f in files]
    bad = 0
    for name, raw in items:
        try:
            text, is_html = decode_input(raw)
        except ValueError:
            continue
        if not is_html:
            continue
        soup = content.parse_html(text)
        expected = (content.extract_main(soup), metadata.find_publication_dates(content.parse_html(text)))
        got = _main_and_dates(text)
        if got != expected:
            bad += 1
            print(f"DIFFERS: {name}\n  expected {expected!r:.600}\n  got      {got!r:.600}")
    print(f"{len(items)} pages compared, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
