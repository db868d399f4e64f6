"""Main-content extraction: the article (title, lead, body) without page chrome.

One implementation, on the lxml tree (``markup.parse_page``): elements that never hold text go;
chrome (navigation, banners, cookie/sidebar/share/related boxes, footers, page-level headers and
forms) goes unless it wraps the article (a body class "has-sidebar", an ASP.NET ``<form>`` around
the page: it holds the headline and a fair share of the text, or most of the text) or is a fact box set
among the article's paragraphs (``page_chrome``); lists of teaser cards go; then the container is chosen — the source's own selector, else an ``<article>``,
``<main>``/``[role=main]``, a content-like id/class holding a fair share of the text, else the block
holding most paragraph text (with its sibling blocks, and a lead standing between it and the headline).
Related-items, press-contact and downloads sections, link lists, chrome lines and image credits inside it
are removed (``boilerplate``), and BeautifulSoup turns it into text blocks (``blocks``); a rubric over the
headline, a dated byline and news agencies' tags leave the article's edges (``edges``).
When that leaves hardly any text, JSON-LD ``articleBody`` and then trafilatura (``fallback``) get their
chance. ``MainContent.source`` says which path produced the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from pipelines.extract.blocks import fold_spaces, text_blocks
from pipelines.extract.boilerplate import is_chrome_block, remove_sections, without_credit
from pipelines.extract.edges import trim_edges
from pipelines.extract.markup import PageMarkup, ld_types
from pipelines.extract.page_chrome import CONTENT, TEXT_LEN, attached, in_chrome, own_text_len, strip_chrome
from pipelines.extract.pubdate import is_dateline
from pipelines.text_keys import identity_key

# Elements that never hold article text.
_DATELINE_EDGE = 6  # blocks at each end of the article that may be its dateline
_NEVER_TEXT = (
    *("script", "style", "noscript", "template", "svg", "iframe", "button", "select", "input", "textarea"),
    *("link", "meta", "dialog", "object", "canvas"),
)
_CONTAINER_SHARE = 0.3  # an <article>/<main> is the container only when it holds this share
_CARD_GROUP = 3  # this many sibling <article>s are a list of teaser cards
_WEAK_TEXT = 150  # below this many characters of body text (title excluded), other sources are tried
_SIBLING_SHARE = 0.3  # a sibling block with this share of the densest block's text is part of the article
_OWN_TEXT = 100  # a page with this much text besides its teaser cards is not a list page
_LEAD_CHARS = 40  # a lead paragraph after the headline has at least this much text of its own
_LEAD_SKIP = 100  # ... and only lines this short (byline, date) stand between them
_LEAD_PARAGRAPHS = 2  # a lead is a paragraph or two
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


@dataclass(frozen=True, slots=True)
class MainContent:
    """The article title, its text, the page's declared language and which path produced the text."""

    title: str | None
    text: str
    html_lang: str | None
    source: str = "generic"  # selector, json-ld, generic or fallback (the documents.text_source column)
    datelines: tuple[str, ...] = ()  # date-only lines taken out of the text ("Publicerad: 2020-11-23")
    container: etree._Element | None = field(default=None, compare=False, repr=False)


def extract_main(
    root: etree._Element, markup: PageMarkup, *, html: str | bytes | None = None, selector: str | None = None
) -> MainContent:
    """Title, main text and language of a parsed page (mutates ``root``: chrome removed).

    ``selector``: the source's CSS selector of the article body (from the crawl registry);
    ``html``: the page itself, for the trafilatura fallback when little text is found."""
    # one walk finds the headlines (read on the page as it is) and the elements that never hold text
    found = [el for el in root.iter("h1", *_NEVER_TEXT) if el.tag == "h1" or el.getparent() is not None]
    h1s = [(_text(h), in_chrome(h)) for h in found if h.tag == "h1"]
    for el in found:
        if el.tag != "h1":
            el.drop_tree()
    strip_chrome(root)
    page_text = own_text_len(next(root.iter("body"), root))  # the page's own text after chrome removal
    page_text -= _drop_card_lists(root, page_text)
    title = _title(root, h1s, markup)
    container, source = _selected(root, selector), "selector"
    if container is None:
        container, source = _container(root, page_text), "generic"
    blocks: list[str] = []
    if container is not None:
        remove_sections(container, own_text_len)
        _drop_link_lists(container)
        blocks = [without_credit(b) for b in text_blocks(container) if not is_chrome_block(b)]
        if source == "generic":
            blocks = [*(b for b in _standfirst(root, container) if b not in blocks), *blocks]
    ld = _ld_body(markup)
    # without a JSON-LD body, only whether the text is weak matters: its length is counted up to that mark
    if (body_len := _body_len(blocks, title, None if ld else _WEAK_TEXT)) < _WEAK_TEXT:
        for alt_source, alternative in (("json-ld", lambda: ld), ("fallback", lambda: _fallback(html))):
            if _body_len(alt := alternative(), title) > body_len * 1.5 + 20:
                blocks, source = alt, alt_source
                break
    elif ld and _body_len(ld, title) > 2 * body_len:
        blocks, source = ld, "json-ld"
    blocks, bylines = trim_edges(blocks, title)
    # a dateline heads or ends an article: only the blocks at its edges are read as one (linear on long pages)
    edges = blocks if len(blocks) <= 2 * _DATELINE_EDGE else blocks[:_DATELINE_EDGE] + blocks[-_DATELINE_EDGE:]
    datelines = tuple(b for b in edges if is_dateline(b))
    blocks = [b for b in blocks if b not in datelines]
    datelines += tuple(b for b in bylines if b not in datelines)
    if title and not any(identity_key(b) == identity_key(title) for b in blocks[:3]):
        blocks = [title, *blocks]
    return MainContent(title, "\n\n".join(blocks), markup.html_lang, source, datelines, container)


