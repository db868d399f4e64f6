"""``aiscout sources``: list the registry; check one source's selectors against its live pages."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from pipelines.archive.warc import iter_pages
from spiders.crawl import CrawlError, crawl
from spiders.links import extract_listing, probe_article
from spiders.registry import RegistryError, get_source, load_sources
from spiders.settings import FAST_SETTINGS

sources_app = typer.Typer(help="The source registry", no_args_is_help=True)

RegistryOpt = Annotated[
    Path | None, typer.Option("--registry", help="Registry YAML (default: spiders/sources.yaml)")
]


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


@sources_app.command("check")
def check_source(
    name: str,
    remap: Annotated[
        str | None, typer.Option(help="Fetch https://<host>/<path> from BASE/<host>/<path> (local testing)")
    ] = None,
    registry: RegistryOpt = None,
    timeout: Annotated[float, typer.Option(help="Seconds before the check crawl gives up")] = 120.0,
) -> None:
    """Fetch the source's start page(s) and one article once; show what its patterns and selectors find."""
    try:
        source = get_source(name, registry)
    except RegistryError as exc:
        raise typer.BadParameter(str(exc)) from None
    settings = {"AISCOUT_MAX_PAGES": 1, "AISCOUT_MAX_ARTICLES": 1, **(FAST_SETTINGS if remap else {})}
    with tempfile.TemporaryDirectory(prefix="aiscout-check-") as tmp:
        try:
            report = crawl(
                Path(tmp),
                sources=[name],
                remap={"*": remap} if remap else None,
                settings=settings,
                registry_path=registry,
                timeout_s=timeout,
            )
        except CrawlError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        pages = list(iter_pages(Path(tmp), kinds={"listing", "feed", "sitemap", "article"}))
    for err in report.errors:
        typer.echo(f"error: {err.url}: {err.reason}")
    for page in (p for p in pages if p.kind == "listing"):
        links = extract_listing(page.body.decode("utf-8", "replace"), page.url, source)
        typer.echo(f"listing {page.url} [{page.status}]: {len(links.articles)} article link(s)")
        for url in links.articles:
            typer.echo(f"  article  {url}")
        for url in links.non_html:
            typer.echo(f"  non-html {url}")
        typer.echo(f"  next     {links.next_page or '-'}")
    for page in (p for p in pages if p.kind in ("feed", "sitemap")):
        typer.echo(f"{page.kind} {page.url} [{page.status}]")
    articles = [p for p in pages if p.kind == "article"]
    if not articles:
        typer.echo("no article fetched")
        raise typer.Exit(1)
    typer.echo(f"article {articles[0].url} [{articles[0].status}]")
    for field_name, value in probe_article(articles[0].body.decode("utf-8", "replace"), source).items():
        typer.echo(f"  {field_name:<6} {value or '-'}")
