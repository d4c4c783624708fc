"""The shipped disease data: identifiers, the seed case series, implicated cytokines."""

from __future__ import annotations

import pytest

from kg.namespaces import ENTITY, VOCAB
from kg.store import KnowledgeGraph

SEED = "https://doi.org/10.36849/JDD.7500"
SEED_DISEASES = [
    "dermatomyositis",
    "hidradenitis-suppurativa",
    "cutaneous-lupus-erythematosus",
    "cutaneous-crohns-disease",
]
INTRODUCTION = {
    "atopic-dermatitis": {"IL-4", "IL-5", "IL-13"},
    "psoriasis": {"IL-23", "IL-17A"},
    "dermatomyositis": {"IFN-alpha", "IFN-beta", "IL-6", "IL-15"},
    "vitiligo": {"IFN-gamma"},
}


def local(iri: str) -> str:
    return iri[len(ENTITY) :]


def diseases(graph: KnowledgeGraph) -> set[str]:
    return {local(r["d"]) for r in graph.select("SELECT ?d { ?d a jk:Disease }")}


def test_the_seed_papers_diseases_and_the_introductions_are_present(
    graph: KnowledgeGraph,
) -> None:
    assert set(SEED_DISEASES) | set(INTRODUCTION) <= diseases(graph)


@pytest.mark.parametrize(
    ("disease", "abbreviation"),
    [
        ("dermatomyositis", "DM"),
        ("hidradenitis-suppurativa", "HS"),
        ("cutaneous-lupus-erythematosus", "CLE"),
        ("atopic-dermatitis", "AD"),
    ],
)
def test_seed_abbreviations_are_alt_labels(
    graph: KnowledgeGraph, disease: str, abbreviation: str
) -> None:
    rows = graph.select(f"SELECT ?l {{ jkd:{disease} skos:altLabel ?l }}")
    assert abbreviation in {r["l"] for r in rows}


