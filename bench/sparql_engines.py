"""pyoxigraph vs rdflib on library queries: same answers, and how long each takes.

    python -m bench.sparql_engines [--copies 20] [--repeat 5]

The larger graph is the shipped data copied ``--copies`` times with every jkd: entity renamed
per copy (the four JAKs stay shared), so the shape of the graph is kept while it grows.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import ENTITY, PREFIXES
from kg.query import read_query
from kg.store import default_files

QUERIES = (
    "tyk2-cytokines",
    "off-label-without-approval",
    "dermatomyositis-full-coverage",
    "disease-cytokine-jaks",
    "evidence-profile",
    "upadacitinib-edge-sources",
)
SHARED = {"JAK1", "JAK2", "JAK3", "TYK2"}
_ENTITY_IRI = re.compile(r"<" + re.escape(ENTITY) + r"([^>]+)>")
_BLANK = re.compile(r"_:(\w+)")


def synthetic_ntriples(copies: int) -> str:
    """The shipped data as N-Triples, ``copies`` times, entities renamed per copy."""
    store = ox.Store()
    store.bulk_load(path=str(default_files()[1]), format=ox.RdfFormat.TURTLE)
    base = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode()
    parts = [base]
    for copy in range(1, copies):

        def rename(match: re.Match, copy: int = copy) -> str:
            local = match[1]
            return match[0] if local in SHARED else f"<{ENTITY}{local}-c{copy}>"

        text = _ENTITY_IRI.sub(rename, base)
        parts.append(_BLANK.sub(lambda m, copy=copy: f"_:{m[1]}c{copy}", text))
    return "".join(parts)


def oxigraph_store(extra: str | None) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(default_files()[0]), format=ox.RdfFormat.TURTLE)
    if extra is None:
        store.bulk_load(path=str(default_files()[1]), format=ox.RdfFormat.TURTLE)
    else:
        store.bulk_load(extra.encode(), format=ox.RdfFormat.N_TRIPLES)
    return store


def rdflib_graph(extra: str | None):
    import rdflib

    graph = rdflib.Graph()
    graph.parse(default_files()[0], format="turtle")
    if extra is None:
        graph.parse(default_files()[1], format="turtle")
    else:
        graph.parse(data=extra, format="nt")
    return graph


def _cell(value: str) -> str:
    return ", ".join(sorted(value.split(", ")))


def oxigraph_rows(store: ox.Store, text: str) -> list[tuple]:
    """Rows as sorted tuples of (variable, lexical value); list cells compared as sets, an empty
    list as unbound (as in ``rdflib_rows``)."""
    answer = store.query(text, prefixes=PREFIXES)
    names = [v.value for v in answer.variables]
    lists = "GROUP_CONCAT" in text
    return sorted(
        tuple(
            (n, _cell(row[n].value))
            for n in names
            if row[n] is not None and not (lists and row[n].value == "")
        )
        for row in answer
    )


def rdflib_rows(graph, text: str) -> list[tuple]:
    """The same normal form for rdflib's answer (empty GROUP_CONCAT counts as unbound)."""
    answer = graph.query(text, initNs=PREFIXES)
    names = [str(v) for v in answer.vars]
    rows = []
    for row in answer:
        cells = []
        for name in names:
            term = row[name]
            if term is not None and not (str(term) == "" and "GROUP_CONCAT" in text):
                cells.append((name, _cell(str(term))))
        rows.append(tuple(cells))
    return sorted(rows)


def timed(function, repeat: int) -> tuple[float, object]:
    """Median seconds of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def compare(copies: int, repeat: int) -> list[dict]:
    """One row per (graph, query): triples, ms for each engine, speed-up, same answer."""
    extra = synthetic_ntriples(copies) if copies > 1 else None
    load_ox, store = timed(lambda: oxigraph_store(extra), 1)
    load_rdflib, graph = timed(lambda: rdflib_graph(extra), 1)
    rows = [
        {"graph": f"x{copies}", "query": "(load)", "triples": len(store),
         "pyoxigraph_ms": load_ox * 1000, "rdflib_ms": load_rdflib * 1000, "same": True}
    ]  # fmt: skip
    for name in QUERIES:
        text = read_query(name)
        ox_seconds, ox_rows = timed(lambda text=text: oxigraph_rows(store, text), repeat)
        try:
            rdf_seconds, rdf_rows = timed(lambda text=text: rdflib_rows(graph, text), repeat)
            same: bool | str = ox_rows == rdf_rows
        except Exception as exc:  # rdflib's evaluator fails on some valid queries
            rdf_seconds, same = float("nan"), f"rdflib fails: {type(exc).__name__}"
        rows.append(
            {"graph": f"x{copies}", "query": name, "triples": len(store),
             "pyoxigraph_ms": ox_seconds * 1000, "rdflib_ms": rdf_seconds * 1000,
             "rows": len(ox_rows), "same": same}
        )  # fmt: skip
    return rows


def markdown(rows: list[dict]) -> str:
    """The comparison as a Markdown table."""
    lines = [
        "| graph | query | triples | rows | pyoxigraph ms | rdflib ms | ratio | same answer |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        failed = math.isnan(r["rdflib_ms"])
        rdflib_ms = "—" if failed else f"{r['rdflib_ms']:.1f}"
        ratio = "—" if failed else f"{r['rdflib_ms'] / r['pyoxigraph_ms']:.0f}x"
        lines.append(
            f"| {r['graph']} | {r['query']} | {r['triples']} | {r.get('rows', '')} | "
            f"{r['pyoxigraph_ms']:.2f} | {rdflib_ms} | {ratio} | "
            f"{_same(r['same'])} |"
        )
    return "\n".join(lines) + "\n"


def _same(value: bool | str) -> str:
    return value if isinstance(value, str) else ("yes" if value else "NO")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    rows = compare(1, args.repeat) + compare(args.copies, max(1, args.repeat // 2))
    text = markdown(rows)
    print(text)
    if args.output:
        from kg.atomic import write_atomic

        write_atomic(args.output, text)


if __name__ == "__main__":
    main()
