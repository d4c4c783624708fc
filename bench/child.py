"""One measurement in a fresh process, so that each engine's peak RSS is its own.

Run as ``python -m bench.child ENGINE '{"files": [...], ...}'``; prints one JSON object.
Engines: ``oxigraph`` (in-memory store, the shipped engine, plus the NetworkX projection),
``rdflib`` (in-memory Graph and its SPARQL evaluator), ``disk-load`` and ``disk-open``
(a persistent on-disk Oxigraph store: built once, then reopened), ``push`` and ``remote``
(the graph in an Oxigraph server, queried over the SPARQL protocol).
"""

from __future__ import annotations

import json
import resource
import signal
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from kg.namespaces import PREFIXES, local_name, sparql_prologue
from kg.store import bind_values

QUERY_DIR = Path(__file__).resolve().parent / "queries"
TIME_BUDGET_S = 10.0  # stop repeating a measurement once it has used this much time
REPEATS = 5
QUERY_LIMIT_S = 60  # give up on one call after this long
RDFLIB_LIMIT_S = 30  # rdflib's evaluator can take hours on a query oxigraph answers in ms


class QueryTimeout(BaseException):
    """A measured call ran past its limit (a BaseException: rdflib catches Exception)."""


def _alarm(signum: int, frame: object) -> None:
    raise QueryTimeout


def query_text(name: str) -> str:
    """Text of ``bench/queries/NAME.rq``."""
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB.

    Linux's ``VmHWM`` where there is one: ``ru_maxrss`` of a freshly started child still
    carries the high-water mark of the parent it was forked from, which would mask small peaks.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def timed(work: Callable[[], object], repeats: int = REPEATS, limit: int = QUERY_LIMIT_S) -> dict:
    """First-call and median-of-repeats wall time of ``work`` in ms, and its result size.

    A first call that runs past ``limit`` seconds is abandoned: ``{"timeout_s": limit}``.
    """
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    start = time.perf_counter()
    try:
        result = work()
    except QueryTimeout:
        return {"timeout_s": limit}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    first = time.perf_counter() - start
    runs: list[float] = []
    spent = first
    while len(runs) < repeats and spent < TIME_BUDGET_S:
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
        spent += runs[-1]
    median = statistics.median(runs) if runs else first
    return {
        "first_ms": first * 1000,
        "ms": median * 1000,
        "runs": len(runs) + 1,
        "rows": len(result) if hasattr(result, "__len__") else None,
    }


def _format(path: str):
    import pyoxigraph as ox

    return ox.RdfFormat.N_TRIPLES if path.endswith(".nt") else ox.RdfFormat.TURTLE


def _raw_rows(store, name: str, bindings: dict[str, str]) -> list[tuple]:
    """All rows of a bench query on a bare pyoxigraph store, as tuples of values."""
    solutions = store.query(bind_values(query_text(name), bindings), prefixes=PREFIXES)
    names = [v.value for v in solutions.variables]
    return [tuple(None if row[n] is None else row[n].value for n in names) for row in solutions]


def nx_rank(projection, disease: str) -> list[tuple[str, int]]:
    """The coverage ``rank`` traversal on the NetworkX projection (no sources, no weights).

    disease <-implicatedIn- cytokine -bindsReceptor-> receptor -associatedJAK-> JAK
    <-inhibits- drug (the projection leaves out the derived jk:signalsVia).
    """
    covered: dict[str, set[str]] = defaultdict(set)
    for cytokine, _, hop1 in projection.in_edges(disease, keys=True):
        if hop1 != "implicatedIn":
            continue
        for _, receptor, hop2 in projection.out_edges(cytokine, keys=True):
            if hop2 != "bindsReceptor":
                continue
            for _, jak, hop3 in projection.out_edges(receptor, keys=True):
                if hop3 != "associatedJAK":
                    continue
                for drug, _, hop4 in projection.in_edges(jak, keys=True):
                    if hop4 == "inhibits":
                        covered[drug].add(cytokine)
    return sorted(((d, len(c)) for d, c in covered.items()), key=lambda x: (-x[1], x[0]))


class QueryClock:
    """A graph that adds up the time spent in its ``select`` (the store plus row conversion)."""

    def __init__(self, graph) -> None:
        self.graph, self.seconds, self.queries = graph, 0.0, 0

    def select(self, sparql: str, bindings: dict[str, str] | None = None) -> list[dict[str, str]]:
        """The wrapped graph's rows, timed."""
        start = time.perf_counter()
        try:
            return self.graph.select(sparql, bindings)
        finally:
            self.seconds += time.perf_counter() - start
            self.queries += 1


