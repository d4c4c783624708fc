"""The rationale engine: the coverage model on a tiny graph, then biology on the shipped one."""

from __future__ import annotations

import pytest

from kg.explain import explain
from kg.rationale import coverage_matrix, rank
from kg.resolve import Resolver, resolve

# A made-up signalling map that exercises every rule of the model:
# R1 uses JAK1/JAK3, R2 JAK1/TYK2, R3 JAK2/TYK2, RN no JAK.
# C4 binds R1 and R2; C13 binds R2; C23 binds R3; C17 binds RN and is driven by C23.
MODEL = """
jkd:JAK1 a jk:JanusKinase ; rdfs:label "JAK1"@en .
jkd:JAK2 a jk:JanusKinase ; rdfs:label "JAK2"@en .
jkd:JAK3 a jk:JanusKinase ; rdfs:label "JAK3"@en .
jkd:TYK2 a jk:JanusKinase ; rdfs:label "TYK2"@en .
jkd:R1 a jk:ReceptorComplex ; rdfs:label "R1"@en ; jk:associatedJAK jkd:JAK1, jkd:JAK3 .
jkd:R2 a jk:ReceptorComplex ; rdfs:label "R2"@en ; jk:associatedJAK jkd:JAK1, jkd:TYK2 .
jkd:R3 a jk:ReceptorComplex ; rdfs:label "R3"@en ; jk:associatedJAK jkd:JAK2, jkd:TYK2 .
jkd:RN a jk:ReceptorComplex ; rdfs:label "RN"@en .
jkd:C4 a jk:Cytokine ; rdfs:label "C4"@en ; jk:bindsReceptor jkd:R1, jkd:R2 ;
    jk:implicatedIn jkd:D .
jkd:C13 a jk:Cytokine ; rdfs:label "C13"@en ; jk:bindsReceptor jkd:R2 ; jk:implicatedIn jkd:D .
jkd:C23 a jk:Cytokine ; rdfs:label "C23"@en ; jk:bindsReceptor jkd:R3 ; jk:implicatedIn jkd:D ;
    jk:upstreamOf jkd:C17 .
jkd:C17 a jk:Cytokine ; rdfs:label "C17"@en ; jk:bindsReceptor jkd:RN ; jk:implicatedIn jkd:D .
jkd:D a jk:Disease ; rdfs:label "disease D"@en .
jkd:drug-J3 a jk:JAKInhibitor ; rdfs:label "drug-J3"@en ; jk:inhibits jkd:JAK3 .
jkd:drug-T a jk:JAKInhibitor ; rdfs:label "drug-T"@en ; jk:inhibits jkd:TYK2 ;
    jk:reportedEffectiveIn jkd:D .
jkd:drug-J1 a jk:JAKInhibitor ; rdfs:label "drug-J1"@en ; jk:inhibits jkd:JAK1, jkd:JAK2 ;
    jk:approvedFor jkd:D .
[ a rdf:Statement ; rdf:subject jkd:drug-J1 ; rdf:predicate jk:inhibits ; rdf:object jkd:JAK1 ;
  jk:targetRole jk:PrimaryTarget ; dcterms:source <https://doi.org/10.1000/j1> ;
  jk:evidenceKind jk:RegulatoryLabel ] .
[ a rdf:Statement ; rdf:subject jkd:drug-J1 ; rdf:predicate jk:inhibits ; rdf:object jkd:JAK2 ;
  jk:targetRole jk:SecondaryTarget ; dcterms:source <https://doi.org/10.1000/j1> ;
  jk:evidenceKind jk:RegulatoryLabel ] .
[ a rdf:Statement ; rdf:subject jkd:drug-T ; rdf:predicate jk:reportedEffectiveIn ;
  rdf:object jkd:D ; dcterms:source <https://doi.org/10.1000/cases> ;
  jk:evidenceKind jk:CaseSeries ; jk:patientCount 3 ] .
[ a rdf:Statement ; rdf:subject jkd:C23 ; rdf:predicate jk:upstreamOf ; rdf:object jkd:C17 ;
  dcterms:source <https://doi.org/10.1000/th17> ; jk:evidenceKind jk:Review ] .
"""


