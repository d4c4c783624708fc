"""Push into a real Oxigraph server (``oxigraph serve``) and get the same answers as locally."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bench import servers
from kg.cli import main
from kg.push import push
from kg.query import EndpointError, QueryRefusedError, execute, read_query, run_remote
from kg.store import load_graph
from tests.test_sparql_library import RESEARCH

pytestmark = pytest.mark.server

GRAPH = "https://w3id.org/jakkg/graph"
LIBRARY = [*RESEARCH, "class-counts", "property-counts"]


def normalised(rows: list[dict[str, str]]) -> list[tuple]:
    """Rows as sorted tuples; GROUP_CONCAT lists compared as sets (their order is free)."""
    return sorted(
        tuple(sorted((k, ", ".join(sorted(v.split(", ")))) for k, v in row.items())) for row in rows
    )


def remote_count(base: str, graph: str | None = None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    rows = run_remote(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}", base + "/query")
    return int(rows.records()[0]["n"])


def test_push_is_idempotent_in_the_default_graph(oxigraph: str) -> None:
    local = len(load_graph())
    for _ in range(2):
        report = push(oxigraph + "/store")
        assert report.triples == local and report.status in (200, 201, 204)
        assert remote_count(oxigraph) == local


def test_push_into_a_named_graph_via_the_cli(oxigraph: str) -> None:
    local = len(load_graph())
    for _ in range(2):
        args = ["push", "--endpoint", oxigraph + "/store", "--graph", GRAPH, "--format", "json"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["triples"] == local
        assert remote_count(oxigraph, GRAPH) == local


@pytest.mark.parametrize("name", LIBRARY)
def test_library_answers_are_the_same_remote_and_local(oxigraph: str, graph, name: str) -> None:
    push(oxigraph + "/store")
    text = read_query(name)
    local = execute(graph.store, text, limit=100_000).records()
    remote = run_remote(text, oxigraph + "/query", limit=100_000).records()
    assert normalised(remote) == normalised(local)


def test_cli_sparql_endpoint_matches_local_output(oxigraph: str) -> None:
    push(oxigraph + "/store")
    runner = CliRunner()
    for fmt in ("csv", "tsv", "json", "xml", "table"):
        args = ["sparql", "tyk2-cytokines", "--format", fmt]
        local = runner.invoke(main, args)
        remote = runner.invoke(main, [*args, "--endpoint", oxigraph + "/query"])
        assert remote.exit_code == 0, remote.output
        assert remote.output == local.output
    construct = "CONSTRUCT { ?c jk:signalsVia ?k } WHERE { ?c jk:signalsVia ?k }"
    local = runner.invoke(main, ["sparql", construct, "--format", "nt"]).output
    remote = runner.invoke(
        main, ["sparql", construct, "--format", "nt", "--endpoint", oxigraph + "/query"]
    )
    assert sorted(remote.output.splitlines()) == sorted(local.splitlines())


def test_remote_syntax_errors_name_the_users_line(oxigraph: str) -> None:
    result = CliRunner().invoke(
        main, ["sparql", "SELECT * WHERE {\n ?s ?p", "--endpoint", oxigraph + "/query"]
    )
    assert result.exit_code == 2 and "at line 2, column" in result.output


def test_updates_to_an_endpoint_need_the_flag(oxigraph: str) -> None:
    with pytest.raises(QueryRefusedError):
        run_remote("CLEAR DEFAULT", oxigraph + "/update")


def test_unreachable_endpoint_is_a_clear_error() -> None:
    port = servers.free_port()
    with pytest.raises(EndpointError, match="cannot reach"):
        push(f"http://127.0.0.1:{port}/store")
    result = CliRunner().invoke(main, ["push", "--endpoint", "ftp://example.org/"])
    assert result.exit_code == 2 and "http(s) URL" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "dermatomyositis"],
        ["rank", "atopic-dermatitis"],
        ["explain", "upadacitinib", "dermatomyositis"],
        ["explain", "tofacitinib", "psoriasis"],
    ],
)
def test_rank_and_explain_agree_with_the_embedded_graph(oxigraph: str, args: list[str]) -> None:
    push(oxigraph + "/store")
    runner = CliRunner()
    local = runner.invoke(main, [*args, "--format", "json"])
    remote = runner.invoke(main, [*args, "--format", "json", "--endpoint", oxigraph + "/query"])
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output)
