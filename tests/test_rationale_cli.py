"""rank, explain and path through the CLI: the JSON contract and the readable text."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import main


def run(*argv: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(argv))
    return result.exit_code, result.output


def fits_80_columns(text: str) -> bool:
    """Every line fits, except one that is a single unbreakable word (a label URL)."""
    return all(len(line) <= 80 or " " not in line.strip() for line in text.splitlines())


def test_rank_json_has_the_promised_keys_best_first() -> None:
    code, out = run("rank", "vitiligo", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["disease"] == {"id": "jkd:vitiligo", "label": "vitiligo"}
    # best first: systemic drugs (and topical ones with evidence) by coverage, then topical-only
    keys = [(c["topical_only"] and not c["evidence"], -c["coverage"]) for c in data["candidates"]]
    assert keys == sorted(keys)
    assert any(c["topical_only"] for c in data["candidates"])
    first = data["candidates"][0]
    assert set(first) >= {"drug", "coverage", "covered", "uncovered", "approved", "reported"}
    assert set(first["covered"][0]) >= {"cytokine", "jaks", "indirect", "partial"}
    assert set(first["covered"][0]) >= {"required_jaks", "tier"} and "route" in first
    assert set(data["cytokines"][0]) >= {"id", "label", "tier", "weight", "sources", "validated_by"}


def test_rank_text_fits_80_columns_and_documents_the_formula() -> None:
    code, out = run("rank", "psoriasis")
    assert code == 0
    assert fits_80_columns(out)
    flat = " ".join(out.split())
    assert "coverage = mean of the cytokines' weights" in flat and "Indirect" in flat
    assert "validated 1" in flat and "refuted 0" in flat
    code, help_text = run("rank", "--help")
    assert "partial" in help_text and "0.5" in help_text and "secondary" in help_text
    assert "REQUIRES" in help_text and "cannot tell" in help_text and "validated 1" in help_text


def test_rank_and_explain_resolve_abbreviations_and_brand_names() -> None:
    code, out = run("rank", "AD", "--format", "json")
    assert code == 0 and json.loads(out)["disease"]["id"] == "jkd:atopic-dermatitis"
    code, out = run("explain", "RINVOQ", "HS", "--format", "json")
    assert code == 0 and json.loads(out)["drug"]["id"] == "jkd:upadacitinib"


def test_rank_all_is_a_matrix_of_every_drug_and_disease() -> None:
    code, out = run("rank", "--all", "--format", "json")
    data = json.loads(out)
    assert code == 0
    labels = {r["drug"]["label"] for r in data["rows"]}
    assert {"upadacitinib", "tofacitinib", "baricitinib"} <= labels
    assert all(len(r["cells"]) == len(data["diseases"]) for r in data["rows"])
    code, text = run("rank", "--all")
    assert code == 0 and fits_80_columns(text)


def test_explain_prints_paths_sources_evidence_and_gaps() -> None:
    code, out = run("explain", "Rinvoq", "dermatomyositis")
    assert code == 0
    assert "upadacitinib —inhibits→ JAK1 ←uses—" in out
    assert "doi:10.36849/JDD.7500" in out
    code, out = run("explain", "deucravacitinib", "vitiligo")
    assert code == 0 and "only TYK2" in out and "no path" in out


def test_explain_json_has_the_promised_keys() -> None:
    code, out = run("explain", "upadacitinib", "dermatomyositis", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {"drug", "disease", "paths", "evidence", "gaps"}
    path = data["paths"][0]
    assert path["predicates"][0] == "inhibits" and path["predicates"][-1] == "implicatedIn"
    assert len(path["sources"]) == len(path["predicates"])


def test_path_between_any_two_entities() -> None:
    code, out = run("path", "tofacitinib", "IFN-gamma", "--max-hops", "3", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["paths"]
    assert data["paths"][0]["nodes"][0]["label"] == "tofacitinib"
    assert all(len(p["predicates"]) <= 3 for p in data["paths"])
    code, out = run("path", "tofacitinib", "IFN-gamma", "--max-hops", "1")
    assert code == 0 and "no path" in out
