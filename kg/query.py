"""Run SPARQL against the embedded graph or a remote endpoint: read-only, time- and size-limited.

pyoxigraph cannot interrupt a running query, so queries on the embedded graph run in worker
processes (``QueryService``) that are killed when they pass the time limit and replaced.

>>> run_query("ASK { jkd:JAK1 a jk:JanusKinase }").body
b'true\\n'
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import queue
import re
import signal
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataFileError, JakkgError
from kg.httpclient import redact
from kg.namespaces import PREFIXES, sparql_prologue
from kg.remote import EndpointError, check_endpoint, check_graph, post_form, query_form
from kg.results import (
    MEDIA_TYPES,
    QueryResult,
    ask_from_table,
    default_format,
    parse_results,
    serialize,
)

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000
DEFAULT_MEMORY_MB = 2048
# Oxigraph's parser recurses per bracket; 3,000 levels overflow a worker's stack and kill it.
MAX_NESTING = 256

UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}

# Comments, strings and IRIs are skipped so that keywords inside them do not count.
_TOKENS = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<word>[?$]?[A-Za-z_][\w.-]*(?::[\w.:-]*)?|:[\w.:-]*)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_LOCATION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_CHAR_CLASS = re.compile(r",?\s*\[(?=['_])[^\]]*\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class QuerySyntaxError(JakkgError):
    """A query that does not parse; carries line and column (1-based)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.line, self.column = line, column
        where = f" at line {line}, column {column}" if line else ""
        super().__init__(f"SPARQL syntax error{where}: {message}")


class QueryRefusedError(JakkgError):
    """An UPDATE, LOAD or SERVICE query on a read-only graph or endpoint.

    ``allows`` names what would allow it ("update" or "service"), so that each face can say
    how in its own terms (the CLI names its flag; the endpoint has none).
    """

    def __init__(self, message: str, allows: str | None = None):
        self.allows = allows
        super().__init__(message)


class QueryTimeoutError(JakkgError):
    """A query that ran past the time limit and was stopped."""


class ResultTooLargeError(JakkgError):
    """A result with more rows or triples than the result limit."""


class QueryFailedError(JakkgError):
    """A query that parsed but could not be evaluated (or its worker died)."""


_ERRORS = {
    cls.__name__: cls
    for cls in (
        JakkgError,
        QueryRefusedError,
        QueryTimeoutError,
        ResultTooLargeError,
        QueryFailedError,
    )
}


# ------------------------------------------------------------------ reading and checking


@dataclass(frozen=True)
class QueryShape:
    """What a query is, read from its keywords: its form and whether it updates or federates."""

    form: str  # select | ask | graph | update | unknown
    update_words: tuple[str, ...] = ()
    uses_service: bool = False


def keywords(text: str) -> list[str]:
    """Upper-cased bare words of a query, outside comments, strings and IRIs.

    >>> keywords('SELECT ?s WHERE { ?s rdfs:label "insert" } # DELETE')
    ['SELECT', 'WHERE']
    """
    found = []
    for match in _TOKENS.finditer(text):
        word = match.group("word")
        if word and word[0] not in "?$:" and ":" not in word:
            found.append(word.upper())
    return found


