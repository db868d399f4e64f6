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
import corpus
from common import REPO

# Hand-written edge cases for the rules the fast path re-implements on the lxml tree.
EDGE_PAGES = [
    "<html><body><div role='main'><h1>Rubrik <!-- c --> här</h1><p>Text om AI och mer text här.</p></div></body></html>",
    "<html lang='nl_NL'><head><title>Titel | Site</title></head><body class='nav-open'><p>Alleen tekst.</p></body></html>",
    "<html><head><meta property='og:title' content='  OG  titel '></head><body><section class='story'><p>Ein Satz.<br>Zweite Zeile</p>"
    "<figure><img src=x><figcaption>Bild</figcaption></figure><template><p>T</p></template></section></body></html>",
    "<html><body><header><h1>Site</h1></header><main><header><h1>Artikel<br>Teil 2</h1><time datetime='2020-01-02'>2 jan</time></header>"
    "<p hidden>Versteckt</p><p aria-hidden='true'>x</p><div class='share'>Dela</div><p>Brödtext <script>var a=1</script>efter.</p>"
    "<!-- kommentar --> lös text <span>inline</span> mer<br>text</main></body></html>",
    "<html><body><article></article><article><p>Kort.</p></article><article><p>Längre text i artikeln.</p></article></body></html>",
    "<html><body><div><div><p>Första stycket om projektet.</p><p>Andra stycket.</p></div></div><div class='footer-links'><p>K</p></div></body></html>",
    "<html><body><nav><h1>Meny</h1></nav><div id='content'><h2>Rubrik</h2><p>Innehåll &amp; mer &lt;text&gt;.</p></div>"
    '<script type=\'application/ld+json\'>{"@graph": [{"datePublished": "2021-05-06"}]}</script></body></html>',
    "<html><body><p>Publicerad: 3 mars 2022</p><p>Bara text utan behållare men med datumrad.</p></body></html>",
    "<html><head><meta name='date' content='23.11.2020'></head><body><main><p>Kurz.</p><p>Noch ein Absatz.</p></main></body></html>",
    "<html><body><table role='main'><tr><td>Cell ett</td><td>Cell två</td></tr></table></body></html>",
    "<html><body><dialog><p>Cookie</p></dialog><main class='content'><ul><li>Ett</li><li><p>Två</p></li></ul>"
    "<blockquote><p>Citat, säger Anna Berg, rektor.</p></blockquote><time class='updated' datetime='2023-01-01'>u</time></main></body></html>",
]


def main(argv: list[str] | None = None) -> int:
    from pipelines.extract import html as content
    from pipelines.extract import pubdate as metadata
    from pipelines.extract.decode import decode_input
    from pipelines.extract.document import _main_and_dates

    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    items = [(p.url, p.html) for p in corpus.generate(args.pages)]
    files = (
        sorted((REPO / "data" / "snapshots").rglob("*.html")) + sorted((REPO / "tests").rglob("*.html")) + args.files
    )
    items += [(str(f), f.read_bytes()) for f in files]
    items += [(f"edge-{i}", page.encode()) for i, page in enumerate(EDGE_PAGES)]
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
