"""URL helpers: canonical form for dedup/state, domain checks, non-HTML detection, origin remapping."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_hsenc|_hsmi|"
    r"mkt_tok|igshid|vero_id|oly_anon_id|oly_enc_id|_ga|_gl|ref_src|wt_mc|wt\.mc_id|pk_campaign|pk_kwd)$",
    re.I,
)
NON_HTML_EXTENSIONS = frozenset(
    [
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
        ".zip",
        ".gz",
        ".rar",
        ".7z",
        ".csv",
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".svg",
        ".webp",
        ".mp3",
        ".mp4",
        ".mov",
        ".avi",
        ".wav",
        ".ics",
        ".epub",
    ]
)


# lowercase http(s) host without port, a path of unreserved characters, no query, no fragment
_PLAIN = re.compile(r"^https?://[a-z0-9.-]+(/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?$")


class BadUrl(ValueError):
    """A link that is no valid http(s) URL (bad IPv6 literal, port out of range, no host)."""


@lru_cache(maxsize=65536)  # pure; a crawl meets the same link on many pages
def canonicalize(url: str) -> str:
    """Canonical URL: lowercase scheme/host, no default port, no fragment, no tracking parameters, query
    keys sorted (w3lib's ``canonicalize_url``); path case and encoding are kept as the site serves them.
    Raises :class:`BadUrl` for a URL that cannot be parsed."""
    url = url.strip()
    if _PLAIN.match(url):  # already canonical (the common case): w3lib would return it unchanged
        return url if "/" in url[8:] else url + "/"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BadUrl(f"bad URL {url[:200]!r}: {exc}") from None
    if not parts.hostname:
        raise BadUrl(f"bad URL {url[:200]!r}: no host")
    keys = {k for k, _ in _query_pairs(parts.query)}
    cleaned = url_query_cleaner(url, [k for k in keys if _TRACKING.match(k)], remove=True, keep_fragments=True)
    out = urlsplit(canonicalize_url(cleaned, keep_blank_values=True))
    host = out.hostname or ""
    if port and not ((out.scheme == "http" and port == 80) or (out.scheme == "https" and port == 443)):
        host = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    elif ":" in host:
        host = f"[{host}]"
    return urlunsplit((out.scheme, host, out.path or "/", out.query, ""))


def _query_pairs(query: str) -> list[tuple[str, str]]:
    return [(p.split("=", 1)[0], "") for p in query.split("&") if p]


def safe_canonical(base_url: str, href: str) -> str | None:
    """The canonical absolute http(s) URL of a link on ``base_url``, or None (not http(s), or malformed)."""
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
        return None
    try:
        url = urljoin(base_url, href)
        return canonicalize(url) if url.startswith(("http://", "https://")) else None
    except (BadUrl, ValueError):
        return None


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL (where its robots.txt and common sitemap locations live)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def site_domain(domain: str) -> str:
    """An allowed domain as a site: ``www.oru.se`` and ``oru.se`` both mean ``oru.se`` and its subdomains."""
    domain = domain.lower().rstrip(".")
    return domain[4:] if domain.startswith("www.") else domain


def host_allowed(url: str, allowed_domains: tuple[str, ...] | list[str]) -> bool:
    """True if the URL's host is an allowed domain (www stripped) or one of its subdomains."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    return any(host == d or host.endswith("." + d) for d in map(site_domain, allowed_domains))


def is_non_html(url: str) -> bool:
    """True if the URL path ends in a document/media extension (PDF, Office, images…)."""
    return os.path.splitext(urlsplit(url).path.lower())[1] in NON_HTML_EXTENSIONS


class Remap:
    """Maps real origins to local bases and back, e.g. ``https://www.oru.se`` <-> ``http://127.0.0.1:8123/www.oru.se``.

    The key ``"*"`` maps every origin ``scheme://host`` to ``<base>/<host>`` (reverse mapping assumes https).
    """

    def __init__(self, mapping: dict[str, str] | None = None) -> None:
        mapping = dict(mapping or {})
        self.wildcard = mapping.pop("*", "").rstrip("/") or None
        self.pairs = sorted(((k.rstrip("/"), v.rstrip("/")) for k, v in mapping.items()), key=lambda kv: -len(kv[1]))

    def __bool__(self) -> bool:
        return bool(self.pairs or self.wildcard)

    def to_local(self, url: str) -> str | None:
        """The local URL serving a real URL, or None if it is not remapped."""
        for real, local in self.pairs:
            if url == real or url.startswith(real + "/"):
                return local + url[len(real) :]
        if self.wildcard:
            parts = urlsplit(url)
            return f"{self.wildcard}/{parts.netloc}{urlunsplit(('', '', parts.path or '/', parts.query, ''))}"
        return None

    def to_real(self, url: str) -> str | None:
        """The real URL of a local URL, or None if it is not under a local base."""
        for real, local in self.pairs:
            if url == local or url.startswith(local + "/"):
                return real + url[len(local) :]
        if self.wildcard and url.startswith(self.wildcard + "/"):
            rest = url[len(self.wildcard) + 1 :]
            return "https://" + rest if "/" in rest else f"https://{rest}/"
        return None

    def location_to_real(self, local_url: str, location: str) -> str:
        """Map a redirect target served by the local server back to the real URL space."""
        absolute = urljoin(local_url, location)
        return self.to_real(absolute) or absolute
