"""The coverage heatmap (kg/heatmap.py): marks, formats, escaping, the CLI."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import JakkgError
from kg.heatmap import cell_marks, cell_title, heatmap_figure, render_heatmap, write_heatmap
from kg.rationale import coverage_matrix
from kg.store import KnowledgeGraph, default_files, load_graph

pytest.importorskip("matplotlib")

SAMPLE = Path(__file__).parent / "data" / "viz-sample.ttl"
HOSTILE = "<script>alert(1)</script> & itch"
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""")


@pytest.fixture(scope="module")
def hostile_sample(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The viz sample with a disease label that is markup."""
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("heatmap") / "sample.ttl"
    path.write_text(text.replace('"T-itch"@en', f'"{HOSTILE}"@en'), encoding="utf-8")
    return load_graph([default_files()[0], path])


@pytest.mark.parametrize(
    ("approved", "reported", "marks"),
    [(True, False, "A"), (False, True, "R"), (True, True, "A R"), (False, False, "")],
)
def test_cell_marks(approved: bool, reported: bool, marks: str) -> None:
    assert cell_marks(approved, reported) == marks


def test_figure_marks_every_approved_and_reported_cell() -> None:
    matrix = coverage_matrix()
    figure = heatmap_figure(matrix)
    texts = [t.get_text() for t in figure.axes[0].texts]
    expected = [
        cell_marks(c.approved, c.reported)
        for d in matrix.drugs
        for s in matrix.diseases
        if (c := matrix.cell(d, s)).approved or c.reported
    ]
    assert sorted(texts) == sorted(expected) and expected
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert ticks == [d.label for d in matrix.drugs]


def test_png_svg_and_html_render() -> None:
    matrix = coverage_matrix()
    assert render_heatmap(matrix, "png").startswith(b"\x89PNG\r\n\x1a\n")
    svg = render_heatmap(matrix, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert matrix.drugs[0].label in svg.decode("utf-8")  # text stays text
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert len(titles) == len(matrix.drugs) * len(matrix.diseases)
    assert cell_title(matrix, 0, 0) in titles
    page = render_heatmap(matrix, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert not REMOTE.search(page) and "<?xml" not in page
    with pytest.raises(JakkgError):
        render_heatmap(matrix, "gif")


def test_labels_are_escaped_in_svg_and_html(hostile_sample: KnowledgeGraph) -> None:
    matrix = coverage_matrix(hostile_sample)
    assert HOSTILE in [d.label for d in matrix.diseases]
    for fmt in ("svg", "html"):
        text = render_heatmap(matrix, fmt).decode("utf-8")
        assert "<script" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; itch" in text
        assert "T-nib × &lt;script&gt;" in text  # the cell's hover title


def test_write_heatmap_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".html", b"<!DOCTYPE")):
        path = write_heatmap(tmp_path / f"coverage{suffix}")
        assert path.read_bytes().startswith(magic)
    with pytest.raises(JakkgError, match=r"\.png, \.svg, \.html or \.htm"):
        write_heatmap(tmp_path / "coverage.jpg")
    with pytest.raises(JakkgError, match="no such folder"):
        write_heatmap(tmp_path / "missing" / "coverage.png")


def test_cli_heatmap(tmp_path: Path) -> None:
    target = tmp_path / "coverage.svg"
    result = CliRunner().invoke(main, ["heatmap", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target) and target.stat().st_size > 1000
    result = CliRunner().invoke(main, ["heatmap", "-o", str(target), "--format", "json"])
    assert json.loads(result.output) == {"path": str(target)}
    result = CliRunner().invoke(main, ["heatmap", "-o", str(tmp_path / "coverage.txt")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_missing_matplotlib_is_a_clear_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # import now raises ImportError
    with pytest.raises(JakkgError, match=r"needs matplotlib: pip install 'jakkg\[plots\]'"):
        heatmap_figure(coverage_matrix())