def nesting(text: str) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` outside comments, strings and IRIs.

    >>> nesting('SELECT * WHERE { { ?s ?p "{{{" } FILTER(BOUND(?s)) }')
    3
    """
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        char = match.group("other")
        if char in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif char in ("}", ")", "]"):
            depth = max(depth - 1, 0)
    return deepest


def shape(text: str) -> QueryShape:
    """The form of a query (select/ask/graph/update/unknown) and what it would touch.

    >>> shape("LOAD <http://example.org/x>")
    QueryShape(form='update', update_words=('LOAD',), uses_service=False)
    """
    words = keywords(text)
    updates = tuple(dict.fromkeys(w for w in words if w in UPDATE_WORDS))
    form = next((FORMS[w] for w in words if w in FORMS), "unknown")
    if updates:
        form = "update"
    return QueryShape(form, updates, "SERVICE" in words)


def check_allowed(
    text: str, *, allow_update: bool = False, allow_service: bool = False
) -> QueryShape:
    """The query's shape; raise QueryRefusedError for an update or SERVICE not allowed."""
    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    depth = nesting(text)
    if depth > MAX_NESTING:
        raise QuerySyntaxError(
            f"the query is nested too deeply ({depth} levels of brackets; at most {MAX_NESTING})"
        )
    found = shape(text)
    if found.update_words and not allow_update:
        what = "LOAD" if found.update_words == ("LOAD",) else "UPDATE"
        raise QueryRefusedError(
            f"{what} refused ({', '.join(found.update_words)}): the graph is read-only here",
            "update",
        )
    if found.uses_service and not allow_service:
        raise QueryRefusedError("SERVICE refused: federated queries reach other servers", "service")
    return found


def syntax_error(exc: SyntaxError, text: str) -> QuerySyntaxError:
    """Our error for pyoxigraph's parse error: tidy message, line and column, the line itself."""
    match = _LOCATION.search(str(exc))
    if not match:
        return QuerySyntaxError(str(exc).splitlines()[0])
    line, column, message = int(match[1]), int(match[2]), match[3]
    lines = text.splitlines() or [""]
    source = lines[min(line, len(lines)) - 1]
    if "Prefix not found" in message:
        unknown = [p for p in re.findall(r"([A-Za-z][\w.-]*):", source) if p not in PREFIXES]
        message = "undeclared prefix" + (f" {unknown[0]}:" if unknown else "")
        message += f" (predeclared: {', '.join(p + ':' for p in PREFIXES)})"
    else:
        message = _CHAR_CLASS.sub("", message.replace("\n", " ")).strip().rstrip(",")
        if shape(text).form == "unknown":
            message += " (a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE)"
    excerpt, offset = _excerpt(source, column)
    pointer = " " * offset + "^"
    return QuerySyntaxError(f"{message}\n  {excerpt}\n  {pointer}", line, column)


def _excerpt(source: str, column: int, width: int = 72) -> tuple[str, int]:
    """At most ``width`` characters of ``source`` around ``column``, control characters shown
    escaped; and the pointer's offset in it.

    >>> _excerpt("SELECT " + "x" * 200 + " oops", 209, 20)
    ('…xxxxxxxxx oops', 11)
    """
    start = max(0, column - 1 - width // 2)
    end = start + width
    before = ("…" if start else "") + _shown(source[start : column - 1])
    after = _shown(source[column - 1 : end]) + ("…" if end < len(source) else "")
    return before + after, len(before)


def _shown(text: str) -> str:
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1], text)


def check_syntax(text: str) -> None:
    """Parse ``text`` as a query (with our prefixes) without running it; QuerySyntaxError if bad.

    pyoxigraph evaluates SELECT and CONSTRUCT lazily and an ASK over an empty store at once, so
    parsing against an empty store costs nothing.
    """
    import pyoxigraph as ox

    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise syntax_error(exc, text) from None
    except (OSError, ValueError, RuntimeError):
        pass


def read_query(arg: str) -> str:
    """Query text from ``arg``: ``-`` (stdin), a file, a library query name, or the text itself.

    A file that is not a ``.rq`` file must look like a query (a query form or PREFIX keyword),
    so that a stray path is refused without its content being echoed in an error.
    """
    if arg == "-":
        return sys.stdin.read()
    path = Path(arg)
    named = library_path(arg.removesuffix(".rq"))
    for candidate in (path, named):
        if candidate is not None and _is_file(candidate):
            try:
                text = candidate.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise DataFileError(str(candidate), "not UTF-8 text") from None
            except OSError as exc:
                raise DataFileError(str(candidate), exc.strerror or "cannot read") from None
            if candidate.suffix != ".rq" and not _looks_like_query(text):
                raise DataFileError(
                    str(candidate), "does not look like a SPARQL query (no SELECT, ASK, ...)"
                )
            return text
    if _is_dir(path):
        raise DataFileError(arg, "is a folder, not a query file")
    if arg.endswith(".rq") and "\n" not in arg and not _looks_like_query(arg):
        raise DataFileError(arg, "no such query file (jakkg queries lists the library)")
    return arg


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for text the OS refuses as a name (too long, NUL, bad bytes)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _looks_like_query(text: str) -> bool:
    words = set(keywords(text[:100_000]))
    return bool(words & {*FORMS, *UPDATE_WORDS, "PREFIX", "BASE", "WITH"})


# ------------------------------------------------------------------ the query library


@dataclass(frozen=True)
class LibraryQuery:
    """One ``queries/NAME.rq`` file with its header: the question and the answer's shape."""

    name: str
    path: Path
    question: str
    answer: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"name": self.name, "question": self.question, "answer": self.answer}

    @property
    def text(self) -> str:
        """The query text."""
        return self.path.read_text(encoding="utf-8")


def library_path(name: str) -> Path | None:
    """Path of ``queries/NAME.rq`` if NAME is a plain library name."""
    from kg.sparql import query_dir

    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return None
    return query_dir() / f"{name}.rq"


def library() -> list[LibraryQuery]:
    """The shipped query library, by name, with each header's question and answer shape."""
    from kg.sparql import query_dir

    return [_read_header(path) for path in sorted(query_dir().glob("*.rq"))]


def _read_header(path: Path) -> LibraryQuery:
    fields: dict[str, list[str]] = {"question": [], "answer": []}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        key, _, rest = body.partition(":")
        if key.lower() in fields:
            current = key.lower()
            fields[current].append(rest.strip())
        elif current and line.startswith("#  ") and body:
            fields[current].append(body)
        else:
            current = None
    return LibraryQuery(path.stem, path, *(" ".join(fields[k]) for k in ("question", "answer")))


# ------------------------------------------------------------------ running


def execute(
    store, text: str, *, limit: int = DEFAULT_LIMIT, allow_update: bool = False
) -> QueryResult:
    """Run ``text`` on a pyoxigraph store in this process (no time limit; see QueryService)."""
    from kg.results import from_pyoxigraph

    found = check_allowed(text, allow_update=allow_update, allow_service=True)
    try:
        if found.form == "update":
            before = len(store)
            store.update(text, prefixes=PREFIXES)
            return QueryResult(
                "update",
                message=f"update applied to the in-memory graph ({before} -> {len(store)} "
                "triples); no file was changed",
            )
        result = from_pyoxigraph(store.query(text, prefixes=PREFIXES), limit)
    except SyntaxError as exc:
        raise syntax_error(exc, text) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryFailedError(f"query failed: {exc}") from None
    if result.size > limit:
        noun = "rows" if result.kind == "select" else "triples"
        raise ResultTooLargeError(
            f"result too large: more than {limit} {noun} (the result limit); add LIMIT to the"
            " query or raise the limit (--limit)"
        )
    return result


@dataclass(frozen=True)
class Answer:
    """A serialised answer: its kind, media type, body, size (rows or triples) and time taken."""

    kind: str
    media_type: str
    body: bytes
    size: int
    seconds: float


def _worker_main(conn, files: tuple[str, ...] | None, memory_mb: int) -> None:
    """Worker process: load the graph once, then answer (text, fmt, limit, allow_update)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _limit_memory(memory_mb)
    from kg.store import load_graph

    store = load_graph(files).store
    if not os.environ.get("JAKKG_DEBUG"):
        # A worker killed by the memory cap must not spill a Rust abort message on the user.
        faulthandler.disable()
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        text, fmt, limit, allow_update = request
        try:
            result = execute(store, text, limit=limit, allow_update=allow_update)
            body = serialize(result, fmt)
            conn.send(("ok", result.kind, result.size, body))
        except QuerySyntaxError as exc:
            conn.send(("syntax", str(exc).split(": ", 1)[1], exc.line, exc.column))
        except JakkgError as exc:
            conn.send(("error", type(exc).__name__, str(exc)))
        except ValueError as exc:
            conn.send(("error", "JakkgError", str(exc)))
        except MemoryError:
            conn.send(
                ("error", "QueryFailedError", f"query stopped at the memory limit ({memory_mb} MB)")
            )


def _limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at its current size plus ``memory_mb``."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        cap = current + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (OSError, ValueError, ImportError):
        pass


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object


class QueryService:
    """A pool of worker processes answering queries on the embedded graph within limits.

    Each query runs in one worker; past ``timeout`` seconds of running the worker is killed and
    replaced, so a runaway query never holds a worker. A query waits at most ``queue_wait``
    seconds for a free worker. Results over ``limit`` rows/triples are refused.
    """

    def __init__(
        self,
        files: Iterable[Path | str] | None = None,
        *,
        workers: int = 1,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        allow_update: bool = False,
        allow_service: bool = False,
        start_method: str | None = None,
        queue_wait: float = 60.0,
    ):
        self.files = tuple(str(Path(f).resolve()) for f in files) if files else None
        self.timeout, self.limit, self.memory_mb = timeout, limit, memory_mb
        self.queue_wait = queue_wait
        self.allow_update, self.allow_service = allow_update, allow_service
        method = start_method or ("fork" if threading.active_count() == 1 else "forkserver")
        self._context = multiprocessing.get_context(method)
        if method == "forkserver":
            self._context.set_forkserver_preload(["kg.query", "kg.store", "pyoxigraph"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[int] = set()
        self.restarts = 0
        for _ in range(workers):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(child, self.files, self.memory_mb), daemon=True
        )
        process.start()
        child.close()
        try:
            ready = parent.poll(60) and parent.recv() == ("ready",)
        except (EOFError, OSError):
            ready = False
        if not ready:
            process.kill()
            raise QueryFailedError(
                f"the query worker did not start (is the memory limit, {self.memory_mb} MB,"
                " too low?)"
            )
        with self._lock:
            self._workers.add(process.pid)
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            self._workers.discard(worker.process.pid)
            self.restarts += 1
        self._idle.put(self._spawn())

    @property
    def worker_pids(self) -> set[int]:
        """PIDs of the live workers (for tests and monitoring)."""
        with self._lock:
            return set(self._workers)

    def run(self, text: str, fmt: str = "json") -> Answer:
        """Answer ``text`` serialised as ``fmt``; raises our errors for refusals and limits."""
        found = check_allowed(
            text, allow_update=self.allow_update, allow_service=self.allow_service
        )
        if found.form in ("select", "ask", "graph"):
            try:
                fmt = default_format(found.form, fmt)
            except ValueError as exc:
                raise JakkgError(str(exc)) from None
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise QueryTimeoutError(
                f"every query worker stayed busy for {self.queue_wait:g} s; try again later"
            ) from None
        try:
            worker.conn.send((text, fmt, self.limit, self.allow_update))
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                raise QueryTimeoutError(
                    f"query stopped at the time limit ({self.timeout:g} s); narrow it, add LIMIT,"
                    " or raise the limit (--timeout)"
                )
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise QueryFailedError(
                "the query was stopped: its worker died, most likely at the memory limit"
                f" ({self.memory_mb} MB)"
            ) from None
        self._idle.put(worker)
        seconds = time.monotonic() - started
        if reply[0] == "ok":
            kind, size, body = reply[1:]
            fmt = "turtle" if kind == "graph" and fmt == "table" else fmt
            media = MEDIA_TYPES[fmt] if kind != "update" else MEDIA_TYPES["table"]
            return Answer(kind, media, body, size, seconds)
        if reply[0] == "syntax":
            raise QuerySyntaxError(*reply[1:])
        raise _ERRORS.get(reply[1], JakkgError)(reply[2])

    def close(self) -> None:
        """Stop every worker."""
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
            worker.conn.close()
            with self._lock:
                self._workers.discard(worker.process.pid)

    def __enter__(self) -> QueryService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_query(
    text: str,
    fmt: str = "table",
    *,
    files: Iterable[Path | str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    limit: int = DEFAULT_LIMIT,
    allow_update: bool = False,
    allow_service: bool = False,
) -> Answer:
    """Answer one query on the embedded graph in a killable worker process."""
    with QueryService(
        files, timeout=timeout, limit=limit, allow_update=allow_update, allow_service=allow_service
    ) as service:
        return service.run(text, fmt)


# ------------------------------------------------------------------ remote endpoints


def solutions_query(text: str) -> str | None:
    """The SELECT of a CONSTRUCT's or DESCRIBE's pattern (one constant per solution), or None.

    Same dataset clauses, pattern and modifiers, so it has as many solutions as the graph query.

    >>> solutions_query("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 5")
    'SELECT (1 AS ?one) WHERE { ?s a ?c } LIMIT 5'
    >>> solutions_query("DESCRIBE ?s FROM <urn:g> WHERE { ?s ?p 1 }")
    'SELECT (1 AS ?one) FROM <urn:g> WHERE { ?s ?p 1 }'
    >>> solutions_query("DESCRIBE jkd:JAK1") is None
    True
    """
    tokens = [m for m in _TOKENS.finditer(text) if not m.group("comment") and m[0].strip()]
    form = next((i for i, m in enumerate(tokens) if (m.group("word") or "").upper() in FORMS), None)
    if form is None or tokens[form][0].upper() not in ("CONSTRUCT", "DESCRIBE"):
        return None
    start = None
    if (
        tokens[form][0].upper() == "CONSTRUCT"
        and form + 1 < len(tokens)
        and tokens[form + 1][0] == "{"
    ):
        depth = 0
        for i in range(form + 1, len(tokens)):
            depth += {"{": 1, "}": -1}.get(tokens[i][0], 0)
            if depth == 0:
                start = tokens[i].end()
                break
    else:
        start = next(
            (m.start() for m in tokens[form + 1 :] if m[0].upper() in ("FROM", "WHERE", "{")), None
        )
    if start is None:
        return None
    return text[: tokens[form].start()] + "SELECT (1 AS ?one) " + text[start:].lstrip()


def check_solutions(text: str, endpoint: str, graph: str | None, timeout: float) -> None:
    """Raise IncompleteResultError if the store cut the solutions behind a graph answer."""
    probe = solutions_query(text)
    if probe is not None:
        form = query_form(sparql_prologue() + probe, graph)
        post_form(endpoint, form, MEDIA_TYPES["json"], timeout)


def run_remote(
    text: str,
    endpoint: str,
    *,
    graph: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    limit: int = DEFAULT_LIMIT,
    allow_update: bool = False,
    allow_service: bool = False,
) -> QueryResult:
    """Answer ``text`` at a SPARQL 1.1 endpoint (our prefixes sent along) as a QueryResult.

    ``graph`` is the graph read (``default-graph-uri``). An answer the store cut or stopped
    early raises (see ``kg.remote``), and so does one that reaches ``limit``: a store may cut
    silently at its own cap, so a remote answer of exactly ``limit`` rows cannot be told from a
    cut one. Virtuoso cuts CONSTRUCT and DESCRIBE answers without a word, so their solutions
    are counted with a SELECT of the same pattern (``check_solutions``).
    """
    check_endpoint(endpoint)
    check_graph(graph)
    found = check_allowed(text, allow_update=allow_update, allow_service=allow_service)
    if found.form != "update":
        check_syntax(text)
    full = sparql_prologue() + text
    if found.form == "update":
        post_form(endpoint, {"update": full}, "text/plain", timeout)
        return QueryResult("update", message=f"update sent to {redact(endpoint)}")
    accept = "application/n-triples" if found.form == "graph" else MEDIA_TYPES["json"]
    reply = post_form(endpoint, query_form(full, graph), accept, timeout)
    try:
        result = parse_results(reply.body, reply.media or accept)
        if found.form == "ask" and result.kind == "select":
            result = ask_from_table(result)
    except (SyntaxError, ValueError) as exc:
        shown = redact(endpoint)
        raise EndpointError(f"{shown} sent a result that does not parse: {exc}") from None
    if result.kind == "graph" and reply.headers.get("Server", "").startswith("Virtuoso"):
        check_solutions(text, endpoint, graph, timeout)
    if result.kind in ("select", "graph") and result.size >= limit:
        noun = "rows" if result.kind == "select" else "triples"
        raise ResultTooLargeError(
            f"result too large: the endpoint sent {result.size} {noun}, at least the result"
            f" limit ({limit}), so it may have been cut; add LIMIT to the query or raise the"
            " limit (--limit), keeping it at or below the store's own cap"
        )
    return result
