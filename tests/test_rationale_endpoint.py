"""rank and explain over --endpoint give the embedded graph's answers, on a real Oxigraph server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store import default_files

pytestmark = pytest.mark.server

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory) -> Iterator[str]:
    """A fresh Oxigraph server on loopback holding the shipped graph; stopped by its PID."""
    port, data = free_port(), tmp_path_factory.mktemp("oxigraph")
    server = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        for path in default_files():
            request = urllib.request.Request(
                base + "/store?default",
                data=path.read_bytes(),
                headers={"Content-Type": "text/turtle"},
                method="POST",
            )
            urllib.request.urlopen(request, timeout=30).close()
        yield base + "/query"
    finally:
        server.terminate()
        server.wait(timeout=10)


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
        main, ["rank", "vitiligo", "--endpoint", f"http://127.0.0.1:{free_port()}/q"]
    )
    assert result.exit_code == 2 and "cannot reach" in result.output
