"""Each CLI command through click's runner, and the installed ``jakkg`` for real."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

SEED = "doi:10.36849/JDD.7500"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_show_upadacitinib_lists_jak1_approvals_and_seed_evidence() -> None:
    result = run("show", "upadacitinib")
    assert result.exit_code == 0, result.output
    assert "JAK1" in result.output
    assert "approved for" in result.output
    assert "atopic dermatitis" in result.output
    assert "reported effective in" in result.output
    assert "dermatomyositis" in result.output
    assert SEED in result.output


def test_show_json_carries_edges_with_sources() -> None:
    result = run("show", "Rinvoq", "--format", "json")
    assert result.exit_code == 0
    card = json.loads(result.output)
    assert card["id"] == "jkd:upadacitinib"
    inhibits = [e for e in card["edges"] if e["predicate"] == "inhibits"]
    assert {e["other"]["label"] for e in inhibits} >= {"JAK1"}
    reported = {
        e["other"]["label"]: {s["citation"] for s in e["sources"]}
        for e in card["edges"]
        if e["predicate"] == "reportedEffectiveIn"
    }
    for disease in ("dermatomyositis", "hidradenitis suppurativa", "cutaneous Crohn's disease"):
        assert SEED in reported[disease], disease
    approvals = [e for e in card["edges"] if e["predicate"] == "approvedFor"]
    assert approvals and all(
        s.get("agency") and s.get("year") for e in approvals for s in e["sources"]
    )


def test_show_incoming_edges_of_a_kinase() -> None:
    card = json.loads(run("show", "TYK2", "--format", "json").output)
    incoming = {e["other"]["label"] for e in card["edges"] if e["direction"] == "in"}
    assert "type I interferon receptor" in incoming


def test_show_unknown_name_suggests_and_exits_2() -> None:
    result = run("show", "tofacitnib")
    assert result.exit_code == 2
    assert "did you mean" in result.output
    assert "tofacitinib" in result.output
    assert "Traceback" not in result.output


def test_stats_counts_classes_and_properties() -> None:
    result = run("stats", "--format", "json")
    assert result.exit_code == 0
    stats = json.loads(result.output)
    assert stats["classes"]["JanusKinase"] == 4
    assert stats["classes"]["Cytokine"] >= 12
    assert stats["properties"]["inhibits"]["edges"] == stats["properties"]["inhibits"]["sourced"]
    assert "signalsVia" in stats["properties"]


def test_stats_text_is_a_table() -> None:
    result = run("stats")
    assert result.exit_code == 0
    assert "Janus kinase" in result.output and "triples" in result.output


def test_validate_shipped_data_exits_0() -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_validate_broken_copy_exits_1_with_entity_rule_fix(data_copy) -> None:
    path = data_copy('"HGNC:6190"', '"HGNC-6190"')
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "jkd:JAK1" in result.output
    assert "CURIE" in result.output


def test_validate_syntax_error_exits_2_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:b .\n")
    result = run("validate", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:2:" in result.output
    assert "Traceback" not in result.output


def test_validate_json_lists_violations(data_copy) -> None:
    path = data_copy('"HGNC:6190"', '"HGNC-6190"')
    report = json.loads(run("validate", str(path), "--format", "json").output)
    assert report["conforms"] is False
    assert any(v["focus"] == "jkd:JAK1" for v in report["violations"])


def test_installed_console_script_runs_for_real() -> None:
    exe = shutil.which("jakkg") or str(Path(sys.executable).parent / "jakkg")
    if not Path(exe).exists():
        pytest.fail("the jakkg console script is not installed (run `make test`)")
    done = subprocess.run(
        [exe, "show", "IFN-gamma", "--format", "json"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    card = json.loads(done.stdout)
    assert card["label"] == "IFN-γ"
    bad = subprocess.run([exe, "show", "no-such-thing"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_show_lists_selectivity_figures_with_assay_and_source() -> None:
    card = json.loads(run("show", "Olumiant", "--format", "json").output)
    figures = {m["kinase"]: m for m in card["selectivity"]}
    assert figures["JAK1"]["ic50_nM"] == 5.9 and figures["JAK1"]["assay"]
    assert figures["JAK1"]["source"].startswith("https://")
    text = run("show", "baricitinib").output
    assert "compare only within one assay" in text and "5.9 nM" in text


def test_show_flags_only_unsourced_curated_edges() -> None:
    text = run("show", "upadacitinib").output
    assert "—route→ oral" in text and "(no source recorded)" not in text


def test_stats_marks_properties_that_are_not_sourced_by_design() -> None:
    props = json.loads(run("stats", "--format", "json").output)["properties"]
    assert props["signalsVia"]["sourced"] is None and props["route"]["sourced"] is None
    assert props["drug"]["sourced"] is None  # selectivity-measurement link
    assert props["approvedFor"]["sourced"] == props["approvedFor"]["edges"]


def test_long_label_urls_are_never_cut_in_text_views() -> None:
    result = run("rank", "vitiligo")
    url = "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid="
    assert result.exit_code == 0 and url in result.output
