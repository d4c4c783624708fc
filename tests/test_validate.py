"""SHACL validation passes on the shipped data and fails, readably, on broken copies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import DataFileError
from kg.validate import validate


def test_missing_source_is_reported_on_the_edge(data_copy) -> None:
    # The first statement citing this DOI (deuruxolitinib -> JAK1) is its edge's only source
    # (tests/test_drugs_data.py pins that); the seed paper's first citation no longer is.
    path = data_copy(
        "dcterms:source <https://doi.org/10.1016/j.jaad.2022.03.045>",
        'rdfs:comment "source removed"',
    )
    report = validate([path])
    assert not report.conforms
    assert any("has no source" in v.message for v in report.violations)


def test_malformed_xref_is_reported_with_its_value(data_copy) -> None:
    path = data_copy('"HGNC:6190"', '"HGNC-6190"')
    report = validate([path])
    messages = [(v.focus, v.value, v.message) for v in report.violations]
    assert any(f == "jkd:JAK1" and "CURIE" in m for f, _, m in messages)


def test_missing_signals_via_is_reported(data_copy) -> None:
    path = data_copy("jk:signalsVia jkd:JAK1, jkd:JAK3 .", ".")
    report = validate([path])
    assert any("signalsVia" in v.message for v in report.violations)


def test_wrong_range_is_reported(data_copy) -> None:
    path = data_copy("jk:bindsReceptor jkd:IL-2-receptor", "jk:bindsReceptor jkd:JAK1")
    report = validate([path])
    assert not report.conforms


def test_syntax_error_gives_file_and_line(tmp_path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix jk: <https://w3id.org/jakkg/vocab#> .\n\njk:a jk:b "open .\n')
    with pytest.raises(DataFileError) as info:
        validate([bad])
    assert info.value.line == 3
    assert str(info.value).startswith(f"{bad}:3:")


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(DataFileError, match="no such file"):
        validate([tmp_path / "absent.ttl"])


def test_binary_file_is_a_clear_error(tmp_path) -> None:
    binary = tmp_path / "image.ttl"
    binary.write_bytes(b"\xff\xfe\x00\x89PNG")
    with pytest.raises(DataFileError, match="UTF-8"):
        validate([binary])


def test_disease_without_any_standard_term_is_reported(data_copy) -> None:
    path = data_copy('jk:xref "MONDO:0008661", "DOID:12306", "MESH:D014820" ;', "")
    report = validate([path])
    assert any(v.focus == "jkd:vitiligo" and "MONDO" in v.message for v in report.violations)


def test_a_broader_term_must_be_a_disease_vocabulary_iri(data_copy) -> None:
    path = data_copy(
        "skos:broadMatch <http://id.nlm.nih.gov/mesh/D025241>",
        "skos:broadMatch <https://example.org/spondylitis>",
    )
    report = validate([path])
    assert any("broadMatch" in v.message for v in report.violations)


CURATED = Path(__file__).resolve().parent.parent / "data" / "curated"
UNSOURCED_DRUG = """\
@prefix jk: <https://w3id.org/jakkg/vocab#> .
@prefix jkd: <https://w3id.org/jakkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
jkd:nosource-nib a jk:JAKInhibitor ; rdfs:label "nosource-nib"@en ; jk:inhibits jkd:JAK1 .
"""


def test_one_curated_file_is_checked_with_the_other_curated_files() -> None:
    report = validate([CURATED / "50-drugs.ttl"])
    assert report.conforms, report.violations[:3]
    assert len(report.context) == len(list(CURATED.glob("*.ttl"))) - 1
    assert str(CURATED / "50-drugs.ttl") not in report.context
    assert "context" in report.to_dict()


def test_a_fault_in_a_curated_file_checked_in_context_is_still_found(tmp_path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(UNSOURCED_DRUG, encoding="utf-8")
    report = validate([CURATED / "50-drugs.ttl", extra])
    assert any(
        "nosource-nib" in v.focus or "nosource-nib" in (v.value or "") for v in report.violations
    )


def test_a_folder_is_named_as_one(tmp_path) -> None:
    with pytest.raises(DataFileError, match="is a folder, not a file"):
        validate([tmp_path])


def test_validate_shows_progress_on_a_terminal(tmp_path) -> None:
    import pty

    data = tmp_path / "one.ttl"
    data.write_text(UNSOURCED_DRUG, encoding="utf-8")
    leader, follower = pty.openpty()
    command = [sys.executable, "-c", "from kg.cli import run; run()", "validate", str(data)]
    result = subprocess.run(command, stderr=follower, stdout=subprocess.PIPE, timeout=120)
    os.close(follower)
    shown = os.read(leader, 4096).decode()
    os.close(leader)
    assert result.returncode == 1
    assert "against the SHACL shapes" in shown
    quiet = subprocess.run(command, capture_output=True, timeout=120)
    assert b"SHACL shapes" not in quiet.stderr, "no progress line when stderr is not a terminal"
