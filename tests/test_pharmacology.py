"""kg/pharmacology.py on tiny graphs (cells, doses, % values) and its faces: show, heatmap,
the library queries."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.describe import describe
from kg.namespaces import entity
from kg.pharmacology import comparisons, inhibition_grid, measurements, strongest
from kg.query import library
from kg.remote import RemoteGraph
from kg.resolve import resolve

CONTRACT = {
    "cytokine", "readout", "cell_type", "matrix", "population", "dose", "ic50_nM",
    "inhibition_percent", "source", "locator",
}  # fmt: skip

# Two drugs, two cytokines, two cell types; one pair unmeasured. Values invented for the test.
TINY = """
jkd:A a jk:JAKInhibitor ; rdfs:label "drug A"@en .
jkd:B a jk:JAKInhibitor ; rdfs:label "drug B"@en .
jkd:X a jk:Cytokine ; rdfs:label "cytokine X"@en .
jkd:Y a jk:Cytokine ; rdfs:label "cytokine Y"@en .

jkd:m1 a jk:SignallingInhibitionMeasurement ;
    jk:drug jkd:A ; jk:cytokine jkd:X ; jk:readout "pSTAT3" ;
    jk:cellType "CD4+ T cells" ; jk:cellTypeTerm <http://purl.obolibrary.org/obo/CL_0000624> ;
    jk:matrix "PBMC, in vitro" ; jk:population "healthy donors" ; jk:dose "15 mg once daily" ;
    jk:ic50nM 12.5 ; jk:averageDailyInhibitionPercent 68.0 ;
    dcterms:source <https://doi.org/10.1/a> ; jk:locator "Table 3" .
jkd:m2 a jk:SignallingInhibitionMeasurement ;
    jk:drug jkd:A ; jk:cytokine jkd:X ; jk:readout "pSTAT3" ; jk:cellType "monocytes" ;
    jk:matrix "PBMC, in vitro" ; jk:population "healthy donors" ; jk:dose "15 mg once daily" ;
    jk:averageDailyInhibitionPercent 41.0 ;
    dcterms:source <https://doi.org/10.1/a> ; jk:locator "Table 3" .
jkd:m3 a jk:SignallingInhibitionMeasurement ;
    jk:drug jkd:B ; jk:cytokine jkd:X ; jk:readout "pSTAT3" ; jk:cellType "CD4+ T cells" ;
    jk:matrix "PBMC, in vitro" ; jk:population "healthy donors" ; jk:dose "4 mg once daily" ;
    jk:averageDailyInhibitionPercent 0.0 ;
    dcterms:source <https://doi.org/10.1/a> ; jk:locator "Table 3" .
jkd:c1 a jk:SignallingInhibitionComparison ;
    jk:drug jkd:A ; jk:comparator jkd:B ; jk:cytokine jkd:Y ;
    jk:quantity "average daily inhibition" ; jk:relation "lower" ;
    jk:dose "15 mg once daily" ; jk:comparatorDose "4 mg once daily" ;
    jk:matrix "whole blood, in vitro" ; jk:population "patients with RA" ;
    dcterms:source <https://doi.org/10.1/b> ; jk:locator "Abstract" .