@pytest.fixture
def model(tiny_graph):
    return tiny_graph(MODEL)


def by_drug(ranking) -> dict[str, dict]:
    return {c["drug"]["label"]: c for c in ranking.to_dict()["candidates"]}


def status(candidate: dict) -> dict[str, str]:
    statuses = {c["cytokine"]: c["status"] for c in candidate["covered"]}
    return statuses | {name: "uncovered" for name in candidate["uncovered"]}


def test_rank_applies_the_documented_weights(model) -> None:
    ranking = rank(Resolver(model).resolve("disease D"), model)
    found = by_drug(ranking)
    assert [c.drug.drug.label for c in ranking.candidates] == ["drug-T", "drug-J1", "drug-J3"]
    # drug-T: C4 partial .5, C13 1, C23 1, C17 indirect .5*1
    assert found["drug-T"]["coverage"] == pytest.approx(3 / 4)
    # drug-J1: C4 1, C13 1, C23 via secondary JAK2 only .5, C17 indirect .5*.5
    assert found["drug-J1"]["coverage"] == pytest.approx(2.75 / 4)
    # drug-J3: C4 partial .5 only
    assert found["drug-J3"]["coverage"] == pytest.approx(0.5 / 4)


def test_partial_indirect_and_uncovered_are_told_apart(model) -> None:
    found = by_drug(rank(Resolver(model).resolve("D"), model))
    assert status(found["drug-T"]) == {
        "C4": "partial", "C13": "covered", "C23": "covered", "C17": "indirect",
    }  # fmt: skip
    assert status(found["drug-J3"]) == {
        "C4": "partial", "C13": "uncovered", "C23": "uncovered", "C17": "uncovered",
    }  # fmt: skip
    c17 = next(c for c in found["drug-T"]["covered"] if c["cytokine"] == "C17")
    assert c17["indirect"] and c17["via"] == ["C23"] and c17["jaks"] == ["TYK2"]
    c23 = next(c for c in found["drug-J1"]["covered"] if c["cytokine"] == "C23")
    assert c23["secondary_only"] and c23["weight"] == 0.5


def test_gaps_say_why_not(model) -> None:
    found = by_drug(rank(Resolver(model).resolve("D"), model))
    gaps = " | ".join(found["drug-J3"]["gaps"])
    assert "C13 signals via JAK1/TYK2; drug-J3 inhibits only JAK3" in gaps
    assert "C17 signals without JAKs" in gaps and "(C23)" in gaps
    assert "drug-J3 blocks R1 but not: R2 uses JAK1/TYK2" in gaps


def test_a_jak_cytokine_is_never_counted_as_indirectly_covered(tiny_graph) -> None:
    graph = tiny_graph(
        MODEL
        + """
        jkd:drug-J2 a jk:JAKInhibitor ; rdfs:label "drug-J2"@en ; jk:inhibits jkd:JAK2 .
        jkd:C23 jk:upstreamOf jkd:C13 .
        """
    )
    found = by_drug(rank(Resolver(graph).resolve("D"), graph))
    assert status(found["drug-J2"])["C13"] == "uncovered"
    assert any("does block C23, upstream of it" in g for g in found["drug-J2"]["gaps"])
    assert status(found["drug-J2"])["C17"] == "indirect"  # C17 signals without JAKs


def test_evidence_is_reported_beside_coverage_not_folded_in(model) -> None:
    found = by_drug(rank(Resolver(model).resolve("D"), model))
    assert found["drug-J1"]["approved"] and not found["drug-J1"]["reported"]
    assert found["drug-T"]["reported"] and found["drug-T"]["sources"] == ["doi:10.1000/cases"]
    # approval does not lift drug-J1 above the better-covering drug-T
    assert found["drug-J1"]["coverage"] < found["drug-T"]["coverage"]


