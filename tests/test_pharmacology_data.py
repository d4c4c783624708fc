"""The curated pharmacology (data/curated/80-pharmacology.ttl): every value pinned to its source
and locator, the relations the sources state, and the shapes that keep units and ranges."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.namespaces import entity
from kg.pharmacology import comparisons, measurements
from kg.store import KnowledgeGraph
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
MOHAMED = "https://pmc.ncbi.nlm.nih.gov/articles/PMC6973126"
TRAVES = "https://doi.org/10.1136/annrheumdis-2020-219012"
MCINNES = "https://doi.org/10.1186/s13075-019-1964-1"

# (drug, cytokine, readout, IC50 nM, source, locator): every number transcribed, as read.
MEASURED = {
    ("upadacitinib", "IL-6", "pSTAT3", 60.7, MOHAMED, "Abstract"),
    ("tofacitinib", "IL-6", "pSTAT3", 119.0, MOHAMED, "Abstract"),
    ("upadacitinib", "IL-7", "pSTAT5", 125.0, MOHAMED, "Abstract"),
    ("tofacitinib", "IL-7", "pSTAT5", 79.1, MOHAMED, "Abstract"),
}
DOSES = {
    "filgotinib": "200 mg once daily",
    "tofacitinib": "5 mg twice daily",
    "upadacitinib": "15 mg once daily",
    "baricitinib": "4 mg once daily",
}
TRAVES_LOWER = ("IL-2", "IL-15", "IL-4", "IFN-gamma", "IL-12", "IL-23", "GM-CSF")
TRAVES_SIMILAR = {"IFN-alpha": "pSTAT5", "IL-6": "pSTAT1"}
MCINNES_CYTOKINES = ("IL-2", "IL-4", "IL-15", "IL-21")


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def stated(graph: KnowledgeGraph) -> set[tuple]:
    return {
        (
            local(c.drug),
            local(c.comparator),
            local(c.cytokine),
            c.readout,
            c.quantity,
            c.relation,
            c.dose,
            c.comparator_dose,
            c.source,
            c.locator,
        )
        for c in comparisons(graph)
    }


def test_every_transcribed_number_is_pinned_to_its_source_and_locator(graph) -> None:
    found = {
        (local(m.drug), local(m.cytokine), m.readout, m.ic50_nm, m.source, m.locator)
        for m in measurements(graph)
    }
    assert found == MEASURED


def test_the_ex_vivo_values_keep_their_setting(graph) -> None:
    for m in measurements(graph):
        assert m.matrix == "blood drawn after dosing, stimulated ex vivo"
        assert m.population == "subjects of two phase 1 studies"
        assert m.assay and "exposure-response model" in m.assay
        # Mohamed 2020 states concentrations, not a % at a dose, and no cell subset.
        assert m.inhibition_percent is None and m.dose is None and m.cell_type is None


def test_traves_relations_are_exactly_the_ones_its_abstract_states(graph) -> None:
    expected = set()
    for comparator in ("tofacitinib", "upadacitinib", "baricitinib"):
        for cytokine in TRAVES_LOWER:
            relation = (None, "average daily inhibition", "lower")
            expected.add(("filgotinib", comparator, cytokine, *relation))
        for cytokine, readout in TRAVES_SIMILAR.items():
            relation = (readout, "average daily inhibition", "similar")
            expected.add(("filgotinib", comparator, cytokine, *relation))
    expected = {
        (*e[:3], e[3], e[4], e[5], DOSES["filgotinib"], DOSES[e[1]], TRAVES, "Abstract (Results)")
        for e in expected
    }
    assert {s for s in stated(graph) if s[8] == TRAVES} == expected


def test_mcinnes_relations_are_exactly_the_ones_its_abstract_states(graph) -> None:
    where = (MCINNES, "Abstract (Results)")
    expected = {
        (drug, "baricitinib", cytokine, None, quantity, relation, None, None, *where)
        for drug in ("tofacitinib", "upadacitinib")
        for cytokine in MCINNES_CYTOKINES
        for quantity, relation in (("IC50", "lower"), ("time above IC50", "higher"))
    }
    assert {s for s in stated(graph) if s[8] == MCINNES} == expected


@pytest.mark.parametrize("cytokine", ["IL-2", "IL-15"])
def test_filgotinib_inhibits_jak1_jak3_cytokines_less_than_upadacitinib_and_tofacitinib(
    graph, cytokine: str
) -> None:
    """Traves 2021: filgotinib's average daily inhibition of IL-2 and IL-15 is the least."""
    seen = comparisons(graph, drug=entity("filgotinib"), cytokines=[entity(cytokine)])
    lower = {
        local(c.comparator)
        for c in seen
        if c.quantity == "average daily inhibition" and c.relation == "lower"
    }
    assert {"upadacitinib", "tofacitinib"} <= lower
    # Read from the other side, the same relation says upadacitinib inhibits more.
    flipped = comparisons(graph, drug=entity("upadacitinib"), cytokines=[entity(cytokine)])
    assert any(
        (local(c.comparator), c.relation, c.dose) == ("filgotinib", "higher", DOSES["upadacitinib"])
        for c in flipped
    )


def test_upadacitinib_is_more_jak1_selective_than_tofacitinib_ex_vivo(graph) -> None:
    """Mohamed 2020: lower IC50 than tofacitinib on IL-6/pSTAT3 (JAK1), higher on IL-7/pSTAT5
    (JAK1/JAK3): greater selectivity for JAK1 over JAK3."""
    ic50 = {(local(m.drug), local(m.cytokine)): m.ic50_nm for m in measurements(graph)}
    assert ic50["upadacitinib", "IL-6"] < ic50["tofacitinib", "IL-6"]
    assert ic50["upadacitinib", "IL-7"] > ic50["tofacitinib", "IL-7"]


