"""``python -m bench``: measure, print a summary and write ``bench/results.md``.

Examples::

    python -m bench                       # 10^3 .. 10^6 triples and the CLI cold starts
    python -m bench --sizes 1e7 --cold-runs 0   # the PrimeKG-sized graph only
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.report import markdown, terminal
from bench.run import DEFAULT_SIZES, ENDPOINT_SIZE, RDFLIB_MAX, RESULTS_JSON, run

RESULTS_MD = Path(__file__).resolve().parent / "results.md"


def parse_sizes(text: str) -> list[int]:
    """``"1e3,1e4,2e6"`` -> ``[1000, 10000, 2000000]``."""
    return [int(float(part)) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated triple counts (default 1e3,1e4,1e5,1e6; add 1e7 for the big one)",
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument(
        "--cold-runs", type=int, default=7, help="runs per CLI cold-start figure; 0 skips them"
    )
    parser.add_argument(
        "--rdflib-max",
        type=lambda t: int(float(t)),
        default=RDFLIB_MAX,
        help="largest size rdflib is run on (default 1e6)",
    )
    parser.add_argument(
        "--endpoint-size",
        type=lambda t: int(float(t)),
        default=ENDPOINT_SIZE,
        help="size pushed to a local Oxigraph server for the --endpoint figures (default 1e6)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="forget sizes measured by earlier runs"
    )
    args = parser.parse_args(argv)
    from kg.atomic import write_atomic

    if args.fresh:
        RESULTS_JSON.unlink(missing_ok=True)
    print(f"jakkg benchmark: sizes {', '.join(f'{s:,}' for s in args.sizes)}, seed {args.seed}")
    results = run(args.sizes, args.seed, args.cold_runs, args.rdflib_max, args.endpoint_size)
    write_atomic(RESULTS_MD, markdown(results))
    print()
    print(terminal(results))
    print(f"\nwrote {RESULTS_MD} and {RESULTS_JSON}")


if __name__ == "__main__":
    main()