def test_xrefs_of_diseases_are_mondo_doid_or_mesh(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?d ?x { ?d a jk:Disease ; jk:xref ?x }")
    assert rows
    assert [r for r in rows if r["x"].split(":")[0] not in {"MONDO", "DOID", "MESH"}] == []


@pytest.mark.parametrize(
    ("disease", "curie"),
    [
        ("dermatomyositis", "MONDO:0016367"),
        ("hidradenitis-suppurativa", "MONDO:0006559"),
        ("atopic-dermatitis", "MONDO:0004980"),
        ("psoriasis", "DOID:8893"),
        ("vitiligo", "MONDO:0008661"),
        ("rheumatoid-arthritis", "MONDO:0008383"),
        ("cutaneous-lupus-erythematosus", "MONDO:0005282"),
        ("polyarticular-juvenile-idiopathic-arthritis", "MONDO:0018456"),
        ("alopecia-areata", "MONDO:0005340"),
        ("giant-cell-arteritis", "MONDO:0008538"),
        ("prurigo-nodularis", "MONDO:0026045"),
        ("graft-versus-host-disease", "MONDO:0013730"),
    ],
)
def test_key_cross_references(graph: KnowledgeGraph, disease: str, curie: str) -> None:
    rows = graph.select(f"SELECT ?x {{ jkd:{disease} jk:xref ?x }}")
    assert curie in {r["x"] for r in rows}


def test_no_two_diseases_share_a_cross_reference(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?d ?x { ?d a jk:Disease ; jk:xref ?x }")
    owners: dict[str, set[str]] = {}
    for r in rows:
        owners.setdefault(r["x"], set()).add(r["d"])
    assert {x: d for x, d in owners.items() if len(d) > 1} == {}


@pytest.mark.parametrize(("disease", "cytokines"), sorted(INTRODUCTION.items()))
def test_introduction_cytokines_are_implicated(
    graph: KnowledgeGraph, disease: str, cytokines: set[str]
) -> None:
    rows = graph.select(f"SELECT ?c {{ ?c jk:implicatedIn jkd:{disease} }}")
    assert cytokines <= {local(r["c"]) for r in rows}


def test_vitiligo_is_driven_by_ifn_gamma_alone_in_the_seed(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        f"""SELECT ?c {{ ?st rdf:subject ?c ; rdf:predicate jk:implicatedIn ;
                             rdf:object jkd:vitiligo ; dcterms:source <{SEED}> }}"""
    )
    assert {local(r["c"]) for r in rows} == {"IFN-gamma"}


@pytest.mark.parametrize(
    ("drug", "disease", "patients"),
    [
        ("upadacitinib", "hidradenitis-suppurativa", "1"),
        ("upadacitinib", "cutaneous-crohns-disease", "1"),
        ("tofacitinib", "cutaneous-lupus-erythematosus", "1"),
    ],
)
def test_single_patient_seed_cases_carry_their_count(
    graph: KnowledgeGraph, drug: str, disease: str, patients: str
) -> None:
    rows = graph.select(
        f"""SELECT ?n {{ ?st rdf:subject jkd:{drug} ; rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:{disease} ; dcterms:source <{SEED}> ;
                             jk:patientCount ?n }}"""
    )
    assert [r["n"] for r in rows] == [patients]


def test_seed_dermatomyositis_counts_are_not_invented(graph: KnowledgeGraph) -> None:
    """The paper reports three DM cases across two drugs without a per-drug split."""
    rows = graph.select(
        f"""SELECT ?n {{ ?st rdf:object jkd:dermatomyositis ; rdf:predicate jk:reportedEffectiveIn ;
                             dcterms:source <{SEED}> ; jk:patientCount ?n }}"""
    )
    assert rows == []


def test_seed_case_series_has_exactly_its_five_drug_disease_pairs(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        f"""SELECT ?d ?x {{ ?st rdf:subject ?d ; rdf:predicate jk:reportedEffectiveIn ;
                              rdf:object ?x ; dcterms:source <{SEED}> ;
                              jk:evidenceKind jk:CaseSeries }}"""
    )
    pairs = {(local(r["d"]), local(r["x"])) for r in rows}
    assert pairs == {
        ("upadacitinib", "dermatomyositis"),
        ("tofacitinib", "dermatomyositis"),
        ("upadacitinib", "hidradenitis-suppurativa"),
        ("upadacitinib", "cutaneous-crohns-disease"),
        ("tofacitinib", "cutaneous-lupus-erythematosus"),
    }


def test_every_evidence_statement_has_a_paraphrase(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?st { ?st a rdf:Statement ; rdf:predicate ?p .
                        FILTER(?p IN (jk:reportedEffectiveIn, jk:implicatedIn))
                        FILTER NOT EXISTS { ?st jk:comment ?c } }"""
    )
    assert rows == []


def test_evidence_kinds_of_disease_edges_are_known(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT DISTINCT ?k { ?st rdf:predicate ?p ; jk:evidenceKind ?k .
                                FILTER(?p IN (jk:reportedEffectiveIn, jk:implicatedIn)) }"""
    )
    kinds = {r["k"][len(VOCAB) :] for r in rows}
    assert kinds <= {
        "CaseSeries",
        "CaseReport",
        "ClinicalTrial",
        "RandomisedTrial",
        "Review",
        "ExperimentalStudy",
    }


@pytest.mark.parametrize(
    ("disease", "curies"),
    [
        ("systemic-lupus-erythematosus", {"MONDO:0007915", "DOID:9074", "MESH:D008180"}),
        ("polycythemia-vera", {"MONDO:0009891", "DOID:8997", "MESH:D011087"}),
        ("sarcoidosis", {"MONDO:0019338", "DOID:11335", "MESH:D012507"}),
        ("morphea", {"MONDO:0019562", "DOID:8472", "MESH:D012594"}),
        ("granuloma-annulare", {"MONDO:0006554", "DOID:3777", "MESH:D016460"}),
    ],
)
def test_dermatology_and_haematology_cross_references(
    graph: KnowledgeGraph, disease: str, curies: set[str]
) -> None:
    rows = graph.select(f"SELECT ?x {{ jkd:{disease} jk:xref ?x }}")
    assert {r["x"] for r in rows} == curies


def test_tofacitinib_sarcoidosis_trial_reports_ten_patients(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?n ?k { ?st rdf:subject jkd:tofacitinib ; rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:sarcoidosis ;
                             dcterms:source <https://doi.org/10.1038/s41467-022-30615-x> ;
                             jk:patientCount ?n ; jk:evidenceKind ?k }"""
    )
    assert [(r["n"], r["k"][len(VOCAB) :]) for r in rows] == [("10", "ClinicalTrial")]


def test_sarcoidosis_is_driven_by_ifn_gamma(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?c { ?c jk:implicatedIn jkd:sarcoidosis }")
    assert "IFN-gamma" in {local(r["c"]) for r in rows}


def test_lichen_planus_review_counts_per_drug(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d ?n { ?st rdf:subject ?d ; rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:lichen-planus ;
                             dcterms:source <https://doi.org/10.1177/12034754231156100> ;
                             jk:patientCount ?n }"""
    )
    counts = {local(r["d"]): int(r["n"]) for r in rows}
    assert counts == {"tofacitinib": 30, "baricitinib": 16, "ruxolitinib": 12, "upadacitinib": 2}


def test_tofacitinib_granuloma_annulare_trial_and_its_cytokines(graph: KnowledgeGraph) -> None:
    source = "https://doi.org/10.1016/j.jaci.2020.10.012"
    rows = graph.select(
        f"""SELECT ?n {{ ?st rdf:subject jkd:tofacitinib ; rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:granuloma-annulare ; dcterms:source <{source}> ;
                             jk:patientCount ?n }}"""
    )
    assert [r["n"] for r in rows] == ["5"]
    cytokines = graph.select(
        f"""SELECT ?c {{ ?st rdf:subject ?c ; rdf:predicate jk:implicatedIn ;
                             rdf:object jkd:granuloma-annulare ; dcterms:source <{source}> }}"""
    )
    assert {local(r["c"]) for r in cytokines} == {"IFN-gamma", "IL-15", "IL-21"}


def test_cutaneous_lupus_is_driven_by_type_i_interferon(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?c { ?st rdf:subject ?c ; rdf:predicate jk:implicatedIn ;
                           rdf:object jkd:cutaneous-lupus-erythematosus ;
                           dcterms:source <https://doi.org/10.1016/j.cyto.2015.01.031> }"""
    )
    assert {"IFN-alpha", "IFN-beta"} <= {local(r["c"]) for r in rows}


def test_hidradenitis_cytokines_include_il17a_from_two_reviews(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?src { ?st rdf:subject jkd:IL-17A ; rdf:predicate jk:implicatedIn ;
                             rdf:object jkd:hidradenitis-suppurativa ; dcterms:source ?src }"""
    )
    assert len({r["src"] for r in rows}) == 2


def test_every_disease_edge_cites_a_doi_or_pmid(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?src { ?st rdf:predicate ?p ; dcterms:source ?src .
                         FILTER(?p IN (jk:reportedEffectiveIn, jk:implicatedIn)) }"""
    )
    assert rows
    assert [
        r["src"]
        for r in rows
        if not r["src"].startswith(("https://doi.org/10.", "https://pubmed.ncbi.nlm.nih.gov/"))
    ] == []


@pytest.mark.parametrize(
    ("cytokine", "disease"),
    [
        ("IFN-alpha", "systemic-lupus-erythematosus"),
        ("IFN-gamma", "alopecia-areata"),
        ("IFN-gamma", "sarcoidosis"),
        ("IFN-gamma", "granuloma-annulare"),
    ],
)
def test_interferon_driven_diseases(graph: KnowledgeGraph, cytokine: str, disease: str) -> None:
    assert graph.select(f"SELECT ?x {{ jkd:{cytokine} jk:implicatedIn jkd:{disease} }}") != []


def test_chronic_hand_eczema_names_only_broader_terms(graph: KnowledgeGraph) -> None:
    """No exact term: Mondo's dermatitis and hand dermatosis, MeSH Hand Dermatoses are broader."""
    assert graph.select("SELECT ?x { jkd:chronic-hand-eczema jk:xref ?x }") == []
    rows = graph.select("SELECT ?b { jkd:chronic-hand-eczema skos:broadMatch ?b }")
    assert {r["b"] for r in rows} == {
        "http://purl.obolibrary.org/obo/MONDO_0002406",
        "http://id.nlm.nih.gov/mesh/D006229",
        "http://purl.obolibrary.org/obo/MONDO_0006556",  # session 4: Mondo's twin of D006229
    }


def test_abrocitinib_prurigo_nodularis_trial(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?n ?k { ?st rdf:subject jkd:abrocitinib ; rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:prurigo-nodularis ;
                             dcterms:source <https://doi.org/10.1001/jamadermatol.2024.1464> ;
                             jk:patientCount ?n ; jk:evidenceKind ?k }"""
    )
    assert [(r["n"], r["k"][len(VOCAB) :]) for r in rows] == [("10", "ClinicalTrial")]


@pytest.mark.parametrize(
    ("disease", "cytokines"),
    [
        ("prurigo-nodularis", {"IL-4", "IL-13", "IL-22", "IL-31", "TSLP"}),
        ("chronic-hand-eczema", {"IL-4", "IL-13"}),
    ],
)
def test_type_2_itch_and_eczema_cytokines(
    graph: KnowledgeGraph, disease: str, cytokines: set[str]
) -> None:
    rows = graph.select(f"SELECT ?c {{ ?c jk:implicatedIn jkd:{disease} }}")
    assert cytokines <= {local(r["c"]) for r in rows}


@pytest.mark.parametrize(
    ("cytokine", "disease", "source"),
    [
        ("IFN-gamma", "lichen-planus", "https://doi.org/10.1126/scitranslmed.aav7561"),
        ("IFN-gamma", "graft-versus-host-disease", "https://doi.org/10.1371/journal.pone.0109799"),
        ("IL-6", "myelofibrosis", "https://doi.org/10.1155/2015/284706"),
        ("IL-6", "polycythemia-vera", "https://doi.org/10.1155/2015/284706"),
        # session 3: the gamma-chain and Th17 cytokines of vitiligo and chronic GVHD
        ("IL-15", "vitiligo", "https://doi.org/10.1126/scitranslmed.aam7710"),
        ("IL-15", "vitiligo", "https://doi.org/10.1016/j.jid.2019.11.013"),
        ("IL-21", "graft-versus-host-disease", "https://doi.org/10.1172/JCI90593"),
        ("IL-17A", "graft-versus-host-disease", "https://doi.org/10.1172/JCI90593"),
    ],
)
def test_cytokine_disease_links_cite_their_source(
    graph: KnowledgeGraph, cytokine: str, disease: str, source: str
) -> None:
    rows = graph.select(
        f"""SELECT ?st {{ ?st rdf:subject jkd:{cytokine} ; rdf:predicate jk:implicatedIn ;
                              rdf:object jkd:{disease} ; dcterms:source <{source}> }}"""
    )
    assert len(rows) == 1
    assert graph.select(f"SELECT ?x {{ jkd:{cytokine} jk:implicatedIn jkd:{disease} }}") != []


def test_sarcoidosis_type_1_cytokines_from_the_tofacitinib_trial(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?c { ?st rdf:subject ?c ; rdf:predicate jk:implicatedIn ;
                           rdf:object jkd:sarcoidosis ;
                           dcterms:source <https://doi.org/10.1038/s41467-022-30615-x> }"""
    )
    assert {local(r["c"]) for r in rows} == {"IFN-gamma", "IL-6", "IL-12", "IL-15", "GM-CSF"}


def test_lichen_planopilaris_is_broader_matched_to_lichen_planus(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?b { jkd:lichen-planopilaris skos:broadMatch ?b }")
    assert [r["b"] for r in rows] == ["http://id.nlm.nih.gov/mesh/D008010"]
    cases = graph.select(
        """SELECT ?n { ?st rdf:subject jkd:tofacitinib ; rdf:predicate jk:reportedEffectiveIn ;
                           rdf:object jkd:lichen-planopilaris ; jk:patientCount ?n }"""
    )
    assert [r["n"] for r in cases] == ["10"]


def test_erythema_multiforme_series_has_no_invented_per_drug_counts(graph: KnowledgeGraph) -> None:
    source = "https://doi.org/10.1001/jamadermatol.2021.4084"
    rows = graph.select(
        f"""SELECT ?d ?n {{ ?st rdf:subject ?d ; rdf:predicate jk:reportedEffectiveIn ;
                               rdf:object jkd:erythema-multiforme ; dcterms:source <{source}> .
                               OPTIONAL {{ ?st jk:patientCount ?n }} }}"""
    )
    assert {local(r["d"]) for r in rows} == {"tofacitinib", "upadacitinib"}
    assert all(r.get("n") is None for r in rows)
    cytokines = graph.select("SELECT ?c { ?c jk:implicatedIn jkd:erythema-multiforme }")
    assert {local(r["c"]) for r in cytokines} == {"IFN-gamma", "IL-15"}


def test_tofacitinib_dermatomyositis_pilot_trial_is_separate_from_the_seed(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?src ?n { ?st rdf:subject jkd:tofacitinib ; rdf:predicate jk:reportedEffectiveIn ;
                               rdf:object jkd:dermatomyositis ; dcterms:source ?src .
                               OPTIONAL { ?st jk:patientCount ?n } }"""
    )
    by_source = {r["src"]: r.get("n") for r in rows}
    assert by_source == {SEED: None, "https://doi.org/10.1002/art.41602": "10"}


def test_tofacitinib_alopecia_areata_trial(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?n { ?st rdf:subject jkd:tofacitinib ; rdf:predicate jk:reportedEffectiveIn ;
                           rdf:object jkd:alopecia-areata ;
                           dcterms:source <https://doi.org/10.1172/jci.insight.89776> ;
                           jk:patientCount ?n }"""
    )
    assert [r["n"] for r in rows] == ["66"]


@pytest.mark.parametrize(
    ("drug", "disease", "source", "patients"),
    [
        ("ruxolitinib", "necrobiosis-lipoidica", "https://doi.org/10.1016/j.jid.2023.11.027", "12"),
        (
            "abrocitinib",
            "chronic-actinic-dermatitis",
            "https://doi.org/10.3389/fmed.2026.1742273",
            "16",
        ),
    ],
)
def test_granulomatous_and_photosensitive_dermatoses(
    graph: KnowledgeGraph, drug: str, disease: str, source: str, patients: str
) -> None:
    rows = graph.select(
        f"""SELECT ?n {{ ?st rdf:subject jkd:{drug} ; rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:{disease} ; dcterms:source <{source}> ;
                             jk:patientCount ?n }}"""
    )
    assert [r["n"] for r in rows] == [patients]


def test_deucravacitinib_sle_trial_is_a_randomised_trial_without_a_per_arm_count(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?k ?n { ?st rdf:subject jkd:deucravacitinib ;
                             rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:systemic-lupus-erythematosus ;
                             dcterms:source <https://doi.org/10.1002/art.42391> ;
                             jk:evidenceKind ?k .
                             OPTIONAL { ?st jk:patientCount ?n } }"""
    )
    assert [(r["k"][len(VOCAB) :], r.get("n")) for r in rows] == [("RandomisedTrial", None)]


# ------------------------------------------------------------ session 3: alopecia areata


def aa_candidate(drug: str) -> dict:
    from kg.rationale import rank
    from kg.resolve import resolve

    candidates = rank(resolve("alopecia-areata", "Disease")).to_dict()["candidates"]
    return next(c for c in candidates if c["drug"]["label"] == drug)


@pytest.mark.parametrize(
    "source",
    [
        "https://doi.org/10.1038/s41590-023-01547-5",  # Nat Immunol 2023, PubMed 37365384
        "https://doi.org/10.5114/ada.2019.82826",  # Tabara et al. 2019, PubMed 30858781
    ],
)
def test_il15_is_implicated_in_alopecia_areata(graph: KnowledgeGraph, source: str) -> None:
    rows = graph.select(
        f"""SELECT ?k {{ ?st rdf:subject jkd:IL-15 ; rdf:predicate jk:implicatedIn ;
                             rdf:object jkd:alopecia-areata ; dcterms:source <{source}> ;
                             jk:evidenceKind ?k }}"""
    )
    assert [r["k"][len(VOCAB) :] for r in rows] == ["ExperimentalStudy"]
    assert graph.select("SELECT ?x { jkd:IL-15 jk:implicatedIn jkd:alopecia-areata }") != []


def test_ritlecitinib_now_covers_alopecia_areata_through_il15() -> None:
    """Ritlecitinib (JAK3) was at 0% while IFN-gamma (JAK1/JAK2) was AA's only cytokine."""
    ritle = aa_candidate("ritlecitinib")
    statuses = {c["cytokine"]: c["status"] for c in ritle["covered"]}
    assert statuses["IL-15"] == "covered"
    assert "IFN-γ" in ritle["uncovered"]
    assert ritle["coverage"] > 0
    assert ritle["approved"]


# ------------------------------------------------------------ session 3: pyoderma gangrenosum


def test_pyoderma_gangrenosum_cross_references(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?x { jkd:pyoderma-gangrenosum jk:xref ?x }")
    assert {r["x"] for r in rows} == {"MONDO:0018824", "DOID:8553", "MESH:D017511"}


def test_pyoderma_gangrenosum_cytokines_from_the_2022_review(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?c { ?st rdf:subject ?c ; rdf:predicate jk:implicatedIn ;
                           rdf:object jkd:pyoderma-gangrenosum ;
                           dcterms:source <https://doi.org/10.1007/s40257-022-00699-8> ;
                           jk:evidenceKind jk:Review }"""
    )
    assert {local(r["c"]) for r in rows} == {
        "TNF",
        "IL-1-beta",
        "IL-12",
        "IL-15",
        "IL-17A",
        "IL-23",
        "IL-36",
    }


@pytest.mark.parametrize(
    ("cytokine", "source", "kind"),
    [
        ("IL-1-beta", "https://doi.org/10.1111/cei.12394", "ExperimentalStudy"),
        ("IL-23", "https://doi.org/10.1001/archdermatol.2011.168", "CaseReport"),
    ],
)
def test_pyoderma_gangrenosum_primary_cytokine_studies(
    graph: KnowledgeGraph, cytokine: str, source: str, kind: str
) -> None:
    rows = graph.select(
        f"""SELECT ?k {{ ?st rdf:subject jkd:{cytokine} ; rdf:predicate jk:implicatedIn ;
                             rdf:object jkd:pyoderma-gangrenosum ; dcterms:source <{source}> ;
                             jk:evidenceKind ?k }}"""
    )
    assert [r["k"][len(VOCAB) :] for r in rows] == [kind]


def test_upadacitinib_pyoderma_gangrenosum_case_notes_the_co_therapy(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?n ?c { ?st rdf:subject jkd:upadacitinib ; rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:pyoderma-gangrenosum ;
                             dcterms:source <https://doi.org/10.14740/jocmr5005> ;
                             jk:evidenceKind jk:CaseReport ; jk:patientCount ?n ; jk:comment ?c }"""
    )
    assert [r["n"] for r in rows] == ["1"]
    assert "apheresis" in rows[0]["c"]


# ------------------------------------ juvenile dermatomyositis (its own entity since session 4)


def test_baricitinib_juvenile_dermatomyositis_series(graph: KnowledgeGraph) -> None:
    """The 20-child series points to juvenile DM, a narrower term of dermatomyositis."""
    rows = graph.select(
        """SELECT ?n ?k { ?st rdf:subject jkd:baricitinib ; rdf:predicate jk:reportedEffectiveIn ;
                             rdf:object jkd:juvenile-dermatomyositis ;
                             dcterms:source <https://doi.org/10.3389/fped.2022.962585> ;
                             jk:patientCount ?n ; jk:evidenceKind ?k }"""
    )
    assert [(r["n"], r["k"][len(VOCAB) :]) for r in rows] == [("20", "CaseSeries")]
    assert not graph.select(
        "SELECT * { jkd:baricitinib jk:reportedEffectiveIn jkd:dermatomyositis }"
    )
    assert graph.select(
        """SELECT * { jkd:juvenile-dermatomyositis skos:broader jkd:dermatomyositis ;
                      jk:xref "MONDO:0008054" }"""
    )


def test_tnf_is_implicated_in_hidradenitis_suppurativa_by_both_hs_reviews(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?src { ?st rdf:subject jkd:TNF ; rdf:predicate jk:implicatedIn ;
                             rdf:object jkd:hidradenitis-suppurativa ; dcterms:source ?src }"""
    )
    assert {r["src"] for r in rows} == {
        "https://doi.org/10.3390/ijms21228436",
        "https://doi.org/10.3390/cells10082094",
    }


def test_il13_in_chronic_hand_eczema_has_a_primary_study(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?k { ?st rdf:subject jkd:IL-13 ; rdf:predicate jk:implicatedIn ;
                           rdf:object jkd:chronic-hand-eczema ;
                           dcterms:source <https://doi.org/10.1111/all.16466> ;
                           jk:evidenceKind ?k }"""
    )
    assert [r["k"][len(VOCAB) :] for r in rows] == ["ExperimentalStudy"]


# ------------------------------------------ session 3: cytokines of approved indications


@pytest.mark.parametrize(
    ("disease", "source", "cytokines"),
    [
        (
            "rheumatoid-arthritis",
            "https://doi.org/10.3390/ijms222010922",
            {"TNF", "IL-6", "IL-7", "IL-17A", "IL-21", "IL-23", "GM-CSF", "IL-1-beta"},
        ),
        (
            "giant-cell-arteritis",
            "https://doi.org/10.1097/BOR.0b013e32833ee946",
            {"IFN-gamma", "IL-17A", "IL-6", "IL-23", "IL-1-beta"},
        ),
        ("crohns-disease", "https://doi.org/10.1038/s41577-024-01008-6", {"TNF", "IL-12", "IL-23"}),
        (
            "ulcerative-colitis",
            "https://doi.org/10.1038/s41577-024-01008-6",
            {"TNF", "IL-12", "IL-23"},
        ),
        (
            "psoriatic-arthritis",
            "https://doi.org/10.3390/ijms241411662",
            {"TNF", "IL-23", "IL-17A"},
        ),
        ("psoriatic-arthritis", "https://doi.org/10.3389/fimmu.2020.596086", {"IL-23", "IL-17A"}),
        ("ankylosing-spondylitis", "https://doi.org/10.1186/s13075-019-1885-z", {"TNF", "IL-17A"}),
        (
            "non-radiographic-axial-spondyloarthritis",
            "https://doi.org/10.1186/s13075-019-1885-z",
            {"TNF", "IL-17A"},
        ),
        (
            "covid-19",
            "https://doi.org/10.3389/fmed.2022.961027",
            {"IL-6", "TNF", "IL-1-beta", "IFN-gamma"},
        ),
    ],
)
def test_approved_indications_have_sourced_cytokines(
    graph: KnowledgeGraph, disease: str, source: str, cytokines: set[str]
) -> None:
    rows = graph.select(
        f"""SELECT ?c {{ ?st rdf:subject ?c ; rdf:predicate jk:implicatedIn ;
                             rdf:object jkd:{disease} ; dcterms:source <{source}> ;
                             jk:evidenceKind jk:Review }}"""
    )
    assert {local(r["c"]) for r in rows} == cytokines


def test_il2_is_not_implicated_in_rheumatoid_arthritis(graph: KnowledgeGraph) -> None:
    """The RA review lists IL-2 too, but IL-2 sustains regulatory T cells: left out on purpose."""
    assert graph.select("SELECT ?x { jkd:IL-2 jk:implicatedIn jkd:rheumatoid-arthritis }") == []


def test_upadacitinib_covers_giant_cell_arteritis_it_is_approved_for() -> None:
    from kg.rationale import rank
    from kg.resolve import resolve

    candidates = rank(resolve("giant-cell-arteritis", "Disease")).to_dict()["candidates"]
    upa = next(c for c in candidates if c["drug"]["label"] == "upadacitinib")
    assert upa["approved"] and upa["coverage"] > 0


def test_il23_is_not_claimed_for_axial_spondyloarthritis(graph: KnowledgeGraph) -> None:
    """IL-23 blockade failed in AS trials; the axSpA review names TNF and IL-17 pathways only."""
    for disease in ("ankylosing-spondylitis", "non-radiographic-axial-spondyloarthritis"):
        assert graph.select(f"SELECT ?x {{ jkd:IL-23 jk:implicatedIn jkd:{disease} }}") == []


def test_sle_cytokines_beyond_type_i_interferon(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?c { ?st rdf:subject ?c ; rdf:predicate jk:implicatedIn ;
                           rdf:object jkd:systemic-lupus-erythematosus ;
                           dcterms:source <https://doi.org/10.1155/2012/347141> }"""
    )
    assert {local(r["c"]) for r in rows} == {
        "IFN-alpha",
        "IFN-gamma",
        "IL-6",
        "IL-10",
        "IL-17A",
        "IL-23",
    }


def test_ifn_beta_in_dermatomyositis_has_a_primary_study(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?k { ?st rdf:subject jkd:IFN-beta ; rdf:predicate jk:implicatedIn ;
                           rdf:object jkd:dermatomyositis ;
                           dcterms:source <https://doi.org/10.1111/bjd.15006> ;
                           jk:evidenceKind ?k }"""
    )
    assert [r["k"][len(VOCAB) :] for r in rows] == ["ExperimentalStudy"]


# ------------------------------------------ session 4: diseases that scored 0% for every inhibitor


@pytest.mark.parametrize(
    ("disease", "curie"),
    [
        # Mondo's own exact-match file (mondo_exactmatch_mesh.sssom.tsv, 2023-12-01) pairs each with
        # the MeSH heading already in the graph.
        ("lichen-planus", "MONDO:0006572"),
        ("granuloma-annulare", "MONDO:0006554"),
        ("necrobiosis-lipoidica", "MONDO:0006583"),
        # Mondo's exact-match file to DOID (mondo_exactmatch_doid.sssom.tsv, 2023-12-01)
        ("lichen-planus", "DOID:9201"),
        ("granuloma-annulare", "DOID:3777"),
        ("necrobiosis-lipoidica", "DOID:3486"),
        ("cutaneous-lupus-erythematosus", "DOID:0050169"),
        ("hidradenitis-suppurativa", "DOID:2280"),
        ("giant-cell-arteritis", "DOID:13375"),
        ("myelofibrosis", "DOID:4971"),
        ("polycythemia-vera", "DOID:8997"),
        ("dermatomyositis", "DOID:10223"),
        ("sarcoidosis", "DOID:11335"),
        ("graft-versus-host-disease", "DOID:0081267"),
        ("morphea", "MONDO:0019562"),
        ("morphea", "DOID:8472"),
        ("covid-19", "DOID:0080600"),
    ],
)
def test_session_4_mondo_and_doid_cross_references(
    graph: KnowledgeGraph, disease: str, curie: str
) -> None:
    rows = graph.select(f"SELECT ?x {{ jkd:{disease} jk:xref ?x }}")
    assert curie in {r["x"] for r in rows}
    iri = "http://purl.obolibrary.org/obo/" + curie.replace(":", "_")  # MONDO_… or DOID_…
    assert graph.select(f"SELECT ?x {{ jkd:{disease} skos:exactMatch <{iri}> }}") != []


@pytest.mark.parametrize(
    ("cytokine", "disease", "source", "kind"),
    [
        (
            "IL-6",
            "polyarticular-juvenile-idiopathic-arthritis",
            "https://doi.org/10.1136/annrheumdis-2014-205351",
            "RandomisedTrial",
        ),
        (
            "TNF",
            "polyarticular-juvenile-idiopathic-arthritis",
            "https://pubmed.ncbi.nlm.nih.gov/10717011/",
            "RandomisedTrial",
        ),
        (
            "IFN-gamma",
            "lichen-planopilaris",
            "https://doi.org/10.1002/path.4233",
            "ExperimentalStudy",
        ),
        (
            "IL-4",
            "chronic-actinic-dermatitis",
            "https://doi.org/10.1155/mi/7967853",
            "ExperimentalStudy",
        ),
        (
            "IL-5",
            "chronic-actinic-dermatitis",
            "https://doi.org/10.1155/mi/7967853",
            "ExperimentalStudy",
        ),
        (
            "IL-31",
            "chronic-actinic-dermatitis",
            "https://doi.org/10.1155/mi/7967853",
            "ExperimentalStudy",
        ),
        (
            "IFN-gamma",
            "chronic-actinic-dermatitis",
            "https://doi.org/10.1155/mi/7967853",
            "ExperimentalStudy",
        ),
        (
            "IFN-lambda",
            "cutaneous-lupus-erythematosus",
            "https://doi.org/10.1038/jid.2010.244",
            "ExperimentalStudy",
        ),
        (
            "OSM",
            "atopic-dermatitis",
            "https://doi.org/10.1126/scitranslmed.abe3037",
            "ExperimentalStudy",
        ),
        (
            "OSM",
            "atopic-dermatitis",
            "https://doi.org/10.3389/fimmu.2023.1251031",
            "ExperimentalStudy",
        ),
        (
            "IL-36",
            "generalized-pustular-psoriasis",
            "https://doi.org/10.1007/s13555-021-00677-8",
            "Review",
        ),
        ("IL-36", "generalized-pustular-psoriasis", "https://doi.org/10.1111/exd.14768", "Review"),
        (
            "IL-17A",
            "generalized-pustular-psoriasis",
            "https://doi.org/10.3390/ijms25116270",
            "Review",
        ),
        (
            "TNF",
            "generalized-pustular-psoriasis",
            "https://doi.org/10.1111/1346-8138.14664",
            "ClinicalTrial",
        ),
    ],
)
def test_session_4_cytokine_links_cite_their_source(
    graph: KnowledgeGraph, cytokine: str, disease: str, source: str, kind: str
) -> None:
    rows = graph.select(
        f"""SELECT ?k {{ ?st rdf:subject jkd:{cytokine} ; rdf:predicate jk:implicatedIn ;
                             rdf:object jkd:{disease} ; dcterms:source <{source}> ;
                             jk:evidenceKind ?k }}"""
    )
    assert [r["k"][len(VOCAB) :] for r in rows] == [kind]
    assert graph.select(f"SELECT ?x {{ jkd:{cytokine} jk:implicatedIn jkd:{disease} }}") != []


def test_chronic_actinic_dermatitis_cytokines_are_exactly_the_lesional_ones(
    graph: KnowledgeGraph,
) -> None:
    """IL-8 was raised too, but it is a chemokine with no entity here: not invented."""
    rows = graph.select("SELECT ?c { ?c jk:implicatedIn jkd:chronic-actinic-dermatitis }")
    assert {local(r["c"]) for r in rows} == {"IL-4", "IL-5", "IL-31", "IFN-gamma"}


@pytest.mark.parametrize(
    ("disease", "drug"),
    [
        # tofacitinib and baricitinib are approved for pJIA; they were at 0% before session 4
        ("polyarticular-juvenile-idiopathic-arthritis", "tofacitinib"),
        ("polyarticular-juvenile-idiopathic-arthritis", "baricitinib"),
        ("lichen-planopilaris", "tofacitinib"),
        ("chronic-actinic-dermatitis", "abrocitinib"),
    ],
)
def test_former_zero_coverage_diseases_are_now_covered(disease: str, drug: str) -> None:
    from kg.rationale import rank
    from kg.resolve import resolve

    candidates = rank(resolve(disease, "Disease")).to_dict()["candidates"]
    candidate = next(c for c in candidates if c["drug"]["label"] == drug)
    assert candidate["coverage"] > 0


def test_generalized_pustular_psoriasis_is_a_disease_with_broader_terms(
    graph: KnowledgeGraph,
) -> None:
    """No exact term seen: MONDO:0013626 ('psoriasis 14, pustular') is only a sibling of GPP."""
    assert graph.select("SELECT ?x { jkd:generalized-pustular-psoriasis jk:xref ?x }") == []
    rows = graph.select("SELECT ?b { jkd:generalized-pustular-psoriasis skos:broadMatch ?b }")
    assert {r["b"] for r in rows} == {
        "http://purl.obolibrary.org/obo/MONDO_0005083",
        "http://id.nlm.nih.gov/mesh/D011565",
    }
    labels = graph.select("SELECT ?l { jkd:generalized-pustular-psoriasis skos:altLabel ?l }")
    assert "GPP" in {r["l"] for r in labels}


def test_broader_terms_gain_mondo_twins_of_their_mesh_headings(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?b { jkd:chronic-actinic-dermatitis skos:broadMatch ?b }")
    assert {r["b"] for r in rows} == {
        "http://id.nlm.nih.gov/mesh/D010787",
        "http://purl.obolibrary.org/obo/MONDO_0006597",
    }
