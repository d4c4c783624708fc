"""Local servers for the benchmark and the test suite: a free port, start, wait, stop.

``jakkg serve`` and the ``oxigraph`` server are real processes on loopback. Each is started
with ``start`` (which returns once a URL answers, or raises with the server's own error
output) and ended with ``stop``; ``running`` does both around a block.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary (PyPI package ``oxigraph``), if installed."""
    beside = Path(sys.executable).with_name("oxigraph")
    return shutil.which("oxigraph") or (str(beside) if beside.exists() else None)


def jakkg_serve(port: int, *options: str) -> list[str]:
    """The command that runs ``jakkg serve`` on ``port`` with this interpreter."""
    return [sys.executable, "-c", "from kg.cli import run; run()", "serve", "--port", str(port),
            *options]  # fmt: skip


def oxigraph_serve(binary: str, location: Path, port: int) -> list[str]:
    """The command that runs an Oxigraph server on ``port`` with its data in ``location``."""
    return [binary, "serve", "--location", str(location), "--bind", f"{LOOPBACK}:{port}"]


def start(
    command: Sequence[str], ready_url: str, seconds: float = 30.0, log: Path | None = None
) -> subprocess.Popen:
    """Start ``command`` and return once ``ready_url`` answers.

    The server's stderr goes to ``log`` or a temporary file (a pipe nobody reads could fill
    and block it); if the process exits or never answers, its stderr is raised as the error.
    """
    with log.open("w+b") if log is not None else tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        if _answers(ready_url, process, seconds):
            return process
        stop(process)
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
    raise RuntimeError(f"{Path(command[0]).name} did not start: {message or 'no output'}")


def _answers(url: str, process: subprocess.Popen, seconds: float) -> bool:
    """Whether ``url`` answers within ``seconds`` while ``process`` is still running."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def stop(process: subprocess.Popen) -> None:
    """Terminate ``process``, killing it if it has not exited within 10 s."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def running(
    command: Sequence[str], ready_url: str, log: Path | None = None
) -> Iterator[subprocess.Popen]:
    """``start`` the server for the block and ``stop`` it afterwards."""
    process = start(command, ready_url, log=log)
    try:
        yield process
    finally:
        stop(process)