def _standfirst(root: etree._Element, container: etree._Element) -> list[str]:
    """The lead between the headline and the chosen container when the container holds neither (a page's head
    block with headline and lead beside the body's block): blocks of paragraphs only, over short lines (byline,
    date, share bar); a longer block of another kind between them, or more than a lead's few paragraphs: no lead."""
    h1 = next((h for h in root.iter("h1") if _text(h)), None)
    if h1 is None or attached(h1, container):
        return []
    lead: list[str] = []
    node = container
    while (parent := node.getparent()) is not None and node.tag != "body":
        for sibling in node.itersiblings(preceding=True):
            if sibling is h1 or attached(h1, sibling):  # the head block: what follows the headline in it
                found = _after_headline(h1, sibling)
                return [*found, *lead] if found is not None and len(found) + len(lead) <= _LEAD_PARAGRAPHS else []
            if (texts := _lead_texts(sibling)) is not None:
                lead = [*texts, *lead]
            elif TEXT_LEN(sibling) > _LEAD_SKIP:
                return []
        node = parent
    return []


def _after_headline(h1: etree._Element, head: etree._Element) -> list[str] | None:
    """Lead paragraphs after the headline inside its head block (None: a longer block of another kind follows)."""
    found: list[str] = []
    node = h1
    while node is not head and (parent := node.getparent()) is not None:
        for sibling in node.itersiblings():
            if (texts := _lead_texts(sibling)) is not None:
                found += texts
            elif TEXT_LEN(sibling) > _LEAD_SKIP:
                return None
        node = parent
    return found


def _lead_texts(el: etree._Element) -> list[str] | None:
    """The paragraphs of a block made of nothing else (a <p>, or a wrapper of <p>s) with text enough for a lead."""
    paragraphs = [el] if el.tag == "p" else [p for p in el if p.tag == "p"]
    if not paragraphs or own_text_len(el) < _LEAD_CHARS or TEXT_LEN(el) != sum(map(TEXT_LEN, paragraphs)):
        return None
    return [_text(p) for p in paragraphs]


def _body_len(blocks: list[str], title: str | None, enough: int | None = None) -> int:
    """Characters of the blocks besides the headline; with ``enough``, counted only until they reach it (each
    block's key is compared with the headline's only while the count goes on)."""
    if not title:
        return sum(map(len, blocks))
    key = identity_key(title)
    count = 0
    for block in blocks:
        if identity_key(block) != key:
            count += len(block)
            if enough is not None and count >= enough:
                break
    return count


def _title(root: etree._Element, h1s: list[tuple[str, bool]], markup: PageMarkup) -> str | None:
    """The headline: the first <h1> left after chrome removal, else one outside chrome, else og:title,
    else <title> without the site suffix."""
    for h1 in root.iter("h1"):
        if text := _text(h1):
            return text
    if first := next((t for t, chrome in h1s if t and not chrome), None):
        return first
    if og := markup.meta.get("og:title"):
        return fold_spaces(og).strip() or None
    for title in root.iter("title"):
        text = fold_spaces(title.text_content()).strip()
        return _TITLE_SUFFIX.sub("", text) or None
    return None


def _drop_card_lists(root: etree._Element, page_text: int) -> int:
    """Drop lists of teaser cards (groups of sibling <article>s) when the page has text of its own besides;
    returns the characters of own text dropped."""
    cards = [a for a in root.iter("article") if _is_card(a) and not any(p.tag == "article" for p in a.iterancestors())]
    card_text = sum(own_text_len(c) for c in cards)
    if not cards or page_text - card_text < _OWN_TEXT:
        return 0
    for card in cards:
        card.drop_tree()
    return card_text


def _drop_link_lists(container: etree._Element) -> None:
    """Drop lists whose items are only links (tag lists, "more" lists, in-page navigation): three or more items."""
    for lst in [el for el in container.iter("ul", "ol") if el is not container]:
        items = [li for li in lst if li.tag == "li"]
        if len(items) >= 3 and all(TEXT_LEN(li) and own_text_len(li) <= 0.1 * TEXT_LEN(li) for li in items):
            lst.drop_tree()


