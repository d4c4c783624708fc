"""Drive the benchmark: generate each size, measure every engine in a child, time cold starts."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import servers
from bench.synth import generate

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "jakkg.ttl"
RESULTS_JSON = Path(__file__).resolve().parent / "results.json"
DEFAULT_SIZES = (10**3, 10**4, 10**5, 10**6)
ENDPOINT_SIZE = 10**6  # the size pushed to a local Oxigraph server
RDFLIB_MAX = 10**6
RDFLIB_LIBRARY_MAX = 10**3  # the library's rank/explain on rdflib time out already here
CHILD_TIMEOUT_S = 1800
HEAVY_MODULES = ("networkx", "rdflib", "pyshacl", "pyvis", "starlette", "uvicorn", "pandas")
COLD_COMMANDS = {
    "show": ["show", "upadacitinib"],
    "rank": ["rank", "dermatomyositis"],
    "explain": ["explain", "upadacitinib", "dermatomyositis"],
}


def child(engine: str, timeout: float = CHILD_TIMEOUT_S, **params: object) -> dict:
    """Run one ``bench.child`` measurement in a fresh interpreter; errors come back as data."""
    command = [sys.executable, "-m", "bench.child", engine, json.dumps(params)]
    try:
        proc = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"]
        return {"error": lines[-1]}
    return json.loads(proc.stdout)


def bench_size(
    size: int,
    seed: int,
    workdir: Path,
    rdflib_max: int = RDFLIB_MAX,
    endpoint: bool = False,
    log=print,
) -> dict:
    """Every engine's measurements for one synthetic graph of about ``size`` triples."""
    path = workdir / f"synth-{size}-{seed}.nt"
    start = time.perf_counter()
    synth = generate(size, path, seed)
    result: dict = {
        "size": size,
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "synth": synth.to_dict() | {"generate_s": time.perf_counter() - start},
        "file_mb": path.stat().st_size / 2**20,
    }
    files = [str(ONTOLOGY), str(path)]
    log(f"  {size:>10,} triples: oxigraph (memory) ...")
    result["oxigraph"] = child(
        "oxigraph", files=files, disease=synth.hub_disease, drug=synth.hub_drug
    )
    explain_drug = result["oxigraph"].get("explain_drug", synth.hub_drug)
    if size <= rdflib_max:
        log(f"  {size:>10,} triples: rdflib ...")
        result["rdflib"] = child(
            "rdflib",
            files=files,
            disease=synth.hub_disease,
            drug=synth.hub_drug,
            explain_drug=explain_drug,
            library=size <= RDFLIB_LIBRARY_MAX,
        )
    else:
        result["rdflib"] = {"skipped": f"rdflib is skipped above {rdflib_max:,} triples"}
    store_dir = workdir / f"store-{size}-{seed}"
    log(f"  {size:>10,} triples: oxigraph (on disk) ...")
    result["disk_load"] = child("disk-load", files=files, store_dir=str(store_dir))
    result["disk_open"] = child(
        "disk-open",
        files=files,
        store_dir=str(store_dir),
        disease=synth.hub_disease,
        explain_drug=explain_drug,
    )
    shutil.rmtree(store_dir, ignore_errors=True)
    if endpoint:
        log(f"  {size:>10,} triples: push to a local Oxigraph server, rank over --endpoint ...")
        result["endpoint"] = bench_endpoint(files, synth.hub_disease, explain_drug, workdir)
        log(f"  {size:>10,} triples: push to a local Virtuoso, rank over --endpoint ...")
        result["endpoint_virtuoso"] = bench_virtuoso(
            files, synth.hub_disease, explain_drug, workdir
        )
    path.unlink(missing_ok=True)
    return result


def bench_endpoint(files: list[str], disease: str, explain_drug: str, workdir: Path) -> dict:
    """Push ``files`` into a fresh local Oxigraph server; time the library and CLI against it."""
    binary = servers.oxigraph_binary()
    if binary is None:
        return {"skipped": "no oxigraph server binary (pip install oxigraph)"}
    location = workdir / "server-store"
    port = servers.free_port()
    base = f"http://{servers.LOOPBACK}:{port}"
    try:
        with servers.running(servers.oxigraph_serve(binary, location, port), base + "/"):
            result = _endpoint_figures(
                files, disease, explain_drug, base + "/store", base + "/query"
            )
    finally:
        shutil.rmtree(location, ignore_errors=True)
    return result


VIRTUOSO_GRAPH = "https://w3id.org/jakkg/bench"


