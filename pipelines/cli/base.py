"""The ``aiscout`` command's root: global options (--version, -v/-q, --config), the settings file,
and the conventions every command keeps (a usage error is one line and exit 2; Ctrl-C exits 130;
a bad value or missing file is one line, not a traceback)."""

from __future__ import annotations

import importlib.metadata
import os
import sys
from pathlib import Path
from typing import Any

import typer
from typer._click.exceptions import ClickException, UsageError  # typer >= 0.20 vendors click
from typer.core import TyperGroup as Group

from pipelines.langdata import REPO_ROOT

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class AiscoutTyper(typer.Typer):
    """A Typer app whose errors follow the command-line conventions above."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            result = super().__call__(*args, **{**kwargs, "standalone_mode": False})
        except typer.Abort:  # Ctrl-C (click turns KeyboardInterrupt into Abort)
            sys.stderr.write("aiscout: interrupted\n")
            sys.exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:
            sys.stderr.write("aiscout: interrupted\n")
            sys.exit(EXIT_INTERRUPTED)
        except UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "aiscout"
            sys.stderr.write(f"{where}: {one_line(exc.format_message())} (see {where} --help)\n")
            sys.exit(EXIT_USAGE)
        except ClickException as exc:
            sys.stderr.write(f"aiscout: {one_line(exc.format_message())}\n")
            sys.exit(exc.exit_code)
        except (OSError, ValueError) as exc:  # a missing file, a bad value found past option parsing
            if verbosity() > 0:
                raise
            sys.stderr.write(f"aiscout: {one_line(str(exc) or type(exc).__name__)}\n")
            sys.exit(EXIT_USAGE)
        except typer.Exit as exc:
            sys.exit(exc.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


def one_line(message: str) -> str:
    """``message`` on one line."""
    return " ".join(message.split())


def verbosity() -> int:
    """-1 (quiet), 0 (default), 1 (-v) or 2 (-vv), as set by the root options."""
    return int(os.environ.get("AISCOUT_VERBOSITY", "0"))


app = AiscoutTyper(
    help="aiscout: public AI initiatives from European press pages, as typed tables.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aiscout {importlib.metadata.version('aiscout')}")
        raise typer.Exit()


def settings_file(explicit: Path | None, cwd: Path | None = None) -> tuple[Path | None, dict[str, Any]]:
    """The settings file and its tables: ``explicit`` (--config / AISCOUT_CONFIG), else ``aiscout.toml``
    in the working folder, else ``[tool.aiscout]`` of its ``pyproject.toml``; (None, {}) when none."""
    import tomllib

    cwd = cwd or Path.cwd()
    candidates = [explicit] if explicit else [cwd / "aiscout.toml", cwd / "pyproject.toml"]
    for path in candidates:
        if path is None or (not path.is_file() and not explicit):
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"settings file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"{path}: invalid TOML: {exc}") from None
        if path.name == "pyproject.toml" and not explicit:
            data = data.get("tool", {}).get("aiscout")
            if data is None:
                continue
        return path, data
    return None, {}


def default_map(path: Path, data: dict[str, Any], group: Group) -> dict[str, Any]:
    """Option defaults for click from the settings file: one table per command (``[run]``,
    ``[sources.list]``), keys are option names (``max-failed-share`` or ``max_failed_share``)."""
    result: dict[str, Any] = {}
    for name, table in data.items():
        command = group.commands.get(name)
        if command is None or not isinstance(table, dict):
            raise UsageError(f"{path}: [{name}] is not a command (commands: {', '.join(sorted(group.commands))})")
        if isinstance(command, Group):
            result[name] = default_map(path, table, command)
            continue
        known: dict[str, str] = {}  # parameter name, or an option's long name -> parameter name
        for param in command.params:
            if param.name:
                known[param.name] = param.name
                known.update({o.lstrip("-").replace("-", "_"): param.name for o in param.opts if o.startswith("--")})
        unknown = sorted(key for key in table if key.replace("-", "_") not in known)
        if unknown:
            raise UsageError(
                f"{path}: [{name}] has no option {', '.join(unknown)} (options: {', '.join(sorted(set(known)))})"
            )
        result[name] = {known[key.replace("-", "_")]: value for key, value in table.items()}
    return result


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="print the version and exit"
    ),
    verbose: int = typer.Option(0, "-v", "--verbose", count=True, help="more log output (-vv: debug)"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="only errors and results, no progress lines"),
    config: Path | None = typer.Option(
        None,
        "--config",
        envvar="AISCOUT_CONFIG",
        help="settings file [aiscout.toml, or [tool.aiscout] in pyproject.toml]",
    ),
) -> None:
    """aiscout: public AI initiatives from European press pages, as typed tables."""
    level = -1 if quiet else min(verbose, 2)
    os.environ["AISCOUT_VERBOSITY"] = str(level)
    if quiet:
        os.environ["AISCOUT_QUIET"] = "1"
    else:
        os.environ.pop("AISCOUT_QUIET", None)
    prefect_level = {-1: "ERROR", 0: "WARNING", 1: "INFO", 2: "DEBUG"}[level]
    os.environ["PREFECT_LOGGING_LEVEL"] = prefect_level
    path, data = settings_file(config)
    if path is not None and isinstance(ctx.command, Group):
        ctx.default_map = default_map(path, data, ctx.command)


def prefect_env() -> None:
    """Project-local, quiet Prefect settings (must run before Prefect is imported)."""
    os.environ.setdefault("PREFECT_HOME", str(REPO_ROOT / ".prefect"))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    from pipelines.flows.watchdog import start_watchdog

    start_watchdog()  # on kill -9 of this process, Prefect's temporary server and crawl children end too


def usage_error(command: str, message: str) -> None:
    """Say ``message`` on one line and exit 2."""
    typer.echo(f"aiscout {command}: {one_line(message)}", err=True)
    raise typer.Exit(code=EXIT_USAGE)


def say(message: str) -> None:
    """A line on stderr, unless -q."""
    if verbosity() >= 0:
        typer.echo(message, err=True)
