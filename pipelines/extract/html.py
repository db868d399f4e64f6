"""Main-content extraction: the article (title, lead, body) without page chrome.

BeautifulSoup on the lxml parser. The page is cleaned of scripts and of chrome (navigation,
cookie banners, footers, "related news" boxes, share buttons), then the article container is
chosen (``<article>``, ``<main>``, ``[role=main]``, a content-like id/class, else the element
holding most paragraph text) and its blocks are joined with blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from pipelines.text_keys import identity_key

# Elements that never hold article text.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "button",
    "select",
    "input",
    "nav",
    "footer",
    "aside",
    "dialog",
    "figure > img",
    "link",
    "meta",
)
# id/class fragments that mark chrome (matched as whole words inside the attribute value).
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:cookie\w*|consent|gdpr|banner|breadcrumbs?|share|sharing|social|related|"
    r"newsletter|footer|site-?header|navbar|nav|menu|sidebar|skip(?:-?link)?|pagination|pager|"
    r"comments?|print(?:icon)?|toolbar|modal|popup|subscribe|advert\w*|promo|teaser-?list|"
    r"more-news|latest-news|read-more|byline-box)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT = re.compile(
    r"(?:^|[\s_-])(?:article|content|main|story|post|entry|news-?body|body-?text|"
    r"main-?column|text)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCKS = (
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "figcaption",
    "td",
    "th",
    "address",
)
_INLINE = frozenset(
    (
        "a",
        "span",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "small",
        "sup",
        "sub",
        "time",
        "abbr",
        "cite",
        "q",
        "mark",
        "code",
        "s",
        "del",
        "ins",
        "label",
        "font",
        "bdi",
        "data",
    )
)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")


@dataclass(frozen=True, slots=True)
class MainContent:
    """What the extractor found: the article title, its text and the page's declared language."""

    title: str | None
    text: str
    html_lang: str | None


def parse_html(html: str | bytes) -> BeautifulSoup:
    """Parse a whole page with the lxml parser."""
    return BeautifulSoup(html, "lxml")


def extract_main(soup: BeautifulSoup) -> MainContent:
    """Title, main text and ``<html lang>`` of a parsed page. Mutates ``soup`` (chrome removed)."""
    html_lang = _html_lang(soup)
    title = _title(soup)
    _strip_chrome(soup)
    return _assemble(title, _container(soup), html_lang)


def _assemble(title: str | None, container: Tag | None, html_lang: str | None) -> MainContent:
    """The container's text blocks, headed by the title unless its own <h1> already is the title."""
    blocks = _blocks(container) if container is not None else []
    if title and (not blocks or identity_key(blocks[0]) != identity_key(title)):
        h1 = container.find("h1") if container is not None else None
        if h1 is None or identity_key(_text(h1)) != identity_key(title):
            blocks.insert(0, title)
    return MainContent(title=title, text="\n\n".join(blocks), html_lang=html_lang)


def _lang_code(value: object) -> str | None:
    """ "sv-SE" / "de_DE" -> "sv" / "de"; None for a missing or empty value."""
    if not value:
        return None
    return str(value).strip().split("-")[0].split("_")[0].lower() or None


