"""rank and explain over --endpoint give the embedded graph's answers, on a real Oxigraph server."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bench import servers
from kg.cli import main

pytestmark = pytest.mark.server


def answer(*argv: str) -> str:
    result = CliRunner().invoke(main, [*argv, "--format", "json"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("disease", ["dermatomyositis", "psoriasis", "vitiligo", "AD"])
def test_rank_over_the_endpoint_matches_the_embedded_graph(shipped_endpoint, disease) -> None:
    assert answer("rank", disease, "--endpoint", shipped_endpoint) == answer("rank", disease)


@pytest.mark.parametrize(
    "pair", [("upadacitinib", "dermatomyositis"), ("deucravacitinib", "psoriasis")]
)
def test_explain_over_the_endpoint_matches_the_embedded_graph(shipped_endpoint, pair) -> None:
    assert answer("explain", *pair, "--endpoint", shipped_endpoint) == answer("explain", *pair)


def test_matrix_over_the_endpoint_matches_the_embedded_graph(shipped_endpoint) -> None:
    assert answer("rank", "--all", "--endpoint", shipped_endpoint) == answer("rank", "--all")


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    result = CliRunner().invoke(
        main, ["rank", "vitiligo", "--endpoint", f"http://127.0.0.1:{servers.free_port()}/q"]
    )
    assert result.exit_code == 2 and "cannot reach" in result.output
