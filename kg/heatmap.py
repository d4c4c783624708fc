"""The drug × disease coverage heatmap (PNG, SVG, or an offline HTML page with the SVG inside).

Colour is the mechanistic coverage from ``kg.rationale.coverage_matrix``; each cell is marked
``A`` when a label approves the drug for the disease and ``R`` when use outside the label is
reported effective, so mechanism and clinical evidence stay side by side. Drawn with
matplotlib, imported only when a heatmap is drawn.

>>> cell_marks(approved=True, reported=True)
'A R'
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from kg.atomic import output_target, write_atomic
from kg.errors import JakkgError
from kg.rationale import Matrix, coverage_matrix
from kg.store import Graph, load_graph

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "html")
COLOURMAP = "YlGnBu"
TITLE = "JAK inhibitor coverage of disease cytokine pathways"
KEY = "colour: coverage (0 none, 1 every implicated cytokine)   A: approved   R: reported effective"


def cell_marks(approved: bool, reported: bool) -> str:
    """The annotation of one cell: ``A`` (approved), ``R`` (reported effective), both, or none."""
    return " ".join(mark for mark, on in (("A", approved), ("R", reported)) if on)


def heatmap_figure(matrix: Matrix) -> Figure:
    """A matplotlib figure of ``matrix``: drugs as rows, diseases as columns."""
    try:
        from matplotlib.figure import Figure
        from matplotlib.patches import Rectangle
    except ImportError:
        raise JakkgError(
            "the heatmap needs matplotlib: pip install 'jakkg[plots]' (or matplotlib)"
        ) from None
    if not matrix.drugs or not matrix.diseases:
        raise JakkgError("no drug or no disease with implicated cytokines to draw")
    values = [[matrix.cell(d, s).coverage for s in matrix.diseases] for d in matrix.drugs]
    width = 3.2 + 0.55 * len(matrix.diseases)
    height = 2.6 + 0.38 * len(matrix.drugs)
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.add_subplot()
    image = axes.imshow(values, cmap=COLOURMAP, vmin=0.0, vmax=1.0, aspect="auto")
    axes.set_xticks(range(len(matrix.diseases)), [d.label for d in matrix.diseases])
    axes.set_yticks(range(len(matrix.drugs)), [d.label for d in matrix.drugs])
    axes.tick_params(axis="x", labelrotation=55)
    for label in axes.get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    for row, drug in enumerate(matrix.drugs):
        for column, disease in enumerate(matrix.diseases):
            cell = matrix.cell(drug, disease)
            # An invisible patch per cell: the SVG gets a hover title for it (see _titled).
            axes.add_patch(
                Rectangle(
                    (column - 0.5, row - 0.5), 1, 1, facecolor=(1, 1, 1, 0), edgecolor="none",
                    gid=f"cell-{row}-{column}",
                )
            )  # fmt: skip
            marks = cell_marks(cell.approved, cell.reported)
            if marks:
                dark = cell.coverage > 0.6
                axes.text(
                    column, row, marks, ha="center", va="center", fontsize=9,
                    fontweight="bold", color="white" if dark else "black",
                )  # fmt: skip
    axes.set_title(TITLE, fontsize=12)
    figure.colorbar(image, ax=axes, label="coverage", shrink=0.8)
    axes.set_xlabel(KEY, fontsize=8, color="#444444", labelpad=8)
    axes.set_xticks([x - 0.5 for x in range(1, len(matrix.diseases))], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, len(matrix.drugs))], minor=True)
    axes.grid(which="minor", color="white", linewidth=1.5)
    axes.tick_params(which="minor", length=0)
    return figure


def render_heatmap(matrix: Matrix, fmt: str) -> bytes:
    """The heatmap of ``matrix`` as ``png``, ``svg`` or ``html`` bytes."""
    if fmt not in FORMATS:
        raise JakkgError(f"heatmap format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    figure = heatmap_figure(matrix)
    buffer = io.BytesIO()
    # Text stays text in SVG (searchable, escaped by matplotlib); no date, stable ids.
    from matplotlib import rc_context

    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "jakkg"}):
        figure.savefig(
            buffer,
            format="png" if fmt == "png" else "svg",
            dpi=150,
            metadata={"Date": None} if fmt != "png" else None,
        )
    if fmt == "png":
        return buffer.getvalue()
    svg = _titled(buffer.getvalue().decode("utf-8"), matrix)
    if fmt == "svg":
        return svg.encode("utf-8")
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and DOCTYPE: it is inline now
    return PAGE.format(title=html.escape(TITLE), key=html.escape(KEY), svg=svg).encode("utf-8")


def cell_title(matrix: Matrix, row: int, column: int) -> str:
    """Hover text of one cell: ``drug × disease: coverage 75%; approved`` (as the CLI says it)."""
    drug, disease = matrix.drugs[row], matrix.diseases[column]
    cell = matrix.cell(drug, disease)
    words = [f"coverage {cell.coverage:.0%}"]
    words += [
        w for w, on in (("approved", cell.approved), ("reported effective", cell.reported)) if on
    ]
    return f"{drug.label} × {disease.label}: " + "; ".join(words)


def _titled(svg: str, matrix: Matrix) -> str:
    """Give each cell's (unfilled) patch an escaped ``<title>`` that browsers show on hover."""

    def add(match: re.Match[str]) -> str:
        row, column = int(match.group(1)), int(match.group(2))
        title = html.escape(cell_title(matrix, row, column))
        return f'<g id="cell-{row}-{column}" pointer-events="all"><title>{title}</title>'

    return re.sub(r'<g id="cell-(\d+)-(\d+)">', add, svg)


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font: 14px/1.4 system-ui, sans-serif; margin: 12px; color: #222; }}
  svg {{ max-width: 100%; height: auto; }}
</style>
</head>
<body>
<h1 style="font-size:18px">{title}</h1>
<p>{key}</p>
{svg}
</body>
</html>
"""


def write_heatmap(path: Path | str, graph: Graph | None = None) -> Path:
    """Draw the coverage heatmap of ``graph`` to ``path`` (format from its suffix), atomically."""
    target = output_target(path, (".png", ".svg", ".html", ".htm"))
    suffix = target.suffix.lower().lstrip(".")
    fmt = "html" if suffix == "htm" else suffix
    content = render_heatmap(coverage_matrix(graph or load_graph()), fmt)
    return write_atomic(target, content)
