"""Local servers for the benchmark and the test suite: a free port, start, wait, stop.

``jakkg serve``, the ``oxigraph`` server and OpenLink Virtuoso (Debian's
``virtuoso-opensource-7-bin``) are real processes on loopback. Each is started with ``start``
(which returns once a URL answers, or raises with the server's own error output) and ended
with ``stop``; ``running`` does both around a block, ``virtuoso`` sets Virtuoso up first.
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
from dataclasses import dataclass
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
    command: Sequence[str], ready_url: str, seconds: float = 60.0, log: Path | None = None
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
    command: Sequence[str], ready_url: str, seconds: float = 60.0, log: Path | None = None
) -> Iterator[subprocess.Popen]:
    """``start`` the server for the block and ``stop`` it afterwards."""
    process = start(command, ready_url, seconds, log=log)
    try:
        yield process
    finally:
        stop(process)


# ------------------------------------------------------------------ OpenLink Virtuoso

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = {host}:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {folder}

[HTTPServer]
ServerPort = {host}:{http_port}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = {max_rows}
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its SPARQL endpoint, its Graph Store URL and its row cap."""

    base: str
    max_rows: int
    sql_port: int
    folder: Path

    @property
    def sparql(self) -> str:
        """The SPARQL 1.1 Protocol endpoint (queries, and updates once granted)."""
        return self.base + "/sparql"

    @property
    def store(self) -> str:
        """The unauthenticated Graph Store Protocol endpoint (writes once granted)."""
        return self.base + "/sparql-graph-crud"


def virtuoso_binary() -> str | None:
    """The ``virtuoso-t`` server binary (Debian ``virtuoso-opensource-7-bin``), if installed."""
    return shutil.which("virtuoso-t")


def write_virtuoso_ini(folder: Path, sql_port: int, http_port: int, max_rows: int) -> Path:
    """A minimal ``virtuoso.ini``: database files in ``folder``, both ports on loopback.

    ``max_rows`` is ``ResultSetMaxRows``, the cap past which Virtuoso cuts a result and says
    so only in the ``X-SPARQL-MaxRows`` header (the stock configuration has 10,000).
    """
    text = VIRTUOSO_INI.format(
        folder=folder, host=LOOPBACK, sql_port=sql_port, http_port=http_port, max_rows=max_rows
    )
    path = folder / "virtuoso.ini"
    path.write_text(text, encoding="utf-8")
    return path


def isql(sql_port: int, statements: str, timeout: float = 60) -> str:
    """Run SQL ``statements`` through ``isql-vt`` as ``dba`` (the fresh database's default
    password: for a throw-away server only); its output, or RuntimeError on an error."""
    command = ["isql-vt", f"{LOOPBACK}:{sql_port}", "dba", "dba", f"exec={statements}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    output = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in output:
        raise RuntimeError(f"isql-vt failed on {statements!r}: {output.strip()}")
    return output


def bulk_load(server: Virtuoso, files: Sequence[str], graph: str) -> None:
    """Load ``files`` into ``graph`` with Virtuoso's bulk loader (``ld_dir``, then
    ``rdf_loader_run``): its own path for big graphs, where one HTTP PUT is refused."""
    folder = server.folder / "load"
    folder.mkdir(exist_ok=True)
    for path in files:
        shutil.copy(path, folder)
    statements = f"ld_dir('{folder}', '*', '{graph}'); rdf_loader_run(); checkpoint;"
    isql(server.sql_port, statements, timeout=3600)
    shutil.rmtree(folder, ignore_errors=True)


def grant_sparql_update(sql_port: int) -> None:
    """Let the anonymous ``SPARQL`` user write (``/sparql`` updates, ``/sparql-graph-crud``):
    for a throw-away test or bench server only, never a shared one."""
    isql(sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')


@contextlib.contextmanager
def virtuoso(folder: Path, max_rows: int = 10_000) -> Iterator[Virtuoso]:
    """A fresh Virtuoso with its database in ``folder``, writable over HTTP, for the block."""
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed (Debian: virtuoso-opensource-7-bin)")
    sql_port, http_port = free_port(), free_port()
    ini = write_virtuoso_ini(folder, sql_port, http_port, max_rows)
    base = f"http://{LOOPBACK}:{http_port}"
    command = [binary, "+foreground", "+configfile", str(ini)]
    with running(command, base + "/sparql", seconds=180):
        grant_sparql_update(sql_port)
        yield Virtuoso(base, max_rows, sql_port, folder)
