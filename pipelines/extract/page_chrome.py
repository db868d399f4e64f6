"""Page chrome: navigation, banners, cookie/sidebar/share/related boxes, footers, page-level headers and forms.

An element is chrome by its tag, role, hidden state or id/class words (a content-like id/class wins);
``strip_chrome`` drops it unless it wraps the article (around the headline with a fair share of the page's
own text, or most of the text) or is a fact box set among the article's paragraphs. ``own_text_len`` is the
measure of text used throughout the extraction stage: visible characters outside links.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

_CHROME_TAGS = frozenset(("nav", "footer", "aside", "form"))
_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"))
# id/class fragments that mark chrome (matched as whole words inside the attribute value).
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:cookie\w*|consent|gdpr|banner|breadcrumbs?|share|sharing|social|related|newsletter|footer|"
    r"site-?header|navbar|nav|menu|sidebar|skip(?:-?link)?|pagination|pager|comments?|print(?:icon)?|toolbar|modal|"
    r"popup|subscribe|advert\w*|promo|teaser-?list|more-news|latest-news|read-more|byline-box|tags?|keywords|"
    r"author-box)(?:$|[\s_-])",
    re.IGNORECASE,
)
CONTENT = re.compile(
    r"(?:^|[\s_-])(?:article|content|main|story|post|entry|news-?body|body-?text|"
    r"main-?column|text|rich-?text|bodytext|press-?release)(?:$|[\s_-])",
    re.IGNORECASE,
)
_PROTECT_SHARE = 0.6  # chrome-marked element kept when it holds this share of the page's own text
_WRAPPER_SHARE = 0.25  # ... or this share when it wraps the headline
_PROTECT_LEAST = 100  # ... and never less than a few lines
_FACT_OWN = 0.5  # a fact box is at least this share text of its own (a box of teaser links is not)
_FACT_PROSE = 200  # ... and its siblings hold this much paragraph text: it stands inside the article
TEXT_LEN = etree.XPath("string-length(normalize-space(.))")
# link texts as plain strings (no element proxy each; white space only strips to ""): the explicit axes ask libxml2
# for the nodes of ".//a//text()" at under half its cost
_LINK_TEXTS = etree.XPath("descendant::a/descendant::text()", smart_strings=False)
# Elements that may be chrome: one XPath (in C) keeps those with a chrome tag or an attribute that may mark chrome;
# ``_chrome_marked`` decides on these (faster than visiting every element from Python). A union of plain paths
# (document order, each element once): libxml2 runs it several times faster than one path with an or-predicate.
_CHROME_CANDIDATES = etree.XPath(
    " | ".join(
        [
            *(f"descendant::*/@{name}/.." for name in ("id", "class", "role", "aria-hidden", "hidden")),
            *(f"descendant::{tag}" for tag in ("nav", "footer", "aside", "form", "header")),
        ]
    )
)


def own_text_len(el: etree._Element) -> int:
    """Characters of visible text under ``el`` outside links (navigation is mostly links; articles are not)."""
    return int(TEXT_LEN(el)) - _link_text_len(el)


def _link_text_len(el: etree._Element) -> int:
    """Characters of the texts inside links below ``el``, each stripped (``own_text_len`` = all text minus these)."""
    return sum(map(len, map(str.strip, _LINK_TEXTS(el))))


def in_chrome(el: etree._Element) -> bool:
    """Whether an ancestor of ``el`` (below <body>) is chrome-marked."""
    return any(a.tag not in ("body", "html") and _chrome_marked(a) for a in el.iterancestors())


def _chrome_marked(el: etree._Element) -> bool:
    """Chrome by tag, role, hidden state or id/class (a content-like id/class wins)."""
    tag, get = el.tag, el.get
    if tag in _CHROME_TAGS or get("role") in _CHROME_ROLES or get("aria-hidden") == "true" or get("hidden") is not None:
        return True
    if tag == "header":  # a page header (logo, navigation); an article's header holds the headline
        in_article = any(a.tag in ("article", "main") for a in el.iterancestors())
        return not in_article and not (next(el.iter("h1"), None) is not None and next(el.iter("nav"), None) is None)
    return _chrome_ident(get("id"), get("class"))


@lru_cache(maxsize=4096)
def _chrome_ident(ident: str | None, classes: str | None) -> bool:
    """An id/class naming chrome: a token with a chrome word ("sidebar-content", "article-related") and no token
    that names only content ("content-area" beside "sidebar" marks a layout wrapper). Once per distinct pair of
    values: a page repeats its classes, and its menus and panels the same ones."""
    kinds = [_token_kind(t) for t in " ".join(v for v in (ident, classes) if v).split()]
    return any(chrome for chrome, _ in kinds) and not any(content and not chrome for chrome, content in kinds)


@lru_cache(maxsize=4096)
def _token_kind(token: str) -> tuple[bool, bool]:
    """Whether an id/class token holds a chrome word, and whether it holds a content word (once per distinct token:
    a page repeats its classes)."""
    return _CHROME.search(token) is not None, CONTENT.search(token) is not None


def strip_chrome(root: etree._Element) -> None:
    """Drop chrome-marked elements, except wrappers of the article: those around the headline (<h1>) that hold
    a fair share of the page's own text, and any holding most of it (never less than a few lines)."""
    body = next(root.iter("body"), root)
    total = own_text_len(body) or 1
    h1 = next(body.iter("h1"), None)
    # the elements themselves, not their id(): lxml proxies are recreated, and a freed one's id reused
    around_h1 = set() if h1 is None else set(h1.iterancestors())
    for el in [el for el in _CHROME_CANDIDATES(body) if _chrome_marked(el) and not _is_fact_box(el)]:
        if el.getparent() is None or not attached(el, body):
            continue
        limit = max((_WRAPPER_SHARE if el in around_h1 else _PROTECT_SHARE) * total, _PROTECT_LEAST)
        # all its text is an upper bound of its own text (measured once for both tests)
        if (text_len := int(TEXT_LEN(el))) < limit or text_len - _link_text_len(el) < limit:
            el.drop_tree()


def _is_fact_box(el: etree._Element) -> bool:
    """A box of facts or a quote set into the article's paragraphs: an <aside> (or complementary region) whose
    id/class names no chrome, mostly text of its own (not links) and standing among paragraphs of prose."""
    if not (el.tag == "aside" or el.get("role") == "complementary") or _chrome_ident(el.get("id"), el.get("class")):
        return False
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return False
    if (text_len := int(TEXT_LEN(el))) - _link_text_len(el) < _FACT_OWN * text_len:
        return False
    parent = el.getparent()
    return parent is not None and sum(own_text_len(p) for p in parent if p.tag == "p") >= _FACT_PROSE


def attached(el: etree._Element, root: etree._Element) -> bool:
    """Whether ``root`` is an ancestor of ``el`` (still in the tree under it)."""
    return any(a is root for a in el.iterancestors())