def share_in_queries(work: Callable[[object], object], graph, runs: int = 3) -> dict:
    """How much of a library call is spent in its SPARQL queries (median of ``runs``)."""
    shares, counts = [], []
    for _ in range(runs):
        clock = QueryClock(graph)
        start = time.perf_counter()
        work(clock)
        total = time.perf_counter() - start
        shares.append(clock.seconds / total if total else 0.0)
        counts.append(clock.queries)
    return {"share": statistics.median(shares), "queries": max(counts)}


def _library(
    graph, out: dict, disease: str, drug: str, repeats: int = REPEATS, limit: int = QUERY_LIMIT_S
) -> None:
    """Time the project's own rank and explain (kg.rationale, kg.explain) on ``graph``."""
    from kg.explain import explain
    from kg.rationale import rank
    from kg.resolve import Entity, exact_matches

    disease_entity = Entity(local_name(disease), "Disease", disease)
    drug_entity = Entity(local_name(drug), "JAKInhibitor", drug)
    out["rank"] = timed(lambda: rank(disease_entity, graph).candidates, repeats, limit)
    out["rank_reaching"] = timed(
        lambda: rank(disease_entity, graph, every_drug=False).candidates, repeats, limit
    )
    out["resolve_exact"] = timed(lambda: exact_matches(graph, local_name(disease)), repeats, limit)
    if "timeout_s" not in out["rank_reaching"]:
        out["rank_reaching_in_queries"] = share_in_queries(
            lambda g: rank(disease_entity, g, every_drug=False), graph
        )
        out["explain_in_queries"] = share_in_queries(
            lambda g: explain(drug_entity, disease_entity, g), graph
        )
    out["explain"] = timed(
        lambda: explain(drug_entity, disease_entity, graph).paths, repeats, limit
    )
    out["explain_cold"] = timed(  # a new wrapper each call: no fact is reused
        lambda: explain(drug_entity, disease_entity, QueryClock(graph)).paths, repeats, limit
    )


def run_oxigraph(files: list[str], disease: str, drug: str, projection: bool = True) -> dict:
    """Load into an in-memory Store; time library calls, raw queries and the projection."""
    import pyoxigraph as ox

    from kg.resolve import Resolver
    from kg.sparql import library_query
    from kg.store import KnowledgeGraph

    out: dict = {"rss_base_mb": peak_rss_mb()}
    start = time.perf_counter()
    store = ox.Store()
    for path in files:
        store.bulk_load(path=path, format=_format(path))
    out["load_s"] = time.perf_counter() - start
    out["triples"] = len(store)
    graph = KnowledgeGraph(store, [Path(f) for f in files])
    out["show_query"] = timed(lambda: graph.select(library_query("entity-edges"), {"entity": drug}))
    out["rank_query"] = timed(lambda: _raw_rows(store, "rank-coverage", {"disease": disease}))
    best = _raw_rows(store, "rank-coverage", {"disease": disease})[0][0]
    out["explain_drug"] = best
    out["explain_query"] = timed(
        lambda: _raw_rows(store, "explain-paths", {"drug": best, "disease": disease})
    )
    _library(graph, out, disease, best)
    start = time.perf_counter()
    resolver = Resolver(graph)
    out["resolver_s"] = time.perf_counter() - start
    out["resolver_names"] = len(resolver.index)
    out["rss_mb"] = peak_rss_mb()
    if projection:
        import networkx  # noqa: F401  (import cost is not projection cost)

        from kg.projection import project

        start = time.perf_counter()
        nxgraph = project(graph)
        out["projection_s"] = time.perf_counter() - start
        out["projection_edges"] = nxgraph.number_of_edges()
        out["nx_rank"] = timed(lambda: nx_rank(nxgraph, disease))
        out["rss_with_projection_mb"] = peak_rss_mb()
    return out


