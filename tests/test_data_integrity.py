"""Walk every record of the shipped data and check it: the graph must stay valid and sourced."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import curated_files, merged_text
from kg.namespaces import ENTITY
from kg.prefixes import iri_curie, standardize
from kg.store import KnowledgeGraph
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
TURTLE_FILES = sorted(
    [*ROOT.glob("ontology/*.ttl"), *ROOT.glob("data/*.ttl"), *ROOT.glob("data/curated/*.ttl")]
)
CORE_PREDICATES = [
    "bindsReceptor",
    "associatedJAK",
    "inhibits",
    "implicatedIn",
    "approvedFor",
    "reportedEffectiveIn",
    "upstreamOf",
]
SEED = "https://doi.org/10.36849/JDD.7500"


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: p.name)
def test_every_turtle_file_parses(path: Path) -> None:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(store) > 0


def test_triples_ttl_is_the_merge_of_the_curated_files() -> None:
    expected = merged_text(curated_files(ROOT))
    actual = (ROOT / "data" / "triples.ttl").read_text(encoding="utf-8")
    assert actual == expected, "data/triples.ttl is stale: run `make data`"


def test_shipped_data_conforms_to_the_shapes() -> None:
    report = validate()
    assert report.conforms, "\n".join(f"{v.focus}: {v.message}" for v in report.violations)


def test_every_entity_has_one_english_label(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?e (COUNT(?l) AS ?n) WHERE {
             ?e a ?c . FILTER(STRSTARTS(STR(?e), STR(jkd:)))
             OPTIONAL { ?e rdfs:label ?l FILTER(LANG(?l) = "en") }
           } GROUP BY ?e"""
    )
    assert rows
    assert [r["e"] for r in rows if r["n"] != "1"] == []


@pytest.mark.parametrize("predicate", CORE_PREDICATES)
def test_every_core_edge_has_a_source_and_evidence_kind(
    graph: KnowledgeGraph, predicate: str
) -> None:
    unsourced = graph.select(
        f"""SELECT ?s ?o WHERE {{
              ?s jk:{predicate} ?o .
              FILTER NOT EXISTS {{
                ?st rdf:subject ?s ; rdf:predicate jk:{predicate} ; rdf:object ?o ;
                    dcterms:source ?src ; jk:evidenceKind ?kind }}
            }}"""
    )
    assert unsourced == []


def test_every_source_is_a_doi_pmid_or_label_iri(graph: KnowledgeGraph) -> None:
    pattern = re.compile(
        r"^https://(doi\.org/10\.\d{4,9}/\S+|pubmed\.ncbi\.nlm\.nih\.gov/\d+/?"
        r"|www\.accessdata\.fda\.gov/\S+|dailymed\.nlm\.nih\.gov/\S+"
        r"|www\.ema\.europa\.eu/\S+|ec\.europa\.eu/health/\S+|www\.pmda\.go\.jp/\S+"
        r"|pmc\.ncbi\.nlm\.nih\.gov/articles/PMC\d+/?"  # a PMC record: pharmacology only
        r"|clinicaltrials\.gov/study/NCT\d{8})$"  # a registry record: trials under way only
    )
    sources = {r["src"] for r in graph.select("SELECT DISTINCT ?src { ?st dcterms:source ?src }")}
    assert sources
    assert sorted(s for s in sources if not pattern.match(s)) == []


def exact_matches(graph: KnowledgeGraph) -> set[tuple[str, str | None]]:
    """(entity, CURIE) of each skos:exactMatch IRI, read in any URI form Bioregistry knows."""
    rows = graph.select("SELECT ?e ?m { ?e skos:exactMatch ?m }")
    return {(r["e"], iri_curie(r["m"])) for r in rows}


