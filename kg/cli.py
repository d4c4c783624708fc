"""The ``jakkg`` command: thin faces over the library."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import click

from kg.errors import INTERNAL, INTERRUPTED, JakkgError

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text for people, json for scripts.",
)  # fmt: skip


class UserError(click.ClickException):
    """A JakkgError shown as ``Error: ...`` with its own exit code."""

    def __init__(self, error: JakkgError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


class InternalError(click.ClickException):
    """An unexpected failure: a short message instead of a traceback (JAKKG_DEBUG=1 shows it)."""

    exit_code = INTERNAL

    def __init__(self, error: Exception):
        super().__init__(
            f"internal error ({type(error).__name__}: {error}); "
            "rerun with JAKKG_DEBUG=1 for details and please report it"
        )


class JakkgGroup(click.Group):
    """Turns library errors into messages and exit codes, never tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except JakkgError as error:
            raise UserError(error) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(INTERRUPTED)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception as error:
            if os.environ.get("JAKKG_DEBUG"):
                raise
            raise InternalError(error) from None


def emit(data: dict | list, fmt: str, text: str | None = None) -> None:
    """Print ``text`` or ``data`` as JSON."""
    if fmt == "json" or text is None:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(text)


@click.group(cls=JakkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jakkg")
def main() -> None:
    """jakkg: the cytokine–JAK–disease knowledge graph.

    Exit codes: 0 ok, 1 a finding (e.g. validation failed), 2 a usage or input error,
    3 an internal error (a bug: please report it), 130 interrupted.
    """


def run() -> None:
    """Console entry point: SIGTERM unwinds like Ctrl-C, so no half-written file stays behind."""
    signal.signal(signal.SIGTERM, _terminate)
    main()


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@FORMAT
def validate(files: tuple[Path, ...], fmt: str) -> None:
    """SHACL-validate FILES (default: the shipped ontology and data)."""
    from kg.render import report_text
    from kg.validate import validate as run

    report = run(files)
    emit(report.to_dict(), fmt, report_text(report))
    if not report.conforms:
        raise SystemExit(1)


@main.command()
@FORMAT
def stats(fmt: str) -> None:
    """Counts of entities by class and of edges by property."""
    from kg.render import stats_text
    from kg.stats import graph_stats

    result = graph_stats()
    emit(result.to_dict(), fmt, stats_text(result))


@main.command()
@click.argument("name")
@FORMAT
def show(name: str, fmt: str) -> None:
    """An entity's names, cross-references, edges and their sources."""
    from kg.describe import describe
    from kg.render import card_text
    from kg.resolve import resolve

    card = describe(resolve(name))
    emit(card.to_dict(), fmt, card_text(card))
