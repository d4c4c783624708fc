"""``jakkg diff``: two known small graphs, every kind of change found, text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.diff import diff, diff_text

HEAD = """\
@prefix jk:      <https://w3id.org/jakkg/vocab#> .
@prefix jkd:     <https://w3id.org/jakkg/id/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
jkd:JAK1 a jk:JanusKinase ; rdfs:label "JAK1"@en ; jk:xref "HGNC:6190" .
jkd:drug-A a jk:Drug, jk:JAKInhibitor ; rdfs:label "drug A"@en .
"""
OLD = (
    HEAD
    + """
jkd:JAK2 a jk:JanusKinase ; rdfs:label "JAK2"@en .
jkd:dis-X a jk:Disease ; rdfs:label "disease X"@en .
jkd:drug-A jk:inhibits jkd:JAK1, jkd:JAK2 ; jk:reportedEffectiveIn jkd:dis-X .
[ a rdf:Statement ; rdf:subject jkd:drug-A ; rdf:predicate jk:inhibits ; rdf:object jkd:JAK1 ;
  dcterms:source <https://doi.org/10.1/old> ; jk:evidenceKind jk:Review ] .
[ a rdf:Statement ; rdf:subject jkd:drug-A ; rdf:predicate jk:inhibits ; rdf:object jkd:JAK2 ;
  dcterms:source <https://doi.org/10.1/jak2> ; jk:evidenceKind jk:Review ] .
"""
)
NEW = (
    HEAD
    + """
jkd:dis-X a jk:Disease ; rdfs:label "disease X"@en ; skos:altLabel "DX"@en .
jkd:dis-Y a jk:Disease ; rdfs:label "disease Y"@en .
jkd:drug-A jk:inhibits jkd:JAK1 ; jk:reportedEffectiveIn jkd:dis-X ; jk:approvedFor jkd:dis-Y .
[ a rdf:Statement ; rdf:subject jkd:drug-A ; rdf:predicate jk:inhibits ; rdf:object jkd:JAK1 ;
  dcterms:source <https://pubmed.ncbi.nlm.nih.gov/123/> ; jk:evidenceKind jk:Review ] .
[ a rdf:Statement ; rdf:subject jkd:drug-A ; rdf:predicate jk:approvedFor ; rdf:object jkd:dis-Y ;
  dcterms:source <https://doi.org/10.1/label> ; jk:evidenceKind jk:RegulatoryLabel ] .
"""
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.ttl", tmp_path / "new.nt.ttl"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_diff_finds_each_added_removed_and_changed_entity_and_edge(pair) -> None:
    result = diff(*pair)
    assert [e["entity"] for e in result.entities_added] == ["jkd:dis-Y"]
    assert [e["entity"] for e in result.entities_removed] == ["jkd:JAK2"]
    [changed] = result.entities_changed
    assert changed.entity == "jkd:dis-X" and changed.fields == {"synonyms": ("", "DX")}
    assert [(e.subject, e.predicate, e.object, e.sources) for e in result.edges_added] == [
        ("jkd:drug-A", "approvedFor", "jkd:dis-Y", ("doi:10.1/label",))
    ]
    assert [(e.predicate, e.object, e.sources) for e in result.edges_removed] == [
        ("inhibits", "jkd:JAK2", ("doi:10.1/jak2",))
    ]
    [source_change] = result.edges_changed
    assert source_change.edge.object == "jkd:JAK1"
    assert source_change.sources_added == ("PMID:123",)
    assert source_change.sources_removed == ("doi:10.1/old",)
    assert result.by_class() == {
        "Disease": {"added": 1, "removed": 0, "changed": 1},
        "JanusKinase": {"added": 0, "removed": 1, "changed": 0},
    }
    assert result.by_property() == {
        "approvedFor": {"added": 1, "removed": 0, "changed": 0},
        "inhibits": {"added": 0, "removed": 1, "changed": 1},
    }


def test_a_graph_against_itself_has_no_differences(pair) -> None:
    result = diff(pair[0], pair[0])
    assert result.empty and "no differences" in diff_text(result)


def test_cli_diff_text_and_json(pair) -> None:
    text = CliRunner().invoke(main, ["diff", str(pair[0]), str(pair[1])])
    assert text.exit_code == 0, text.output
    assert "+ jkd:drug-A approvedFor jkd:dis-Y\n    source: doi:10.1/label" in text.output
    assert "- jkd:JAK2  JAK2 (JanusKinase)" in text.output
    as_json = CliRunner().invoke(main, ["diff", str(pair[0]), str(pair[1]), "--format", "json"])
    data = json.loads(as_json.output)
    assert data["by_property"]["inhibits"] == {"added": 0, "removed": 1, "changed": 1}
    assert data["edges"]["changed"][0]["sources_added"] == ["PMID:123"]


def test_diff_of_a_missing_file_or_a_folder_without_a_graph_is_an_input_error(tmp_path) -> None:
    for args, message in (
        ([str(tmp_path / "nope.ttl"), str(tmp_path / "nope.ttl")], "no such file"),
        ([str(tmp_path), str(tmp_path)], "no N-Triples file"),
    ):
        result = CliRunner().invoke(main, ["diff", *args])
        assert result.exit_code == 2 and message in result.output
        assert "Traceback" not in result.output
