"""Extraction worker for ``bench_extract.py --against``: times ``extract_document`` of whichever checkout is first on
``PYTHONPATH``, on rounds of pages the parent wrote to a pickle.

    python extract_worker.py PAGES.pickle [unlinked]

Protocol: one command per stdin line, a round index or ``warm``; one reply per line on stdout,
``<cpu seconds> <wall seconds>`` for the round. ``unlinked``: without the funding linker's stage, where the checkout has
one (issue 16's stage, with a limit of its own). A worker sees each page once: the per-word caches of a second pass over
the same pages would make it look faster than any real corpus. The parent pins itself to one core before starting the
worker, so the worker runs on that core too.
"""

from __future__ import annotations

import pickle
import sys
import time
import warnings


def main() -> None:
    from pipelines.extract import document
    from pipelines.extract.document import extract_document

    if "unlinked" in sys.argv[2:] and hasattr(document, "link_amounts"):  # the amounts as found, not linked
        document.link_amounts = lambda text, lang, amounts, *rest: amounts
    warnings.filterwarnings("ignore")
    with open(sys.argv[1], "rb") as fh:
        warm, rounds = pickle.load(fh)
    for line in sys.stdin:
        batch = warm if line.strip() == "warm" else rounds[int(line)]
        cpu, wall = time.process_time(), time.perf_counter()
        for html, url in batch:
            extract_document(html, url=url)
        print(f"{time.process_time() - cpu:.4f} {time.perf_counter() - wall:.4f}", flush=True)


if __name__ == "__main__":
    main()
