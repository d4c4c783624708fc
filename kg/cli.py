"""The ``jakkg`` command: thin faces over the library."""

from __future__ import annotations

import io
import json
import os
import signal
import sys
from pathlib import Path

import click

from kg.errors import INTERNAL, INTERRUPTED, JakkgError, printable

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text for people, json for scripts.",
)  # fmt: skip


ENDPOINT = click.option(
    "--endpoint", metavar="URL", default=None,
    help="Query this SPARQL endpoint instead of the embedded graph.",
)  # fmt: skip
GRAPH = click.option(
    "--graph", "graph_iri", metavar="IRI", default=None,
    help="The named graph to read at --endpoint (sent as default-graph-uri).",
)  # fmt: skip


class UserError(click.ClickException):
    """A JakkgError shown as ``Error: ...`` with its own exit code."""

    def __init__(self, error: JakkgError):
        super().__init__(printable(str(error)))
        self.exit_code = error.exit_code


class InternalError(click.ClickException):
    """An unexpected failure: a short message instead of a traceback (JAKKG_DEBUG=1 shows it)."""

    exit_code = INTERNAL

    def __init__(self, error: Exception):
        super().__init__(
            f"internal error ({type(error).__name__}: {printable(str(error))}); "
            "rerun with JAKKG_DEBUG=1 for details and please report it"
        )


