"""URL helpers: canonical form for dedup/state, domain checks, non-HTML detection, origin remapping."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_hsenc|_hsmi|"
    r"mkt_tok|igshid|vero_id|oly_anon_id|oly_enc_id|_ga|_gl|ref_src|wt_mc|wt\.mc_id|pk_campaign|pk_kwd)$",
    re.I,
)
NON_HTML_EXTENSIONS = frozenset(
    [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".zip", ".gz", ".rar", ".7z", ".csv", ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".mp3", ".mp4", ".mov", ".avi", ".wav", ".ics", ".epub"]
)


def canonicalize(url: str) -> str:
    """Canonical URL: lowercase scheme/host, no default port, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def host_allowed(url: str, allowed_domains: tuple[str, ...] | list[str]) -> bool:
    """True if the URL's host is an allowed domain or one of its subdomains."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in allowed_domains)


def is_non_html(url: str) -> bool:
    """True if the URL path ends in a document/media extension (PDF, Office, images…)."""
    return PurePosixPath(urlsplit(url).path.lower()).suffix in NON_HTML_EXTENSIONS


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
