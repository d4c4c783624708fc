"""Drug heatmaps (PNG, SVG, or an offline HTML page with the SVG inside).

Two views share one drawing (``Grid``): the drug × disease coverage heatmap, whose colour is
the mechanistic coverage from ``kg.rationale.coverage_matrix`` and whose cells are marked
``A`` when a label approves the drug for the disease and ``R`` when use outside the label is
reported effective; and the drug × cytokine inhibition heatmap from
``kg.pharmacology.inhibition_grid``, whose colour is the measured average daily inhibition and
whose unmeasured cells stay blank, never 0. Drawn with matplotlib, imported only when a
heatmap is drawn.

>>> cell_marks(approved=True, reported=True)
'A R'
"""

from __future__ import annotations

import html
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.atomic import output_target, write_atomic
from kg.errors import JakkgError
from kg.pharmacology import InhibitionGrid, inhibition_grid
from kg.rationale import Matrix, coverage_matrix
from kg.store import Graph, load_graph

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "html")
VIEWS = ("coverage", "inhibition")
COLOURMAP = "YlGnBu"
TITLE = "JAK inhibitor coverage of disease cytokine pathways"
KEY = "colour: coverage (0 none, 1 every implicated cytokine)   A: approved   R: reported effective"
INHIBITION_TITLE = "Measured inhibition of cytokine signalling by JAK inhibitors"
INHIBITION_KEY = (
    "colour: highest average daily % inhibition at a stated dose (blank: none recorded, not 0)\n"
    "IC50: an IC50 but no % recorded   S: only a relation stated in words   hover: every source"
)


@dataclass(frozen=True)
class Grid:
    """What one heatmap draws: rows × columns of values (None: blank), marks and hover titles."""

    title: str
    key: str
    colour_label: str
    vmax: float
    rows: list[str]
    columns: list[str]
    values: list[list[float | None]]
    marks: list[list[str]]
    titles: list[list[str]]


def cell_marks(approved: bool, reported: bool) -> str:
    """The annotation of one cell: ``A`` (approved), ``R`` (reported effective), both, or none."""
    return " ".join(mark for mark, on in (("A", approved), ("R", reported)) if on)


def heatmap_figure(matrix: Matrix) -> Figure:
    """A matplotlib figure of ``matrix``: drugs as rows, diseases as columns."""
    return grid_figure(coverage_grid(matrix))


def coverage_grid(matrix: Matrix) -> Grid:
    """The coverage view of ``matrix``: colour coverage, marks A/R, hover ``cell_title``."""
    if not matrix.drugs or not matrix.diseases:
        raise JakkgError("no drug or no disease with implicated cytokines to draw")
    cells = [[matrix.cell(d, s) for s in matrix.diseases] for d in matrix.drugs]
    return Grid(
        title=TITLE,
        key=KEY,
        colour_label="coverage",
        vmax=1.0,
        rows=[d.label for d in matrix.drugs],
        columns=[d.label for d in matrix.diseases],
        values=[[c.coverage for c in row] for row in cells],
        marks=[[cell_marks(c.approved, c.reported) for c in row] for row in cells],
        titles=[
            [cell_title(matrix, r, c) for c in range(len(matrix.diseases))]
            for r in range(len(matrix.drugs))
        ],
    )


def inhibition_view(grid: InhibitionGrid) -> Grid:
    """The inhibition view: colour the highest average daily %, marks say what else is known."""
    if not grid.drugs or not grid.cytokines:
        raise JakkgError("no measured or source-stated signalling inhibition to draw")
    marks, titles = [], []
    for r, (drug, drug_label) in enumerate(grid.drugs):
        marks.append([])
        titles.append([])
        for c, (cytokine, cytokine_label) in enumerate(grid.cytokines):
            notes = grid.notes.get((drug, cytokine), [])
            kinds = grid.kinds.get((drug, cytokine), set())
            value = grid.values[r][c]
            marks[-1].append(
                f"{value:g}" if value is not None else next(
                    (mark for kind, mark in (("ic50", "IC50"), ("stated", "S")) if kind in kinds),
                    "",
                )
            )  # fmt: skip
            head = f"{drug_label} × {cytokine_label}: "
            titles[-1].append(head + ("; ".join(notes) if notes else "nothing recorded"))
    return Grid(
        title=INHIBITION_TITLE,
        key=INHIBITION_KEY,
        colour_label="average daily inhibition (%)",
        vmax=100.0,
        rows=[label for _, label in grid.drugs],
        columns=[label for _, label in grid.cytokines],
        values=grid.values,
        marks=marks,
        titles=titles,
    )