def _html_lang(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    return _lang_code(html.get("lang")) if isinstance(html, Tag) else None


def _title(soup: BeautifulSoup) -> str | None:
    """The headline: first <h1> in the page, else og:title, else <title> without the site suffix."""
    for h1 in soup.find_all("h1"):
        if not _is_chrome(h1) and (text := _text(h1)):
            return text
    og = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(og, Tag) and og.get("content"):
        return _SPACE.sub(" ", str(og["content"])).strip()
    if soup.title and soup.title.string:
        return _TITLE_SUFFIX.sub("", _SPACE.sub(" ", soup.title.string).strip()) or None
    return None


def _is_chrome(tag: Tag) -> bool:
    for parent in (tag, *tag.parents):
        if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
            break
        if parent.name in ("nav", "footer", "aside") or _chrome_attrs(parent):
            return True
    return False


def _chrome_attrs(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    role = tag.get("role")
    if role in ("navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"):
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    ident = " ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])
    return bool(ident.strip()) and _CHROME.search(ident) is not None and _CONTENT.search(ident) is None


def _strip_chrome(soup: BeautifulSoup) -> None:
    for el in soup.select(",".join(_DROP_TAGS)):
        el.decompose()
    # A page-level <header> is chrome; a <header> inside an article holds the headline.
    for header in soup.find_all("header"):
        if header.find_parent(["article", "main"]) is None:
            header.decompose()
    for el in soup.find_all(_chrome_attrs):
        if not el.decomposed:
            el.decompose()


def _container(soup: BeautifulSoup) -> Tag | None:
    for selector in ("article", "main", "[role=main]"):
        found = [t for t in soup.select(selector) if _text_len(t) > 0]
        if found:
            return max(found, key=_text_len)
    candidates = [
        t
        for t in soup.find_all(["div", "section"])
        if _CONTENT.search(" ".join([str(t.get("id") or ""), *(t.get("class") or [])]))
    ]
    if candidates:
        return max(candidates, key=_text_len)
    best = max(soup.find_all(["div", "section", "body"]), key=_paragraph_len, default=None)
    return best if best is not None else soup.body


def _text_len(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _paragraph_len(tag: Tag) -> int:
    return (
        sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p", recursive=False))
        or sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p")) // 4
    )


def _blocks(container: Tag) -> list[str]:
    """Text blocks of the container in document order, in one pass.

    Block elements give one block each; runs of loose inline text (text directly inside a
    ``<div>``, or ``<span>``/``<a>`` between blocks) are kept as blocks of their own.
    """
    out: list[str] = []
    loose: list[str] = []
    with_br = {id(parent) for br in container.find_all("br") for parent in br.parents}  # elements holding a <br>

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(loose)).strip()
        if text:
            out.append(text)
        loose.clear()

    # Iterative walk (a stack of child iterators): deeply nested pages cannot hit the recursion limit.
    stack = [iter(container.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            flush()
        elif not isinstance(child, Tag):
            if isinstance(child, NavigableString) and not isinstance(child, Comment):
                loose.append(str(child))
        elif child.name in _BLOCKS:
            flush()
            if text := _text(child, id(child) in with_br):
                out.append(text)
        elif child.name in _INLINE:
            loose.append(child.get_text(""))
        elif child.name == "br":
            loose.append(" ")
        else:
            flush()
            stack.append(iter(child.children))
    return out


def _text(el: Tag, has_br: bool = True) -> str:
    """Visible text of an element, with <br> as line breaks and white space folded
    (``has_br`` False: the caller knows that the element holds no <br>)."""
    for br in el.find_all("br") if has_br else ():
        br.replace_with("\n")
    lines = (_SPACE.sub(" ", line).strip() for line in el.get_text("").split("\n"))
    return "\n".join(line for line in lines if line)


# ------------------------------------------------------------------------------------------------
# Fast path: one lxml parse of the whole page; chrome removal and the choice of the container are
# done on the lxml tree (C-speed traversal), and BeautifulSoup (lxml parser) runs only on the chosen
# container to produce the text blocks. Gives the same result as ``extract_main(parse_html(html))``
# (checked on the demo snapshot and the benchmark corpus by ``benchmarks/check_equivalence.py``).

import html as _htmlmod  # noqa: E402
from typing import Any  # noqa: E402

import lxml.html  # noqa: E402
from lxml import etree  # noqa: E402

_DROP_SET = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "form",
        "button",
        "select",
        "input",
        "nav",
        "footer",
        "aside",
        "dialog",
        "link",
        "meta",
    )
)
_NO_TEXT = frozenset(("script", "style", "template"))  # bs4 keeps their strings out of get_text()
_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"))
_STOP_PARENTS = frozenset(("body", "html"))
_LD_JSON = re.compile("ld\\+json", re.I)
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")
# One C traversal (``iter`` with tag names) that creates Python proxies only for the elements it
# returns, in document order like bs4's select/find_all (an XPath union would walk the tree once per tag).
_DROP_ITER_TAGS = tuple(sorted(_DROP_SET | {"img"}))  # <img> only inside <figure> ("figure > img")
_CHROME_ATTRS = frozenset(("id", "class", "role", "aria-hidden", "hidden"))
_ROLE_MAIN_XPATH = etree.XPath("//*[@role='main']")


def parse_lxml(html: str | bytes) -> etree._Element | None:
    """The page as an lxml tree (root ``<html>``), or None if lxml finds no document."""
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    try:
        return lxml.html.document_fromstring(data, parser=_UTF8_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _lx_strings(el: etree._Element, br: str | None = None) -> list[str]:
    """Text nodes under ``el`` as bs4's get_text() sees them (no comments, no script/style text);
    with ``br`` set, each ``<br>`` contributes that string. Iterative: no recursion limit."""
    out: list[str] = []
    if not isinstance(el.tag, str):
        return out
    if el.text and el.tag not in _NO_TEXT:
        out.append(el.text)
    stack: list[tuple[Any, etree._Element | None]] = [(iter(el), None)]
    while stack:
        it, owner = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
            if owner is not None and owner.tail:
                out.append(owner.tail)
        elif isinstance(child.tag, str):
            if br is not None and child.tag == "br":
                out.append(br)
            if child.text and child.tag not in _NO_TEXT:
                out.append(child.text)
            stack.append((iter(child), child))
        elif child.tail:
            out.append(child.tail)
    return out


def _lx_text_len(el: etree._Element) -> int:
    """``len(tag.get_text(" ", strip=True))``."""
    parts = [s for s in (t.strip() for t in _lx_strings(el)) if s]
    return sum(map(len, parts)) + max(len(parts) - 1, 0)


def _lx_text(el: etree._Element) -> str:
    """``_text`` on the lxml tree (without mutating it)."""
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(_lx_strings(el, "\n")).split("\n"))
    return "\n".join(line for line in lines if line)


def _lx_ident(el: etree._Element) -> str:
    return " ".join([el.get("id") or "", *(el.get("class") or "").split()])


def _lx_chrome_attrs(el: etree._Element) -> bool:
    if el.get("role") in _CHROME_ROLES:
        return True
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    ident = _lx_ident(el)
    return bool(ident.strip()) and _CHROME.search(ident) is not None and _CONTENT.search(ident) is None


def _lx_is_chrome(el: etree._Element) -> bool:
    node = el
    while node is not None:
        if node.tag in _STOP_PARENTS:
            break
        if node.tag in ("nav", "footer", "aside") or _lx_chrome_attrs(node):
            return True
        node = node.getparent()
    return False


def _lx_title(root: etree._Element) -> str | None:
    for h1 in root.iter("h1"):
        if not _lx_is_chrome(h1) and (text := _lx_text(h1)):
            return text
    for meta in root.iter("meta"):
        if meta.get("property") == "og:title":
            if meta.get("content"):
                return _SPACE.sub(" ", meta.get("content")).strip()
            break
    for title in root.iter("title"):
        if len(title) == 0 and title.text:
            return _TITLE_SUFFIX.sub("", _SPACE.sub(" ", title.text).strip()) or None
        break
    return None


def _lx_parent_tag(el: etree._Element) -> str | None:
    parent = el.getparent()
    return None if parent is None else parent.tag


def _lx_has_ancestor(el: etree._Element, names: tuple[str, ...]) -> bool:
    node = el.getparent()
    while node is not None:
        if node.tag in names:
            return True
        node = node.getparent()
    return False


def _lx_strip_chrome(root: etree._Element) -> None:
    for el in [el for el in root.iter(*_DROP_ITER_TAGS) if el.tag != "img" or _lx_parent_tag(el) == "figure"]:
        el.drop_tree()
    for header in list(root.iter("header")):
        if not _lx_has_ancestor(header, ("article", "main")):
            header.drop_tree()
    with_attrs = (el for el in root.iter(etree.Element) if not _CHROME_ATTRS.isdisjoint(el.keys()))
    for el in [el for el in with_attrs if _lx_chrome_attrs(el)]:
        if el.getparent() is not None:
            el.drop_tree()
        # the root itself (<html> marked as chrome) cannot be dropped: fall back to bs4
        else:
            raise FastPathUnsupported("root element is chrome")


def _lx_paragraph_len(el: etree._Element) -> int:
    return sum(_lx_text_len(p) for p in el if p.tag == "p") or sum(_lx_text_len(p) for p in el.iter("p")) // 4


def _lx_container(root: etree._Element) -> etree._Element | None:
    for elements in (root.iter("article"), root.iter("main"), _ROLE_MAIN_XPATH(root)):
        found = [(n, t) for t in elements if (n := _lx_text_len(t)) > 0]
        if found:
            return max(found, key=lambda nt: nt[0])[1]
    candidates = [t for t in root.iter("div", "section") if _CONTENT.search(_lx_ident(t))]
    if candidates:
        return max(candidates, key=_lx_text_len)
    best = max(root.iter("div", "section", "body"), key=_lx_paragraph_len, default=None)
    if best is not None:
        return best
    return next(root.iter("body"), None)


class FastPathUnsupported(Exception):
    """A page the fast path does not handle identically; the caller uses the bs4-only path."""


def _container_soup(container: etree._Element) -> Tag:
    """The chosen container re-parsed by BeautifulSoup (lxml parser)."""
    markup = lxml.html.tostring(container, encoding="unicode", with_tail=False)
    soup = BeautifulSoup(markup, "lxml")
    if container.tag == "body":
        tag = soup.body
    else:
        body = soup.body
        tag = next((c for c in body.children if isinstance(c, Tag)), None) if body is not None else None
    if tag is None or tag.name != container.tag:
        raise FastPathUnsupported(f"container <{container.tag}> does not survive re-parsing")
    return tag


def metadata_markup(root: etree._Element) -> str:
    """A small page holding only what ``metadata.find_publication_dates`` reads before its
    dateline fallback: every ``<meta>``, every JSON-LD ``<script>`` and every ``<time>``, each with
    its chain of ancestors (names and attributes) so header/article/main context is kept."""
    keep: set[etree._Element] = set()
    targets: set[etree._Element] = set()
    for el in root.iter("meta", "script", "time"):
        if el.tag == "script" and not _LD_JSON.search(el.get("type") or ""):
            continue
        targets.add(el)
        node = el.getparent()
        while node is not None and node not in keep:
            keep.add(node)
            node = node.getparent()
    out: list[str] = []

    def emit(el: etree._Element) -> None:
        attrs = "".join(f' {k}="{_htmlmod.escape(v, quote=True)}"' for k, v in el.attrib.items())
        out.append(f"<{el.tag}{attrs}>")
        if el in targets:
            if el.tag == "script" and el.text:
                out.append(el.text)
        else:
            for child in el:
                if child in keep or child in targets:
                    emit(child)
        if el.tag != "meta":
            out.append(f"</{el.tag}>")

    emit(root)
    return "".join(out)


def extract_main_fast(root: etree._Element) -> MainContent:
    """``extract_main`` on an lxml tree: chrome removal and container choice with lxml, text
    blocks with BeautifulSoup on the container only. Mutates ``root``. Raises ``FastPathUnsupported``
    for the rare page it cannot treat identically (the caller then uses the bs4 path)."""
    html_lang = _lang_code(root.get("lang")) if root.tag == "html" else None
    title = _lx_title(root)
    _lx_strip_chrome(root)
    container_el = _lx_container(root)
    return _assemble(title, _container_soup(container_el) if container_el is not None else None, html_lang)