def _selected(root: etree._Element, selector: str | None) -> etree._Element | None:
    if not selector:
        return None
    try:
        found = [el for el in root.cssselect(selector) if own_text_len(el) > 0]
    except Exception:  # cssselect raises its own SelectorError subclasses; a bad selector means "none"
        return None
    return max(found, key=own_text_len, default=None)


def _container(root: etree._Element, page_text: int) -> etree._Element | None:
    total = page_text or 1
    articles = [a for a in root.iter("article") if not _is_card(a)]
    for group in (articles, [*root.iter("main"), *root.xpath("//*[@role='main']")]):
        sized = [(own_text_len(el), el) for el in group]
        best = max(sized, key=lambda ne: ne[0], default=None)
        if best is not None and best[0] >= _CONTAINER_SHARE * total:
            return best[1]
    candidates = [
        t for t in root.iter("div", "section") if CONTENT.search(" ".join([t.get("id") or "", t.get("class") or ""]))
    ]
    sized = [(own_text_len(el), el) for el in candidates]
    best = max(sized, key=lambda ne: ne[0], default=None)
    if best is not None and best[0] >= _CONTAINER_SHARE * total:
        return _with_siblings(best[1])
    scored = [(_paragraph_len(el), el) for el in root.iter("div", "section", "td", "body")]
    best = max(scored, key=lambda ne: ne[0], default=None)
    return None if best is None else _with_siblings(best[1])


def _with_siblings(block: etree._Element) -> etree._Element:
    """The block, or the parent of it (above wrappers of a single child) when a sibling holds text of the
    article too (a lead, a body, a box of facts), or is another of the CMS's text fields of the same kind
    (same tag and class: SharePoint's ``ms-rtestate-field`` lead and body, AEM's ``cmp-text`` components)."""
    node = block
    while (parent := node.getparent()) is not None and parent.tag not in ("html", "body") and len(parent) == 1:
        node = parent
    parent = node.getparent()
    if parent is None or parent.tag == "html":
        return block
    least = _SIBLING_SHARE * own_text_len(block)
    dense = any(
        s is not node and isinstance(s.tag, str) and (own_text_len(s) >= least or _same_field(s, node)) for s in parent
    )
    return parent if dense else block


def _same_field(sibling: etree._Element, node: etree._Element) -> bool:
    """Both are text fields of one kind: same tag, same non-empty class, text right in each (paragraphs or
    loose lines, not only nested layout containers)."""
    kind = (node.get("class") or "").split()
    if not kind or sibling.tag != node.tag or (sibling.get("class") or "").split() != kind:
        return False
    return _direct_text(node) > 0 and _direct_text(sibling) > 0


def _direct_text(el: etree._Element) -> int:
    """Characters of text right in ``el``: its <p> children's own text and its loose text."""
    direct = sum(own_text_len(p) for p in el if p.tag == "p")
    return direct + len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)


def _is_card(article: etree._Element) -> bool:
    """One of a list of teaser cards: it has enough sibling <article>s, or sits in another <article>."""
    parent = article.getparent()
    if parent is not None and sum(1 for s in parent if s.tag == "article") >= _CARD_GROUP:
        return True
    return any(a.tag == "article" for a in article.iterancestors())


def _paragraph_len(el: etree._Element) -> int:
    """Text right in ``el``: its <p> children and its loose text (lines between <br>s), else a quarter of
    the text of all its paragraphs."""
    return _direct_text(el) or sum(own_text_len(p) for p in el.iter("p")) // 4


def _ld_body(markup: PageMarkup) -> list[str]:
    """Paragraphs of the longest JSON-LD ``articleBody`` (or ``text`` of an article-like node)."""
    bodies = [
        node.get("articleBody") or (node.get("text") if any("article" in t for t in ld_types(node)) else None)
        for node in markup.json_ld
    ]
    best = max((b for b in bodies if isinstance(b, str)), key=len, default="")
    if "<" in best and ">" in best:  # some CMSs put markup into articleBody
        best = lxml.html.fromstring(f"<div>{best}</div>").text_content() if best.strip() else ""
    return [p for p in (fold_spaces(line).strip() for line in re.split(r"\n\s*\n|\r?\n", best)) if p]


def _fallback(html: str | bytes | None) -> list[str]:
    """trafilatura's main text of the whole page (imported on first use: most pages never need it)."""
    if not html:
        return []
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True) or ""
    except Exception:  # trafilatura is a fallback: whatever it fails on, our own result stands
        return []
    return [b for b in (fold_spaces(line).strip() for line in text.splitlines()) if b and not is_chrome_block(b)]


def _text(el: etree._Element) -> str:
    return fold_spaces(" ".join(el.text_content().split())).strip()
