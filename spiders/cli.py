"""``aiscout sources``: list the registry; ``add`` probes a new site and proposes an entry; ``check``
crawls a source briefly and reports what each discovery path found and which selectors matched nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
import yaml
from parsel import Selector

from pipelines.archive.warc_reader import iter_pages
from spiders.crawl import CrawlError, SourceReport, crawl
from spiders.feeds import XmlError, parse_sitemap
from spiders.registry import RegistryError, Source, countries, country_languages, get_source, load_sources
from spiders.settings import FAST_SETTINGS
from spiders.spiders.generic import PATHS
from spiders.urls import site_domain

sources_app = typer.Typer(help="The source registry", no_args_is_help=True)

RegistryOpt = Annotated[Path | None, typer.Option("--registry", help="Registry YAML (default: spiders/sources.yaml)")]
RemapOpt = Annotated[
    str | None, typer.Option(help="Fetch https://<host>/<path> from BASE/<host>/<path> (local testing)")
]
TimeoutOpt = Annotated[float, typer.Option(help="Seconds before the probe crawl gives up")]
MaxArticlesOpt = Annotated[int, typer.Option(help="Articles fetched per source (found links are all counted)")]
_KINDS = {"robots", "listing", "feed", "sitemap", "article", "error"}


@sources_app.command("list")
def list_sources(registry: RegistryOpt = None) -> None:
    """Table of sources: name, country, languages, enabled, number of start URLs."""
    try:
        sources = load_sources(registry)
    except RegistryError as exc:
        raise typer.BadParameter(str(exc)) from None
    typer.echo(f"{'name':<28} {'country':<7} {'languages':<12} {'enabled':<7} start_urls")
    for s in sources:
        typer.echo(
            f"{s.name:<28} {s.country:<7} {','.join(s.languages):<12} {'yes' if s.enabled else 'no':<7} {len(s.start_urls)}"
        )


def _probe(registry: Path | None, names: list[str], remap: str | None, max_articles: int, timeout: float, tmp: Path):
    settings = {"AISCOUT_MAX_ARTICLES": max_articles, **(FAST_SETTINGS if remap else {})}
    try:
        return crawl(
            tmp,
            sources=names,
            remap={"*": remap} if remap else None,
            settings=settings,
            registry_path=registry,
            timeout_s=timeout,
        )
    except CrawlError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _unmatched_selectors(source: Source, pages: list) -> list[str]:
    """``field: css`` of the source's selectors that matched nothing on the pages they apply to."""
    out = []
    wanted = {"links": "listing", "title": "article", "date": "article", "body": "article"}
    for name, kind in wanted.items():
        css = getattr(source.selectors, name)
        bodies = [p.body.decode("utf-8", "replace") for p in pages if p.kind == kind and p.status == 200]
        if css and bodies and not any(Selector(text=b).css(css) for b in bodies):
            out.append(f"{name}: {css!r} matched nothing on {len(bodies)} {kind} page(s)")
    return out


def _report(source: Source, rep: SourceReport, pages: list) -> int:
    """Print one source's check; the number of articles it found."""
    found = sum(rep.found_by_path.values())
    fetched = [p for p in pages if p.kind == "article"]
    typer.echo(f"{source.name}{'' if source.enabled else ' (disabled)'}")
    for path in PATHS:
        typer.echo(f"  {path:<8} {rep.found_by_path.get(path, 0)} article(s) found")
    for page in pages:
        if page.kind in ("robots", "feed", "sitemap", "listing", "error"):
            typer.echo(f"  {page.kind:<8} {page.url} [{page.status}]")
    for page in fetched:
        typer.echo(f"  article  {page.url} [{page.status}]")
    for url in rep.non_html_urls:
        typer.echo(f"  non-html {url}")
    if rep.candidates_not_article:
        typer.echo(f"  {rep.candidates_not_article} page(s) of unknown URL shape were no article")
    for line in _unmatched_selectors(source, pages):
        typer.echo(f"  selector {line}")
    if not found and not fetched:
        typer.echo("  NO ARTICLE FOUND")
    return found or len(fetched)


