"""Every notebook runs top to bottom in a fresh kernel, offline, without an error, and its
committed outputs are the ones it gives now (compared by ``build_notebooks.comparable``, which
leaves out execution counts, memory addresses and image bytes).

How long they take is measured in docs/notebooks.md, not asserted here (timed tests flake).
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import nbformat
import pytest

FOLDER = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))


def load_builder():
    """The notebook generator script, imported from its file."""
    spec = importlib.util.spec_from_file_location("build_notebooks", FOLDER / "build_notebooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder():
    return load_builder()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_outputs_are_current(path: Path, builder) -> None:
    committed = nbformat.read(path, as_version=4)
    fresh = builder.execute(copy.deepcopy(committed))
    errors = [o for outputs in builder.comparable(fresh) for o in outputs if o["type"] == "error"]
    assert errors == []
    shown = builder.comparable(committed)
    assert any(shown), "committed with outputs, so the repository shows them"
    for index, (old, new) in enumerate(zip(shown, builder.comparable(fresh), strict=True)):
        assert old == new, (
            f"{path.name}: code cell {index} output is stale; run "
            "python notebooks/build_notebooks.py to re-execute and save the notebooks"
        )


def test_comparison_ignores_volatile_parts_and_catches_stale_ones(builder) -> None:
    def notebook(text: str, image: str) -> nbformat.NotebookNode:
        cell = nbformat.v4.new_code_cell("x")
        cell.outputs = [
            nbformat.v4.new_output("stream", name="stdout", text=text),
            nbformat.v4.new_output("display_data", data={"image/png": image}),
        ]
        cell.execution_count = len(text)
        return nbformat.v4.new_notebook(cells=[cell])

    a = notebook("<Figure at 0x7f00aa>\ncoverage 0.5\n", "AAAA")
    b = notebook("<Figure at 0x7f11bb>\ncoverage 0.5", "BBBB")
    assert builder.comparable(a) == builder.comparable(b)
    assert builder.comparable(a) != builder.comparable(notebook("coverage 0.6", "AAAA"))


def test_inline_views_are_saved_as_a_note(builder) -> None:
    cell = nbformat.v4.new_code_cell("kg.viz.show_inline(view)")
    page = '<div><iframe srcdoc="&lt;html&gt;' + "x" * 1000 + '"></iframe></div>'
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": page})]
    saved = builder.committed(nbformat.v4.new_notebook(cells=[cell]))
    assert saved.cells[0].outputs[0]["data"]["text/html"] == builder.INLINE_VIEW_NOTE


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_only_the_public_api(path: Path) -> None:
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert "import rdflib" not in source and "pyoxigraph" not in source
    assert "from kg." not in source, "notebooks use the names kg re-exports"


def test_every_notebook_is_the_generator_output(builder) -> None:
    assert sorted(builder.NOTEBOOKS) == [p.name for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        mine = builder.cells_of(builder.build(path.name, builder.NOTEBOOKS[path.name]))
        assert builder.cells_of(nbformat.read(path, as_version=4)) == mine, (
            f"{path.name} differs from notebooks/build_notebooks.py; run it to rewrite"
        )


def test_the_science_notebook_cites_the_seed_paper_and_names_the_limits(builder) -> None:
    text = "\n".join(source for _, source in builder.SCIENCE)
    assert builder.SEED in text
    for idea in ("required", "contributing", "associated only", "unknown", "validated", "refuted"):
        assert idea in text