class JakkgGroup(click.Group):
    """Turns library errors into messages and exit codes, never tracebacks."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        """Refuse arguments that are not text (bytes the locale cannot decode) up front."""
        for arg in args:
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                shown = shown if len(shown) <= 60 else shown[:60] + "…"
                raise click.UsageError(
                    f"argument '{shown}' has bytes that are not UTF-8 text"
                ) from None
        return super().make_context(info_name, args, parent, **extra)

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
    """Console entry point: SIGTERM unwinds like Ctrl-C, so no half-written file stays behind.

    Text the terminal's encoding cannot show is printed escaped rather than failing.
    """
    signal.signal(signal.SIGTERM, _terminate)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # None when the stream is closed
            stream.reconfigure(errors="backslashreplace")
    main()


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@FORMAT
def validate(files: tuple[Path, ...], fmt: str) -> None:
    """SHACL-validate FILES (default: the shipped ontology and data).

    A curated file (data/curated/*.ttl) is checked together with the other curated files,
    since it refers to entities they define; any other file with the ontology only.
    """
    from kg.render import report_text
    from kg.validate import validate as run

    def progress(message: str) -> None:
        click.echo(message, err=True)

    report = run(files, progress if sys.stderr.isatty() else None)
    emit(report.to_dict(), fmt, report_text(report))
    if not report.conforms:
        raise SystemExit(1)


@main.command()
@ENDPOINT
@GRAPH
@FORMAT
def stats(endpoint: str | None, graph_iri: str | None, fmt: str) -> None:
    """Counts of entities by class and of edges by property."""
    from kg.render import stats_text
    from kg.stats import graph_stats
    from kg.store import open_graph

    result = graph_stats(open_graph(endpoint, graph_iri))
    emit(result.to_dict(), fmt, stats_text(result))


@main.command()
@click.argument("name")
@ENDPOINT
@GRAPH
@FORMAT
def show(name: str, endpoint: str | None, graph_iri: str | None, fmt: str) -> None:
    """An entity's names, cross-references, edges and their sources."""
    from kg.describe import describe
    from kg.render import card_text
    from kg.resolve import resolve
    from kg.store import open_graph

    graph = open_graph(endpoint, graph_iri)
    card = describe(resolve(name, graph=graph), graph)
    emit(card.to_dict(), fmt, card_text(card))


def query_limits(timeout: float):
    """``--timeout`` and ``--limit`` for the commands that run arbitrary SPARQL."""

    def decorate(command):
        command = click.option(
            "--limit", type=click.IntRange(min=1), default=10_000, show_default=True,
            help="Most rows or triples a result may have.",
        )(command)  # fmt: skip
        return click.option(
            "--timeout", type=click.FloatRange(min=0.1), default=timeout, show_default=True,
            help="Seconds before a query is stopped.",
        )(command)  # fmt: skip

    return decorate


# ---------------------------------------------------------------- rationale: rank, explain, path


RANK_HELP = """Rank every JAK inhibitor by how well it covers DISEASE's cytokine pathways.

\b
The model (README "The rationale"; the weights are in --format json under "model"):
  A receptor complex is blocked through a JAK it REQUIRES (credit 1). A JAK that
  only contributes, or whose need was never studied ("unknown"), gives 0.5; a JAK
  that is bound but dispensable gives 0, and the gap names it with its source
  (TYK2 is dispensable for IL-6 signalling: Kreins et al. 2015).
  cytokine weight = mean credit over its JAK-using receptor complexes
            (covered = 1, partial = between 0 and 1), halved when only
            secondary targets (*) of the drug carry it
  indirect  a cytokine that signals without JAKs (IL-17A), reached through an
            upstream cytokine implicated in the same disease: 0.5 x its weight
  tiers     each cytokine counts by how strongly it is tied to DISEASE:
            validated 1 (a therapy blocking it is approved or won a randomised
            trial there), supported 0.5 (human genetic or functional evidence),
            associated 0.25 (levels or expression only), refuted 0 (its
            blockade failed or worsened the disease in a randomised trial)
  coverage = tier-weighted mean of the cytokine weights
  Driver mutations (JAK2 V617F in the myeloproliferative neoplasms) count like
  cytokines, through the receptor complexes they signal through.
  Topical-only drugs without clinical evidence for DISEASE rank after the others.

\b
What coverage can tell: which of the disease's cytokine pathways a drug's JAK
targets can interrupt, and why not the others. What it cannot tell: dose and
exposure (how much of each pathway is blocked at the approved dose), tissue
penetration, cytokines the graph does not record for the disease, drivers that
are not cytokines, safety, or whether the drug works: it is a mechanistic
rationale to weigh beside the clinical evidence, not a prediction.

Approvals (A), reported off-label use (R), failed randomised trials (F) and
registered trials under way (T) are shown beside coverage, never folded into
it; ties in coverage are broken by approval, then reported use. --all prints
the drug x disease coverage matrix instead. --reaching-only leaves out the
inhibitors that reach none of the disease's JAKs and have no evidence for it
(they all score 0%): on a large merged graph they are most of the drugs.
"""


@main.command(help=RANK_HELP)
@click.argument("disease", required=False)
@click.option("--all", "everything", is_flag=True, help="The drug × disease coverage matrix.")
@click.option(
    "--reaching-only", is_flag=True, help="Only drugs that reach its JAKs or have evidence."
)
@ENDPOINT
@GRAPH
@FORMAT
def rank(
    disease: str | None,
    everything: bool,
    reaching_only: bool,
    endpoint: str | None,
    graph_iri: str | None,
    fmt: str,
) -> None:
    from kg.rationale import coverage_matrix
    from kg.rationale import rank as rank_drugs
    from kg.render import matrix_text, ranking_text
    from kg.resolve import resolve
    from kg.store import open_graph

    graph = open_graph(endpoint, graph_iri)
    if everything == (disease is not None):
        raise click.UsageError("give a DISEASE or --all (not both)")
    if everything and reaching_only:
        raise click.UsageError("--reaching-only ranks one DISEASE; --all always shows every drug")
    if everything:
        matrix = coverage_matrix(graph)
        emit(matrix.to_dict(), fmt, matrix_text(matrix))
        return
    entity = resolve(disease, "Disease", graph, purpose="rank")
    ranking = rank_drugs(entity, graph, every_drug=not reaching_only)
    emit(ranking.to_dict(), fmt, ranking_text(ranking))


@main.command()
@click.argument("drug")
@click.argument("disease")
@ENDPOINT
@GRAPH
@FORMAT
def explain(drug: str, disease: str, endpoint: str | None, graph_iri: str | None, fmt: str) -> None:
    """Why DRUG plausibly helps DISEASE: sourced paths, clinical evidence, and gaps."""
    from kg.explain import explain as explain_pair
    from kg.render import explanation_text
    from kg.resolve import resolve
    from kg.store import open_graph

    graph = open_graph(endpoint, graph_iri)
    explanation = explain_pair(
        resolve(drug, "Drug", graph, purpose="explain's first argument"),
        resolve(disease, "Disease", graph, purpose="explain's second argument"),
        graph,
    )
    emit(explanation.to_dict(), fmt, explanation_text(explanation))


@main.command()
@click.argument("start")
@click.argument("end")
@click.option("--max-hops", type=click.IntRange(1, 8), default=4, show_default=True)
@click.option(
    "--via", "predicates", multiple=True, metavar="PREDICATE",
    help="Walk only these predicates (repeatable), e.g. --via inhibits --via associatedJAK.",
)  # fmt: skip
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@ENDPOINT
@GRAPH
@FORMAT
def path(
    start: str, end: str, max_hops: int, predicates: tuple[str, ...], limit: int,
    endpoint: str | None, graph_iri: str | None, fmt: str,
) -> None:  # fmt: skip
    """Paths between any two entities, shortest first, each step with its sources."""
    from kg.paths import find_paths
    from kg.projection import project
    from kg.render import paths_text
    from kg.resolve import resolve
    from kg.store import open_graph

    graph = open_graph(endpoint, graph_iri) if endpoint or graph_iri else None
    first, last = resolve(start, graph=graph), resolve(end, graph=graph)
    paths = find_paths(project(graph), first, last, max_hops, predicates or None, limit)
    data = {
        "start": {"id": first.curie, "label": first.label},
        "end": {"id": last.curie, "label": last.label},
        "paths": [p.to_dict() for p in paths],
    }
    emit(data, fmt, paths_text(paths, first.label, last.label))


# ---------------------------------------------------------------- sparql (issue 5)

SPARQL_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]


@main.command()
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SPARQL_FORMATS),
    default=None,
    help="W3C result format; default: table on a terminal, csv (SELECT) or turtle otherwise.",
)
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL 1.1 endpoint instead.")
@GRAPH
@query_limits(timeout=30.0)
@click.option("--allow-update", is_flag=True, help="Run UPDATE/LOAD (in memory, or at --endpoint).")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE (federated) clauses.")
def sparql(
    query: str, fmt: str | None, endpoint: str | None, graph_iri: str | None, timeout: float,
    limit: int, allow_update: bool, allow_service: bool,
) -> None:  # fmt: skip
    """Run a SPARQL query: QUERY is the text, a .rq file, a library name, or - for stdin.

    The project prefixes (jk:, jkd:, rdfs:, skos:, dcterms:, ...) are predeclared.
    The graph is read-only: UPDATE, LOAD and SERVICE are refused unless allowed.
    """
    from kg.query import QueryRefusedError, check_allowed, read_query, run_query, run_remote, shape
    from kg.results import serialize

    text = read_query(query)
    try:
        check_allowed(text, allow_update=allow_update, allow_service=allow_service)
    except QueryRefusedError as error:
        flag = {"update": "--allow-update", "service": "--allow-service"}[error.allows or "update"]
        raise QueryRefusedError(f"{error} (pass {flag} to run it on purpose)") from None
    if fmt is None:
        piped = "turtle" if shape(text).form == "graph" else "csv"
        fmt = "table" if sys.stdout.isatty() else piped
    options = {"timeout": timeout, "limit": limit, "allow_update": allow_update,
               "allow_service": allow_service}  # fmt: skip
    if endpoint:
        body = serialize(run_remote(text, endpoint, graph=graph_iri, **options), fmt)
    elif graph_iri:
        raise click.UsageError("--graph names a graph at an --endpoint; give the --endpoint too")
    else:
        body = run_query(text, fmt, **options).body
    click.echo(body.decode("utf-8"), nl=not body.endswith(b"\n"))


@main.command()
@FORMAT
def queries(fmt: str) -> None:
    """List the query library (queries/*.rq) with the question each answers."""
    from kg.query import library

    found = library()
    width = max((len(q.name) for q in found), default=0)
    text = "\n".join(f"{q.name:<{width}}  {q.question}" for q in found)
    emit([q.to_dict() for q in found], fmt, text)


@main.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@click.option("--focus", metavar="NAME", help="Show NAME and its neighbourhood.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help="How many edges out from --focus (default 1).",
)
@click.option("--disease", metavar="NAME", help="A disease with its pathways and inhibitors.")
@click.option(
    "--explain", nargs=2, metavar="DRUG DISEASE", default=None,
    help="Why DRUG might help DISEASE: the supporting paths highlighted.",
)  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser.")
@ENDPOINT
@GRAPH
@FORMAT
def viz(
    output: Path,
    focus: str | None,
    depth: int | None,
    disease: str | None,
    explain: tuple[str, str] | None,
    open_browser: bool,
    endpoint: str | None,
    graph_iri: str | None,
    fmt: str,
) -> None:
    """Write an interactive network view (one offline HTML file) and print its path."""
    from kg.store import open_graph
    from kg.viz import choose_view, write_view

    view = choose_view(focus, depth, disease, explain, open_graph(endpoint, graph_iri))
    path = write_view(view, output, open_browser=open_browser)
    counts = {"path": str(path), "nodes": len(view.nodes), "edges": len(view.links)}
    emit(counts, fmt, str(path))


@main.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write (one offline page).",
)  # fmt: skip
@ENDPOINT
@FORMAT
def explore(output: Path, endpoint: str | None, fmt: str) -> None:
    """Write the student's explorer: pick a disease and a drug, see what is blocked and why
    (one offline HTML page, every question of the graph inside)."""
    from kg.explore import write_explorer
    from kg.store import open_graph

    path = write_explorer(output, open_graph(endpoint))
    emit({"path": str(path), "bytes": path.stat().st_size}, fmt, str(path))


SERVE_HELP = """Serve the graph as a read-only SPARQL 1.1 endpoint (and a query page) until Ctrl-C.

\b
The default port, 8573, is not Oxigraph's 7878, so that `jakkg push` to a local Oxigraph
never reaches this read-only endpoint by mistake. A --host other than loopback (127.0.0.1,
::1, localhost) makes the endpoint reachable from the network: a warning says so. Browsers
may query it from another web page only from the origins given with --cors (none by default).
"""


@main.command(help=SERVE_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=8573, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Query worker processes.",
)
@query_limits(timeout=10.0)
@click.option(
    "--memory-mb",
    type=click.IntRange(min=256),
    default=2048,
    show_default=True,
    help="Memory a query worker may add before it is stopped.",
)
@click.option(
    "--cors", "origins", multiple=True, metavar="ORIGIN",
    help="Let pages from ORIGIN (e.g. https://example.org; repeatable; * for any) query it.",
)  # fmt: skip
def serve(
    host: str, port: int, workers: int, timeout: float, limit: int, memory_mb: int,
    origins: tuple[str, ...],
) -> None:  # fmt: skip
    from kg.serve import Settings, check_free, endpoint_url, is_loopback
    from kg.serve import serve as run_server

    addresses = check_free(host, port)
    if not is_loopback(addresses):
        click.echo(
            f"Warning: {host} is not a loopback address: anyone who can reach this machine on"
            f" port {port} can query the endpoint.",
            err=True,
        )
    url = endpoint_url(host, port)
    click.echo(f"jakkg SPARQL endpoint: {url} (query page: /)", err=True)
    run_server(host, port, Settings(workers, timeout, limit, memory_mb, origins))


PUSH_HELP = """Load ontology + data into an external SPARQL store (HTTP PUT replaces: idempotent).

\b
Credentials, if the store asks (HTTP Basic or Digest), come from the first of:
  the URL              http://user:password@host:8890/sparql-graph-crud-auth
  the environment      JAKKG_USER and JAKKG_PASSWORD
  ~/.netrc             (or the file NETRC names): machine HOST login USER password PASSWORD
They are never printed. Redirects on the same server are followed; to another, refused.
"""


@main.command(help=PUSH_HELP)
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph).",
)
@click.option(
    "--graph", "graph_iri", metavar="IRI",
    help="Named graph to replace (default: the default graph; Virtuoso needs a named one).",
)  # fmt: skip
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
    help="Seconds to wait for the store to answer.",
)  # fmt: skip
@FORMAT
def push(endpoint: str, graph_iri: str | None, timeout: float, fmt: str) -> None:
    from kg.push import push as run_push

    report = run_push(endpoint, graph_iri, timeout=timeout)
    target = f"graph <{report.graph}>" if report.graph else "the default graph"
    text = f"pushed {report.triples} triples to {target} at {report.url} (HTTP {report.status})"
    emit(report.to_dict(), fmt, text)


@main.command()
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["turtle", "nt", "jsonld", "graphml", "kgx"]),
    help="Default: from the suffix (.ttl .nt .jsonld .graphml .tsv). kgx writes the Biolink "
    "TSV pair PATH_nodes.tsv and PATH_edges.tsv.",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="File to write."
)
def export(export_format: str | None, output: Path) -> None:
    """Export the graph as RDF, GraphML or KGX (written atomically)."""
    from kg.export import export as run_export

    report = run_export(export_format, output)
    click.echo(
        f"wrote {', '.join(report.paths)} ({report.nodes} nodes, {report.edges} edges, "
        f"{report.triples} triples)"
    )


@main.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .png, .svg or .html (offline page with the SVG inside).",
)  # fmt: skip
@click.option(
    "--view", type=click.Choice(["coverage", "inhibition"]), default="coverage",
    show_default=True,
    help="coverage: drug × disease; inhibition: drug × cytokine measured signalling inhibition.",
)  # fmt: skip
@ENDPOINT
@GRAPH
@FORMAT
def heatmap(output: Path, view: str, endpoint: str | None, graph_iri: str | None, fmt: str) -> None:
    """Draw the drug × disease coverage heatmap (A: approved, R: reported effective), or with
    --view inhibition the drug × cytokine measured inhibition (blank: unmeasured, not 0)."""
    from kg.heatmap import write_heatmap
    from kg.store import open_graph

    path = write_heatmap(output, open_graph(endpoint, graph_iri), view)
    emit({"path": str(path)}, fmt, str(path))


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@FORMAT
def diff(old: Path, new: Path, fmt: str) -> None:
    """Entities and edges added, removed or changed from graph OLD to graph NEW, with sources.

    OLD and NEW are Turtle or N-Triples files, or release folders (dist/).
    """
    from kg.diff import diff as compare
    from kg.diff import diff_text

    result = compare(old, new)
    emit(result.to_dict(), fmt, diff_text(result))


@main.command()
@click.option(
    "-o", "--output", default="dist", show_default=True, type=click.Path(path_type=Path),
    help="Folder to write the release into.",
)  # fmt: skip
@click.option(
    "--previous", type=click.Path(path_type=Path), default=None,
    help="The previous release (folder or .nt), for the data CHANGELOG.",
)  # fmt: skip
@FORMAT
def release(output: Path, previous: Path | None, fmt: str) -> None:
    """Build a versioned release: exports, SSSOM, VoID, data CHANGELOG and checksums."""
    from kg.release import build_release

    report = build_release(output, previous)
    text = f"jakkg {report.version} in {report.folder}/:\n" + "\n".join(
        f"  {name}" for name in report.files
    )
    emit(report.to_dict(), fmt, text)