def test_every_xref_has_its_resolvable_exact_match(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?e ?x { ?e jk:xref ?x }")
    matches = exact_matches(graph)
    assert rows
    missing = [(r["e"], r["x"]) for r in rows if (r["e"], standardize(r["x"])) not in matches]
    assert missing == []


def test_every_exact_match_comes_from_an_xref(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?e ?x { ?e jk:xref ?x }")
    xrefs = {(r["e"], standardize(r["x"])) for r in rows}
    assert sorted(m for m in exact_matches(graph) if m not in xrefs) == []


def test_entity_local_names_are_typeable_ascii(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT DISTINCT ?e { ?e a ?c FILTER(STRSTARTS(STR(?e), STR(jkd:))) }")
    locals_ = [r["e"][len(ENTITY) :] for r in rows]
    assert locals_
    assert [n for n in locals_ if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", n)] == []


def test_no_cytokine_without_jak_receptors_has_signals_via(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?c { ?c jk:signalsVia ?j .
                       FILTER NOT EXISTS { ?c jk:bindsReceptor/jk:associatedJAK ?any } }"""
    )
    assert rows == []


def test_il17a_signals_without_jaks_and_is_driven_by_il23(graph: KnowledgeGraph) -> None:
    assert graph.select("SELECT ?j { jkd:IL-17A jk:signalsVia ?j }") == []
    upstream = {r["u"] for r in graph.select("SELECT ?u { ?u jk:upstreamOf jkd:IL-17A }")}
    assert ENTITY + "IL-23" in upstream


@pytest.mark.parametrize(
    ("cytokine", "jaks"),
    [
        ("IL-2", {"JAK1", "JAK3"}),
        ("IL-4", {"JAK1", "JAK3", "TYK2"}),
        ("IL-13", {"JAK1", "TYK2"}),
        ("IL-23", {"JAK2", "TYK2"}),
        ("IFN-alpha", {"JAK1", "TYK2"}),
        ("IFN-gamma", {"JAK1", "JAK2"}),
    ],
)
def test_cytokine_jak_pairs_match_the_literature(
    graph: KnowledgeGraph, cytokine: str, jaks: set[str]
) -> None:
    rows = graph.select(f"SELECT ?j {{ jkd:{cytokine} jk:signalsVia ?j }}")
    assert {r["j"][len(ENTITY) :] for r in rows} == jaks


def test_il4_type_i_and_type_ii_receptors_differ(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?r ?j { jkd:IL-4 jk:bindsReceptor ?r . ?r jk:associatedJAK ?j }")
    by_receptor: dict[str, set[str]] = {}
    for r in rows:
        by_receptor.setdefault(r["r"], set()).add(r["j"][len(ENTITY) :])
    assert len(by_receptor) == 2
    assert {"JAK3"} in [jaks - {"JAK1"} for jaks in by_receptor.values()]
    assert all("JAK1" in jaks for jaks in by_receptor.values())


@pytest.mark.parametrize(
    ("drug", "disease"),
    [
        ("upadacitinib", "dermatomyositis"),
        ("tofacitinib", "dermatomyositis"),
        ("upadacitinib", "hidradenitis-suppurativa"),
        ("upadacitinib", "cutaneous-crohns-disease"),
        ("tofacitinib", "cutaneous-lupus-erythematosus"),
    ],
)
def test_seed_case_series_edges_are_sourced_to_the_paper(
    graph: KnowledgeGraph, drug: str, disease: str
) -> None:
    rows = graph.select(
        f"""SELECT ?kind {{
              jkd:{drug} jk:reportedEffectiveIn jkd:{disease} .
              ?st rdf:subject jkd:{drug} ; rdf:predicate jk:reportedEffectiveIn ;
                  rdf:object jkd:{disease} ; dcterms:source <{SEED}> ; jk:evidenceKind ?kind }}"""
    )
    assert [r["kind"] for r in rows] == ["https://w3id.org/jakkg/vocab#CaseSeries"]


def test_every_approval_has_agency_year_and_label_source(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d ?x ?agency ?year ?src {
             ?d jk:approvedFor ?x .
             OPTIONAL { ?st rdf:subject ?d ; rdf:predicate jk:approvedFor ; rdf:object ?x ;
                           jk:agency ?agency ; jk:approvalYear ?year ; dcterms:source ?src } }"""
    )
    assert rows
    assert [r for r in rows if not {"agency", "year", "src"} <= r.keys()] == []
    assert all(1990 <= int(r["year"]) <= 2026 for r in rows)


def test_every_inhibits_edge_says_primary_or_secondary(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d ?j ?role {
             ?d jk:inhibits ?j .
             OPTIONAL { ?st rdf:subject ?d ; rdf:predicate jk:inhibits ; rdf:object ?j ;
                           jk:targetRole ?role } }"""
    )
    assert rows
    roles = {r.get("role", "").rsplit("#", 1)[-1] for r in rows}
    assert roles <= {"PrimaryTarget", "SecondaryTarget"}
