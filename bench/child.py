"""One measurement in a fresh process, so that each engine's peak RSS is its own.

Run as ``python -m bench.child ENGINE '{"files": [...], ...}'``; prints one JSON object.
Engines: ``oxigraph`` (in-memory store, the shipped engine, plus the NetworkX projection),
``rdflib`` (in-memory Graph and its SPARQL evaluator), ``disk-load`` and ``disk-open``
(a persistent on-disk Oxigraph store: built once, then reopened).
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
TIME_BUDGET_S = 20.0  # stop repeating a measurement once it has used this much time
REPEATS = 5
QUERY_LIMIT_S = 60  # give up on one call after this long (rdflib's evaluator can take hours)


class QueryTimeout(Exception):
    """A measured call ran past QUERY_LIMIT_S."""


def _alarm(signum: int, frame: object) -> None:
    raise QueryTimeout


def query_text(name: str) -> str:
    """Text of ``bench/queries/NAME.rq``."""
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(work: Callable[[], object], repeats: int = REPEATS) -> dict:
    """First-call and median-of-repeats wall time of ``work`` in ms, and its result size.

    A first call that runs past QUERY_LIMIT_S is abandoned: ``{"timeout_s": limit}``.
    """
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(QUERY_LIMIT_S)
    start = time.perf_counter()
    try:
        result = work()
    except QueryTimeout:
        return {"timeout_s": QUERY_LIMIT_S}
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


def project(store) -> object:
    """NetworkX multigraph of the asserted entity-to-entity edges (no provenance)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for s, p, o in store.query(query_text("projection-edges"), prefixes=PREFIXES):
        graph.add_edge(s.value, o.value, key=local_name(p.value))
    return graph


def nx_rank(graph, disease: str) -> list[tuple[str, int]]:
    """The three-hop coverage ``rank`` as a NetworkX traversal (no source counts)."""
    covered: dict[str, set[str]] = defaultdict(set)
    for cytokine, _, hop1 in graph.in_edges(disease, keys=True):
        if hop1 != "implicatedIn":
            continue
        for _, jak, hop2 in graph.out_edges(cytokine, keys=True):
            if hop2 != "signalsVia":
                continue
            for drug, _, hop3 in graph.in_edges(jak, keys=True):
                if hop3 == "inhibits":
                    covered[drug].add(cytokine)
    return sorted(((d, len(c)) for d, c in covered.items()), key=lambda x: (-x[1], x[0]))


def run_oxigraph(files: list[str], disease: str, drug: str, projection: bool = True) -> dict:
    """Load into an in-memory Store; time the library and bench queries and the projection."""
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
    start = time.perf_counter()
    resolver = Resolver(graph)
    out["resolver_s"] = time.perf_counter() - start
    out["resolver_names"] = len(resolver.index)
    out["rss_mb"] = peak_rss_mb()
    if projection:
        import networkx  # noqa: F401  (import cost is not projection cost)

        start = time.perf_counter()
        nxgraph = project(store)
        out["projection_s"] = time.perf_counter() - start
        out["projection_edges"] = nxgraph.number_of_edges()
        out["nx_rank"] = timed(lambda: nx_rank(nxgraph, disease))
        out["rss_with_projection_mb"] = peak_rss_mb()
    return out


def run_rdflib(files: list[str], disease: str, drug: str, explain_drug: str) -> dict:
    """Load into rdflib's in-memory Graph; time the same queries on rdflib's evaluator."""
    import rdflib

    from kg.sparql import library_query

    out: dict = {"rss_base_mb": peak_rss_mb()}
    start = time.perf_counter()
    graph = rdflib.Graph()
    for path in files:
        graph.parse(path, format="nt" if path.endswith(".nt") else "turtle")
    out["load_s"] = time.perf_counter() - start
    out["triples"] = len(graph)
    prologue = sparql_prologue()

    def rows(text: str, bindings: dict[str, str]) -> list:
        return list(graph.query(prologue + bind_values(text, bindings)))

    out["show_query"] = timed(lambda: rows(library_query("entity-edges"), {"entity": drug}), 2)
    out["rank_query"] = timed(lambda: rows(query_text("rank-coverage"), {"disease": disease}), 2)
    out["explain_query"] = timed(
        lambda: rows(query_text("explain-paths"), {"drug": explain_drug, "disease": disease}), 2
    )
    out["rss_mb"] = peak_rss_mb()
    return out


def run_disk_load(files: list[str], store_dir: str) -> dict:
    """Build a persistent on-disk Store from ``files`` (the one-off cost)."""
    import pyoxigraph as ox

    out: dict = {"rss_base_mb": peak_rss_mb()}
    start = time.perf_counter()
    store = ox.Store(store_dir)
    for path in files:
        store.bulk_load(path=path, format=_format(path))
    store.flush()
    out["load_s"] = time.perf_counter() - start
    out["triples"] = len(store)
    out["rss_mb"] = peak_rss_mb()
    return out


def run_disk_open(store_dir: str, disease: str, explain_drug: str) -> dict:
    """Reopen the on-disk Store and answer the rank query: what a later CLI run pays."""
    import pyoxigraph as ox

    out: dict = {"rss_base_mb": peak_rss_mb()}
    start = time.perf_counter()
    store = ox.Store(store_dir)
    out["open_s"] = time.perf_counter() - start
    out["rank_query"] = timed(lambda: _raw_rows(store, "rank-coverage", {"disease": disease}))
    out["explain_query"] = timed(
        lambda: _raw_rows(store, "explain-paths", {"drug": explain_drug, "disease": disease})
    )
    out["rss_mb"] = peak_rss_mb()
    return out


RUNNERS: dict[str, Callable[..., dict]] = {
    "oxigraph": run_oxigraph,
    "rdflib": run_rdflib,
    "disk-load": run_disk_load,
    "disk-open": run_disk_open,
}


def main(argv: list[str]) -> None:
    engine, params = argv[1], json.loads(argv[2])
    json.dump(RUNNERS[engine](**params), sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
