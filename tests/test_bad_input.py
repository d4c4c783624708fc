"""Every bad input gets a clear message and a documented exit code, never a traceback.

The same table is in the README's troubleshooting section.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

LATIN_1 = '<http://a> <http://b> "caf\u00e9" .\n'.encode("latin-1")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BAD_TURTLE = '@prefix jk: <https://w3id.org/jakkg/vocab#> .\njk:a jk:b "open .\n'


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


CASES = [
    # (id, argv builder, exit code, message fragment)
    ("unknown entity", lambda t: ["show", "upadacitnib"], 2, "did you mean"),
    ("gibberish entity", lambda t: ["show", "zzqqxx"], 2, "no entity named 'zzqqxx'"),
    ("empty name", lambda t: ["show", ""], 2, "no entity named ''"),
    ("control characters", lambda t: ["show", "IL\x00-4\x1b[31m"], 2, "no entity named"),
    ("html in a name", lambda t: ["show", "<script>alert(1)</script>"], 2, "no entity named"),
    ("very long name", lambda t: ["show", "IL-4" * 5000], 2, "no entity named"),
    (
        "malformed turtle",
        lambda t: ["validate", write(t, "bad.ttl", BAD_TURTLE)],
        2,
        "bad.ttl:2:",
    ),
    (
        "binary data file",
        lambda t: ["validate", write(t, "bin.ttl", b"\x89PNG\r\n\x1a\n\xff\xfe")],
        2,
        "UTF-8",
    ),
    (
        "latin-1 data file",
        lambda t: [
            "validate",
            write(t, "latin.ttl", LATIN_1),
        ],
        2,
        "UTF-8",
    ),
    ("empty data file", lambda t: ["validate", write(t, "empty.ttl", "")], 2, "file is empty"),
    ("missing data file", lambda t: ["validate", str(t / "nope.ttl")], 2, "no such file"),
    (
        "wrong-class name",
        lambda t: ["rank", "upadacitinib"],
        2,
        "upadacitinib is a JAK inhibitor; rank takes a disease",
    ),
    ("ambiguous name", lambda t: ["show", "TSLP receptor"], 2, "is ambiguous; it could be"),
    ("not a disease", lambda t: ["rank", "JAK"], 2, "no disease entity named 'JAK'"),
    ("typo in a disease", lambda t: ["rank", "vitilgo"], 2, "vitiligo"),
    ("rank with nothing", lambda t: ["rank"], 2, "give a DISEASE or --all"),
    (
        "matrix reaching only",
        lambda t: ["rank", "--all", "--reaching-only"],
        2,
        "ranks one DISEASE",
    ),
    ("explain swapped", lambda t: ["explain", "vitiligo", "baricitinib"], 2, "takes a drug"),
    ("path unknown predicate", lambda t: ["path", "JAK1", "IL-4", "--via", "x"], 2, "choose"),
    ("path zero hops", lambda t: ["path", "JAK1", "IL-4", "--max-hops", "0"], 2, "0"),
    ("sparql syntax error", lambda t: ["sparql", "SELEC ?x WHERE {}"], 2, "line 1, column"),
    ("sparql update", lambda t: ["sparql", "INSERT DATA { <a:b> <a:c> <a:d> }"], 2, "refused"),
    ("sparql load", lambda t: ["sparql", "LOAD <http://example.org/x>"], 2, "LOAD refused"),
    (
        "sparql service",
        lambda t: ["sparql", "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"],
        2,
        "SERVICE refused",
    ),
    (
        "runaway query",
        lambda t: ["sparql", RUNAWAY, "--timeout", "1"],
        2,
        "stopped at the time limit",
    ),
    (
        "result too large",
        lambda t: ["sparql", "SELECT * WHERE { ?a ?b ?c }", "--limit", "10"],
        2,
        "result too large",
    ),
    ("missing query file", lambda t: ["sparql", str(t / "nope.rq")], 2, "no such query file"),
    ("diff missing graph", lambda t: ["diff", str(t / "nope.ttl"), str(t)], 2, "no such file"),
    ("diff folder without graph", lambda t: ["diff", str(t), str(t)], 2, "no N-Triples file"),
    (
        "release unknown previous",
        lambda t: ["release", "-o", str(t / "dist"), "--previous", str(t / "old")],
        2,
        "no such previous release",
    ),
    ("unknown command", lambda t: ["frobnicate"], 2, "No such command"),
    ("unknown format", lambda t: ["stats", "--format", "yaml"], 2, "Invalid value"),
]


@pytest.mark.parametrize(("case", "argv", "code", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_error(tmp_path, case, argv, code, fragment) -> None:
    result = CliRunner().invoke(main, argv(tmp_path), prog_name="jakkg")
    assert result.exit_code == code, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)


def test_long_names_do_not_flood_the_terminal() -> None:
    result = CliRunner().invoke(main, ["show", "x" * 100_000])
    assert result.exit_code == 2
    assert len(result.output) < 2_000


def test_unexpected_failure_is_a_short_internal_error(monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("kg.stats.graph_stats", boom)
    result = CliRunner().invoke(main, ["stats"])
    assert result.exit_code == 3
    assert "internal error" in result.output and "simulated bug" in result.output
    assert "Traceback" not in result.output


def test_read_commands_never_modify_the_data_files() -> None:
    root = Path(__file__).resolve().parent.parent
    files = sorted([*root.glob("data/**/*.ttl"), *root.glob("ontology/*.ttl")])
    before = {f: f.read_bytes() for f in files}
    for argv in (["show", "JAK1"], ["stats"], ["validate"]):
        CliRunner().invoke(main, argv)
    assert {f: f.read_bytes() for f in files} == before


def test_the_readme_troubleshooting_table_lists_every_case() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [case for case, *_ in CASES if f"| {case} |" not in readme]
    assert missing == [], "add these rows to the README's troubleshooting table"
