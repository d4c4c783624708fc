"""Talking to stores (kg/httpclient.py): Basic and Digest credentials from the URL, the
environment or netrc, never shown; same-origin redirects; readable error bodies; timeouts.

The stores are tests/bad_stores.py: a real HTTP server on loopback.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench import servers
from kg.cli import main
from kg.httpclient import EndpointError, readable, redact, send
from tests.bad_stores import PASSWORD, USER, bad_stores

pytestmark = pytest.mark.server


@pytest.fixture
def no_credentials(monkeypatch, tmp_path: Path) -> Path:
    """No credentials in the environment and an empty home (so no ~/.netrc); the home."""
    monkeypatch.delenv("JAKKG_USER", raising=False)
    monkeypatch.delenv("JAKKG_PASSWORD", raising=False)
    monkeypatch.delenv("NETRC", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def with_user(url: str, user: str = USER, password: str = PASSWORD) -> str:
    return url.replace("http://", f"http://{user}:{password}@")


def push(url: str, *extra: str):
    return CliRunner().invoke(main, ["push", "--endpoint", url, "--format", "json", *extra])


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_credentials_in_the_url_answer_basic_and_digest(no_credentials, scheme: str) -> None:
    store = bad_stores()
    before = len(store.authorised)
    result = push(with_user(f"{store.base}/{scheme}/store"))
    assert result.exit_code == 0, result.output
    assert store.authorised[before:] == [scheme]
    report = json.loads(result.output)
    assert report["url"] == f"{store.base}/{scheme}/store?default"
    assert PASSWORD not in result.output and USER not in result.output


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_credentials_from_the_environment(no_credentials, monkeypatch, scheme: str) -> None:
    monkeypatch.setenv("JAKKG_USER", USER)
    monkeypatch.setenv("JAKKG_PASSWORD", PASSWORD)
    store = bad_stores()
    before = len(store.authorised)
    result = push(f"{store.base}/{scheme}/store")
    assert result.exit_code == 0, result.output
    assert store.authorised[before:] == [scheme]


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_credentials_from_netrc(no_credentials: Path, scheme: str) -> None:
    (no_credentials / ".netrc").write_text(
        f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", encoding="utf-8"
    )
    (no_credentials / ".netrc").chmod(0o600)
    store = bad_stores()
    before = len(store.authorised)
    result = push(f"{store.base}/{scheme}/store")
    assert result.exit_code == 0, result.output
    assert store.authorised[before:] == [scheme]


def test_a_broken_netrc_is_named_without_its_content(no_credentials: Path) -> None:
    (no_credentials / ".netrc").write_text(f"machine 127.0.0.1 {PASSWORD}\n", encoding="utf-8")
    result = push(f"{bad_stores().base}/basic/store")
    assert result.exit_code == 2
    assert ".netrc" in result.output and "cannot read this netrc file" in result.output
    assert PASSWORD not in result.output


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_a_wrong_password_is_401_and_never_shown(no_credentials, scheme: str) -> None:
    result = push(with_user(f"{bad_stores().base}/{scheme}/store", password="w0rng-guess"))
    assert result.exit_code == 2
    assert "answered 401" in result.output and "check the user and password" in result.output
    assert "w0rng-guess" not in result.output


def test_an_unreachable_store_never_shows_the_password(no_credentials) -> None:
    port = servers.free_port()
    result = push(f"http://{USER}:{PASSWORD}@127.0.0.1:{port}/store")
    assert result.exit_code == 2
    assert f"cannot reach http://127.0.0.1:{port}/store?default" in result.output
    assert PASSWORD not in result.output


def test_a_same_origin_redirect_is_followed_with_the_same_put(no_credentials) -> None:
    store = bad_stores()
    before = len(store.received)
    result = push(with_user(f"{store.base}/moved"))
    assert result.exit_code == 0, result.output
    puts = [(method, path) for method, path, size in store.received[before:] if size > 1000]
    assert puts[0] == ("PUT", "/moved?default")
    assert puts[-1] == ("PUT", "/basic/store?default")


def test_a_redirect_to_another_origin_is_not_followed(no_credentials) -> None:
    store = bad_stores()
    before = len(store.received)
    result = push(with_user(f"{store.base}/moved-away"))
    assert result.exit_code == 2 and "redirects to another server" in result.output
    assert [path for _, path, _ in store.received[before:]] == ["/moved-away?default"]
    assert PASSWORD not in result.output


def test_a_hanging_store_times_out_as_asked(no_credentials) -> None:
    request = urllib.request.Request(f"{bad_stores().base}/hang", data=b"x", method="PUT")
    with pytest.raises(EndpointError, match=r"gave no answer within 0\.3 s"):
        send(request, 0.3)


def test_error_bodies_lose_every_terminal_escape() -> None:
    result = push(f"{bad_stores().base}/escapes")
    assert result.exit_code == 2
    assert "store is read-only" in result.output
    assert not any(c in result.output for c in "\x1b\x07\x9b\x9c\x9d")
    assert "owned" not in result.output, "an OSC title is dropped whole"
    eight_bit = "\u009b31mred\u009b0m \u009d0;title\u009c ok"  # C1 controls, UTF-8 encoded
    assert readable(eight_bit.encode("utf-8")) == "red ok"


def test_html_error_pages_become_a_short_excerpt() -> None:
    result = push(f"{bad_stores().base}/html")
    assert result.exit_code == 2
    # the body excerpt ends the first line; a hint (use --graph) may follow on the next
    message = result.output.split("answered 500 Internal Server Error: ", 1)[1].split("\n")[0]
    assert message.startswith("500 Internal Server Error The store is <down>.")
    assert "<" not in message.replace("<down>", "") and "alert" not in message
    assert len(message) < 400


def test_redact_keeps_everything_but_the_credentials() -> None:
    assert (
        redact("https://u:p%40ss@h.example:8890/a/b?graph=x#f")
        == "https://h.example:8890/a/b?graph=x#f"
    )
    assert redact("http://h/x?who=a@b") == "http://h/x?who=a@b"
