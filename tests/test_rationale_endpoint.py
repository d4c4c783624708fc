"""rank and explain over --endpoint give the embedded graph's answers, on a real Oxigraph server."""

from __future__ import annotations

import urllib.request

import pytest
from click.testing import CliRunner

from bench import servers
from kg.cli import main
from kg.store import default_files

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def endpoint(oxigraph: str) -> str:
    """The shared Oxigraph server (tests/conftest.py), loaded with the shipped graph."""
    for path in default_files():
        request = urllib.request.Request(
            oxigraph + "/store?default",
            data=path.read_bytes(),
            headers={"Content-Type": "text/turtle"},
            method="POST",
        )
        urllib.request.urlopen(request, timeout=30).close()
    return oxigraph + "/query"


def answer(*argv: str) -> str:
    result = CliRunner().invoke(main, [*argv, "--format", "json"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("disease", ["dermatomyositis", "psoriasis", "vitiligo", "AD"])
def test_rank_over_the_endpoint_matches_the_embedded_graph(endpoint, disease) -> None:
    assert answer("rank", disease, "--endpoint", endpoint) == answer("rank", disease)


@pytest.mark.parametrize(
    "pair", [("upadacitinib", "dermatomyositis"), ("deucravacitinib", "psoriasis")]
)
def test_explain_over_the_endpoint_matches_the_embedded_graph(endpoint, pair) -> None:
    assert answer("explain", *pair, "--endpoint", endpoint) == answer("explain", *pair)


def test_matrix_over_the_endpoint_matches_the_embedded_graph(endpoint) -> None:
    assert answer("rank", "--all", "--endpoint", endpoint) == answer("rank", "--all")


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    result = CliRunner().invoke(
        main, ["rank", "vitiligo", "--endpoint", f"http://127.0.0.1:{servers.free_port()}/q"]
    )
    assert result.exit_code == 2 and "cannot reach" in result.output
