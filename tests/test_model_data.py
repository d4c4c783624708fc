"""The shipped data behind the session-4 model: JAK requirements, blocking therapies, drivers.

Each classification is pinned to the source it was read in, so a changed verdict or a swapped
source fails here before it changes a ranking.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import KnowledgeGraph

ENTITY = "https://w3id.org/jakkg/id/"
VOCAB = "https://w3id.org/jakkg/vocab#"
DOCS = Path(__file__).resolve().parents[1] / "docs"

KREINS = "https://doi.org/10.1084/jem.20140280"
YAMAOKA = "https://doi.org/10.1186/gb-2004-5-12-253"
NEUBAUER = "https://pubmed.ncbi.nlm.nih.gov/9590174/"

# (receptor complex, JAK) -> (requirement, experiment, source)
REQUIREMENTS = {
    ("EPO-receptor", "JAK2"): ("Required", "Knockout", NEUBAUER),
    ("TPO-receptor", "JAK2"): ("Required", "Knockout", YAMAOKA),
    ("IL-3-receptor", "JAK2"): ("Required", "Knockout", YAMAOKA),
    ("IL-6-receptor", "JAK1"): (
        "Required",
        "DeficientCellLine",
        "https://doi.org/10.1002/j.1460-2075.1995.tb07128.x",
    ),
    ("IL-6-receptor", "TYK2"): ("AssociatedOnly", "HumanDeficiency", KREINS),
    ("IL-6-receptor", "JAK2"): ("AssociatedOnly", "Knockout", NEUBAUER),
    ("IFNAR", "JAK1"): (
        "Required",
        "DeficientCellLine",
        "https://pubmed.ncbi.nlm.nih.gov/8232552/",
    ),
    ("IFNAR", "TYK2"): ("Contributing", "HumanDeficiency", KREINS),
    ("IFNGR", "JAK1"): (
        "Required",
        "DeficientCellLine",
        "https://pubmed.ncbi.nlm.nih.gov/8631301/",
    ),
    ("IFNGR", "JAK2"): ("Required", "DeficientCellLine", "https://doi.org/10.1038/366166a0"),
    ("IFNLR", "TYK2"): ("AssociatedOnly", "HumanDeficiency", KREINS),
    ("IL-10-receptor", "TYK2"): ("Contributing", "HumanDeficiency", KREINS),
    ("IL-12-receptor", "TYK2"): ("Contributing", "HumanDeficiency", KREINS),
    ("IL-23-receptor", "TYK2"): ("Contributing", "HumanDeficiency", KREINS),
    ("IL-2-receptor", "JAK1"): (
        "Required",
        "KinaseDeadMutant",
        "https://doi.org/10.1016/j.chembiol.2011.01.012",
    ),
    ("IL-2-receptor", "JAK3"): ("Required", "Knockout", YAMAOKA),
    ("IL-4-receptor-type-I", "JAK3"): (
        "Required",
        "HumanDeficiency",
        "https://doi.org/10.1126/science.270.5237.797",
    ),
    ("IL-4-receptor-type-I", "JAK1"): ("Required", "Knockout", YAMAOKA),
    ("IL-7-receptor", "JAK3"): ("Required", "Knockout", "https://doi.org/10.1093/intimm/12.2.123"),
    ("IL-7-receptor", "JAK1"): ("Required", "Knockout", YAMAOKA),
    ("IL-9-receptor", "JAK1"): ("Required", "Knockout", YAMAOKA),
    ("IL-9-receptor", "JAK3"): ("Required", "Knockout", YAMAOKA),
    ("IL-15-receptor", "JAK1"): ("Required", "Knockout", YAMAOKA),
    ("IL-15-receptor", "JAK3"): ("Required", "Knockout", YAMAOKA),
    ("IL-21-receptor", "JAK1"): ("Required", "Knockout", YAMAOKA),
    ("IL-21-receptor", "JAK3"): (
        "Required",
        "HumanDeficiency",
        "https://pubmed.ncbi.nlm.nih.gov/23384681/",
    ),
    ("OSM-receptor-type-I", "JAK1"): ("Required", "Knockout", YAMAOKA),
    ("OSM-receptor-type-I", "JAK2"): ("AssociatedOnly", "Knockout", NEUBAUER),
    ("OSM-receptor-type-I", "TYK2"): ("AssociatedOnly", "HumanDeficiency", KREINS),
    ("OSM-receptor-type-II", "JAK1"): ("Required", "Knockout", YAMAOKA),
}


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def requirement_rows(graph: KnowledgeGraph) -> list[dict[str, str]]:
    return graph.select(
        """SELECT ?r ?j ?need ?how ?src ?kind {
             ?st rdf:subject ?r ; rdf:predicate jk:associatedJAK ; rdf:object ?j ;
                 jk:jakRequirement ?need ; jk:requirementEvidence ?how ;
                 dcterms:source ?src ; jk:evidenceKind ?kind }"""
    )


def test_every_requirement_is_pinned_to_the_source_it_was_read_in(graph: KnowledgeGraph) -> None:
    found = {
        (local(r["r"]), local(r["j"])): (local(r["need"]), local(r["how"]), r["src"])
        for r in requirement_rows(graph)
    }
    assert found == REQUIREMENTS


def test_no_link_has_two_verdicts(graph: KnowledgeGraph) -> None:
    verdicts: dict[tuple[str, str], set[str]] = {}
    for row in requirement_rows(graph):
        verdicts.setdefault((row["r"], row["j"]), set()).add(row["need"])
    assert all(len(v) == 1 for v in verdicts.values()), verdicts


def test_requirement_statements_are_experimental_or_review_and_commented(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?kind ?c { ?st jk:jakRequirement ?need ; jk:evidenceKind ?kind .
                             OPTIONAL { ?st jk:comment ?c } }"""
    )
    assert {local(r["kind"]) for r in rows} <= {"ExperimentalStudy", "Review"}
    assert all(r.get("c") for r in rows), "every verdict says what was read"


