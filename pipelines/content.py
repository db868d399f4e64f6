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

# Elements that never hold article text.
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button",
              "select", "input", "nav", "footer", "aside", "dialog", "figure > img", "link", "meta")
# id/class fragments that mark chrome (matched as whole words inside the attribute value).
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:cookie\w*|consent|gdpr|banner|breadcrumbs?|share|sharing|social|related|"
    r"newsletter|footer|site-?header|navbar|nav|menu|sidebar|skip(?:-?link)?|pagination|pager|"
    r"comments?|print(?:icon)?|toolbar|modal|popup|subscribe|advert\w*|promo|teaser-?list|"
    r"more-news|latest-news|read-more|byline-box)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"(?:^|[\s_-])(?:article|content|main|story|post|entry|news-?body|body-?text|"
                      r"main-?column|text)(?:$|[\s_-])", re.IGNORECASE)
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "dt", "dd",
           "figcaption", "td", "th", "address")
_INLINE = frozenset(("a", "span", "strong", "b", "em", "i", "u", "small", "sup", "sub", "time", "abbr",
                     "cite", "q", "mark", "code", "s", "del", "ins", "label", "font", "bdi", "data"))
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
    container = _container(soup)
    blocks = _blocks(container) if container is not None else []
    if title and (not blocks or _norm(blocks[0]) != _norm(title)):
        h1 = container.find("h1") if container is not None else None
        if h1 is None or _norm(_text(h1)) != _norm(title):
            blocks.insert(0, title)
    return MainContent(title=title, text="\n\n".join(blocks), html_lang=html_lang)


def _html_lang(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    lang = html.get("lang") if isinstance(html, Tag) else None
    if not lang:
        return None
    return str(lang).strip().split("-")[0].split("_")[0].lower() or None


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
    candidates = [t for t in soup.find_all(["div", "section"]) if _CONTENT.search(
        " ".join([str(t.get("id") or ""), *(t.get("class") or [])]))]
    if candidates:
        return max(candidates, key=_text_len)
    best = max(soup.find_all(["div", "section", "body"]), key=_paragraph_len, default=None)
    return best if best is not None else soup.body


def _text_len(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _paragraph_len(tag: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p", recursive=False)) or \
        sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p")) // 4


def _blocks(container: Tag) -> list[str]:
    """Text blocks of the container in document order, in one recursive pass.

    Block elements give one block each; runs of loose inline text (text directly inside a
    ``<div>``, or ``<span>``/``<a>`` between blocks) are kept as blocks of their own.
    """
    out: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(loose)).strip()
        if text:
            out.append(text)
        loose.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if not isinstance(child, Tag):
                if isinstance(child, NavigableString) and not isinstance(child, Comment):
                    loose.append(str(child))
            elif child.name in _BLOCKS:
                flush()
                if text := _text(child):
                    out.append(text)
            elif child.name in _INLINE:
                loose.append(child.get_text(""))
            elif child.name == "br":
                loose.append(" ")
            else:
                flush()
                walk(child)
        flush()

    walk(container)
    return out


def _text(el: Tag) -> str:
    """Visible text of an element, with <br> as line breaks and white space folded."""
    for br in el.find_all("br"):
        br.replace_with("\n")
    lines = (_SPACE.sub(" ", line).strip() for line in el.get_text("").split("\n"))
    return "\n".join(line for line in lines if line)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()
