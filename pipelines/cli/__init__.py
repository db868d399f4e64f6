"""The ``aiscout`` command line (typer)."""

from pipelines.cli.app import app

__all__ = ["app"]
