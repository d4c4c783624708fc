"""The KGX export is valid Biolink 4: kgx's validator passes it, bmt checks every term offline."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg import biolink
from kg.export import export
from kg.namespaces import PREFIXES, VOCAB
from kg.prefixes import records

pytest.importorskip("kgx")
ENUMS = {
    "object_aspect_qualifier": "GeneOrGeneProductOrChemicalEntityAspectEnum",
    "object_direction_qualifier": "DirectionQualifierEnum",
    "causal_mechanism_qualifier": "CausalMechanismQualifierEnum",
    "clinical_approval_status": "ClinicalApprovalStatusEnum",
    "knowledge_level": "KnowledgeLevelEnum",
    "agent_type": "AgentTypeEnum",
}


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def kgx_pair(graph, tmp_path_factory) -> tuple[Path, Path]:
    report = export("kgx", tmp_path_factory.mktemp("kgx") / "jakkg", graph)
    return tuple(Path(p) for p in report.paths)


def enum_values(name: str) -> set[str]:
    return set(biolink.toolkit().view.get_enum(name).permissible_values)


def test_kgx_validator_finds_no_error_in_the_export(kgx_pair) -> None:
    assert biolink.kgx_errors([str(p) for p in kgx_pair]) == {}


def test_kgx_validator_catches_a_made_up_predicate_and_category(kgx_pair, tmp_path) -> None:
    nodes, edges = (p.read_text(encoding="utf-8") for p in kgx_pair)
    bad_nodes, bad_edges = tmp_path / "bad_nodes.tsv", tmp_path / "bad_edges.tsv"
    bad_nodes.write_text(nodes.replace("biolink:Disease", "biolink:Illness", 1), encoding="utf-8")
    bad_edges.write_text(edges.replace("has_part", "sticks_to", 1), encoding="utf-8")
    errors = biolink.kgx_errors([str(bad_nodes), str(bad_edges)])
    messages = " ".join(m for level in errors.values() for kind in level.values() for m in kind)
    assert "'Illness' is unknown" in messages and "'sticks_to' is not in Biolink" in messages


def test_every_mapped_term_is_a_current_biolink_term() -> None:
    tk = biolink.toolkit()
    for term in biolink.mapping().values():
        element = tk.get_element(term.biolink)
        assert element is not None and element.deprecated is None, term
        if term.id_prefixes or term.biolink[8].isupper():
            assert tk.is_category(term.biolink), term
        else:
            assert tk.is_predicate(term.biolink), term
            assert tk.get_element(term.biolink).name != "related to", term


def test_qualifiers_are_biolink_qualifiers_with_permitted_values() -> None:
    tk = biolink.toolkit()
    for term in biolink.mapping().values():
        for name, value in term.qualifiers.items():
            assert tk.get_element(name) is not None, (term, name)
            if name == "qualified_predicate":
                assert tk.is_predicate(value), term
            elif name == "negated":
                assert value == "True", term
            else:
                assert value in enum_values(ENUMS[name]), (term, name, value)


def test_inhibition_is_a_decrease_of_activity_not_a_bare_interaction() -> None:
    inhibits = biolink.predicate(VOCAB + "inhibits")
    assert inhibits.biolink == "biolink:affects"
    assert inhibits.qualifiers == {
        "qualified_predicate": "biolink:causes",
        "object_aspect_qualifier": "activity",
        "object_direction_qualifier": "decreased",
        "causal_mechanism_qualifier": "inhibition",
    }
    failed = biolink.predicate(VOCAB + "failedIn")
    assert failed.biolink == "biolink:treats" and failed.qualifiers == {"negated": "True"}


def test_every_entity_property_of_the_ontology_has_a_row(graph) -> None:
    rows = graph.select(
        "SELECT ?p WHERE { ?p a owl:ObjectProperty ; rdfs:domain ?d ; rdfs:range ?r . "
        "FILTER(?d NOT IN (rdf:Statement, jk:SelectivityMeasurement, jk:DrugMeasurement, "
        "jk:SignallingInhibitionComparison)) "
        "FILTER(?r NOT IN (jk:Route, jk:BoxedWarning, jk:EvidenceKind, jk:Agency, jk:TargetRole)) }"
    )
    missing = {r["p"] for r in rows} - set(biolink.mapping())
    assert not missing, f"add these to ontology/biolink.tsv: {sorted(missing)}"


def test_an_unmapped_property_still_exports_as_related_to() -> None:
    term = biolink.predicate(VOCAB + "brandNewPredicate")
    assert term.biolink == biolink.FALLBACK_PREDICATE and term.qualifiers == {}


def test_id_prefixes_follow_biolink_order_for_the_prefixes_jakkg_cites() -> None:
    tk = biolink.toolkit()
    cited = {r["prefix"] for r in records()["identifiers"]}
    for term in biolink.mapping().values():
        if tk.is_category(term.biolink):
            expected = [p for p in tk.get_element(term.biolink).id_prefixes if p in cited]
            assert list(term.id_prefixes) == list(dict.fromkeys(expected)), term


def test_edges_respect_the_predicate_domain_and_range(kgx_pair) -> None:
    tk = biolink.toolkit()
    nodes, edges = (read_tsv(p) for p in kgx_pair)
    category = {n["id"]: n["category"] for n in nodes}
    for e in edges:
        element = tk.get_element(e["predicate"])
        for end, allowed in (("subject", element.domain), ("object", element.range)):
            if allowed:
                ancestors = tk.get_ancestors(category[e[end]], formatted=True, mixin=True)
                assert tk.get_element(allowed).class_uri in ancestors, (e, end, allowed)
        for column, enum in ENUMS.items():
            if e[column]:
                assert e[column] in enum_values(enum), (e, column)
        assert e["knowledge_level"] and e["agent_type"], e
    levels = {e["original_predicate"]: e["knowledge_level"] for e in edges}
    assert levels["jk:signalsVia"] == "logical_entailment"
    assert levels["jk:inhibits"] == "knowledge_assertion"


def test_node_ids_use_biolink_preferred_prefixes(kgx_pair) -> None:
    nodes, _ = (read_tsv(p) for p in kgx_pair)
    by_iri = {n["iri"]: n for n in nodes}
    assert by_iri[PREFIXES["jkd"] + "vitiligo"]["id"].startswith("MONDO:")
    assert by_iri[PREFIXES["jkd"] + "IL-6-receptor"]["id"] == "jkd:IL-6-receptor"
    assert not any(n["id"].startswith(("UniProt:", "CHEMBL:")) for n in nodes)


NEW_VOCABULARY = """
jk:failedIn a <http://www.w3.org/2002/07/owl#ObjectProperty> .
jk:blocksCytokine a <http://www.w3.org/2002/07/owl#ObjectProperty> .
jk:notYetMapped a <http://www.w3.org/2002/07/owl#ObjectProperty> .
jkd:drug-A a jk:Drug ; rdfs:label "drug A"@en ; jk:xref "CHEBI:95341" ;
    jk:failedIn jkd:dis-X ; jk:blocksCytokine jkd:IL-X ; jk:notYetMapped jkd:dis-X .