class RdflibGraph:
    """rdflib's Graph and SPARQL evaluator behind the library's ``select`` protocol."""

    def __init__(self, graph) -> None:
        self.graph = graph
        self.prologue = sparql_prologue()

    def select(self, sparql: str, bindings: dict[str, str] | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT query as ``{variable: value}``; unbound variables are left out."""
        result = self.graph.query(self.prologue + bind_values(sparql, bindings or {}))
        return [{str(k): str(v) for k, v in row.asdict().items()} for row in result]


def run_rdflib(
    files: list[str], disease: str, drug: str, explain_drug: str, library: bool = True
) -> dict:
    """Load into rdflib's in-memory Graph; run the same queries (and library calls) on it."""
    import rdflib

    from kg.sparql import library_query

    out: dict = {"rss_base_mb": peak_rss_mb()}
    start = time.perf_counter()
    graph = rdflib.Graph()
    for path in files:
        graph.parse(path, format="nt" if path.endswith(".nt") else "turtle")
    out["load_s"] = time.perf_counter() - start
    out["triples"] = len(graph)
    wrapped = RdflibGraph(graph)
    bench_query = {"disease": disease}

    out["show_query"] = timed(
        lambda: wrapped.select(library_query("entity-edges"), {"entity": drug}), 2, RDFLIB_LIMIT_S
    )
    out["rank_query"] = timed(
        lambda: wrapped.select(query_text("rank-coverage"), bench_query), 2, RDFLIB_LIMIT_S
    )
    out["explain_query"] = timed(
        lambda: wrapped.select(
            query_text("explain-paths"), {"drug": explain_drug, "disease": disease}
        ),
        2,
        RDFLIB_LIMIT_S,
    )
    if library:
        _library(wrapped, out, disease, explain_drug, repeats=2, limit=RDFLIB_LIMIT_S)
    out["rss_mb"] = peak_rss_mb()
    return out


def run_disk_load(files: list[str], store_dir: str) -> dict:
    """First ``kg.cache.open_store``: hash the files, build the on-disk store, open it; then
    the first run's list of every inhibitor, which ``kg.cache.remembered`` keeps beside it."""
    from kg.cache import open_store, store_location
    from kg.rationale.inhibitors import every_inhibitor
    from kg.store import KnowledgeGraph

    out: dict = {"rss_base_mb": peak_rss_mb()}
    paths = [Path(f) for f in files]
    start = time.perf_counter()
    store = open_store(paths, Path(store_dir))
    out["load_s"] = time.perf_counter() - start
    start = time.perf_counter()
    every_inhibitor(KnowledgeGraph(store, paths, store_location(paths, Path(store_dir))))
    out["inhibitor_list_s"] = time.perf_counter() - start
    out["triples"] = len(store)
    out["rss_mb"] = peak_rss_mb()
    return out


def run_disk_open(files: list[str], store_dir: str, disease: str, explain_drug: str) -> dict:
    """A later ``kg.cache.open_store`` (what each later run pays), then rank and explain."""
    from kg.cache import open_store, store_location
    from kg.store import KnowledgeGraph

    out: dict = {"rss_base_mb": peak_rss_mb()}
    paths = [Path(f) for f in files]
    start = time.perf_counter()
    store = open_store(paths, Path(store_dir))
    out["open_s"] = time.perf_counter() - start
    out["rank_query"] = timed(lambda: _raw_rows(store, "rank-coverage", {"disease": disease}))
    out["explain_query"] = timed(
        lambda: _raw_rows(store, "explain-paths", {"drug": explain_drug, "disease": disease})
    )
    graph = KnowledgeGraph(store, paths, store_location(paths, Path(store_dir)))
    _library(graph, out, disease, explain_drug)
    out["rss_mb"] = peak_rss_mb()
    return out


def run_push(files: list[str], endpoint: str, graph: str | None = None) -> dict:
    """``jakkg push`` of the synthetic graph into a SPARQL store (Graph Store Protocol PUT)."""
    from kg.push import push

    out: dict = {"rss_base_mb": peak_rss_mb()}
    start = time.perf_counter()
    report = push(endpoint, graph, files=files, timeout=3600)
    out["push_s"] = time.perf_counter() - start
    out["triples"] = report.triples
    out["rss_mb"] = peak_rss_mb()
    return out


def run_remote(endpoint: str, disease: str, explain_drug: str, graph: str | None = None) -> dict:
    """The library's rank and explain over the SPARQL protocol (``--endpoint``, ``--graph``)."""
    from kg.remote import RemoteGraph

    out: dict = {"rss_base_mb": peak_rss_mb()}
    graph = RemoteGraph(endpoint, graph, timeout=QUERY_LIMIT_S)
    out["rank_query"] = timed(
        lambda: graph.select(query_text("rank-coverage"), {"disease": disease})
    )
    _library(graph, out, disease, explain_drug)
    out["rss_mb"] = peak_rss_mb()
    return out


RUNNERS: dict[str, Callable[..., dict]] = {
    "oxigraph": run_oxigraph,
    "rdflib": run_rdflib,
    "disk-load": run_disk_load,
    "disk-open": run_disk_open,
    "push": run_push,
    "remote": run_remote,
}


def main(argv: list[str]) -> None:
    engine, params = argv[1], json.loads(argv[2])
    json.dump(RUNNERS[engine](**params), sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
