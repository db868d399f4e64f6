"""The ``aiscout`` command line (typer): conventions and the settings file (``base``), ``extract`` and
``verify`` (``app``), run/reprocess/runs/prune/serve (``runs``), ``query`` and ``report`` (``query``)."""

from pipelines.cli.app import app

__all__ = ["app"]