def bench_virtuoso(files: list[str], disease: str, explain_drug: str, workdir: Path) -> dict:
    """The same figures from a fresh local Virtuoso (its small default buffers; no row cap in
    reach), the graph in a named graph read with ``--graph``. Where Virtuoso refuses the one
    big ``PUT`` (at 10^6: "SR172: Transaction deadlocked"), the refusal is recorded and the
    graph goes in through its bulk loader, so the query figures are still on the whole graph."""
    if servers.virtuoso_binary() is None:
        return {"skipped": "no virtuoso-t (Debian: virtuoso-opensource-7-bin)"}
    folder = workdir / "virtuoso"
    folder.mkdir()
    try:
        with servers.virtuoso(folder, max_rows=10**7) as server:
            pushed = child("push", files=files, endpoint=server.store, graph=VIRTUOSO_GRAPH)
            if "error" in pushed:
                start = time.perf_counter()
                servers.bulk_load(server, files, VIRTUOSO_GRAPH)
                pushed["bulk_load_s"] = time.perf_counter() - start
            result = {"push": pushed} | _remote_figures(
                disease, explain_drug, server.sparql, VIRTUOSO_GRAPH
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def _endpoint_figures(
    files: list[str], disease: str, explain_drug: str, store: str, sparql: str
) -> dict:
    """Push to ``store``, then the library and the CLI against ``sparql``."""
    pushed = child("push", files=files, endpoint=store)
    return {"push": pushed} | _remote_figures(disease, explain_drug, sparql)


def _remote_figures(disease: str, explain_drug: str, sparql: str, graph: str | None = None) -> dict:
    """The library and the CLI against ``sparql`` (reading ``graph``)."""
    result: dict = {"measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    result["remote"] = child(
        "remote", endpoint=sparql, disease=disease, explain_drug=explain_drug, graph=graph
    )
    name = disease.rsplit("/", 1)[1]
    command = [*jakkg_command(), "rank", name, "--endpoint", sparql]
    command += ["--graph", graph] if graph else []
    walls = [_wall(command)]
    result["cli_rank"] = {
        "median_ms": statistics.median(w[0] for w in walls) * 1000,
        "exit_code": walls[-1][1],
        "error": walls[-1][2] if walls[-1][1] else None,
    }
    return result


def jakkg_command() -> list[str]:
    """How to start the ``jakkg`` CLI: the console script beside this Python, or ``-m``."""
    script = Path(sys.executable).with_name("jakkg")
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from kg.cli import run; run()"]
    )


def _wall(command: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    last = (proc.stderr.strip().splitlines() or [""])[-1]
    return elapsed, proc.returncode, last


def heavy_imports(args: list[str]) -> list[str]:
    """Heavy libraries a CLI command imports (it should import none of them for a lookup)."""
    probe = (
        "import sys\n"
        "from kg.cli import main\n"
        f"try:\n    main({args!r}, standalone_mode=False)\nexcept BaseException:\n    pass\n"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False
    )
    marked = [line for line in proc.stdout.splitlines() if line.startswith("HEAVY:")]
    return [m for m in marked[-1].removeprefix("HEAVY:").split(",") if m] if marked else []


def cold_start(runs: int = 7) -> dict:
    """Median whole-process wall time of each CLI lookup, interleaved with the click floor."""
    commands = {"import click": [sys.executable, "-c", "import click"]}
    commands |= {name: [*jakkg_command(), *args] for name, args in COLD_COMMANDS.items()}
    for command in commands.values():
        _wall(command)  # warm the page cache and bytecode
    times: dict[str, list[float]] = {name: [] for name in commands}
    status: dict[str, tuple[int, str]] = {}
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, code, last = _wall(command)
            times[name].append(elapsed)
            status[name] = (code, last)
    floor = statistics.median(times["import click"])
    result: dict = {
        "runs": runs,
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commands": {},
    }
    for name, samples in times.items():
        code, last = status[name]
        median = statistics.median(samples)
        entry = {"median_ms": median * 1000, "ratio": median / floor, "exit_code": code}
        if code != 0:
            entry["error"] = last
        if name in COLD_COMMANDS:
            entry["heavy_imports"] = heavy_imports(COLD_COMMANDS[name])
        result["commands"][name] = entry
    return result


def machine() -> dict:
    """Where the numbers were measured."""
    import networkx
    import pyoxigraph
    import rdflib

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "networkx": networkx.__version__,
    }


def load_results(path: Path = RESULTS_JSON) -> dict:
    """Earlier results (sizes measured by other runs are kept; remeasured ones replaced)."""
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"sizes": {}}


def run(
    sizes: list[int],
    seed: int = 0,
    cold_runs: int = 7,
    rdflib_max: int = RDFLIB_MAX,
    endpoint_size: int = ENDPOINT_SIZE,
    results_path: Path = RESULTS_JSON,
    log=print,
) -> dict:
    """Measure ``sizes`` and the cold starts, merge into the results file and return it all."""
    from kg.atomic import write_atomic

    results = load_results(results_path)
    results["machine"] = machine()
    with tempfile.TemporaryDirectory(prefix="jakkg-bench-") as tmp:
        # Children that load a big graph through kg.store (push) build kg.cache stores:
        # keep those in the temporary directory, not in the user's cache.
        os.environ["JAKKG_CACHE_DIR"] = str(Path(tmp) / "cache")
        for size in sizes:
            results["sizes"][str(size)] = bench_size(
                size, seed, Path(tmp), rdflib_max, size == endpoint_size, log
            )
            write_atomic(results_path, json.dumps(results, indent=2, sort_keys=True) + "\n")
    if cold_runs:
        log(f"  cold start of the CLI on the shipped graph ({cold_runs} runs each) ...")
        results["cold_start"] = cold_start(cold_runs)
    write_atomic(results_path, json.dumps(results, indent=2, sort_keys=True) + "\n")
    return results
