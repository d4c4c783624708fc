"""The query command and library: formats, refusals, syntax errors, time and size limits."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.namespaces import PREFIXES
from kg.query import (
    QueryFailedError,
    QueryRefusedError,
    QueryService,
    QuerySyntaxError,
    QueryTimeoutError,
    ResultTooLargeError,
    check_allowed,
    execute,
    library,
    read_query,
    run_query,
    shape,
)
from kg.results import FORMATS, from_pyoxigraph, serialize

SIGNALS = "SELECT ?c ?k WHERE { ?c jk:signalsVia ?k } ORDER BY ?c ?k"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SRES = "{http://www.w3.org/2005/sparql-results#}"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


# ------------------------------------------------------------------ reading a query


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
        ("PREFIX ex: <http://e/> ASK { ?s ex:p ?o }", "ask"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "graph"),
        ("DESCRIBE jkd:JAK1", "graph"),
        ("INSERT DATA { jkd:a jkd:b jkd:c }", "update"),
        ("DELETE WHERE { ?s ?p ?o }", "update"),
        ("LOAD <http://example.org/data.ttl>", "update"),
        ('SELECT ?s WHERE { ?s rdfs:label "DELETE me" } # INSERT', "select"),
        ("SELECT ?load WHERE { ?load <http://e/insert> ?x }", "select"),
    ],
)
def test_shape_reads_the_form_and_ignores_strings_comments_and_iris(text: str, form: str) -> None:
    assert shape(text).form == form


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("INSERT DATA { jkd:a jkd:b jkd:c }", "UPDATE refused"),
        ("DELETE WHERE { ?s ?p ?o }", "UPDATE refused"),
        ("LOAD <http://example.org/data.ttl>", "LOAD refused"),
        ("CLEAR ALL", "UPDATE refused"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE refused"),
    ],
)
def test_updates_load_and_service_are_refused_by_default(text: str, words: str) -> None:
    with pytest.raises(QueryRefusedError, match=words):
        check_allowed(text)
    result = run("sparql", text)
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output


def test_allow_update_changes_only_the_in_memory_graph() -> None:
    before = Path("data/triples.ttl").read_bytes() if Path("data/triples.ttl").exists() else None
    result = run("sparql", "--allow-update", "INSERT DATA { jkd:x rdfs:label 'x' }")
    assert result.exit_code == 0, result.output
    assert "no file was changed" in result.output
    if before is not None:
        assert Path("data/triples.ttl").read_bytes() == before


def test_read_query_from_file_library_name_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(SIGNALS, encoding="utf-8")
    assert read_query(str(path)) == SIGNALS
    assert "Question:" in read_query("class-counts")
    assert read_query("class-counts.rq") == read_query("class-counts")
    result = run("sparql", "-", "--format", "csv", stdin="ASK { jkd:JAK1 a jk:JanusKinase }")
    assert result.output.strip() == "true"


def test_missing_and_binary_query_files_are_input_errors(tmp_path: Path) -> None:
    result = run("sparql", str(tmp_path / "missing.rq"))
    assert result.exit_code == 2 and "no such query file" in result.output
    binary = tmp_path / "bad.rq"
    binary.write_bytes(b"\xff\xfe\x00SELECT")
    result = run("sparql", str(binary))
    assert result.exit_code == 2 and "not UTF-8" in result.output


@pytest.mark.parametrize("length", [300, 1000, 4000, 5000, 70_000])
def test_a_one_line_query_of_any_length_runs(length: int) -> None:
    """Text too long to be a file name is a query, not an OSError (ENAMETOOLONG)."""
    head = "ASK { jkd:JAK1 a jk:JanusKinase } "
    result = run("sparql", head + "#" * (length - len(head)), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "true"


def test_a_file_that_is_no_query_is_refused_without_echoing_it(tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$s3cr3tHash:19000:0:99999:7:::\n", encoding="utf-8")
    result = run("sparql", str(secret))
    assert result.exit_code == 2 and "does not look like a SPARQL query" in result.output
    assert "s3cr3tHash" not in result.output
    query = tmp_path / "query.sparql"
    query.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    assert run("sparql", str(query), "--format", "csv").exit_code == 0, "a query file is read"


def test_a_syntax_error_echoes_only_an_excerpt_of_its_line() -> None:
    filters = "FILTER(?s != <http://e/x>) " * 40
    line = f'SELECT * WHERE {{ ?s ?p ?o {filters} FILTER(?s != "\x1b[2J\x07") }} LIMIT x'
    result = run("sparql", line)
    assert result.exit_code == 2
    shown = result.output.splitlines()[1]
    assert len(shown) < 100 and "\x1b" not in result.output and "\\x1b[2J\\x07" in shown
    pointer = result.output.splitlines()[2]
    assert shown[pointer.index("^")] == "x", "the pointer stays on the error"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("SELECT * WHERE { ?s ?p ?o }\nLIMIT x", 2, 7),
        ("SELECT ?x WHERE {\n  ?x a foo:Bar }", 2, None),
        ("SELECT * WHERE { ?s ?p ?o", 1, None),
    ],
)
def test_syntax_errors_give_line_and_column(text: str, line: int, column: int | None) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(text)
    assert caught.value.line == line
    if column:
        assert caught.value.column == column
    result = run("sparql", text)
    assert result.exit_code == 2
    assert f"at line {line}, column" in result.output and "Traceback" not in result.output


def test_undeclared_prefix_is_named() -> None:
    result = run("sparql", "SELECT ?x WHERE { ?x foo:bar ?y }")
    assert "undeclared prefix foo:" in result.output


def test_empty_query_is_a_clear_error() -> None:
    result = run("sparql", "   ")
    assert result.exit_code == 2 and "empty" in result.output


# ------------------------------------------------------------------ formats


def _oxigraph(graph, text: str, fmt: ox.QueryResultsFormat) -> list[tuple]:
    """Rows as pyoxigraph's own serialiser writes and parses them (the reference)."""
    body = graph.store.query(text, prefixes=PREFIXES).serialize(format=fmt)
    return [tuple(s) for s in ox.parse_query_results(body, format=fmt)]