def grid_figure(grid: Grid) -> Figure:
    """A matplotlib figure of ``grid``; a None value is left blank (no colour), never drawn as 0."""
    try:
        from matplotlib import colormaps
        from matplotlib.figure import Figure
        from matplotlib.patches import Rectangle
    except ImportError:
        raise JakkgError(
            "the heatmap needs matplotlib: pip install 'jakkg[plots]' (or matplotlib)"
        ) from None
    values = [[math.nan if v is None else v for v in row] for row in grid.values]
    colours = colormaps[COLOURMAP].with_extremes(bad=(1, 1, 1, 0))
    width = 3.2 + 0.55 * len(grid.columns)
    height = 2.6 + 0.38 * len(grid.rows)
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.add_subplot()
    image = axes.imshow(values, cmap=colours, vmin=0.0, vmax=grid.vmax, aspect="auto")
    axes.set_xticks(range(len(grid.columns)), grid.columns)
    axes.set_yticks(range(len(grid.rows)), grid.rows)
    axes.tick_params(axis="x", labelrotation=55)
    for label in axes.get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    for row in range(len(grid.rows)):
        for column in range(len(grid.columns)):
            # An invisible patch per cell: the SVG gets a hover title for it (see _titled).
            axes.add_patch(
                Rectangle(
                    (column - 0.5, row - 0.5), 1, 1, facecolor=(1, 1, 1, 0), edgecolor="none",
                    gid=f"cell-{row}-{column}",
                )
            )  # fmt: skip
            mark = grid.marks[row][column]
            if mark:
                value = grid.values[row][column]
                dark = value is not None and value > 0.6 * grid.vmax
                axes.text(
                    column, row, mark, ha="center", va="center", fontsize=9,
                    fontweight="bold", color="white" if dark else "black",
                )  # fmt: skip
    axes.set_title(grid.title, fontsize=12)
    figure.colorbar(image, ax=axes, label=grid.colour_label, shrink=0.8)
    axes.set_xlabel(grid.key, fontsize=8, color="#444444", labelpad=8)
    axes.set_xticks([x - 0.5 for x in range(1, len(grid.columns))], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, len(grid.rows))], minor=True)
    axes.grid(which="minor", color="#dddddd", linewidth=1.5)
    axes.tick_params(which="minor", length=0)
    return figure


def render_heatmap(matrix: Matrix, fmt: str) -> bytes:
    """The coverage heatmap of ``matrix`` as ``png``, ``svg`` or ``html`` bytes."""
    return render_grid(coverage_grid(matrix), fmt)


def render_grid(grid: Grid, fmt: str) -> bytes:
    """The heatmap of ``grid`` as ``png``, ``svg`` or ``html`` bytes."""
    if fmt not in FORMATS:
        raise JakkgError(f"heatmap format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    figure = grid_figure(grid)
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
    svg = _titled(buffer.getvalue().decode("utf-8"), grid)
    if fmt == "svg":
        return svg.encode("utf-8")
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and DOCTYPE: it is inline now
    page = PAGE.format(title=html.escape(grid.title), key=html.escape(grid.key), svg=svg)
    return page.encode("utf-8")


def cell_title(matrix: Matrix, row: int, column: int) -> str:
    """Hover text of one cell: ``drug × disease: coverage 75%; approved`` (as the CLI says it)."""
    drug, disease = matrix.drugs[row], matrix.diseases[column]
    cell = matrix.cell(drug, disease)
    words = [f"coverage {cell.coverage:.0%}"]
    words += [
        w for w, on in (("approved", cell.approved), ("reported effective", cell.reported)) if on
    ]
    return f"{drug.label} × {disease.label}: " + "; ".join(words)


def _titled(svg: str, grid: Grid) -> str:
    """Give each cell's (unfilled) patch an escaped ``<title>`` that browsers show on hover."""

    def add(match: re.Match[str]) -> str:
        row, column = int(match.group(1)), int(match.group(2))
        title = html.escape(grid.titles[row][column])
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


def write_heatmap(path: Path | str, graph: Graph | None = None, view: str = "coverage") -> Path:
    """Draw a heatmap of ``graph`` to ``path`` (format from its suffix), atomically.

    ``view`` is ``coverage`` (drug × disease) or ``inhibition`` (drug × cytokine, measured).
    """
    if view not in VIEWS:
        raise JakkgError(f"heatmap view must be one of {', '.join(VIEWS)}, not {view!r}")
    target = output_target(path, (".png", ".svg", ".html", ".htm"))
    suffix = target.suffix.lower().lstrip(".")
    fmt = "html" if suffix == "htm" else suffix
    graph = graph or load_graph()
    if view == "coverage":
        grid = coverage_grid(coverage_matrix(graph))
    else:
        grid = inhibition_view(inhibition_grid(graph))
    return write_atomic(target, render_grid(grid, fmt))
