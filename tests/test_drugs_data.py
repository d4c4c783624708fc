"""Pin the curated JAK-inhibitor facts of data/curated/50-drugs.ttl to what their sources say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.resolve import resolve
from kg.store import KnowledgeGraph

JK = "https://w3id.org/jakkg/vocab#"
JKD = "https://w3id.org/jakkg/id/"
LABEL_SOURCE = re.compile(
    r"^https://(www\.accessdata\.fda\.gov|dailymed\.nlm\.nih\.gov|www\.ema\.europa\.eu"
    r"|ec\.europa\.eu/health|www\.pmda\.go\.jp)/"
)
DOI = "https://doi.org/10."
CHEMICAL_DATABASES = {"CHEBI", "DRUGBANK", "CHEMBL", "PUBCHEM.COMPOUND"}
PRIORITY_DRUGS = ["tofacitinib", "upadacitinib", "baricitinib", "deucravacitinib", "ritlecitinib"]


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def targets(graph: KnowledgeGraph, drug: str) -> dict[str, set[str]]:
    """Kinase -> target roles of the drug's jk:inhibits statements."""
    rows = graph.select(
        f"""SELECT ?jak ?role {{
              jkd:{drug} jk:inhibits ?jak .
              ?st rdf:subject jkd:{drug} ; rdf:predicate jk:inhibits ; rdf:object ?jak ;
                  jk:targetRole ?role }}"""
    )
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(local(row["jak"]), set()).add(local(row["role"]))
    return found


def drugs(graph: KnowledgeGraph) -> list[str]:
    rows = graph.select("SELECT ?d { ?d a jk:JAKInhibitor }")
    return sorted(local(r["d"]) for r in rows)


def test_the_priority_inhibitors_are_present(graph: KnowledgeGraph) -> None:
    assert set(PRIORITY_DRUGS) <= set(drugs(graph))


@pytest.mark.parametrize(
    ("brand", "drug"),
    [
        ("Xeljanz", "tofacitinib"),
        ("Rinvoq", "upadacitinib"),
        ("RINVOQ", "upadacitinib"),
        ("Olumiant", "baricitinib"),
        ("Sotyktu", "deucravacitinib"),
        ("Litfulo", "ritlecitinib"),
        ("BMS-986165", "deucravacitinib"),
        ("Leqselvi", "deuruxolitinib"),
        ("CTP-543", "deuruxolitinib"),
        ("Anzupgo", "delgocitinib"),
        ("JTE-052", "delgocitinib"),
        ("Corectim", "delgocitinib"),
        ("Lisraya", "brepocitinib"),
        ("PF-06700841", "brepocitinib"),
    ],
)
def test_brand_names_and_codes_resolve_to_the_drug(brand: str, drug: str) -> None:
    entity = resolve(brand, kind="Drug")
    assert entity.curie == f"jkd:{drug}"
    assert entity.kind == "JAKInhibitor"


# Drugs no chemical-database record was found for: their identity anchor is the FDA
# application seen in Drugs@FDA (docs/data-drugs.md). Nobody else may fall back to it.
NDA_ANCHORED = {
    "deuruxolitinib": "NDA:217900",
    "delgocitinib": "NDA:219155",
    "brepocitinib": "NDA:220106",
}