def test_csv_matches_pyoxigraphs_own_serialiser_line_for_line(graph) -> None:
    text = "SELECT ?e ?label ?x WHERE { ?e rdfs:label ?label OPTIONAL { ?e jk:xref ?x } }"
    ours = serialize(execute(graph.store, text), "csv").decode()
    reference = graph.store.query(text, prefixes=PREFIXES).serialize(
        format=ox.QueryResultsFormat.CSV
    )
    assert sorted(ours.split("\r\n")) == sorted(reference.decode().split("\r\n"))


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_formats_match_pyoxigraphs_own_serialiser(graph, fmt: str) -> None:
    text = "SELECT ?e ?label ?x WHERE { ?e rdfs:label ?label OPTIONAL { ?e jk:xref ?x } }"
    ours = serialize(execute(graph.store, text), fmt)
    reference_format = getattr(ox.QueryResultsFormat, fmt.upper())
    parsed = ox.parse_query_results(ours, format=reference_format)
    assert sorted(map(repr, (tuple(s) for s in parsed))) == sorted(
        map(repr, _oxigraph(graph, text, reference_format))
    )


def test_every_format_for_select_ask_and_construct() -> None:
    for fmt in ("table", "csv", "tsv", "json", "xml"):
        assert run_query(SIGNALS, fmt).size > 10
        assert b"true" in run_query("ASK { jkd:TYK2 a jk:JanusKinase }", fmt).body
    construct = "CONSTRUCT { ?c jk:signalsVia ?k } WHERE { ?c jk:signalsVia ?k }"
    counts = set()
    for fmt in ("table", "turtle", "nt", "jsonld"):
        answer = run_query(construct, fmt)
        rdf = {"table": "turtle", "turtle": "turtle", "nt": "nt", "jsonld": "jsonld"}[fmt]
        media = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}.get(
            rdf, ox.RdfFormat.JSON_LD
        )
        counts.add(len(list(ox.parse(answer.body, format=media))))
    assert len(counts) == 1 and counts.pop() == run_query(SIGNALS).size
    assert set(FORMATS) == {"table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"}


def test_table_is_aligned_with_curies_and_a_row_count() -> None:
    result = run("sparql", "--format", "table", SIGNALS + " LIMIT 2")
    lines = result.output.splitlines()
    assert lines[0].split() == ["?c", "?k"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].startswith("jkd:") and lines[-1] == "(2 rows)"
    assert lines[2].index("jkd:", 4) == lines[0].index("?k")