@sources_app.command("check")
def check_source(
    name: Annotated[str | None, typer.Argument(help="the source to check")] = None,
    all_sources: Annotated[bool, typer.Option("--all", help="check every source, enabled or not")] = False,
    remap: RemapOpt = None,
    registry: RegistryOpt = None,
    max_articles: MaxArticlesOpt = 3,
    timeout: TimeoutOpt = 120.0,
) -> None:
    """Crawl the source(s) briefly: articles found per discovery path (feed, sitemap, listing), the pages
    fetched, selectors that matched nothing. Exits 1 if a source finds no article."""
    try:
        sources = load_sources(registry) if all_sources else [get_source(name or "", registry)] if name else []
    except RegistryError as exc:
        raise typer.BadParameter(str(exc)) from None
    if not sources:
        raise typer.BadParameter("name a source or give --all")
    with tempfile.TemporaryDirectory(prefix="aiscout-check-") as tmp:
        report = _probe(registry, [s.name for s in sources], remap, max_articles, timeout, Path(tmp))
        pages = list(iter_pages(Path(tmp), kinds=_KINDS))
    for err in report.errors:
        typer.echo(f"error: {err.source}: {err.url}: {err.reason}")
    empty = [
        s.name for s in sources if not _report(s, report.sources[s.name], [p for p in pages if p.source == s.name])
    ]
    if empty:
        typer.echo(f"no article found for: {', '.join(empty)}", err=True)
        raise typer.Exit(1)


def _index_entries(body: bytes) -> list:
    """The sub-sitemaps of a sitemap index (none for a urlset or a broken file)."""
    try:
        sitemap = parse_sitemap(body)
    except XmlError:
        return []
    return sitemap.entries if sitemap.kind == "index" else []


@sources_app.command("add")
def add_source(
    url: Annotated[str, typer.Argument(help="a start page of the site's news (a listing page)")],
    name: Annotated[str | None, typer.Option(help="source name [from the host]")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code [from the top-level domain]")] = None,
    remap: RemapOpt = None,
    max_articles: MaxArticlesOpt = 5,
    timeout: TimeoutOpt = 120.0,
) -> None:
    """Probe a start URL (robots.txt, feeds, sitemaps, listing links) and print a proposed registry entry."""
    host = (urlsplit(url).hostname or "").lower()
    if urlsplit(url).scheme not in ("http", "https") or not host:
        raise typer.BadParameter(f"not an http(s) URL: {url!r}")
    domain = site_domain(host)
    country = (country or domain.rsplit(".", 1)[-1]).upper()
    if country not in countries():
        raise typer.BadParameter(f"country {country!r} unknown: give --country (one of {sorted(countries())})")
    slug = name or domain.rsplit(".", 1)[0].replace(".", "-")
    entry: dict[str, Any] = {
        "name": slug,
        "publisher_org_id": f"{countries()[country]}-{slug}",
        "country": country,
        "languages": country_languages(country),
        "enabled": False,
        "start_urls": [{"url": url, "kind": "listing"}],
        "allowed_domains": [domain],
    }
    with tempfile.TemporaryDirectory(prefix="aiscout-add-") as tmp:
        reg = Path(tmp, "sources.yaml")
        reg.write_text(yaml.safe_dump({"sources": [entry]}, sort_keys=False), encoding="utf-8")
        report = _probe(reg, [slug], remap, max_articles, timeout, Path(tmp, "run"))
        pages = list(iter_pages(Path(tmp, "run"), kinds=_KINDS))
    rep = report.sources[slug]
    children = {e.url for p in pages if p.kind == "sitemap" for e in _index_entries(p.body)}
    for kind in ("feed", "sitemap"):
        found = [p.url for p in pages if p.kind == kind and p.status == 200 and p.url not in children]
        entry["start_urls"] += [{"url": url, "kind": kind} for url in found]
    per_path = ", ".join(f"{rep.found_by_path.get(p, 0)} by {p}" for p in PATHS)
    robots = [p for p in pages if p.kind == "robots"]
    entry["notes"] = (
        f"Proposed by `aiscout sources add`: robots.txt {'found' if any(p.status == 200 for p in robots) else 'missing'}"
        f"; articles found: {per_path}. Enable after `aiscout sources check {slug}`."
    )
    typer.echo(yaml.safe_dump({"sources": [entry]}, sort_keys=False, allow_unicode=True, width=110))
    if not sum(rep.found_by_path.values()):
        typer.echo("no article found from this start URL", err=True)
        raise typer.Exit(1)
