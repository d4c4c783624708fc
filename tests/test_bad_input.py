"""Every bad input gets a clear message and a documented exit code, never a traceback.

The README's troubleshooting table is generated from CASES: after adding or changing a case,
run ``python -m tests.test_bad_input`` to rewrite it; a test checks that they agree.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.bad_stores import bad_stores

LATIN_1 = '<http://a> <http://b> "caf\u00e9" .\n'.encode("latin-1")
SECRET = "root:x:0:0:s3cret-line"
LONG_TYPO = "SELEC ?s WHERE { ?s ?p ?o } " + "#" * 300
NESTED = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BAD_TURTLE = '@prefix jk: <https://w3id.org/jakkg/vocab#> .\njk:a jk:b "open .\n'


def store(path: str) -> str:
    """URL of one behaviour of the misbehaving test server (tests/bad_stores.py)."""
    return bad_stores().base + path


def link(tmp_path: Path, name: str, target: str) -> str:
    (tmp_path / name).symlink_to(target)
    return str(tmp_path / name)


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
    (
        "long inline query",
        lambda t: ["sparql", LONG_TYPO],
        2,
        "SPARQL syntax error at line 1, column 1",
    ),
    ("deeply nested query", lambda t: ["sparql", NESTED], 2, "nested too deeply (3000 levels"),
    (
        "a file that is no query",
        lambda t: ["sparql", write(t, "notes.txt", SECRET + "\n")],
        2,
        "does not look like a SPARQL query",
    ),
    ("a folder as a query", lambda t: ["sparql", str(t)], 2, "is a folder, not a query file"),
    ("undecodable argument", lambda t: ["show", "\udcff\udcfeIL-4"], 2, "not UTF-8 text"),
    ("undecodable query", lambda t: ["sparql", "ASK {\udcff}"], 2, "not UTF-8 text"),
    ("validate a folder", lambda t: ["validate", str(t)], 2, "is a folder, not a file"),
    (
        "output in a missing folder",
        lambda t: ["viz", "-o", str(t / "nope" / "map.html")],
        2,
        "nope: no such folder",
    ),
    (
        "export to a missing folder",
        lambda t: ["export", "-o", str(t / "nope" / "g.ttl")],
        2,
        "nope: no such folder",
    ),
    ("export to a folder", lambda t: ["export", "--format", "kgx", "-o", str(t)], 2, "is a folder"),
    (
        "export suffix mismatch",
        lambda t: ["export", "--format", "turtle", "-o", str(t / "g.nt")],
        2,
        "the suffix says nt but --format is turtle",
    ),
    ("export without a format", lambda t: ["export", "-o", str(t / "g.x")], 2, "give --format"),
    ("unwritable folder", lambda t: ["heatmap", "-o", "/sys/map.svg"], 2, "cannot write"),
    (
        "dangling link in a missing folder",
        lambda t: ["viz", "-o", link(t, "map.html", str(t / "gone" / "map.html"))],
        2,
        "cannot write",
    ),
    ("path to itself", lambda t: ["path", "JAK1", "jak1"], 2, "the same entity (JAK1)"),
    (
        "endpoint answer of the wrong shape",
        lambda t: ["viz", "-o", str(t / "m.html"), "--endpoint", store("/wrong-shape")],
        2,
        "did not return SPARQL JSON results",
    ),
    (
        "endpoint answer not a list",
        lambda t: ["heatmap", "-o", str(t / "m.svg"), "--endpoint", store("/not-a-list")],
        2,
        "did not return SPARQL JSON results",
    ),
    (
        "store without jakkg data",
        lambda t: ["rank", "vitiligo", "--endpoint", store("/empty")],
        2,
        "holds no jakkg data",
    ),
    (
        "endpoint URL not valid",
        lambda t: ["sparql", "ASK {}", "--endpoint", "http://[::1/sparql"],
        2,
        "is not a valid URL",
    ),
    (
        "wrong password",
        lambda t: ["push", "--endpoint", store("/basic/store").replace("//", "//me:guess@")],
        2,
        "answered 401 Unauthorized (check the user and password)",
    ),
    (
        "redirect to another server",
        lambda t: ["push", "--endpoint", store("/moved-away")],
        2,
        "redirects to another server",
    ),
    (
        "store that hangs",
        lambda t: ["push", "--endpoint", store("/hang"), "--timeout", "0.5"],
        2,
        "gave no answer within 0.5 s",
    ),
    (
        "store error full of escapes",
        lambda t: ["push", "--endpoint", store("/escapes")],
        2,
        "answered 500 Internal Server Error: store is read-only",
    ),
    (
        "store error as an HTML page",
        lambda t: ["push", "--endpoint", store("/html")],
        2,
        "Internal Server Error: 500 Internal Server Error The store is <down>. padding",
    ),
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
    args = argv(tmp_path)
    result = CliRunner().invoke(main, args, prog_name="jakkg")
    assert result.exit_code == code, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    row = table_row(case, args, result.exit_code, result.output, tmp_path)
    assert row in readme_table(), "regenerate the README table: python -m tests.test_bad_input"


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


TABLE_START = "<!-- troubleshooting table: generated by python -m tests.test_bad_input -->"
TABLE_END = "<!-- end of troubleshooting table -->"
README = Path(__file__).resolve().parent.parent / "README.md"


def _cell(text: str, width: int) -> str:
    """One table cell: control characters escaped, cut to ``width``, Markdown-safe."""
    text = re.sub(r"[\udc80-\udcff]", lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}", text)
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: repr(m[0])[1:-1], text)
    text = text if len(text) <= width else text[:width] + "…"
    return html.escape(text, quote=False).replace("|", "\\|")


def _shown(arg: str, tmp_path: Path) -> str:
    """An argument as the README shows it: temporary folders and the test server's port hidden."""
    arg = arg.replace(str(tmp_path) + "/", "").replace(str(tmp_path), ".")
    arg = re.sub(r"127\.0\.0\.1:\d+", "HOST", arg)
    return re.sub(r"localhost:\d+", "OTHER-HOST", arg)


