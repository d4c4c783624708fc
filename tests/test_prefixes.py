"""CURIE prefixes come from Bioregistry: the committed map is fresh, old spellings still read."""

from __future__ import annotations

import re

import pytest

from kg.namespaces import PREFIXES
from kg.prefixes import UnknownPrefixError, generate, records, standardize, xref_iri


def test_the_committed_prefix_map_is_what_the_registries_say_now() -> None:
    pytest.importorskip("bioregistry")
    pytest.importorskip("biolink_model")
    assert generate() == records(), "kg/prefixes.json is stale: run python -m kg.prefixes"


def test_rdf_vocabulary_prefixes_are_bioregistrys() -> None:
    bioregistry = pytest.importorskip("bioregistry")
    for prefix in ("rdf", "rdfs", "owl", "skos", "dcterms", "prov", "sh"):
        assert PREFIXES[prefix] == bioregistry.get_uri_prefix(prefix)


@pytest.mark.parametrize(
    ("old", "standard"),
    [
        ("UniProt:P23458", "UniProtKB:P23458"),
        ("CHEMBL:CHEMBL3622821", "CHEMBL.COMPOUND:CHEMBL3622821"),
        ("Wikidata:Q18216", "WIKIDATA:Q18216"),
        ("MeSH:D003882", "MESH:D003882"),
        ("DrugBank:DB15091", "DRUGBANK:DB15091"),
        ("hgnc:6190", "HGNC:6190"),
        ("NDA:217900", "NDA:217900"),
    ],
)
def test_old_and_variant_spellings_read_as_the_standard_one(old: str, standard: str) -> None:
    assert standardize(old) == standard


def test_an_unknown_prefix_is_an_input_error_naming_the_known_ones() -> None:
    with pytest.raises(UnknownPrefixError, match=r"known: .*MONDO"):
        standardize("FOO:123")


def test_every_curated_xref_resolves_and_matches_its_registry_pattern(graph) -> None:
    patterns = {r["prefix"]: r["pattern"] for r in records()["identifiers"]}
    xrefs = [r["x"] for r in graph.select("SELECT DISTINCT ?x WHERE { ?e jk:xref ?x }")]
    assert xrefs
    for xref in xrefs:
        prefix, _, local = standardize(xref).partition(":")
        assert xref_iri(xref).endswith(local), xref
        if patterns.get(prefix):
            assert re.fullmatch(patterns[prefix].strip("^$"), local), xref
