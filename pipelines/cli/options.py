"""Options that several commands share, each defined once as an ``Annotated`` type (``demo: DemoProfile = False``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DemoProfile = Annotated[
    bool, typer.Option("--demo", help="use the demo profile's folders (data/raw/demo, data/state/demo, data/out/demo)")
]
RawDir = Annotated[Path | None, typer.Option(help="raw archive folder [data/raw, or data/raw/demo]")]
StateDir = Annotated[Path | None, typer.Option(help="crawl state and cache folder [data/state, or data/state/demo]")]
OutDir = Annotated[str | None, typer.Option(help="output folder or fsspec URL [data/out, or data/out/demo]")]
TaskRunner = Annotated[str, typer.Option(help="threads, or dask (a local Dask cluster unless --dask-address)")]
DaskAddress = Annotated[str | None, typer.Option(help="an existing Dask scheduler, e.g. tcp://host:8786")]
AllowShrink = Annotated[
    bool, typer.Option(help="publish even an empty corpus or one much smaller than the current tables")
]
