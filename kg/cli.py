"""The ``jakkg`` command: thin faces over the library."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.errors import JakkgError

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text for people, json for scripts.",
)  # fmt: skip


class UserError(click.ClickException):
    """A JakkgError shown as ``Error: ...`` with its own exit code."""

    def __init__(self, error: JakkgError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


class JakkgGroup(click.Group):
    """Turns library errors into messages and exit codes, never tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except JakkgError as error:
            raise UserError(error) from None


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

    Exit codes: 0 ok, 1 a finding (e.g. validation failed), 2 a usage or input error.
    """


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
