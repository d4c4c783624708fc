"""Figures that say how well a ``jakkg rank --all --format json`` matrix discriminates.

    python -m bench.ranking_figures BEFORE.json [AFTER.json]

For each matrix: how many drugs tie at the top score per disease (median, mean), and how the
scores of drug–disease pairs with clinical evidence (approved or reported effective) compare
with the rest — their mean coverage, and the within-disease AUC: the chance that, in the same
disease, a pair with evidence scores above one without (ties count one half). With two
matrices, also how many cells changed.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path


def cells(matrix: dict) -> dict[tuple[str, str], dict]:
    """(drug label, disease label) -> cell."""
    return {
        (row["drug"]["label"], cell["disease"]): cell
        for row in matrix["rows"]
        for cell in row["cells"]
    }


def figures(matrix: dict) -> dict[str, float]:
    """Ties at the top, and how evidence pairs score against the rest."""
    found = cells(matrix)
    diseases = sorted({d for _, d in found})
    ties, wins, pairs = [], 0.0, 0
    with_evidence, without = [], []
    for disease in diseases:
        scores = [
            (c["coverage"], c["approved"] or c["reported"])
            for (_, d), c in found.items()
            if d == disease
        ]
        top = max(s for s, _ in scores)
        ties.append(sum(1 for s, _ in scores if s == top))
        good = [s for s, e in scores if e]
        rest = [s for s, e in scores if not e]
        with_evidence += good
        without += rest
        for g in good:
            for r in rest:
                wins += 1.0 if g > r else 0.5 if g == r else 0.0
                pairs += 1
    return {
        "diseases": len(diseases),
        "median drugs tied at the top": statistics.median(ties),
        "mean drugs tied at the top": round(statistics.mean(ties), 2),
        "pairs with evidence": len(with_evidence),
        "mean coverage, pairs with evidence": round(statistics.mean(with_evidence), 3),
        "mean coverage, other pairs": round(statistics.mean(without), 3),
        "within-disease AUC (evidence vs rest)": round(wins / pairs, 3) if pairs else float("nan"),
    }


def main(paths: list[str]) -> None:
    """Print the figures of each matrix, then how many cells changed between two."""
    matrices = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
    for path, matrix in zip(paths, matrices, strict=True):
        print(path)
        for key, value in figures(matrix).items():
            print(f"  {key}: {value}")
    if len(matrices) == 2:
        before, after = (cells(m) for m in matrices)
        shared = before.keys() & after.keys()
        changed = sum(1 for k in shared if before[k]["coverage"] != after[k]["coverage"])
        print(f"cells in both: {len(shared)}; coverage changed: {changed}")
        gone, new = len(before.keys() - after.keys()), len(after.keys() - before.keys())
        print(f"cells only before: {gone}; only after: {new}")


if __name__ == "__main__":
    main(sys.argv[1:])
