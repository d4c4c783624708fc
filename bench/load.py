"""Load on ``jakkg serve``: concurrent clients send library, malformed, refused and runaway queries.

    python -m bench.load [--clients 16] [--requests 800] [--output bench/load.md]

Starts the endpoint on a free loopback port, checks every answer (library queries against the
embedded graph's answer, bad ones for a clean 400/403, runaway ones for a 503 at the time limit),
and reports throughput, p50/p99 latency, worker restarts and the server's memory (RSS of the
server and its worker processes) before and after.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench import servers

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MALFORMED = (
    "SELECT * WHERE { ?s ?p ",
    "SELEC ?x WHERE { ?x ?y ?z }",
    "SELECT ?x WHERE { ?x nope:thing ?z }",
    "ASK { ?s ?p ?o } }}",
    "SELECT * WHERE { FILTER( }",
)
REFUSED = (
    "INSERT DATA { jkd:x rdfs:label 'x' }",
    "LOAD <http://example.org/data.ttl>",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "DELETE WHERE { ?s ?p ?o }",
)
LIBRARY = (
    "tyk2-cytokines", "jak-cytokine-matrix", "dermatomyositis-full-coverage",
    "upadacitinib-edge-sources", "off-label-without-approval", "indirect-cytokines",
    "shared-targets", "cross-references", "approvals", "disease-cytokine-jaks",
    "inhibitor-selectivity", "evidence-profile", "unsourced-edges", "seed-paper-evidence",
    "receptor-complexes", "class-counts", "property-counts",
)  # fmt: skip


@dataclass
class Outcome:
    """One request: its kind, HTTP status, seconds taken and whether the answer was right."""

    kind: str
    status: int
    seconds: float
    correct: bool
    detail: str = ""


@dataclass
class LoadReport:
    """What a load run measured."""

    clients: int
    requests: int
    seconds: float
    outcomes: list[Outcome] = field(default_factory=list)
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0
    restarts: int = 0
    workers_after: int = 0
    timeout: float = 0.0

    def latencies(self, kind: str) -> list[float]:
        return sorted(o.seconds for o in self.outcomes if o.kind == kind)

    def percentile(self, kind: str, q: float) -> float:
        values = self.latencies(kind)
        if not values:
            return float("nan")
        return values[min(len(values) - 1, round(q * (len(values) - 1)))]

    @property
    def wrong(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]

    def markdown(self) -> str:
        """The run as a Markdown section."""
        kinds = ("library", "malformed", "refused", "runaway")
        lines = [
            f"clients: {self.clients} · requests: {self.requests} · wall time: "
            f"{self.seconds:.1f} s · throughput: {self.requests / self.seconds:.0f} requests/s "
            f"· query time limit: {self.timeout:g} s",
            "",
            "| kind | requests | correct | p50 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for kind in kinds:
            done = [o for o in self.outcomes if o.kind == kind]
            if not done:
                continue
            right = sum(o.correct for o in done)
            p50, p99 = self.percentile(kind, 0.5), self.percentile(kind, 0.99)
            slowest = max(o.seconds for o in done)
            lines.append(
                f"| {kind} | {len(done)} | {right} | {p50 * 1000:.1f} | {p99 * 1000:.1f} | "
                f"{slowest * 1000:.1f} |"
            )
        lines += [
            "",
            f"worker restarts (runaway queries killed): {self.restarts}; live workers after the "
            f"run: {self.workers_after}",
            f"server + workers RSS: {self.rss_before_mb:.0f} MB before, "
            f"{self.rss_after_mb:.0f} MB after",
        ]
        return "\n".join(lines) + "\n"


def start(workers: int, timeout: float, limit: int) -> tuple[subprocess.Popen, str]:
    """``jakkg serve`` on a free loopback port; the process and its base URL."""
    port = servers.free_port()
    options = ["--workers", str(workers), "--timeout", str(timeout), "--limit", str(limit)]
    base = f"http://{servers.LOOPBACK}:{port}"
    return servers.start(servers.jakkg_serve(port, *options), base + "/health"), base


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    import psutil

    root = psutil.Process(pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total / 1e6


def health(base: str) -> dict:
    with urllib.request.urlopen(base + "/health", timeout=10) as response:
        return json.load(response)


def normal(body: bytes) -> list[tuple]:
    """SPARQL JSON results as sorted rows of (variable, value) with list cells as sets."""
    data = json.loads(body)
    if "boolean" in data:
        return [("boolean", data["boolean"])]
    return sorted(
        tuple(sorted((k, ", ".join(sorted(v["value"].split(", ")))) for k, v in b.items()))
        for b in data["results"]["bindings"]
    )


def expected_answers() -> dict[str, tuple[str, list[tuple]]]:
    """Each library query's text and its answer on the embedded graph."""
    from kg.query import execute, read_query
    from kg.results import serialize
    from kg.store import load_graph

    store = load_graph().store
    answers = {}
    for name in LIBRARY:
        text = read_query(name)
        answers[name] = (text, normal(serialize(execute(store, text, limit=100_000), "json")))
    return answers


def send(base: str, kind: str, text: str, expected, timeout: float) -> Outcome:
    data = urllib.parse.urlencode({"query": text}).encode()
    request = urllib.request.Request(
        base + "/sparql",
        data=data,
        headers={"Accept": "application/sparql-results+json",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout * 4 + 30) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    seconds = time.perf_counter() - started
    message = body.decode("utf-8", "replace")
    if kind == "library":
        correct = status == 200 and normal(body) == expected
    elif kind == "malformed":
        correct = status == 400 and "SPARQL syntax error at line" in message
    elif kind == "refused":
        correct = status == 403 and "refused" in message
    else:
        correct = status == 503 and "time limit" in message and seconds < timeout * 4 + 2
    detail = "" if correct else f"{status}: {message[:200]}"
    return Outcome(kind, status, seconds, correct, detail)


def run(
    clients: int = 16,
    requests: int = 800,
    runaways: int = 6,
    workers: int = 4,
    timeout: float = 2.0,
    seed: int = 5,
) -> LoadReport:
    """Start the endpoint, send the mix from ``clients`` threads, stop it, report."""
    answers = expected_answers()
    rng = random.Random(seed)
    plan = []
    for _ in range(requests - runaways):
        roll = rng.random()
        if roll < 0.8:
            name = rng.choice(LIBRARY)
            plan.append(("library", *answers[name]))
        elif roll < 0.92:
            plan.append(("malformed", rng.choice(MALFORMED), None))
        else:
            plan.append(("refused", rng.choice(REFUSED), None))
    for position in sorted(rng.sample(range(len(plan)), runaways)):
        plan.insert(position, ("runaway", RUNAWAY, None))
    process, base = start(workers, timeout, 10_000)
    try:
        report = LoadReport(clients, len(plan), 0.0, timeout=timeout)
        report.rss_before_mb = rss_mb(process.pid)
        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            report.outcomes = list(
                pool.map(lambda item: send(base, item[0], item[1], item[2], timeout), plan)
            )
        report.seconds = time.perf_counter() - started
        state = health(base)
        report.restarts, report.workers_after = state["restarts"], len(state["workers"])
        report.rss_after_mb = rss_mb(process.pid)
    finally:
        servers.stop(process)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    report = run(args.clients, args.requests)
    text = report.markdown()
    print(text)
    for outcome in report.wrong[:10]:
        print("WRONG", outcome)
    if args.output:
        from kg.atomic import write_atomic

        write_atomic(args.output, "# Endpoint load test (`python -m bench.load`)\n\n" + text)


if __name__ == "__main__":
    main()
