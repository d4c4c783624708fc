"""The README's data card is counted from the graph and kept in step with it."""

from __future__ import annotations

import pytest

from kg.datacard import END, START, data_card, with_card
from kg.store import project_root


def test_the_readme_data_card_matches_the_graph() -> None:
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    assert data_card().markdown() in readme, "run `make data` to refresh the README data card"


def test_the_card_counts_what_a_tiny_graph_holds(tiny_graph) -> None:
    graph = tiny_graph(
        'jkd:T a jk:Cytokine ; rdfs:label "T"@en ; jk:implicatedIn jkd:D .\n'
        'jkd:D a jk:Disease ; rdfs:label "D"@en .\n'
        'jkd:X a jk:JAKInhibitor ; rdfs:label "X"@en ; jk:approvedFor jkd:D .\n'
        "[ a rdf:Statement ; rdf:subject jkd:X ; rdf:predicate jk:approvedFor ; rdf:object jkd:D ;"
        " dcterms:source <https://doi.org/10.1000/x> ; jk:evidenceKind jk:RegulatoryLabel ] .\n"
    )
    card = data_card(graph)
    size = card.size()
    assert "1 cytokine (1 of them non-JAK comparators)" in size
    assert "1 JAK inhibitor, 0 cytokine-blocking therapies, 0 driver mutations, 1 disease;" in size
    assert "; 1 JAK-inhibitor approval, 0 reported off-label uses" in size
    assert "1 cytokine–disease link," in size
    assert card.sources().startswith("1 provenance statement citing 1 distinct source;")
    assert "regulatory label (1)" in card.sources()


def test_a_readme_without_the_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="DATA-CARD"):
        with_card("# no card here\n", data_card())
    replaced = with_card(f"a\n{START}\nold\n{END}\nb\n", data_card())
    assert replaced.startswith("a\n") and replaced.endswith("\nb\n") and "old" not in replaced