def test_explain_paths_run_drug_to_disease_with_sources(model) -> None:
    resolver = Resolver(model)
    result = explain(resolver.resolve("drug-T"), resolver.resolve("D"), model).to_dict()
    texts = [p["text"] for p in result["paths"]]
    assert "drug-T —inhibits→ TYK2 ←uses— R3 ←binds— C23 —implicated in→ disease D" in texts
    assert (
        "drug-T —inhibits→ TYK2 ←uses— R3 ←binds— C23 —upstream of→ C17 —implicated in→ disease D"
    ) in texts
    detour = next(p for p in result["paths"] if "upstreamOf" in p["predicates"])
    assert detour["kind"] == "indirect"
    assert detour["sources"][3][0]["citation"] == "doi:10.1000/th17"
    assert not any("R1" in t for t in texts)  # drug-T does not block R1
    assert result["evidence"][0]["predicate"] == "reportedEffectiveIn"
    assert result["evidence"][0]["source"]["patients"] == 3


def test_matrix_holds_every_drug_disease_pair(model) -> None:
    matrix = coverage_matrix(model)
    assert [d.label for d in matrix.diseases] == ["disease D"]
    assert {d.label for d in matrix.drugs} == {"drug-J1", "drug-J3", "drug-T"}
    cell = matrix.cell(Resolver(model).resolve("drug-T"), matrix.diseases[0])
    assert cell.coverage == pytest.approx(0.75) and cell.reported


# ---------------------------------------------------------------- real biology, shipped graph


def candidate_for(disease: str, drug: str) -> dict:
    return by_drug(rank(resolve(disease, "Disease")))[drug]


def test_vitiligo_baricitinib_covers_ifn_gamma_deucravacitinib_does_not() -> None:
    assert status(candidate_for("vitiligo", "baricitinib"))["IFN-γ"] == "covered"
    deucra = candidate_for("vitiligo", "deucravacitinib")
    assert status(deucra)["IFN-γ"] == "uncovered"
    assert any("JAK1/JAK2" in g and "only TYK2" in g for g in deucra["gaps"])


def test_psoriasis_deucravacitinib_reaches_il17a_only_indirectly() -> None:
    statuses = status(candidate_for("psoriasis", "deucravacitinib"))
    assert statuses["IL-23"] == "covered"
    assert statuses["IL-17A"] == "indirect"


def test_atopic_dermatitis_ritlecitinib_covers_il4_partially_not_il13() -> None:
    ritle = candidate_for("atopic dermatitis", "ritlecitinib")
    statuses = status(ritle)
    assert statuses["IL-4"] == "partial" and statuses["IL-13"] == "uncovered"
    il4 = next(c for c in ritle["covered"] if c["cytokine"] == "IL-4")
    assert il4["blocked_receptors"] == ["type I IL-4 receptor"]


def test_explain_upadacitinib_dermatomyositis_goes_through_jak1_and_cites_the_seed() -> None:
    result = explain(resolve("upadacitinib"), resolve("dermatomyositis")).to_dict()
    assert result["paths"] and all(p["nodes"][1]["label"] == "JAK1" for p in result["paths"])
    cited = {e["source"]["citation"] for e in result["evidence"] if e["source"]}
    assert "doi:10.36849/JDD.7500" in cited
    assert all(all(step for step in p["sources"]) for p in result["paths"]), "unsourced step"


def test_reaching_only_ranks_the_scoring_drugs_and_those_with_evidence(model) -> None:
    disease = Resolver(model).resolve("D")
    full = rank(disease, model)
    scoped = rank(disease, model, every_drug=False)
    # drug-J3 inhibits JAK3, which C4 uses; drug-T (TYK2) and drug-J1 (JAK1/JAK2) reach C4.
    assert [c.drug.drug.label for c in scoped.candidates] == [
        c.drug.drug.label for c in full.candidates
    ]
    assert scoped.to_dict()["scope"] == "inhibitors of its JAKs"