"""


@pytest.fixture
def tiny(tiny_graph):
    return tiny_graph(TINY)


def test_measurement_json_has_exactly_the_contract_keys(tiny) -> None:
    found = measurements(tiny, drug=entity("A"), cytokines=[entity("X")])
    assert [set(m.to_dict()) for m in found] == [CONTRACT, CONTRACT]
    first = found[0].to_dict()
    assert first["cell_type"] == "CL:0000624"  # the Cell Ontology term wins over the words
    assert first["ic50_nM"] == 12.5 and first["inhibition_percent"] == 68.0
    assert first["dose"] == "15 mg once daily" and first["locator"] == "Table 3"
    assert found[1].to_dict()["cell_type"] == "monocytes"
    assert found[1].to_dict()["ic50_nM"] is None


def test_measurements_are_narrowed_by_drug_and_cytokines(tiny) -> None:
    assert len(measurements(tiny)) == 3
    assert {m.drug_label for m in measurements(tiny, cytokines=[entity("X")])} == {
        "drug A",
        "drug B",
    }
    assert measurements(tiny, drug=entity("B"), cytokines=[entity("Y")]) == []
    assert measurements(tiny, drug=entity("A"), cytokines=[]) == []


def test_strongest_orders_by_average_daily_inhibition_and_names_the_cells(tiny) -> None:
    ranked = strongest(entity("X"), tiny)
    assert [(m.drug_label, m.cell_type, m.inhibition_percent) for m in ranked] == [
        ("drug A", "CD4+ T cells", 68.0),
        ("drug A", "monocytes", 41.0),
        ("drug B", "CD4+ T cells", 0.0),
    ]
    assert strongest(entity("Y"), tiny) == []  # only a stated relation: no % to rank


def test_a_comparison_reads_from_either_side(tiny) -> None:
    [as_stated] = comparisons(tiny, drug=entity("A"))
    [flipped] = comparisons(tiny, drug=entity("B"))
    assert (as_stated.relation, as_stated.dose) == ("lower", "15 mg once daily")
    assert (flipped.drug_label, flipped.comparator_label) == ("drug B", "drug A")
    assert (flipped.relation, flipped.dose, flipped.comparator_dose) == (
        "higher",
        "4 mg once daily",
        "15 mg once daily",
    )
    assert "higher than drug A at 15 mg once daily" in flipped.summary()


def test_grid_keeps_unmeasured_cells_blank_and_a_measured_zero_as_zero(tiny) -> None:
    grid = inhibition_grid(tiny)
    assert [label for _, label in grid.drugs] == ["drug A", "drug B"]
    assert [label for _, label in grid.cytokines] == ["cytokine X", "cytokine Y"]
    # highest setting per pair; Y was never measured as a %, so it is None, not 0
    assert grid.values == [[68.0, None], [0.0, None]]
    assert grid.kinds[entity("A"), entity("Y")] == {"stated"}
    assert grid.kinds[entity("A"), entity("X")] == {"percent", "ic50"}


def test_heatmap_draws_unmeasured_cells_as_masked_not_zero(tiny) -> None:
    pytest.importorskip("matplotlib")
    from kg.heatmap import grid_figure, inhibition_view

    view = inhibition_view(inhibition_grid(tiny))
    assert view.marks == [["68", "S"], ["0", "S"]]
    image = grid_figure(view).axes[0].images[0].get_array()
    assert image.mask.tolist() == [[False, True], [False, True]]
    assert image[1][0] == 0.0
    assert "nothing recorded" not in view.titles[0][1] and "Abstract" in view.titles[0][1]


def test_show_drug_has_a_pharmacology_table_in_text_and_json(graph) -> None:
    card = describe(resolve("upadacitinib"), graph)
    assert {(m.cytokine_label, m.ic50_nm) for m in card.measured} == {
        ("IL-6", 60.7),
        ("IL-7", 125.0),
    }
    result = CliRunner().invoke(main, ["show", "Rinvoq", "--format", "json"])
    data = json.loads(result.output)["pharmacology"]
    assert all(set(item) == CONTRACT for item in data["measured"])
    assert any(
        c["comparator"] == "filgotinib" and c["relation"] == "higher" for c in data["compared"]
    )
    text = CliRunner().invoke(main, ["show", "upadacitinib"]).output
    assert "IC50 nM" in text and "60.7" in text and "PMC6973126 Abstract" in text
    assert "higher than filgotinib at 200 mg once daily" in " ".join(text.split())


def test_show_of_a_cytokine_has_no_drug_pharmacology_table() -> None:
    data = json.loads(CliRunner().invoke(main, ["show", "IL-6", "--format", "json"]).output)
    assert data["pharmacology"] == {"measured": [], "compared": []}


def test_cli_inhibition_heatmap_svg_has_hover_sources(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "inhibition.svg"
    result = CliRunner().invoke(main, ["heatmap", "--view", "inhibition", "-o", str(target)])
    assert result.exit_code == 0, result.output
    titles = [e.text for e in ET.parse(target).iter("{http://www.w3.org/2000/svg}title")]
    assert any(t.startswith("upadacitinib × IL-6:") and "60.7 nM" in t for t in titles)
    assert any(t.startswith("filgotinib × IL-7: nothing recorded") for t in titles)


def test_cli_heatmap_rejects_an_unknown_view(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["heatmap", "--view", "doses", "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2 and "doses" in result.output


def test_pharmacology_queries_are_documented_in_the_library() -> None:
    documented = {q.name: q for q in library()}
    for name in ("pharmacology-measurements", "pharmacology-comparisons", "pharmacology-strongest"):
        assert documented[name].question.endswith("?"), name
    assert "in which cells" in documented["pharmacology-strongest"].question


def test_strongest_query_runs_from_the_cli_with_a_binding() -> None:
    query = "queries/pharmacology-strongest.rq"
    result = CliRunner().invoke(main, ["sparql", query, "--format", "json"])
    assert result.exit_code == 0, result.output  # unbound: every measured %, none shipped yet
    assert json.loads(result.output)["results"]["bindings"] == []


@pytest.mark.server
def test_the_layer_reads_the_same_from_an_external_store(shipped_endpoint: str, graph) -> None:
    remote = RemoteGraph(shipped_endpoint)
    wanted = [entity("IL-6"), entity("IL-7"), entity("IL-2")]
    for drug in ("upadacitinib", "filgotinib"):
        assert measurements(remote, entity(drug), wanted) == measurements(
            graph, entity(drug), wanted
        )
        assert sorted(comparisons(remote, entity(drug)), key=repr) == sorted(
            comparisons(graph, entity(drug)), key=repr
        )
    assert inhibition_grid(remote) == inhibition_grid(graph)
