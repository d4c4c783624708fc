"""Name resolution: labels, synonyms, symbols, CURIEs, Greek; suggestions and ambiguity."""

from __future__ import annotations

import pytest

from kg.errors import AmbiguousNameError, UnknownEntityError, WrongClassError
from kg.resolve import Resolver, normalize, resolve


@pytest.mark.parametrize(
    ("name", "curie"),
    [
        ("upadacitinib", "jkd:upadacitinib"),
        ("Rinvoq", "jkd:upadacitinib"),
        ("RINVOQ", "jkd:upadacitinib"),
        ("Xeljanz", "jkd:tofacitinib"),
        ("IFN-γ", "jkd:IFN-gamma"),
        ("IFN-gamma", "jkd:IFN-gamma"),
        ("interferon gamma", "jkd:IFN-gamma"),
        ("ifn gamma", "jkd:IFN-gamma"),
        ("IFNG", "jkd:IFN-gamma"),
        ("IFN-α", "jkd:IFN-alpha"),
        ("il4", "jkd:IL-4"),
        ("Interleukin-4", "jkd:IL-4"),
        ("jkd:JAK1", "jkd:JAK1"),
        ("https://w3id.org/jakkg/id/TYK2", "jkd:TYK2"),
        ("HGNC:6190", "jkd:JAK1"),
        ("Hidradenitis Suppurativa", "jkd:hidradenitis-suppurativa"),
        ("hidradenitis_suppurativa", "jkd:hidradenitis-suppurativa"),
    ],
)
def test_resolves_names_synonyms_and_identifiers(name: str, curie: str) -> None:
    assert resolve(name).curie == curie


def test_normalize_folds_case_space_hyphen_and_greek() -> None:
    assert normalize("IFN-γ") == normalize("IFN gamma") == normalize("ifn_GAMMA") == "ifngamma"
    assert normalize("Crohn’s disease") == "crohnsdisease"


def test_unknown_name_gets_close_suggestions() -> None:
    with pytest.raises(UnknownEntityError) as info:
        resolve("upadacitnib")
    assert info.value.suggestions
    assert "upadacitinib" in info.value.suggestions[0]
    assert "did you mean" in str(info.value)


def test_typo_in_a_disease_suggests_the_disease() -> None:
    with pytest.raises(UnknownEntityError) as info:
        resolve("dermatomyosits", kind="Disease")
    assert any("dermatomyositis" in s for s in info.value.suggestions)


def test_gibberish_gets_no_suggestions_but_a_clear_error() -> None:
    with pytest.raises(UnknownEntityError) as info:
        resolve("qqqqzzzz")
    assert info.value.suggestions == []
    assert "qqqqzzzz" in str(info.value)


def test_wrong_class_says_what_the_entity_is() -> None:
    with pytest.raises(
        WrongClassError, match="upadacitinib is a JAK inhibitor; expected a disease"
    ):
        resolve("upadacitinib", kind="Disease")


def test_a_jak_inhibitor_is_a_drug() -> None:
    assert resolve("baricitinib", kind="Drug").kind == "JAKInhibitor"


def test_shared_name_is_ambiguous_with_all_choices(tiny_graph) -> None:
    graph = tiny_graph(
        """
        jkd:dermatomyositis a jk:Disease ; rdfs:label "dermatomyositis"@en ;
            skos:altLabel "DM"@en .
        jkd:diabetes a jk:Disease ; rdfs:label "diabetes mellitus"@en ; skos:altLabel "DM"@en .
        """
    )
    with pytest.raises(AmbiguousNameError) as info:
        Resolver(graph).resolve("dm")
    assert len(info.value.choices) == 2
    assert any("diabetes mellitus" in c for c in info.value.choices)


def test_class_filter_breaks_ambiguity(tiny_graph) -> None:
    graph = tiny_graph(
        """
        jkd:X-disease a jk:Disease ; rdfs:label "X"@en .
        jkd:X-cytokine a jk:Cytokine ; rdfs:label "X factor"@en ; skos:altLabel "X"@en .
        """
    )
    assert Resolver(graph).resolve("x", kind="Cytokine").curie == "jkd:X-cytokine"


def test_an_exact_name_resolves_without_indexing_every_name(tiny_graph) -> None:
    from kg.resolve import resolver_for

    graph = tiny_graph('jkd:X a jk:Cytokine ; rdfs:label "IL-X"@en ; skos:altLabel "ilx"@en .\n')
    before = resolver_for.cache_info().misses
    assert resolve("IL-X", "Cytokine", graph).iri.endswith("/X")
    assert resolve("ilx", None, graph).iri.endswith("/X")
    assert resolver_for.cache_info().misses == before  # no full index was built
    assert resolve("il x", None, graph).iri.endswith("/X")  # spacing: through the index
    assert resolver_for.cache_info().misses == before + 1


def test_an_exact_name_wins_over_names_that_only_normalise_alike(tiny_graph) -> None:
    graph = tiny_graph(
        'jkd:A a jk:Disease ; rdfs:label "DM"@en .\njkd:B a jk:Disease ; rdfs:label "d.m."@en .\n'
    )
    assert resolve("DM", "Disease", graph).iri.endswith("/A")
    assert resolve("d.m.", "Disease", graph).iri.endswith("/B")
    with pytest.raises(AmbiguousNameError):
        resolve("dm", "Disease", graph)


def test_exact_lookup_survives_quotes_and_control_characters(tiny_graph) -> None:
    graph = tiny_graph('jkd:Q a jk:Cytokine ; rdfs:label "IL \\"Q\\""@en .\n')
    assert resolve('IL "Q"', None, graph).iri.endswith("/Q")
    with pytest.raises(UnknownEntityError):
        resolve('x" } ; DROP ALL ; #\n\t', None, graph)