def test_reaching_only_keeps_an_approved_drug_that_reaches_nothing(tiny_graph) -> None:
    graph = tiny_graph(
        MODEL + 'jkd:drug-X a jk:JAKInhibitor ; rdfs:label "drug-X"@en ; jk:inhibits jkd:JAKX ;'
        " jk:approvedFor jkd:D .\n"
        'jkd:JAKX a jk:JanusKinase ; rdfs:label "JAKX"@en .\n'
        'jkd:drug-Y a jk:JAKInhibitor ; rdfs:label "drug-Y"@en ; jk:inhibits jkd:JAKX .\n'
    )
    disease = Resolver(graph).resolve("D")
    scoped = {c.drug.drug.label: c for c in rank(disease, graph, every_drug=False).candidates}
    assert "drug-X" in scoped and scoped["drug-X"].coverage == 0 and scoped["drug-X"].approved
    assert "drug-Y" not in scoped
    assert "drug-Y" in {c.drug.drug.label for c in rank(disease, graph).candidates}


def test_reaching_only_equals_the_full_ranking_minus_zero_scores_on_the_shipped_graph() -> None:
    matrix = coverage_matrix()
    for disease in matrix.diseases:
        full = rank(disease)
        expected = [
            (c.drug.drug.iri, c.coverage) for c in full.candidates if c.coverage or c.evidence
        ]
        scoped = rank(disease, every_drug=False)
        assert [(c.drug.drug.iri, c.coverage) for c in scoped.candidates] == expected, disease


def test_an_empty_graph_is_still_a_graph() -> None:
    """``graph or load_graph()`` must not swap an empty graph for the shipped one (nor count it)."""
    import pyoxigraph as ox

    from kg.store import KnowledgeGraph

    assert KnowledgeGraph(ox.Store())


def test_cli_rank_reaching_only_leaves_out_zero_score_drugs_and_says_so() -> None:
    from click.testing import CliRunner

    from kg.cli import main

    full = CliRunner().invoke(main, ["rank", "vitiligo"])
    scoped = CliRunner().invoke(main, ["rank", "vitiligo", "--reaching-only"])
    assert full.exit_code == scoped.exit_code == 0
    # Vitiligo's cytokines are IFN-γ (JAK1/JAK2) and IL-15 (JAK1/JAK3, added in session 3 from
    # Richmond et al. 2018); only TYK2-selective deucravacitinib reaches neither, so it is the
    # 0% drug left out (ritlecitinib now reaches IL-15 through JAK3 and stays in).
    assert "deucravacitinib" in full.output and "deucravacitinib" not in scoped.output
    assert "ritlecitinib" in scoped.output
    assert "--reaching-only" in scoped.output and "baricitinib" in scoped.output


def test_inhibitors_are_chosen_by_target_by_evidence_or_all(model) -> None:
    from kg.rationale import inhibitors

    def labels(**kw) -> list[str]:
        return [i.drug.label for i in inhibitors(model, **kw)]

    jak3, disease = "https://w3id.org/jakkg/id/JAK3", "https://w3id.org/jakkg/id/D"
    assert labels() == ["drug-J1", "drug-J3", "drug-T"]
    assert labels(reaching={jak3}) == ["drug-J3"]
    assert labels(reaching=set()) == []
    assert labels(reaching={jak3}, evidence_for=disease) == ["drug-J1", "drug-J3", "drug-T"]
    only = inhibitors(model, evidence_for=disease)
    assert [i.drug.label for i in only] == ["drug-J1", "drug-T"]
    assert only[0].targets == {
        "https://w3id.org/jakkg/id/JAK1": "PrimaryTarget",
        "https://w3id.org/jakkg/id/JAK2": "SecondaryTarget",
    }