def test_tofacitinib_and_upadacitinib_are_more_potent_than_baricitinib_on_jak1_jak3(graph) -> None:
    """McInnes 2019: lower IC50 and longer time above IC50 on IL-2, IL-4, IL-15, IL-21."""
    for cytokine in MCINNES_CYTOKINES:
        seen = comparisons(graph, drug=entity("baricitinib"), cytokines=[entity(cytokine)])
        ic50 = {local(c.comparator) for c in seen if (c.quantity, c.relation) == ("IC50", "higher")}
        assert ic50 == {"tofacitinib", "upadacitinib"}, cytokine


def test_enzyme_and_cellular_values_stay_apart(graph) -> None:
    rows = graph.select(
        "SELECT ?m WHERE { ?m a jk:SelectivityMeasurement , jk:SignallingInhibitionMeasurement }"
    )
    assert rows == []
    enzyme = graph.select("SELECT ?v WHERE { ?m a jk:SelectivityMeasurement ; jk:ic50nM ?v }")
    assert sorted(float(r["v"]) for r in enzyme) == [5.7, 5.9, 53.0]  # baricitinib's, unchanged


def test_each_of_the_four_rheumatology_jakinibs_has_six_cytokines_with_sourced_pharmacology(
    graph,
) -> None:
    for drug in ("tofacitinib", "baricitinib", "upadacitinib", "filgotinib"):
        iri = entity(drug)
        cytokines = {c.cytokine for c in comparisons(graph, drug=iri)}
        cytokines |= {m.cytokine for m in measurements(graph, drug=iri)}
        assert len(cytokines) >= 6, drug


def test_the_curated_file_is_merged_into_the_graph() -> None:
    merged = (ROOT / "data" / "triples.ttl").read_text(encoding="utf-8")
    assert "# ==== 80-pharmacology.ttl ====" in merged


BREAKS = {
    # one break per node; the message each must produce
    "jk:ic50nM 60.7 ;": ("jk:ic50nM -60.7 ;", "positive xsd:decimal"),
    'jk:ic50nM "119"^^xsd:decimal ;': (
        'jk:ic50nM 119.0 ; jk:dose "5 mg twice daily" ; jk:averageDailyInhibitionPercent 120.0 ;',
        "from 0 to 100",
    ),
    'jk:ic50nM "125"^^xsd:decimal ;': (
        "jk:averageDailyInhibitionPercent 40.0 ;",
        "only means something at a dose",
    ),
    "jk:ic50nM 79.1 ;": ("", "carries a value"),
    'jk:relation "lower"': ('jk:relation "smaller"', "one of"),
    "jk:drug jkd:filgotinib ; jk:comparator jkd:baricitinib ; jk:cytokine jkd:IL-15 ;": (
        "jk:drug jkd:filgotinib ; jk:comparator jkd:filgotinib ; jk:cytokine jkd:IL-15 ;",
        "not with itself",
    ),
    "jk:drug jkd:filgotinib ; jk:comparator jkd:tofacitinib ; jk:cytokine jkd:IL-2 ;": (
        "jk:drug jkd:filgotinib ; jk:comparator jkd:tofacitinib ; jk:cytokine jkd:JAK1 ;",
        "exactly one jk:Cytokine",
    ),
}  # fmt: skip


def test_shapes_reject_bad_units_ranges_and_missing_fields(tmp_path: Path) -> None:
    text = (ROOT / "data" / "triples.ttl").read_text(encoding="utf-8")
    for old, (new, _) in BREAKS.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    cited = f'dcterms:source <{MCINNES}> ; jk:locator "Abstract (Results)" ]'
    assert cited in text
    text = text.replace(cited, "dcterms:source <https://example.org/paper> ]", 1)
    broken = tmp_path / "triples.ttl"
    broken.write_text(text, encoding="utf-8")
    violations = validate([broken]).violations
    messages = [v.message for v in violations]
    for _, expected in BREAKS.values():
        assert any(expected in m for m in messages), expected
    # a violation names the measurement by what it is about, not as an anonymous blank node
    negative = next(v for v in violations if "positive xsd:decimal" in v.message)
    assert negative.focus == "SignallingInhibitionMeasurement(jkd:upadacitinib jkd:IL-6)"
    selfish = next(v for v in violations if "not with itself" in v.message)
    assert selfish.focus == (
        "SignallingInhibitionComparison(jkd:filgotinib jkd:filgotinib jkd:IL-15)"
    )
    assert any("where in the source" in m for m in messages)
    assert any("cites one source" in m for m in messages)


def test_shipped_pharmacology_conforms(graph) -> None:
    report = validate()
    assert [v for v in report.violations if "signalling" in v.message] == []
    assert report.conforms


def test_shapes_accept_the_range_ends_0_and_100_percent(tmp_path: Path) -> None:
    text = (ROOT / "data" / "triples.ttl").read_text(encoding="utf-8")
    for old, percent in (("jk:ic50nM 60.7 ;", "0.0"), ("jk:ic50nM 79.1 ;", "100.0")):
        new = f'{old} jk:dose "a dose" ; jk:averageDailyInhibitionPercent {percent} ;'
        text = text.replace(old, new, 1)
    edge = tmp_path / "triples.ttl"
    edge.write_text(text, encoding="utf-8")
    report = validate([edge])
    assert report.conforms, [v.message for v in report.violations]