def test_csv_json_xml_are_the_w3c_formats() -> None:
    text = SIGNALS + " LIMIT 3"
    rows = list(csv.reader(io.StringIO(run("sparql", "--format", "csv", text).output)))
    assert rows[0] == ["c", "k"] and rows[1][0].startswith("https://w3id.org/jakkg/id/")
    data = json.loads(run("sparql", "--format", "json", text).output)
    assert data["head"]["vars"] == ["c", "k"] and len(data["results"]["bindings"]) == 3
    root = ET.fromstring(run("sparql", "--format", "xml", text).output)
    assert len(root.findall(f"{SRES}results/{SRES}result")) == 3


def test_a_graph_format_for_select_is_a_usage_error() -> None:
    result = run("sparql", "--format", "turtle", SIGNALS)
    assert result.exit_code == 2 and "is for CONSTRUCT/DESCRIBE" in result.output


def test_from_pyoxigraph_keeps_unbound_cells_empty(graph) -> None:
    result = from_pyoxigraph(graph.store.query("SELECT ?a ?b WHERE { BIND(1 AS ?a) }"))
    assert result.rows == [
        (ox.Literal("1", datatype=ox.NamedNode(PREFIXES["xsd"] + "integer")), None)
    ]
    assert result.records() == [{"a": "1"}]


# ------------------------------------------------------------------ limits


def test_a_runaway_query_is_cut_at_the_time_limit_and_the_worker_replaced() -> None:
    with QueryService(timeout=1.0) as service:
        pids = service.worker_pids
        with pytest.raises(QueryTimeoutError, match="time limit"):
            service.run(RUNAWAY)
        assert service.worker_pids.isdisjoint(pids) and service.restarts == 1
        assert (
            service.run("ASK { jkd:JAK1 a jk:JanusKinase }").body
            == b'{"head": {}, "boolean": true}'
        )


def test_cli_timeout_says_so() -> None:
    result = run("sparql", "--timeout", "0.5", RUNAWAY)
    assert result.exit_code == 2 and "time limit (0.5 s)" in result.output


def test_a_result_over_the_limit_is_refused_with_the_limit_named() -> None:
    with pytest.raises(ResultTooLargeError, match="more than 5 rows"):
        run_query("SELECT * WHERE { ?s ?p ?o }", limit=5)
    result = run("sparql", "--limit", "5", "CONSTRUCT WHERE { ?s ?p ?o }")
    assert result.exit_code == 2 and "more than 5 triples" in result.output


# ------------------------------------------------------------------ the library


def test_every_library_query_has_a_question_and_an_answer_shape_and_parses(graph) -> None:
    found = library()
    assert found
    for query in found:
        assert query.question, query.name
        assert query.answer, query.name
        execute(graph.store, query.text, limit=100_000)


def test_queries_command_lists_the_library() -> None:
    result = run("queries", "--format", "json")
    names = {q["name"] for q in json.loads(result.output)}
    assert {"class-counts", "entity-names"} <= names
    text = run("queries").output
    assert "class-counts" in text and "?" in text


def test_table_shows_control_characters_instead_of_sending_them_to_the_terminal() -> None:
    body = run_query('SELECT ?x WHERE { BIND("a\\u001b[31mred\\u0007<b>" AS ?x) }', "table").body
    assert b"\x1b" not in body and b"\x07" not in body
    assert "a\\x1b[31mred\\x07<b>" in body.decode()


def test_a_query_past_the_memory_cap_is_stopped_quietly_and_the_worker_replaced(capfd) -> None:
    hungry = "SELECT ?a ?d ?c WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?a ?d LIMIT 1"
    with QueryService(memory_mb=300, timeout=60) as service:
        with pytest.raises(QueryFailedError, match=r"memory limit \(300 MB\)"):
            service.run(hungry)
        assert service.restarts == 1
        assert service.run("ASK { jkd:JAK1 a jk:JanusKinase }", "csv").body == b"true"
    assert "memory allocation" not in capfd.readouterr().err


def test_a_memory_cap_too_low_is_a_clear_error() -> None:
    with pytest.raises(QueryFailedError, match="memory limit"), QueryService(memory_mb=1) as pool:
        pool.run("SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?a ?d LIMIT 1", "json")
