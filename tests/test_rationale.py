"""The rationale engine: the coverage model on a tiny graph, then biology on the shipped one."""

from __future__ import annotations

import pytest

from kg.explain import explain
from kg.rationale import coverage_matrix, rank
from kg.resolve import Resolver, resolve


# A made-up signalling map that exercises every rule of the model:
# R1 needs JAK1 and JAK3; R2 needs JAK1, TYK2 is only associated; R3 needs JAK2, TYK2
# contributes; RN uses no JAK. C4 binds R1 and R2; C13 binds R2; C23 binds R3; C17 binds RN
# and is driven by C23. Tiers: C23 and C17 validated (B23 approved, B17 positive RCT), C4
# supported (curated), C13 associated (not curated).
def requirement(receptor: str, jak: str, need: str) -> str:
    return f"""[ a rdf:Statement ; rdf:subject jkd:{receptor} ; rdf:predicate jk:associatedJAK ;
  rdf:object jkd:{jak} ; jk:jakRequirement jk:{need} ; jk:requirementEvidence jk:Knockout ;
  dcterms:source <https://doi.org/10.1000/{receptor}-{jak}> ;
  jk:evidenceKind jk:ExperimentalStudy ] .
"""


MODEL = (
    """
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
jkd:B23 a jk:CytokineBlocker ; rdfs:label "B23"@en ; jk:blocksCytokine jkd:C23 ;
    jk:approvedFor jkd:D .
jkd:B17 a jk:CytokineBlocker ; rdfs:label "B17"@en ; jk:blocksCytokine jkd:C17 ;
    jk:reportedEffectiveIn jkd:D .
[ a rdf:Statement ; rdf:subject jkd:B23 ; rdf:predicate jk:approvedFor ; rdf:object jkd:D ;
  dcterms:source <https://doi.org/10.1000/b23-label> ; jk:evidenceKind jk:RegulatoryLabel ] .
[ a rdf:Statement ; rdf:subject jkd:B17 ; rdf:predicate jk:reportedEffectiveIn ;
  rdf:object jkd:D ; dcterms:source <https://doi.org/10.1000/b17-rct> ;
  jk:evidenceKind jk:RandomisedTrial ] .
[ a rdf:Statement ; rdf:subject jkd:C4 ; rdf:predicate jk:implicatedIn ; rdf:object jkd:D ;
  dcterms:source <https://doi.org/10.1000/c4-genetics> ; jk:evidenceKind jk:ExperimentalStudy ;
  jk:evidenceTier jk:Supported ] .
[ a rdf:Statement ; rdf:subject jkd:C13 ; rdf:predicate jk:implicatedIn ; rdf:object jkd:D ;
  dcterms:source <https://doi.org/10.1000/c13-levels> ; jk:evidenceKind jk:ExperimentalStudy ] .
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
    + requirement("R1", "JAK1", "Required")
    + requirement("R1", "JAK3", "Required")
    + requirement("R2", "JAK1", "Required")
    + requirement("R2", "TYK2", "AssociatedOnly")
    + requirement("R3", "JAK2", "Required")
    + requirement("R3", "TYK2", "Contributing")
)
TIER_TOTAL = 0.5 + 0.25 + 1 + 1  # C4 supported, C13 associated, C23 and C17 validated


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
    assert [c.drug.drug.label for c in ranking.candidates] == ["drug-J1", "drug-T", "drug-J3"]
    # drug-J1: C4 1 (JAK1 required on R1 and R2), C13 1, C23 via secondary JAK2 only .5,
    # C17 indirect .5 * .5
    expected = (0.5 * 1 + 0.25 * 1 + 1 * 0.5 + 1 * 0.25) / TIER_TOTAL
    assert found["drug-J1"]["coverage"] == pytest.approx(expected, abs=1e-4)
    # drug-T: TYK2 is associated only on R2 (C4, C13: 0), contributes on R3 (C23: .5),
    # C17 indirect .5 * .5
    assert found["drug-T"]["coverage"] == pytest.approx((1 * 0.5 + 1 * 0.25) / TIER_TOTAL, abs=1e-4)
    # drug-J3: C4 partial .5 (R1 blocked through JAK3, R2 not)
    assert found["drug-J3"]["coverage"] == pytest.approx(0.5 * 0.5 / TIER_TOTAL, abs=1e-4)


def test_an_associated_only_jak_gives_no_credit_and_the_gap_names_it(model) -> None:
    found = by_drug(rank(Resolver(model).resolve("D"), model))
    assert status(found["drug-T"]) == {
        "C4": "uncovered", "C13": "uncovered", "C23": "partial", "C17": "indirect",
    }  # fmt: skip
    gaps = " | ".join(found["drug-T"]["gaps"])
    assert "TYK2 is dispensable for its signalling (doi:10.1000/R2-TYK2)" in gaps
    assert "TYK2 contributes but is not required (doi:10.1000/R3-TYK2): half credit" in gaps
    assert "it needs JAK1" in gaps and "it needs JAK2" in gaps


def test_a_required_jak_blocks_the_complex(model) -> None:
    found = by_drug(rank(Resolver(model).resolve("D"), model))
    c4 = next(c for c in found["drug-J1"]["covered"] if c["cytokine"] == "C4")
    assert c4["status"] == "covered" and c4["required_jaks"] == ["JAK1"]
    assert c4["jak_requirements"] == {"JAK1": "required"} and c4["tier"] == "supported"
    j3 = next(c for c in found["drug-J3"]["covered"] if c["cytokine"] == "C4")
    assert j3["status"] == "partial" and j3["blocked_receptors"] == ["R1"]
    c23 = next(c for c in found["drug-J1"]["covered"] if c["cytokine"] == "C23")
    assert c23["secondary_only"] and c23["weight"] == 0.5


def test_an_unstudied_jak_counts_half_and_says_so(tiny_graph) -> None:
    graph = tiny_graph(
        MODEL
        + """
        jkd:R9 a jk:ReceptorComplex ; rdfs:label "R9"@en ; jk:associatedJAK jkd:JAK2 .
        jkd:C9 a jk:Cytokine ; rdfs:label "C9"@en ; jk:bindsReceptor jkd:R9 ;
            jk:implicatedIn jkd:D .
        jkd:drug-J2 a jk:JAKInhibitor ; rdfs:label "drug-J2"@en ; jk:inhibits jkd:JAK2 .
        """
    )
    found = by_drug(rank(Resolver(graph).resolve("D"), graph))
    c9 = next(c for c in found["drug-J2"]["covered"] if c["cytokine"] == "C9")
    assert c9["status"] == "partial" and c9["weight"] == 0.5
    assert c9["jak_requirements"] == {"JAK2": "unknown"}
    assert any("has not been studied" in g for g in found["drug-J2"]["gaps"])


def test_tiers_come_from_blocking_therapies_then_curation(model) -> None:
    ranking = rank(Resolver(model).resolve("D"), model).to_dict()
    tiers = {c["label"]: c for c in ranking["cytokines"]}
    assert {k: v["tier"] for k, v in tiers.items()} == {
        "C23": "validated", "C17": "validated", "C4": "supported", "C13": "associated",
    }  # fmt: skip
    assert tiers["C23"]["validated_by"] == [{"id": "jkd:B23", "label": "B23"}]
    assert tiers["C23"]["sources"] == ["doi:10.1000/b23-label"]
    assert tiers["C4"]["sources"] == ["doi:10.1000/c4-genetics"] and tiers["C4"]["weight"] == 0.5
    assert [c["label"] for c in ranking["cytokines"]][:2] == ["C17", "C23"]  # best tier first


def test_a_refuted_cytokine_counts_zero(tiny_graph) -> None:
    refuted = """
        jkd:B13 a jk:CytokineBlocker ; rdfs:label "B13"@en ; jk:blocksCytokine jkd:C13 ;
            jk:failedIn jkd:D .
        [ a rdf:Statement ; rdf:subject jkd:B13 ; rdf:predicate jk:failedIn ; rdf:object jkd:D ;
          dcterms:source <https://doi.org/10.1000/b13-failed> ; jk:evidenceKind jk:RandomisedTrial ;
          jk:trialId "NCT01234567" ] .
        jkd:drug-C13 a jk:JAKInhibitor ; rdfs:label "drug-C13"@en ; jk:inhibits jkd:JAK1 .
    """
    graph = tiny_graph(MODEL + refuted)
    ranking = rank(Resolver(graph).resolve("D"), graph)
    tiers = {c["label"]: c for c in ranking.to_dict()["cytokines"]}
    assert tiers["C13"]["tier"] == "refuted" and tiers["C13"]["weight"] == 0
    assert tiers["C13"]["refuted_by"] == [{"id": "jkd:B13", "label": "B13"}]
    found = by_drug(ranking)
    # C13 no longer counts: the denominator loses its .25
    assert found["drug-J1"]["coverage"] == pytest.approx(1.25 / 2.5, abs=1e-4)


def test_upstream_cytokines_count_only_where_implicated_too(tiny_graph) -> None:
    c23 = 'jkd:C23 a jk:Cytokine ; rdfs:label "C23"@en ; jk:bindsReceptor jkd:R3 ;'
    graph = tiny_graph(MODEL.replace(c23 + " jk:implicatedIn jkd:D ;", c23))
    found = by_drug(rank(Resolver(graph).resolve("D"), graph))
    assert status(found["drug-T"])["C17"] == "uncovered"  # C23 drives C17, but not in D


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


def test_topical_only_drugs_rank_after_systemic_ones_unless_they_have_evidence(tiny_graph) -> None:
    topical = """
        jkd:drug-skin a jk:JAKInhibitor ; rdfs:label "drug-skin"@en ; jk:inhibits jkd:JAK1,
            jkd:JAK2 ; jk:route jk:Topical .
        jkd:drug-J1 jk:route jk:Oral .
    """
    graph = tiny_graph(MODEL + topical)
    ranking = rank(Resolver(graph).resolve("D"), graph)
    order = [c.drug.drug.label for c in ranking.candidates]
    skin = next(c for c in ranking.candidates if c.drug.drug.label == "drug-skin")
    assert skin.coverage > ranking.candidates[0].coverage  # covers more, yet ranks last
    assert order[-1] == "drug-skin" and skin.to_dict()["route"] == ["topical"]
    assert skin.to_dict()["topical_only"]
    with_evidence = tiny_graph(MODEL + topical + "jkd:drug-skin jk:reportedEffectiveIn jkd:D .")
    order = [
        c.drug.drug.label
        for c in rank(Resolver(with_evidence).resolve("D"), with_evidence).candidates
    ]
    assert order[0] == "drug-skin"


def test_a_driver_mutation_is_covered_through_the_jak_its_receptor_needs(tiny_graph) -> None:
    driver = """
        jkd:M1 a jk:DriverMutation ; rdfs:label "M1"@en ; jk:mutationIn jkd:JAK2 ;
            jk:signalsThrough jkd:R3 ; jk:driverOf jkd:D .
        [ a rdf:Statement ; rdf:subject jkd:M1 ; rdf:predicate jk:driverOf ; rdf:object jkd:D ;
          dcterms:source <https://doi.org/10.1000/m1> ; jk:evidenceKind jk:ExperimentalStudy ;
          jk:evidenceTier jk:Supported ] .
        jkd:drug-J2 a jk:JAKInhibitor ; rdfs:label "drug-J2"@en ; jk:inhibits jkd:JAK2 .
    """
    graph = tiny_graph(MODEL + driver)
    disease = Resolver(graph).resolve("D")
    found = by_drug(rank(disease, graph))
    assert status(found["drug-J2"])["M1"] == "covered"
    assert status(found["drug-J3"])["M1"] == "uncovered"
    tiers = {c["label"]: c for c in rank(disease, graph).to_dict()["cytokines"]}
    assert tiers["M1"]["kind"] == "driver mutation" and tiers["M1"]["tier"] == "supported"
    resolver = Resolver(graph)
    paths = explain(resolver.resolve("drug-J2"), disease, graph).to_dict()["paths"]
    assert "drug-J2 —inhibits→ JAK2 ←uses— R3 ←signals through— M1 —driver of→ disease D" in [
        p["text"] for p in paths
    ]


def test_evidence_is_reported_beside_coverage_not_folded_in(model) -> None:
    found = by_drug(rank(Resolver(model).resolve("D"), model))
    assert found["drug-J1"]["approved"] and not found["drug-J1"]["reported"]
    assert found["drug-T"]["reported"] and found["drug-T"]["sources"] == ["doi:10.1000/cases"]
    # reported use does not lift drug-T above the better-covering drug-J1, nor approval J3
    assert found["drug-T"]["coverage"] < found["drug-J1"]["coverage"]


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
    assert not any("R1" in t or "R2" in t for t in texts)  # TYK2 is dispensable on R2
    assert result["evidence"][0]["predicate"] == "reportedEffectiveIn"
    assert result["evidence"][0]["source"]["patients"] == 3
    tiers = {c["cytokine"]: c["tier"] for c in result["cytokines"]}
    assert tiers == {"C4": "supported", "C13": "associated", "C23": "validated", "C17": "validated"}


def test_matrix_holds_every_drug_disease_pair(model) -> None:
    matrix = coverage_matrix(model)
    assert [d.label for d in matrix.diseases] == ["disease D"]
    assert {d.label for d in matrix.drugs} == {"drug-J1", "drug-J3", "drug-T"}
    cell = matrix.cell(Resolver(model).resolve("drug-T"), matrix.diseases[0])
    assert cell.coverage == pytest.approx(0.75 / TIER_TOTAL) and cell.reported


# ---------------------------------------------------------------- real biology, shipped graph


def candidate_for(disease: str, drug: str) -> dict:
    return by_drug(rank(resolve(disease, "Disease")))[drug]


def test_vitiligo_baricitinib_covers_ifn_gamma_deucravacitinib_does_not() -> None:
    assert status(candidate_for("vitiligo", "baricitinib"))["IFN-γ"] == "covered"
    deucra = candidate_for("vitiligo", "deucravacitinib")
    assert status(deucra)["IFN-γ"] == "uncovered"
    assert any("JAK1/JAK2" in g and "only TYK2" in g for g in deucra["gaps"])


def test_psoriasis_deucravacitinib_reaches_il17a_only_indirectly() -> None:
    deucra = candidate_for("psoriasis", "deucravacitinib")
    statuses = status(deucra)
    # TYK2 contributes to IL-23 signalling but is not required (Kreins 2015): half credit.
    assert statuses["IL-23"] == "partial" and statuses["IL-17A"] == "indirect"
    il23 = next(c for c in deucra["covered"] if c["cytokine"] == "IL-23")
    assert il23["jak_requirements"] == {"TYK2": "contributing"} and il23["tier"] == "validated"


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


# ------------------------------------------- the biology the session-4 model pins (shipped graph)

GP130_AND_IFNL = ("IL-6", "IFN-λ")


def every_candidate(drug: str) -> list[tuple[str, dict]]:
    """(disease label, candidate dict) for ``drug`` in every disease with cytokines."""
    matrix = coverage_matrix()
    entity = next(d for d in matrix.drugs if d.label == drug)
    return [(disease.label, matrix.cell(entity, disease).to_dict()) for disease in matrix.diseases]


def credited(candidate: dict, cytokine: str) -> dict | None:
    return next(
        (c for c in candidate["covered"] if c["cytokine"] == cytokine and c["weight"] > 0), None
    )


def test_deucravacitinib_gets_no_il6_or_ifn_lambda_credit_anywhere() -> None:
    # TYK2 is dispensable for IL-6 and IFN-λ signalling (Kreins et al. 2015).
    seen = 0
    for disease, candidate in every_candidate("deucravacitinib"):
        for cytokine in GP130_AND_IFNL:
            assert credited(candidate, cytokine) is None, (disease, cytokine)
            if cytokine in candidate["uncovered"]:
                seen += 1
                assert any(
                    g.startswith(f"{cytokine}:") and "TYK2 is dispensable" in g
                    for g in candidate["gaps"]
                ), (disease, candidate["gaps"])
    assert seen >= 5  # the graph has several diseases with IL-6 or IFN-λ


def test_deucravacitinib_gets_osm_credit_only_where_tyk2_was_never_studied() -> None:
    # Type I OSM receptor = the LIF receptor: TYK2 dispensable (Kreins 2015). The type II
    # receptor's TYK2 has not been studied: half credit there, shown as unknown, never more.
    for disease, candidate in every_candidate("deucravacitinib"):
        osm = credited(candidate, "OSM")
        if osm:
            assert osm["status"] == "partial", disease
            assert osm["blocked_receptors"] == [] and osm["jak_requirements"] == {"TYK2": "unknown"}
            assert "type I OSM receptor" in osm["unblocked_receptors"]


def test_jak2_selective_drugs_get_no_il6_credit() -> None:
    # gp130 signalling needs JAK1 (Guschin 1995); JAK2 is dispensable (Neubauer 1998).
    for drug in ("fedratinib", "pacritinib"):
        found = 0
        for disease, candidate in every_candidate(drug):
            assert credited(candidate, "IL-6") is None, (drug, disease)
            found += "IL-6" in candidate["uncovered"]
        assert found >= 5


def test_jak2_inhibitors_outrank_jak1_selective_drugs_in_myelofibrosis_for_the_driver() -> None:
    ranking = {c["drug"]["label"]: c for c in by_drug_list("myelofibrosis")}
    for jak1_only in ("upadacitinib", "abrocitinib", "filgotinib"):
        assert ranking["ruxolitinib"]["coverage"] > ranking[jak1_only]["coverage"]
        assert not credited(ranking[jak1_only], "JAK2 V617F")
    driver = credited(ranking["ruxolitinib"], "JAK2 V617F")
    assert (
        driver
        and driver["status"] == "covered"
        and driver["jak_requirements"] == {"JAK2": "required"}
    )


def by_drug_list(disease: str) -> list[dict]:
    return rank(resolve(disease, "Disease")).to_dict()["candidates"]


def test_explaining_ruxolitinib_in_polycythemia_vera_goes_through_the_driver_not_tslp() -> None:
    result = explain(resolve("ruxolitinib"), resolve("polycythemia vera")).to_dict()
    texts = [p["text"] for p in result["paths"]]
    assert not any("TSLP" in t for t in texts)
    assert (
        "ruxolitinib —inhibits→ JAK2 ←uses— EPO receptor ←signals through— JAK2 V617F"
        " —driver of→ polycythemia vera"
    ) in texts
    assert all(all(step for step in p["sources"]) for p in result["paths"]), "unsourced step"


def test_il17a_counts_zero_in_crohns_disease_and_shows_refuted() -> None:
    ranking = rank(resolve("Crohn's disease", "Disease")).to_dict()
    il17a = next(c for c in ranking["cytokines"] if c["label"] == "IL-17A")
    assert il17a["tier"] == "refuted" and il17a["weight"] == 0
    assert {"id": "jkd:secukinumab", "label": "secukinumab"} in il17a["refuted_by"]
    assert "doi:10.1136/gutjnl-2011-301668" in il17a["sources"]
    for candidate in ranking["candidates"]:
        for entry in candidate["covered"]:
            if entry["cytokine"] == "IL-17A":
                assert entry["tier"] == "refuted" and not entry["counted"]


def test_delgocitinib_is_not_ranked_among_systemic_drugs_for_dermatomyositis() -> None:
    candidates = by_drug_list("dermatomyositis")
    labels = [c["drug"]["label"] for c in candidates]
    delgo = candidates[labels.index("delgocitinib")]
    assert delgo["route"] == ["topical"] and delgo["topical_only"]
    assert all(c["topical_only"] for c in candidates[labels.index("delgocitinib") :])
    assert all("topical" not in c["route"] or c["route"] != ["topical"] for c in candidates[:-1])


@pytest.mark.parametrize(
    ("drug", "disease"),
    [
        ("upadacitinib", "dermatomyositis"),
        ("tofacitinib", "dermatomyositis"),
        ("upadacitinib", "hidradenitis suppurativa"),
        ("tofacitinib", "cutaneous lupus erythematosus"),
    ],
)
def test_the_seed_cases_still_read_through_sourced_paths(drug: str, disease: str) -> None:
    result = explain(resolve(drug), resolve(disease)).to_dict()
    assert result["paths"], f"{drug} reaches nothing in {disease}"
    assert all(all(step for step in p["sources"]) for p in result["paths"]), "unsourced step"
    cited = {e["source"]["citation"] for e in result["evidence"] if e["source"]}
    assert "doi:10.36849/JDD.7500" in cited
    assert all(
        c["tier"] in {"validated", "supported", "associated", "refuted"}
        for c in result["cytokines"]
    )


def test_validated_tiers_name_the_therapy_behind_them() -> None:
    expected = {
        "psoriasis": {"IL-23": "guselkumab", "IL-17A": "secukinumab"},
        "atopic dermatitis": {"IL-13": "tralokinumab", "IL-31": "nemolizumab", "IL-4": "dupilumab"},
        "hidradenitis suppurativa": {"IL-17A": "secukinumab", "TNF": "adalimumab"},
        "systemic lupus erythematosus": {"IFN-α": "anifrolumab"},
        "giant cell arteritis": {"IL-6": "tocilizumab"},
        "generalized pustular psoriasis": {"IL-36": "spesolimab"},
    }
    for disease, cytokines in expected.items():
        tiers = {c["label"]: c for c in rank(resolve(disease, "Disease")).to_dict()["cytokines"]}
        for cytokine, therapy in cytokines.items():
            assert tiers[cytokine]["tier"] == "validated", (disease, cytokine)
            assert therapy in {b["label"] for b in tiers[cytokine]["validated_by"]}, disease


def test_ifn_beta_is_better_supported_than_ifn_alpha_in_dermatomyositis() -> None:
    # Huard 2017: skin activity tracks serum IFN-β, not IFN-α protein.
    tiers = {
        c["label"]: c["tier"]
        for c in rank(resolve("dermatomyositis", "Disease")).to_dict()["cytokines"]
    }
    assert tiers["IFN-β"] == "supported" and tiers["IFN-α"] == "associated"


def test_cutaneous_crohns_disease_shows_its_seed_evidence_and_says_no_cytokine_is_recorded() -> (
    None
):
    # No source seen names cytokines of cutaneous (metastatic) Crohn's disease: no path, no guess.
    result = explain(resolve("upadacitinib"), resolve("cutaneous Crohn's disease"))
    assert result.paths == [] and result.to_dict()["cytokines"] == []
    cited = {e.source.citation for e in result.evidence if e.source}
    assert "doi:10.36849/JDD.7500" in cited


def test_a_refuted_upstream_cytokine_is_no_route(tiny_graph) -> None:
    # Blocking C23 failed in D: C17 can no longer be reached through it.
    refuted = """
        jkd:B23 jk:failedIn jkd:D .
        [ a rdf:Statement ; rdf:subject jkd:B23 ; rdf:predicate jk:failedIn ; rdf:object jkd:D ;
          dcterms:source <https://doi.org/10.1000/b23-failed> ;
          jk:evidenceKind jk:RandomisedTrial ] .
    """
    # B23's approval edge is dropped, so its trial failure is all that ties C23 to D.
    graph = tiny_graph(
        MODEL.replace("jk:approvedFor jkd:D .\njkd:B17", "jk:failedIn jkd:D .\njkd:B17") + refuted
    )
    ranking = rank(Resolver(graph).resolve("D"), graph)
    assert {c["label"]: c["tier"] for c in ranking.to_dict()["cytokines"]}["C23"] == "refuted"
    assert status(by_drug(ranking)["drug-T"])["C17"] == "uncovered"


def test_measured_inhibition_is_shown_beside_coverage_with_the_contract_keys() -> None:
    candidates = {c["drug"]["label"]: c for c in by_drug_list("rheumatoid arthritis")}
    upa = candidates["upadacitinib"]
    assert upa["measured_count"]["measured"] >= 1 and upa["measured_count"]["of"] >= 5
    il6 = next(m for m in upa["measured"] if m["cytokine"] == "IL-6")
    assert set(il6) == {
        "cytokine", "readout", "cell_type", "matrix", "population", "dose",
        "ic50_nM", "inhibition_percent", "source", "locator",
    }  # fmt: skip
    assert il6["ic50_nM"] == 60.7 and il6["readout"] == "pSTAT3"
    result = explain(resolve("upadacitinib"), resolve("rheumatoid arthritis")).to_dict()
    assert result["measured"] == upa["measured"]
    assert candidates["deucravacitinib"]["measured"] == []
