"""The SSSOM mapping table: valid for the sssom library, and every curated xref in it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kg.mappings import JUSTIFICATION, mappings, sssom_tsv
from kg.namespaces import shorten
from kg.prefixes import standardize

pytest.importorskip("sssom")


@pytest.fixture(scope="module")
def table(graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sssom") / "jakkg.sssom.tsv"
    path.write_text(sssom_tsv(graph, "9.9.9"), encoding="utf-8")
    return path


def test_sssom_library_reads_and_validates_the_table(table, caplog) -> None:
    from sssom.constants import SchemaValidationType
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    # strict=True is unusable in sssom 0.4.21 (it fails every file on valid metadata), so the
    # warnings strict mode would turn into errors are checked here instead.
    with caplog.at_level(logging.WARNING):
        msdf = parse_sssom_table(table)
    assert not [r for r in caplog.records if "prefix" in r.getMessage().lower()]
    assert msdf.metadata["mapping_set_version"] == "9.9.9"
    assert msdf.metadata["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    checks = [
        SchemaValidationType.JsonSchema,
        SchemaValidationType.PrefixMapCompleteness,
        SchemaValidationType.StrictCurieFormat,
    ]
    reports = validate(msdf, checks, fail_on_error=False)
    assert {check: report.results for check, report in reports.items()} == {c: [] for c in checks}
    assert set(msdf.df["mapping_justification"]) == {JUSTIFICATION}


def test_every_curated_xref_and_broad_match_is_a_row(graph) -> None:
    rows = {(m.subject_id, m.object_id) for m in mappings(graph)}
    xrefs = graph.select("SELECT ?e ?x WHERE { ?e jk:xref ?x }")
    assert len(xrefs) > 200
    for r in xrefs:
        assert (shorten(r["e"]), standardize(r["x"])) in rows
    assert len([m for m in mappings(graph) if m.predicate_id == "skos:broadMatch"]) == len(
        graph.select("SELECT ?e ?t WHERE { ?e skos:broadMatch ?t }")
    )


def test_a_gene_record_is_a_cross_reference_and_a_protein_record_an_exact_match(graph) -> None:
    jak1 = {m.object_id: m.predicate_id for m in mappings(graph) if m.subject_id == "jkd:JAK1"}
    assert jak1 == {
        "HGNC:6190": "oboInOwl:hasDbXref",
        "NCBIGene:3716": "oboInOwl:hasDbXref",
        "UniProtKB:P23458": "skos:exactMatch",
    }
    upa = {m.object_id for m in mappings(graph) if m.subject_id == "jkd:upadacitinib"}
    assert "CHEMBL.COMPOUND:CHEMBL3622821" in upa and "CHEMBL:CHEMBL3622821" not in upa
