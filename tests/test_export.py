"""``jakkg export``: RDF round trips, GraphML and KGX read back, atomic writes."""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import biolink
from kg.atomic import OutputError
from kg.cli import main
from kg.export import KGX_EDGE_COLUMNS, export, nodes_and_edges
from kg.namespaces import PREFIXES, shorten

RDF = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def canonical(quads) -> set[str]:
    dataset = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(q) for q in dataset}


def expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld"])
def test_rdf_exports_round_trip_to_the_same_graph(graph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph.{fmt}"
    report = export(fmt, path, graph)
    assert report.triples == len(graph)
    back = list(ox.parse(path=str(path), format=RDF[fmt]))
    assert len(back) == len(graph)
    assert canonical(back) == canonical(graph.store)


def test_graphml_reads_back_with_every_entity_and_edge(graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    export("graphml", path, graph)
    back = nx.read_graphml(path, force_multigraph=True)
    nodes, edges = nodes_and_edges(graph)
    assert set(back.nodes) == {shorten(n["entity"]) for n in nodes}
    assert {(s, d["predicate"], o) for s, o, d in back.edges(data=True)} == {
        (shorten(e["s"]), e["p"].rsplit("#", 1)[1], shorten(e["o"])) for e in edges
    }
    assert back.nodes["jkd:JAK1"]["label"] == "JAK1"
    assert back.nodes["jkd:upadacitinib"]["category"] == "JAKInhibitor"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_kgx_pair_follows_the_schema_and_round_trips(graph, tmp_path: Path) -> None:
    report = export("kgx", tmp_path / "jakkg", graph)
    nodes_path, edges_path = (Path(p) for p in report.paths)
    assert nodes_path.name == "jakkg_nodes.tsv" and edges_path.name == "jakkg_edges.tsv"
    nodes, edges = read_tsv(nodes_path), read_tsv(edges_path)
    ids = {n["id"] for n in nodes}
    iri = {n["id"]: n["iri"] for n in nodes}
    assert len(ids) == len(nodes) == report.nodes
    categories = {t.biolink for t in biolink.mapping().values()}
    assert all(n["category"] in categories and n["name"] for n in nodes)
    assert list(edges[0]) == list(KGX_EDGE_COLUMNS)
    assert all(e["subject"] in ids and e["object"] in ids for e in edges)
    assert len({e["id"] for e in edges}) == len(edges) == report.edges
    # Round trip: every KGX edge is a triple of the graph, and every graph edge is in KGX.
    triples = {
        (iri[e["subject"]], expand(e["original_predicate"]), iri[e["object"]]) for e in edges
    }
    for s, p, o in triples:
        assert graph.store.query(f"ASK {{ <{s}> <{p}> <{o}> }}")
    _, graph_edges = nodes_and_edges(graph)
    assert triples == {(e["s"], e["p"], e["o"]) for e in graph_edges}
    by_iri = {n["iri"]: n for n in nodes}
    upa, dm, hs = (
        by_iri[expand(c)]["id"]
        for c in ("jkd:upadacitinib", "jkd:dermatomyositis", "jkd:hidradenitis-suppurativa")
    )
    applied = {
        e["object"]: e["publications"].split("|")
        for e in edges
        if e["subject"] == upa and e["predicate"] == "biolink:applied_to_treat"
    }
    for seed_case in (dm, hs):
        assert "doi:10.36849/JDD.7500" in applied[seed_case]
    jak1 = by_iri[expand("jkd:JAK1")]
    assert jak1["id"] == "UniProtKB:P23458" and jak1["category"] == "biolink:Protein"
    assert {"HGNC:6190", "jkd:JAK1"} <= set(jak1["xref"].split("|"))


def test_cli_export_writes_every_format(tmp_path: Path) -> None:
    for fmt in ("turtle", "nt", "jsonld", "graphml", "kgx"):
        result = CliRunner().invoke(
            main, ["export", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")]
        )
        assert result.exit_code == 0, result.output
        assert "wrote" in result.output
    assert (tmp_path / "out.kgx_nodes.tsv").exists() and (tmp_path / "out.kgx_edges.tsv").exists()


def test_export_into_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--format", "nt", "-o", str(tmp_path / "no" / "x.nt")]
    )
    assert result.exit_code == 2 and "no such folder" in result.output


def test_export_under_a_file_says_it_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    result = CliRunner().invoke(main, ["export", "-o", str(tmp_path / "plain" / "x.nt")])
    assert result.exit_code == 2 and "plain: not a folder" in result.output


@pytest.mark.parametrize(
    ("name", "fmt"), [("g.ttl", "turtle"), ("g.nt", "nt"), ("g.jsonld", "jsonld")]
)
def test_export_takes_the_format_from_the_suffix(
    graph, tmp_path: Path, name: str, fmt: str
) -> None:
    result = CliRunner().invoke(main, ["export", "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert len(list(ox.parse(path=str(tmp_path / name), format=RDF[fmt]))) == len(graph)


def test_a_failed_write_leaves_the_previous_export_intact(
    graph, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "graph.nt"
    path.write_text("previous\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError, match="no space left on device"):
        export("nt", path, graph)
    assert path.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]
