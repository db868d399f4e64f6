"""The page as an lxml tree, and what its markup states about itself (JSON-LD, meta tags, language, URL).

Read once from the whole page before chrome is removed; both the main-text extractor (JSON-LD
``articleBody``) and the publication-date finder use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

# huge_tree: libxml2's default stops at 255 levels of nesting (text deeper down is lost); with it, 2047.
_PARSER = etree.HTMLParser(encoding="utf-8", huge_tree=True)
# lxml.html's element classes, chosen in C: lxml.html's own lookup is a Python call per element proxy created
# (its per-tag form/input classes are not used here).
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
_LD_TYPE = re.compile(r"ld\+json", re.IGNORECASE)
_LD_NESTED = ("@graph", "mainEntity", "mainEntityOfPage", "video", "subjectOf", "hasPart")


@dataclass(slots=True)
class PageMarkup:
    """Self-description of a page: JSON-LD nodes (document order), meta values (first per key), language, URLs."""

    json_ld: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    html_lang: str | None = None
    urls: list[str] = field(default_factory=list)  # og:url and rel=canonical
    region: str | None = None  # country of the page's locale ("en-SE", og:locale "sv_SE" -> "se")


def parse_page(html: str | bytes) -> etree._Element | None:
    """The page as an lxml tree (root ``<html>``), or None if lxml finds no document."""
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    try:
        return lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def lang_code(value: object) -> str | None:
    """ "sv-SE" / "de_DE" -> "sv" / "de"; None for a missing or empty value."""
    if not value:
        return None
    return str(value).strip().split("-")[0].split("_")[0].lower() or None


def read_markup(root: etree._Element) -> PageMarkup:
    """JSON-LD, meta tags, ``<html lang>`` and the page's own URLs, from the unmodified tree."""
    out = PageMarkup(html_lang=lang_code(root.get("lang")) if root.tag == "html" else None)
    for el in root.iter("script", "meta", "link"):
        if el.tag == "script":
            out.json_ld.extend(_json_ld(el))
        elif el.tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").lower()
            value = el.get("content")
            if key and value and key not in out.meta:
                out.meta[key] = value
        elif "canonical" in (el.get("rel") or "").lower() and el.get("href"):
            out.urls.append(el.get("href"))
    if og := out.meta.get("og:url"):
        out.urls.insert(0, og)
    for locale in (root.get("lang") if root.tag == "html" else None, out.meta.get("og:locale")):
        parts = (locale or "").replace("_", "-").split("-")
        if len(parts) >= 2 and len(parts[-1]) == 2 and parts[-1].isalpha():
            out.region = parts[-1].lower()
            break
    return out


def _json_ld(script: etree._Element) -> Iterator[dict[str, Any]]:
    """The JSON-LD nodes of a ``<script>``: typed ld+json, or untyped holding a JSON object with @context.

    Raw control characters inside strings are accepted (``strict=False``), as browsers' consumers do."""
    body = (script.text or "").strip()
    kind = script.get("type")
    if not body or not (
        _LD_TYPE.search(kind or "") or (not kind and body.startswith(("{", "[")) and "@context" in body)
    ):
        return
    try:
        data = json.loads(body.removeprefix("<!--").removesuffix("-->"), strict=False)
    except ValueError:
        return
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            stack.extend(reversed([v for k, v in node.items() if k in _LD_NESTED]))


def ld_types(node: dict[str, Any]) -> set[str]:
    """The @type(s) of a JSON-LD node, lower-cased."""
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def nesting_depth(root: etree._Element) -> int:
    """Deepest level of elements below ``root``, in one iterative pass."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        el, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in el)
    return deepest