jkd:dis-X a jk:Disease ; rdfs:label "disease X"@en ; jk:xref "MONDO:0005097" .
jkd:IL-X a jk:Cytokine ; rdfs:label "IL-X"@en ; jk:xref "UniProt:P05112" .
[ a rdf:Statement ; rdf:subject jkd:drug-A ; rdf:predicate jk:failedIn ; rdf:object jkd:dis-X ;
  dcterms:source <https://doi.org/10.1/trial> ; jk:evidenceKind jk:RandomisedTrial ] .
"""


def test_the_leads_new_predicates_export_as_valid_biolink(tiny_graph, tmp_path) -> None:
    graph = tiny_graph(NEW_VOCABULARY)
    report = export("kgx", tmp_path / "new", graph)
    edges = {e["original_predicate"]: e for e in read_tsv(Path(report.paths[1]))}
    failed = edges["jk:failedIn"]
    assert (failed["subject"], failed["predicate"], failed["object"]) == (
        "CHEBI:95341", "biolink:treats", "MONDO:0005097",
    )  # fmt: skip
    assert failed["negated"] == "True" and failed["publications"] == "doi:10.1/trial"
    blocks = edges["jk:blocksCytokine"]
    assert (blocks["predicate"], blocks["object_direction_qualifier"]) == (
        "biolink:affects",
        "decreased",
    )
    assert blocks["object"] == "UniProtKB:P05112"
    assert edges["jk:notYetMapped"]["predicate"] == biolink.FALLBACK_PREDICATE
    assert biolink.kgx_errors(list(report.paths)) == {}