def test_every_inhibitor_cites_a_chemical_database(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?d ?x { ?d a jk:JAKInhibitor ; jk:xref ?x }")
    cited = {local(r["d"]) for r in rows if r["x"].split(":")[0] in CHEMICAL_DATABASES}
    assert set(drugs(graph)) - cited == set(NDA_ANCHORED)


def test_only_the_nda_anchored_drugs_cite_an_fda_application(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        'SELECT ?d ?x { ?d a jk:JAKInhibitor ; jk:xref ?x FILTER(STRSTARTS(?x, "NDA:")) }'
    )
    assert {local(r["d"]): r["x"] for r in rows} == NDA_ANCHORED
    for drug, curie in NDA_ANCHORED.items():
        assert resolve(curie).curie == f"jkd:{drug}"
        number = curie.split(":")[1]
        match = graph.select(f"SELECT ?m {{ jkd:{drug} skos:exactMatch ?m }}")
        assert [r["m"] for r in match] == [
            "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm"
            f"?event=overview.process&ApplNo={number}"
        ]


@pytest.mark.parametrize(
    ("drug", "curie"),
    [
        ("tofacitinib", "CHEBI:71200"),
        ("tofacitinib", "DRUGBANK:DB08895"),
        ("baricitinib", "CHEBI:95341"),
        ("upadacitinib", "DRUGBANK:DB15091"),
        ("deucravacitinib", "CHEMBL:CHEMBL4435170"),
        ("ritlecitinib", "CHEMBL:CHEMBL4085457"),
    ],
)
def test_identifiers_resolve_to_their_drug(drug: str, curie: str) -> None:
    assert resolve(curie).curie == f"jkd:{drug}"


def test_upadacitinib_is_a_jak1_inhibitor(graph: KnowledgeGraph) -> None:
    assert targets(graph, "upadacitinib")["JAK1"] == {"PrimaryTarget"}


def test_tofacitinib_targets_jak1_and_jak3_first_and_jak2_less(graph: KnowledgeGraph) -> None:
    found = targets(graph, "tofacitinib")
    assert found["JAK1"] == found["JAK3"] == {"PrimaryTarget"}
    assert found.get("JAK2", {"SecondaryTarget"}) == {"SecondaryTarget"}


def test_baricitinib_targets_jak1_and_jak2(graph: KnowledgeGraph) -> None:
    found = targets(graph, "baricitinib")
    assert {"JAK1", "JAK2"} <= {jak for jak, roles in found.items() if "PrimaryTarget" in roles}


def test_deucravacitinib_inhibits_only_tyk2(graph: KnowledgeGraph) -> None:
    assert targets(graph, "deucravacitinib") == {"TYK2": {"PrimaryTarget"}}


def test_ritlecitinib_targets_jak3_and_not_jak1(graph: KnowledgeGraph) -> None:
    found = targets(graph, "ritlecitinib")
    assert found["JAK3"] == {"PrimaryTarget"}
    assert "JAK1" not in found


SEED = "https://doi.org/10.36849/JDD.7500"
XELJANZ_LABEL = (
    "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=cf74ba2f-afc5-4baa-8594-979c889a5831"
)
DOCS = Path(__file__).resolve().parents[1] / "docs" / "data-drugs.md"


def inhibits_sources(graph: KnowledgeGraph, drug: str, jak: str) -> set[tuple[str, str]]:
    """(source, evidence kind) of every statement behind the drug's jk:inhibits edge to jak."""
    rows = graph.select(
        f"""SELECT ?src ?kind {{
              jkd:{drug} jk:inhibits jkd:{jak} .
              ?st rdf:subject jkd:{drug} ; rdf:predicate jk:inhibits ; rdf:object jkd:{jak} ;
                  dcterms:source ?src ; jk:evidenceKind ?kind }}"""
    )
    return {(r["src"], local(r["kind"])) for r in rows}


@pytest.mark.parametrize("jak", ["JAK1", "JAK3"])
def test_tofacitinib_primary_targets_rest_on_pharmacology_not_only_the_seed(
    graph: KnowledgeGraph, jak: str
) -> None:
    # Meyer et al. 2010 (CP-690,550: JAK1/JAK3 over JAK2 in cells) and the Xeljanz label 12.1
    # (JAK1/JAK3 pair IC50 56 nM); the seed's introduction stays, as the review it is.
    assert inhibits_sources(graph, "tofacitinib", jak) == {
        ("https://doi.org/10.1186/1476-9255-7-41", "ExperimentalStudy"),
        (XELJANZ_LABEL, "RegulatoryLabel"),
        (SEED, "Review"),
    }


def test_the_seed_papers_target_statements_are_reviews_not_case_series(
    graph: KnowledgeGraph,
) -> None:
    # The seed names drug targets in its introduction, which reviews the literature
    # (70-evidence.ttl records that part as jk:Review); only its cases are jk:CaseSeries.
    rows = graph.select(
        f"""SELECT ?d ?j ?kind {{ ?st rdf:predicate jk:inhibits ; rdf:subject ?d ; rdf:object ?j ;
                                  dcterms:source <{SEED}> ; jk:evidenceKind ?kind }}"""
    )
    assert {(local(r["d"]), local(r["j"])) for r in rows} >= {
        ("tofacitinib", "JAK1"),
        ("tofacitinib", "JAK3"),
        ("upadacitinib", "JAK1"),
    }
    assert {local(r["kind"]) for r in rows} == {"Review"}


def test_fedratinib_jak2_cites_a_review_and_a_profiling_study_not_the_lymphoma_paper(
    graph: KnowledgeGraph,
) -> None:
    assert inhibits_sources(graph, "fedratinib", "JAK2") == {
        ("https://doi.org/10.1007/s00277-020-04002-9", "Review"),
        ("https://doi.org/10.1371/journal.pone.0222944", "ExperimentalStudy"),
    }
    rows = graph.select(
        "SELECT ?st { ?st dcterms:source <https://doi.org/10.1158/1078-0432.CCR-13-3007> }"
    )
    assert rows == []


def test_pacritinib_chebi_is_documented_once_and_consistently(graph: KnowledgeGraph) -> None:
    rows = graph.select('SELECT ?x { jkd:pacritinib jk:xref ?x FILTER(STRSTARTS(?x, "CHEBI:")) }')
    curies = {r["x"] for r in rows}
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## pacritinib", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"\| CHEBI \| (CHEBI:\d+)", section)) == curies
    # "Left out" must not say no ChEBI ID was found for a drug whose ChEBI ID is recorded.
    left_out = text.split("## Left out (unverified)", 1)[1]
    for drugs_named, fields in re.findall(r"\*\*([^*\n]+)\*\*\s*([^:\n]*):\s*not found", left_out):
        if "pacritinib" in drugs_named and curies:
            assert "ChEBI" not in fields, (drugs_named, fields)


def test_every_inhibits_statement_has_one_role_and_a_source(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d ?j (COUNT(DISTINCT ?role) AS ?roles) (COUNT(?src) AS ?sources) {
             ?d a jk:JAKInhibitor ; jk:inhibits ?j .
             ?st rdf:subject ?d ; rdf:predicate jk:inhibits ; rdf:object ?j ;
                 jk:targetRole ?role ; dcterms:source ?src }
           GROUP BY ?d ?j"""
    )
    edges = graph.select("SELECT ?d ?j { ?d a jk:JAKInhibitor ; jk:inhibits ?j }")
    assert len(rows) == len(edges)
    assert all(int(r["roles"]) == 1 and int(r["sources"]) >= 1 for r in rows)


def test_every_approval_is_dated_by_an_agency_and_sourced_to_a_label(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d ?x ?agency ?year ?src ?kind {
             ?d a jk:JAKInhibitor ; jk:approvedFor ?x .
             ?st rdf:subject ?d ; rdf:predicate jk:approvedFor ; rdf:object ?x ;
                 jk:agency ?agency ; jk:approvalYear ?year ; dcterms:source ?src ;
                 jk:evidenceKind ?kind }"""
    )
    edges = graph.select("SELECT DISTINCT ?d ?x { ?d a jk:JAKInhibitor ; jk:approvedFor ?x }")
    assert {(r["d"], r["x"]) for r in rows} == {(r["d"], r["x"]) for r in edges}
    for row in rows:
        assert local(row["agency"]) in {"FDA", "EMA", "PMDA"}
        assert re.fullmatch(r"\d{4}", row["year"]) and 2011 <= int(row["year"]) <= 2026
        # A regulator label where one was seen; otherwise (PMDA, whose pages are not reachable
        # here) a peer-reviewed review that states the approval, cited by its DOI.
        if local(row["kind"]) == "RegulatoryLabel":
            assert LABEL_SOURCE.match(row["src"]), row["src"]
        else:
            assert local(row["kind"]) == "Review", row
            assert row["src"].startswith(DOI), row["src"]


def test_every_approval_year_is_typed_gyear(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?y { ?st rdf:predicate jk:approvedFor ; jk:approvalYear ?y
                       FILTER(DATATYPE(?y) != xsd:gYear) }"""
    )
    assert rows == []


@pytest.mark.parametrize(
    ("drug", "disease", "agency", "year"),
    [
        ("tofacitinib", "rheumatoid-arthritis", "FDA", "2012"),
        ("upadacitinib", "rheumatoid-arthritis", "FDA", "2019"),
        ("upadacitinib", "atopic-dermatitis", "FDA", "2022"),
        ("baricitinib", "rheumatoid-arthritis", "FDA", "2018"),
        ("baricitinib", "alopecia-areata", "FDA", "2022"),
        ("deucravacitinib", "psoriasis", "FDA", "2022"),
        ("deucravacitinib", "psoriasis", "EMA", "2023"),
        ("ritlecitinib", "alopecia-areata", "FDA", "2023"),
        ("tofacitinib", "psoriatic-arthritis", "FDA", "2017"),
        ("tofacitinib", "ankylosing-spondylitis", "FDA", "2021"),
        ("upadacitinib", "psoriatic-arthritis", "FDA", "2021"),
        ("upadacitinib", "psoriatic-arthritis", "EMA", "2021"),
        ("upadacitinib", "ulcerative-colitis", "FDA", "2022"),
        ("upadacitinib", "ankylosing-spondylitis", "FDA", "2022"),
        ("upadacitinib", "ankylosing-spondylitis", "EMA", "2021"),
        ("upadacitinib", "non-radiographic-axial-spondyloarthritis", "FDA", "2022"),
        ("upadacitinib", "crohns-disease", "FDA", "2023"),
        ("upadacitinib", "giant-cell-arteritis", "FDA", "2025"),
        ("upadacitinib", "polyarticular-juvenile-idiopathic-arthritis", "FDA", "2024"),
        ("baricitinib", "rheumatoid-arthritis", "EMA", "2017"),
        ("deucravacitinib", "psoriatic-arthritis", "FDA", "2026"),
        ("abrocitinib", "atopic-dermatitis", "EMA", "2021"),
        ("ritlecitinib", "alopecia-areata", "EMA", "2023"),
        ("fedratinib", "myelofibrosis", "EMA", "2021"),
        ("deuruxolitinib", "alopecia-areata", "FDA", "2024"),
        ("delgocitinib", "chronic-hand-eczema", "FDA", "2025"),
        ("brepocitinib", "dermatomyositis", "FDA", "2026"),
    ],
)
def test_pinned_approvals(
    graph: KnowledgeGraph, drug: str, disease: str, agency: str, year: str
) -> None:
    rows = graph.select(
        f"""SELECT ?year {{
              ?st rdf:subject jkd:{drug} ; rdf:predicate jk:approvedFor ;
                  rdf:object jkd:{disease} ; jk:agency jk:{agency} ; jk:approvalYear ?year }}"""
    )
    assert [r["year"] for r in rows] == [year]


# Approvals sourced to a peer-reviewed article (DOI) that states them, where no regulator page
# was reachable: Japanese (PMDA) approvals, and EU extensions with no Community Register annex
# showing the indication (docs/data-drugs.md, "PMDA approvals").
PMDA_APPROVALS = [
    ("abrocitinib", "atopic-dermatitis", "2021", "10.1007/s40265-021-01638-3"),
    ("deucravacitinib", "psoriasis", "2022", "10.1007/s40265-022-01796-y"),
    ("deucravacitinib", "generalized-pustular-psoriasis", "2022", "10.1007/s40265-022-01796-y"),
    ("ritlecitinib", "alopecia-areata", "2023", "10.1007/s40265-023-01928-y"),
    ("filgotinib", "rheumatoid-arthritis", "2020", "10.1080/14397595.2021.1902617"),
    ("delgocitinib", "atopic-dermatitis", "2020", "10.1007/s40265-020-01291-2"),
]
EMA_REVIEW_APPROVALS = [
    ("upadacitinib", "atopic-dermatitis", "2021", "10.3390/pharmaceutics14112452"),
    ("baricitinib", "alopecia-areata", "2022", "10.1007/s13555-023-01030-x"),
]


@pytest.mark.parametrize(
    ("agency", "drug", "disease", "year", "doi"),
    [("PMDA", *a) for a in PMDA_APPROVALS] + [("EMA", *a) for a in EMA_REVIEW_APPROVALS],
)
def test_article_sourced_approvals_are_dated_and_cite_the_article_that_states_them(
    graph: KnowledgeGraph, agency: str, drug: str, disease: str, year: str, doi: str
) -> None:
    rows = graph.select(
        f"""SELECT ?year ?src ?kind {{
              jkd:{drug} jk:approvedFor jkd:{disease} .
              ?st rdf:subject jkd:{drug} ; rdf:predicate jk:approvedFor ;
                  rdf:object jkd:{disease} ; jk:agency jk:{agency} ; jk:approvalYear ?year ;
                  dcterms:source ?src ; jk:evidenceKind ?kind }}"""
    )
    assert [(r["year"], r["src"], local(r["kind"])) for r in rows] == [
        (year, f"https://doi.org/{doi}", "Review")
    ]


def test_the_pmda_approvals_are_exactly_the_pinned_ones(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d ?x { ?st rdf:subject ?d ; rdf:predicate jk:approvedFor ; rdf:object ?x ;
                              jk:agency jk:PMDA . ?d a jk:JAKInhibitor }"""
    )
    assert sorted((local(r["d"]), local(r["x"])) for r in rows) == sorted(
        (drug, disease) for drug, disease, _, _ in PMDA_APPROVALS
    )


def test_the_fda_approvals_still_cite_their_labels_beside_the_eu_articles(
    graph: KnowledgeGraph,
) -> None:
    for drug, disease, _, _ in EMA_REVIEW_APPROVALS:
        rows = graph.select(
            f"""SELECT ?src ?kind {{ ?st rdf:subject jkd:{drug} ; rdf:predicate jk:approvedFor ;
                  rdf:object jkd:{disease} ; jk:agency jk:FDA ; dcterms:source ?src ;
                  jk:evidenceKind ?kind }}"""
        )
        assert [local(r["kind"]) for r in rows] == ["RegulatoryLabel"]
        assert LABEL_SOURCE.match(rows[0]["src"])


def test_upadacitinib_is_approved_for_at_least_one_disease(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?x { jkd:upadacitinib jk:approvedFor ?x }")
    assert rows


def test_every_inhibitor_has_a_route(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?d { ?d a jk:JAKInhibitor FILTER NOT EXISTS { ?d jk:route ?r } }")
    assert rows == []


def test_ruxolitinib_is_one_drug_given_by_mouth_and_on_the_skin(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?r { jkd:ruxolitinib jk:route ?r }")
    assert {local(r["r"]) for r in rows} == {"Oral", "Topical"}
    assert resolve("Opzelura").curie == resolve("Jakafi").curie == "jkd:ruxolitinib"


@pytest.mark.parametrize(
    ("drug", "kinases"),
    [
        ("ruxolitinib", {"JAK1", "JAK2"}),
        ("abrocitinib", {"JAK1"}),
        ("fedratinib", {"JAK2"}),
        ("pacritinib", {"JAK2"}),
        ("momelotinib", {"JAK1", "JAK2"}),
        ("deuruxolitinib", {"JAK1", "JAK2"}),
        ("delgocitinib", {"JAK1", "JAK2", "JAK3", "TYK2"}),
        ("brepocitinib", {"TYK2", "JAK1"}),
    ],
)
def test_primary_targets_of_the_other_inhibitors(
    graph: KnowledgeGraph, drug: str, kinases: set[str]
) -> None:
    found = targets(graph, drug)
    assert {jak for jak, roles in found.items() if "PrimaryTarget" in roles} == kinases


def test_myelofibrosis_drugs_are_approved_for_myelofibrosis(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?d { ?d a jk:JAKInhibitor ; jk:approvedFor jkd:myelofibrosis }")
    assert {local(r["d"]) for r in rows} >= {
        "ruxolitinib",
        "fedratinib",
        "pacritinib",
        "momelotinib",
    }


def test_filgotinib_is_approved_in_the_eu_and_japan_not_by_the_fda(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?agency { ?st rdf:subject jkd:filgotinib ; rdf:predicate jk:approvedFor ;
                                jk:agency ?agency }"""
    )
    assert {local(r["agency"]) for r in rows} == {"EMA", "PMDA"}


def test_peficitinib_prefers_jak3_among_four_kinases(graph: KnowledgeGraph) -> None:
    found = targets(graph, "peficitinib")
    assert found.pop("JAK3") == {"PrimaryTarget"}
    assert found == {jak: {"SecondaryTarget"} for jak in ("JAK1", "JAK2", "TYK2")}


def selectivity(graph: KnowledgeGraph, drug: str) -> dict[str, tuple[float, str, str]]:
    """Kinase -> (IC50 nM, assay, source) of the drug's selectivity measurements."""
    rows = graph.select(
        f"""SELECT ?jak ?ic50 ?assay ?src {{
              ?m a jk:SelectivityMeasurement ; jk:drug jkd:{drug} ; jk:kinase ?jak ;
                 jk:ic50nM ?ic50 ; jk:assay ?assay ; dcterms:source ?src }}"""
    )
    return {local(r["jak"]): (float(r["ic50"]), r["assay"], r["src"]) for r in rows}


def test_baricitinib_enzyme_ic50s_favour_jak1_and_jak2_over_tyk2(graph: KnowledgeGraph) -> None:
    found = selectivity(graph, "baricitinib")
    assert {jak: ic50 for jak, (ic50, _, _) in found.items()} == {
        "JAK1": 5.9,
        "JAK2": 5.7,
        "TYK2": 53.0,
    }
    assert {(assay, src) for _, assay, src in found.values()} == {
        (
            "isolated enzyme assay",
            "https://ec.europa.eu/health/documents/community-register/2018/"
            "20180629141659/anx_141659_en.pdf",
        )
    }


def test_every_selectivity_measurement_is_typed_decimal_and_sourced(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?m ?v ?src { ?m a jk:SelectivityMeasurement ; jk:ic50nM ?v .
                               OPTIONAL { ?m dcterms:source ?src } }"""
    )
    assert rows
    typed = graph.select(
        """SELECT ?m { ?m a jk:SelectivityMeasurement ; jk:ic50nM ?v
                       FILTER(DATATYPE(?v) = xsd:decimal) }"""
    )
    assert len(typed) == len(rows)
    sources = [r.get("src") or "" for r in rows]
    assert [s for s in sources if not (LABEL_SOURCE.match(s) or s.startswith(DOI))] == []


def test_one_selectivity_measurement_per_drug_kinase_assay_and_source(
    graph: KnowledgeGraph,
) -> None:
    # A second node for the same drug, kinase, assay and source would be a duplicate row in
    # `jakkg show` and in inhibitor-selectivity.rq; a different value from the same assay and
    # source would be a contradiction. Either way it must be a deliberate edit.
    rows = graph.select(
        """SELECT ?d ?k ?assay ?src (COUNT(DISTINCT ?m) AS ?n) {
             ?m a jk:SelectivityMeasurement ; jk:drug ?d ; jk:kinase ?k ; jk:assay ?assay ;
                dcterms:source ?src }
           GROUP BY ?d ?k ?assay ?src"""
    )
    assert rows
    assert [r for r in rows if int(r["n"]) != 1] == []


def test_the_shapes_reject_a_measurement_without_assay_or_source(tmp_path) -> None:
    from kg.validate import validate

    bad = tmp_path / "bad.ttl"
    bad.write_text(
        """@prefix jk: <https://w3id.org/jakkg/vocab#> .
@prefix jkd: <https://w3id.org/jakkg/id/> .
jkd:JAK1 a jk:JanusKinase .
jkd:somecitinib a jk:JAKInhibitor .
[ a jk:SelectivityMeasurement ; jk:drug jkd:somecitinib ; jk:kinase jkd:JAK1 ; jk:ic50nM 3 ] .
""",
        encoding="utf-8",
    )
    messages = {v.message for v in validate([bad]).violations}
    assert any("assay" in m for m in messages)
    assert any("cites its source" in m for m in messages)
    assert any("xsd:decimal" in m for m in messages)


def test_the_jak_class_boxed_warning_is_on_the_labelled_drugs_only(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d ?src ?kind { ?d jk:boxedWarning jk:JAKInhibitorBoxedWarning .
             ?st rdf:subject ?d ; rdf:predicate jk:boxedWarning ;
                 rdf:object jk:JAKInhibitorBoxedWarning ; dcterms:source ?src ;
                 jk:evidenceKind ?kind }"""
    )
    assert {local(r["d"]) for r in rows} == {
        "tofacitinib",
        "upadacitinib",
        "baricitinib",
        "abrocitinib",
        "ritlecitinib",
        "ruxolitinib",
        "deuruxolitinib",
    }
    assert all(LABEL_SOURCE.match(r["src"]) and local(r["kind"]) == "RegulatoryLabel" for r in rows)
    assert graph.select("SELECT ?w { jkd:deucravacitinib jk:boxedWarning ?w }") == []


def test_the_shapes_reject_an_unsourced_boxed_warning(tmp_path) -> None:
    from kg.validate import validate

    bad = tmp_path / "bad.ttl"
    bad.write_text(
        """@prefix jk: <https://w3id.org/jakkg/vocab#> .
@prefix jkd: <https://w3id.org/jakkg/id/> .
jkd:JAK1 a jk:JanusKinase .
jkd:somecitinib a jk:JAKInhibitor ; jk:boxedWarning jk:JAKInhibitorBoxedWarning .
""",
        encoding="utf-8",
    )
    report = validate([bad])
    assert any("has no source" in v.message for v in report.violations)


def test_deuruxolitinib_is_an_oral_jak1_jak2_inhibitor_stated_by_a_trial_background(
    graph: KnowledgeGraph,
) -> None:
    # The phase 2 trial states the selectivity as background: review-grade evidence (audit).
    rows = graph.select(
        """SELECT ?jak ?src ?kind { jkd:deuruxolitinib jk:inhibits ?jak .
             ?st rdf:subject jkd:deuruxolitinib ; rdf:predicate jk:inhibits ; rdf:object ?jak ;
                 dcterms:source ?src ; jk:evidenceKind ?kind }"""
    )
    assert {(local(r["jak"]), r["src"], local(r["kind"])) for r in rows} == {
        (jak, "https://doi.org/10.1016/j.jaad.2022.03.045", "Review") for jak in ("JAK1", "JAK2")
    }
    routes = graph.select("SELECT ?r { jkd:deuruxolitinib jk:route ?r }")
    assert [local(r["r"]) for r in routes] == ["Oral"]


def test_delgocitinib_is_a_topical_pan_jak_inhibitor_for_hand_eczema_and_atopic_dermatitis(
    graph: KnowledgeGraph,
) -> None:
    routes = graph.select("SELECT ?r { jkd:delgocitinib jk:route ?r }")
    assert [local(r["r"]) for r in routes] == ["Topical"]
    approvals = graph.select(
        """SELECT ?x ?agency ?src { jkd:delgocitinib jk:approvedFor ?x .
             ?st rdf:subject jkd:delgocitinib ; rdf:predicate jk:approvedFor ; rdf:object ?x ;
                 jk:agency ?agency ; dcterms:source ?src }"""
    )
    assert sorted((local(r["x"]), local(r["agency"]), r["src"]) for r in approvals) == [
        # Corectim ointment in Japan (Dhillon, "Delgocitinib: First Approval")
        ("atopic-dermatitis", "PMDA", "https://doi.org/10.1007/s40265-020-01291-2"),
        (
            "chronic-hand-eczema",
            "FDA",
            "https://www.accessdata.fda.gov/drugsatfda_docs/label/2025/219155s000lbl.pdf",
        ),
    ]


def test_the_shapes_take_an_fda_application_number_only_in_its_six_digit_form(tmp_path) -> None:
    from kg.validate import validate

    def violations(curie: str) -> list[str]:
        path = tmp_path / "drug.ttl"
        path.write_text(
            f"""@prefix jk: <https://w3id.org/jakkg/vocab#> .
@prefix jkd: <https://w3id.org/jakkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
jkd:somecitinib a jk:Drug ; rdfs:label "somecitinib"@en ; jk:xref "{curie}" .
""",
            encoding="utf-8",
        )
        return [v.message for v in validate([path]).violations]

    assert violations("NDA:217900") == []
    for bad in ("NDA:17900", "NDA 217900", "ANDA:217900"):
        assert any("known prefix" in m for m in violations(bad)), bad


def test_brepocitinib_is_the_approved_tyk2_jak1_inhibitor_for_dermatomyositis(
    graph: KnowledgeGraph,
) -> None:
    assert targets(graph, "brepocitinib") == {"TYK2": {"PrimaryTarget"}, "JAK1": {"PrimaryTarget"}}
    rows = graph.select(
        """SELECT ?d ?src { ?d jk:approvedFor jkd:dermatomyositis .
             ?st rdf:subject ?d ; rdf:predicate jk:approvedFor ; rdf:object jkd:dermatomyositis ;
                 jk:agency jk:FDA ; dcterms:source ?src }"""
    )
    assert [(local(r["d"]), r["src"]) for r in rows] == [
        (
            "brepocitinib",
            "https://www.accessdata.fda.gov/drugsatfda_docs/label/2026/220106Orig1s000lbl.pdf",
        )
    ]


def test_delgocitinib_targets_come_from_its_label_and_the_jte_052_enzyme_study(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?jak ?src { ?st rdf:subject jkd:delgocitinib ; rdf:predicate jk:inhibits ;
                                   rdf:object ?jak ; dcterms:source ?src }"""
    )
    sources: dict[str, set[str]] = {}
    for row in rows:
        sources.setdefault(local(row["jak"]), set()).add(row["src"])
    assert sources == {
        jak: {
            "https://www.accessdata.fda.gov/drugsatfda_docs/label/2025/219155s000lbl.pdf",
            "https://doi.org/10.1007/s00011-014-0782-9",
        }
        for jak in ("JAK1", "JAK2", "JAK3", "TYK2")
    }