def test_mouse_verdicts_say_so(graph: KnowledgeGraph) -> None:
    rows = graph.select("""SELECT ?c { ?st jk:requirementEvidence jk:Knockout ; jk:comment ?c }""")
    assert rows and all("Mouse, not human" in r["c"] for r in rows)


def test_every_requirement_source_is_recorded_in_the_docs() -> None:
    docs = (DOCS / "data-requirements.md").read_text(encoding="utf-8")
    for source in {src for _, _, src in REQUIREMENTS.values()}:
        short = source.removeprefix("https://doi.org/").removeprefix(
            "https://pubmed.ncbi.nlm.nih.gov/"
        )
        assert short.strip("/") in docs, source


# ------------------------------------------------------------------ blocking therapies

APPROVALS = [
    ("dupilumab", "atopic-dermatitis", "IL-4"),
    ("tralokinumab", "atopic-dermatitis", "IL-13"),
    ("nemolizumab", "atopic-dermatitis", "IL-31"),
    ("secukinumab", "psoriasis", "IL-17A"),
    ("secukinumab", "hidradenitis-suppurativa", "IL-17A"),
    ("guselkumab", "psoriasis", "IL-23"),
    ("adalimumab", "hidradenitis-suppurativa", "TNF"),
    ("anifrolumab", "systemic-lupus-erythematosus", "IFN-alpha"),
    ("tocilizumab", "giant-cell-arteritis", "IL-6"),
    ("spesolimab", "generalized-pustular-psoriasis", "IL-36"),
]


@pytest.mark.parametrize(("blocker", "disease", "cytokine"), APPROVALS)
def test_blocking_therapy_blocks_its_cytokine_and_is_approved_with_a_source(
    graph: KnowledgeGraph, blocker: str, disease: str, cytokine: str
) -> None:
    rows = graph.select(
        f"""SELECT ?agency ?year ?src {{
              jkd:{blocker} a jk:CytokineBlocker ; jk:blocksCytokine jkd:{cytokine} ;
                            jk:approvedFor jkd:{disease} .
              ?st rdf:subject jkd:{blocker} ; rdf:predicate jk:approvedFor ;
                  rdf:object jkd:{disease} ; jk:agency ?agency ; jk:approvalYear ?year ;
                  dcterms:source ?src }}"""
    )
    assert rows, (blocker, disease)
    assert all(r["src"].startswith("https://") for r in rows)


def test_secukinumab_failed_and_worsened_crohns_disease(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?kind ?trial ?n { jkd:secukinumab jk:failedIn jkd:crohns-disease .
             ?st rdf:subject jkd:secukinumab ; rdf:predicate jk:failedIn ;
                 rdf:object jkd:crohns-disease ;
                 dcterms:source <https://doi.org/10.1136/gutjnl-2011-301668> ;
                 jk:evidenceKind ?kind ; jk:trialId ?trial ; jk:patientCount ?n }"""
    )
    assert [(local(r["kind"]), r["trial"], r["n"]) for r in rows] == [
        ("RandomisedTrial", "NCT01009281", "59")
    ]


def test_every_failed_trial_is_randomised(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d ?x ?kind { ?d jk:failedIn ?x .
             ?st rdf:subject ?d ; rdf:predicate jk:failedIn ; rdf:object ?x ;
                 jk:evidenceKind ?kind }"""
    )
    assert rows and {local(r["kind"]) for r in rows} == {"RandomisedTrial"}


def test_no_jak_inhibitor_blocks_a_cytokine_directly(graph: KnowledgeGraph) -> None:
    assert not graph.select("SELECT ?d { ?d a jk:JAKInhibitor ; jk:blocksCytokine ?c }")


# ------------------------------------------------------------------ driver mutations