def table_row(case: str, argv: list[str], code: int, output: str, tmp_path: Path) -> str:
    """The README row of one case, from what the command printed."""
    example = "jakkg " + " ".join(_cell(_shown(a, tmp_path), 40) for a in argv)
    lines = output.strip().splitlines() or [""]
    message = next((line for line in lines if line.startswith("Error:")), lines[0])
    return f"| {case} | `{example}` | {code} | {_cell(_shown(message, tmp_path), 110)} |"


def table_rows() -> list[str]:
    """Run every case and make its row (what ``python -m tests.test_bad_input`` writes)."""
    import tempfile

    rows = []
    for case, argv, *_ in CASES:
        with tempfile.TemporaryDirectory() as folder:
            args = argv(Path(folder))
            result = CliRunner().invoke(main, args, prog_name="jakkg")
            rows.append(table_row(case, args, result.exit_code, result.output, Path(folder)))
    return rows


def readme_table() -> str:
    """The README's table as it stands, between its markers."""
    text = README.read_text(encoding="utf-8")
    return text[text.index(TABLE_START) + len(TABLE_START) : text.index(TABLE_END)]


def test_the_readme_troubleshooting_table_lists_every_case() -> None:
    rows = [line for line in readme_table().splitlines() if line.startswith("| ")][2:]
    assert [row.split(" | ")[0][2:] for row in rows] == [case for case, *_ in CASES], (
        "regenerate the README table: python -m tests.test_bad_input"
    )


def write_readme_table() -> None:
    """Rewrite the README's troubleshooting table from the cases."""
    text = README.read_text(encoding="utf-8")
    head = "| input | example | exit | message |\n| --- | --- | --- | --- |\n"
    table = "\n" + head + "\n".join(table_rows()) + "\n"
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    README.write_text(text[:start] + table + text[end:], encoding="utf-8")


if __name__ == "__main__":
    write_readme_table()
    sys.stdout.write(f"rewrote the troubleshooting table in {README}\n")
