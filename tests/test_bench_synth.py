"""The synthetic benchmark graph: deterministic by seed, and shaped like the curated data."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.synth import generate, units_for
from kg.namespaces import PREFIXES
from kg.store import KnowledgeGraph, default_files, parse_into


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory):
    return generate(5_000, tmp_path_factory.mktemp("synth") / "g.nt", seed=7)


@pytest.fixture(scope="module")
def synth_graph(synth) -> KnowledgeGraph:
    store = ox.Store()
    parse_into(store, default_files()[0])
    store.bulk_load(path=str(synth.path), format=ox.RdfFormat.N_TRIPLES)
    return KnowledgeGraph(store)


def test_same_seed_same_bytes_other_seed_other_bytes(synth, tmp_path: Path) -> None:
    again = generate(5_000, tmp_path / "again.nt", seed=7)
    other = generate(5_000, tmp_path / "other.nt", seed=8)
    assert digest(again.path) == digest(synth.path)
    assert again.to_dict() | {"path": ""} == synth.to_dict() | {"path": ""}
    assert digest(other.path) != digest(synth.path)


def test_size_is_about_what_was_asked(synth) -> None:
    assert 0.5 * 5_000 < synth.triples < 2 * 5_000
    assert units_for(10**7) > units_for(10**6) > units_for(10**3) == 1


def test_parses_and_counts_match(synth, synth_graph: KnowledgeGraph) -> None:
    ontology_only = ox.Store()
    parse_into(ontology_only, default_files()[0])
    assert len(synth_graph) == len(ontology_only) + synth.triples


def test_every_class_of_the_real_graph_is_populated(synth_graph: KnowledgeGraph) -> None:
    rows = synth_graph.select(
        "SELECT ?class (COUNT(?e) AS ?n) WHERE { ?e a ?class } GROUP BY ?class"
    )
    counts = {row["class"].rsplit("#", 1)[-1]: int(row["n"]) for row in rows}
    for cls in ("Cytokine", "ReceptorComplex", "ReceptorChain", "JanusKinase", "JAKInhibitor"):
        assert counts.get(cls, 0) > 0, cls
    assert counts["Disease"] > 0
    assert counts["Statement"] > 0


def test_every_sourced_edge_has_a_statement_with_source_and_kind(synth_graph) -> None:
    unsourced = synth_graph.select(
        """SELECT ?s ?p ?o WHERE {
             VALUES ?p { jk:bindsReceptor jk:associatedJAK jk:inhibits jk:implicatedIn
                         jk:approvedFor jk:reportedEffectiveIn jk:upstreamOf }
             ?s ?p ?o .
             FILTER NOT EXISTS { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ;
                                     rdf:object ?o ; dcterms:source ?src ;
                                     jk:evidenceKind ?kind }
           }"""
    )
    assert unsourced == []
    dangling = synth_graph.select(
        """SELECT ?st WHERE {
             ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
             FILTER NOT EXISTS { ?s ?p ?o }
           }"""
    )
    assert dangling == []


def test_statement_extras_follow_the_curation_rules(synth_graph) -> None:
    missing = synth_graph.select(
        """SELECT ?st WHERE {
             { ?st rdf:predicate jk:approvedFor
               FILTER NOT EXISTS { ?st jk:agency ?a ; jk:approvalYear ?y } }
             UNION
             { ?st rdf:predicate jk:inhibits FILTER NOT EXISTS { ?st jk:targetRole ?r } }
           }"""
    )
    assert missing == []


def test_signals_via_is_the_union_of_receptor_jaks(synth_graph) -> None:
    rows = synth_graph.select(
        """SELECT ?c ?j WHERE {
             { ?c jk:bindsReceptor/jk:associatedJAK ?j FILTER NOT EXISTS { ?c jk:signalsVia ?j } }
             UNION
             { ?c jk:signalsVia ?j FILTER NOT EXISTS { ?c jk:bindsReceptor/jk:associatedJAK ?j } }
           }"""
    )
    assert rows == []


def test_entities_have_labels_and_the_real_jaks_are_kept(synth_graph) -> None:
    unlabelled = synth_graph.select(
        "SELECT ?e WHERE { ?e a ?c . FILTER(STRSTARTS(STR(?c), STR(jk:)) && ?c != jk:Drug) "
        "FILTER NOT EXISTS { ?e rdfs:label ?l } "
        "FILTER(isIRI(?e) && STRSTARTS(STR(?e), STR(jkd:))) }"
    )
    assert unlabelled == []
    jak1 = synth_graph.select("SELECT ?l WHERE { jkd:JAK1 a jk:JanusKinase ; rdfs:label ?l }")
    assert jak1 == [{"l": "JAK1"}]
    assert PREFIXES["jkd"] == "https://w3id.org/jakkg/id/"


def test_the_rationale_model_facts_are_all_there(synth_graph, tmp_path: Path) -> None:
    """Every kind of fact rank and explain read (issue 18), at some share of the graph."""
    counts = {
        name: int(synth_graph.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")[0]["n"])
        for name, pattern in {
            "requirement": "?st jk:jakRequirement ?r",
            "tier": "?st jk:evidenceTier jk:Supported",
            "driver": "?m a jk:DriverMutation ; jk:driverOf ?d ; jk:signalsThrough ?r",
            "blocker approval": "?b jk:blocksCytokine ?c ; jk:approvedFor ?d",
            "blocker failure": "?b a jk:CytokineBlocker ; jk:failedIn ?d",
            "topical": "?drug a jk:JAKInhibitor ; jk:route jk:Topical",
            "oral": "?drug a jk:JAKInhibitor ; jk:route jk:Oral",
            "comparison": "?m a jk:SignallingInhibitionComparison ; jk:comparator ?d",
        }.items()
    }
    assert all(counts.values()), str(counts)
    assert counts["oral"] > counts["topical"]
    # About 4 in 15 drugs have a measurement: too few in 5,000 triples to count on one.
    bigger = generate(30_000, tmp_path / "bigger.nt").path.read_text(encoding="utf-8")
    measured = bigger.count("#SignallingInhibitionMeasurement>")
    drugs = bigger.count("#JAKInhibitor>")
    assert 0.1 * drugs < measured < 0.5 * drugs