def test_jak2_v617f_drives_the_three_mpns_through_the_epo_receptor(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?d { jkd:JAK2-V617F a jk:DriverMutation ; jk:mutationIn jkd:JAK2 ;
                                      jk:signalsThrough jkd:EPO-receptor ; jk:driverOf ?d }"""
    )
    assert {local(r["d"]) for r in rows} == {
        "polycythemia-vera",
        "myelofibrosis",
        "essential-thrombocythemia",
    }


def test_calr_and_mpl_drivers_signal_through_the_tpo_receptor(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?m { ?m a jk:DriverMutation ; jk:signalsThrough jkd:TPO-receptor }"""
    )
    assert {local(r["m"]) for r in rows} == {"CALR-exon-9", "MPL-W515"}


def test_driver_links_are_supported_by_their_sources(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?m ?d ?tier { ?m jk:driverOf ?d .
             ?st rdf:subject ?m ; rdf:predicate jk:driverOf ; rdf:object ?d ;
                 jk:evidenceTier ?tier }"""
    )
    assert rows and {local(r["tier"]) for r in rows} == {"Supported"}


def test_essential_thrombocythemia_cites_mondo_and_doid(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?x { jkd:essential-thrombocythemia jk:xref ?x }")
    assert {r["x"] for r in rows} == {"MONDO:0005029", "DOID:2224"}


def test_ruxolitinib_failed_in_essential_thrombocythemia_majic_et(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?trial ?n { ?st rdf:subject jkd:ruxolitinib ; rdf:predicate jk:failedIn ;
             rdf:object jkd:essential-thrombocythemia ;
             dcterms:source <https://doi.org/10.1182/blood-2017-05-785790> ;
             jk:trialId ?trial ; jk:patientCount ?n }"""
    )
    assert [(r["trial"], r["n"]) for r in rows] == [("ISRCTN61925716", "110")]


# ------------------------------------------------------------------ trials (issue 17)


def test_every_registry_source_is_the_record_of_the_trial_it_names(graph: KnowledgeGraph) -> None:
    """A trial under investigation cites its own registry record, and nothing else does."""
    rows = graph.select(
        """SELECT ?p ?src ?trial ?kind { ?st rdf:predicate ?p ; dcterms:source ?src ;
                 jk:evidenceKind ?kind . OPTIONAL { ?st jk:trialId ?trial }
             FILTER(STRSTARTS(STR(?src), "https://clinicaltrials.gov/")) }"""
    )
    assert len(rows) >= 5
    trials: dict[str, set[str]] = {}
    for row in rows:
        assert local(row["p"]) == "underInvestigationIn", row
        assert local(row["kind"]) == "TrialRegistration", row
        trials.setdefault(row["src"], set()).add(row["trial"])
    assert all(src.rsplit("/", 1)[1] in ids for src, ids in trials.items()), trials


def test_upadacitinib_is_under_investigation_in_hs_and_shows_in_rank() -> None:
    from kg.rationale import rank
    from kg.resolve import resolve

    ranking = rank(resolve("hidradenitis suppurativa", "Disease")).to_dict()
    upa = next(c for c in ranking["candidates"] if c["drug"]["label"] == "upadacitinib")
    trial = next(e for e in upa["evidence"] if e["predicate"] == "underInvestigationIn")
    assert upa["under_investigation"] and trial["source"]["trial"] == "NCT05889182"
    assert trial["source"]["phase"] == "3" and trial["source"]["status"]


def test_failed_jak_inhibitor_trials_show_beside_approvals_never_in_coverage() -> None:
    from kg.explain import explain
    from kg.resolve import resolve

    result = explain(resolve("tofacitinib"), resolve("Crohn's disease")).to_dict()
    failed = [e for e in result["evidence"] if e["predicate"] == "failedIn"]
    assert failed and failed[0]["source"]["citation"] == "doi:10.1136/gutjnl-2016-312735"
    assert failed[0]["source"]["trial"] == "2011-001754-28; NCT01393626"  # one entry, both IDs
    assert result["coverage"] > 0  # a failure is shown, not subtracted from the mechanism


def test_baricitinib_in_sle_carries_both_brave_trials(graph: KnowledgeGraph) -> None:
    rows = graph.select(
        """SELECT ?p ?trial { ?st rdf:subject jkd:baricitinib ; rdf:predicate ?p ;
             rdf:object jkd:systemic-lupus-erythematosus ; jk:trialId ?trial }"""
    )
    assert {(local(r["p"]), r["trial"]) for r in rows} == {
        ("failedIn", "NCT03616964"),
        ("reportedEffectiveIn", "NCT03616912"),
    }


def test_emapalumab_validates_ifn_gamma_in_hlh() -> None:
    from kg.rationale import rank
    from kg.resolve import resolve

    tiers = {
        c["label"]: c
        for c in rank(resolve("hemophagocytic lymphohistiocytosis", "Disease")).to_dict()[
            "cytokines"
        ]
    }
    assert tiers["IFN-γ"]["tier"] == "validated"
    assert tiers["IFN-γ"]["validated_by"] == [{"id": "jkd:emapalumab", "label": "emapalumab"}]
