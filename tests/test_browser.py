"""The network pages in a real headless Chromium (Debian's /usr/bin/chromium, via Playwright).

For every view: no console error, no request beyond the file itself, the vis network holds
the library's nodes and edges, a hover tooltip shows the expected text, a hostile label shows
as text and never runs, and the drawing is not blank. Run alone with ``pytest -m browser``.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg import viz
from kg.store import KnowledgeGraph, default_files, load_graph

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).parent / "data" / "viz-sample.ttl"
HOSTILE = '<img src=x onerror="window.pwned=1">'
SHIPPED_HOSTILE = "<script>window.pwned=3</script><img src=y onerror=window.pwned=4>"


@dataclass
class Case:
    """One page to check: how to build its view, which node to hover, what the tip says."""

    name: str
    build: Callable[[], viz.View]
    hover: str
    expect: list[str]
    hostile: bool = False
    edge: str = ""
    edge_expect: list[str] = field(default_factory=list)


@dataclass
class Opened:
    """A loaded page and everything it did while loading."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _sample() -> KnowledgeGraph:
    return load_graph([default_files()[0], SAMPLE])


def _shipped_hostile(folder: Path) -> KnowledgeGraph:
    """A copy of the shipped data whose JAK1 label is a script injection."""
    text = (Path(default_files()[1])).read_text(encoding="utf-8")
    label = 'rdfs:label "JAK1"@en'
    assert label in text
    path = folder / "triples-hostile.ttl"
    hostile = SHIPPED_HOSTILE.replace('"', '\\"')
    path.write_text(text.replace(label, f'rdfs:label "{hostile}"@en', 1), encoding="utf-8")
    return load_graph([default_files()[0], path])


def cases(folder: Path) -> list[Case]:
    sample = _sample
    return [
        Case(
            "whole",
            viz.whole_view,
            "JAK1",
            ["JAK1", "Janus kinase", "HGNC:6190"],
            edge="jkd:upadacitinib inhibits jkd:JAK1",
            edge_expect=["upadacitinib — inhibits → JAK1", "doi:"],
        ),
        Case(
            "focus",
            lambda: viz.focus_view("JAK1", 1),
            "JAK1",
            ["JAK1", "xrefs"],
            edge="jkd:upadacitinib inhibits jkd:JAK1",
            edge_expect=["upadacitinib — inhibits → JAK1", "doi:"],
        ),
        Case(
            "disease",
            lambda: viz.disease_view("atopic dermatitis"),
            "atopic dermatitis",
            ["atopic dermatitis", "disease", "also:"],
            edge="jkd:upadacitinib approvedFor jkd:atopic-dermatitis",
            edge_expect=["approved for", "[regulatory label]"],
        ),
        Case(
            "explain",
            lambda: viz.explain_view("upadacitinib", "atopic dermatitis"),
            "upadacitinib",
            ["upadacitinib", "JAK inhibitor", "sources:"],
            edge="jkd:upadacitinib approvedFor jkd:atopic-dermatitis",
            edge_expect=["upadacitinib — approved for → atopic dermatitis", "[regulatory label]"],
        ),
        Case(
            "sample-whole",
            lambda: viz.whole_view(sample()),
            HOSTILE,
            [HOSTILE, "<script>window.pwned=2</script>", 'Hostile <b>markup</b> & "quotes"'],
            hostile=True,
            edge="jkd:t-nib reportedEffectiveIn jkd:t-other",
            edge_expect=[
                "[case series] doi:10.0/case",
                "Curator note with <i>tags</i>.",
                "patients: 7",
            ],
        ),
        Case(
            "sample-disease",
            lambda: viz.disease_view("T-itch", sample()),
            "T-itch",
            ["T-itch", "test itch", "MONDO:1"],
            hostile=True,
            edge="jkd:t-nib approvedFor jkd:t-itch",
            edge_expect=["T-nib — approved for → T-itch", "PMID:1 (FDA, 2020)"],
        ),
        Case(
            "sample-explain",
            lambda: viz.explain_view("T-nib", "T-itch", sample()),
            HOSTILE,
            [HOSTILE, "doi:10.0/%3Cscript%3E"],
            hostile=True,
            edge="jkd:t-IL-17 implicatedIn jkd:t-itch",
            edge_expect=[f"{HOSTILE} — implicated in → T-itch", "[review] doi:10.0/%3Cscript%3E"],
        ),
        Case(
            "shipped-hostile",
            lambda: viz.whole_view(_shipped_hostile(folder)),
            SHIPPED_HOSTILE,
            [SHIPPED_HOSTILE, "Janus kinase 1"],
            hostile=True,
            edge="jkd:upadacitinib inhibits jkd:JAK1",
            edge_expect=[f"upadacitinib — inhibits → {SHIPPED_HOSTILE}"],
        ),
    ]


CASE_NAMES = [c.name for c in cases(Path("."))]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Case, viz.View, Path]]:
    """Every case's view, written once to its own HTML file."""
    folder = tmp_path_factory.mktemp("pages")
    found = {}
    for case in cases(folder):
        view = case.build()
        found[case.name] = (case, view, viz.write_view(view, folder / f"{case.name}.html"))
    return found


@pytest.fixture(scope="module", params=CASE_NAMES)
def opened(request, browser, built) -> Iterator[tuple[Case, viz.View, Opened]]:
    case, view, path = built[request.param]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    record = Opened(page)
    page.on("console", lambda m: m.type == "error" and record.errors.append(m.text))
    page.on("pageerror", lambda e: record.errors.append(str(e)))
    page.on("request", lambda r: record.requests.append(r.url))
    page.on("dialog", lambda d: (record.dialogs.append(d.message), d.dismiss()))
    start = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("typeof network !== 'undefined'")
    record.seconds = time.perf_counter() - start
    if view.families:  # the whole map opens on its overview; these tests look at everything
        page.click("#reset")
    yield case, view, record
    context.close()


def test_page_loads_without_console_errors(opened) -> None:
    _, _, record = opened
    assert record.errors == []


def test_page_requests_nothing_but_itself(opened) -> None:
    _, _, record = opened
    assert len(record.requests) == 1 and record.requests[0].startswith("file://")


def test_network_holds_the_views_nodes_and_edges(opened) -> None:
    _, view, record = opened
    counts = record.page.evaluate(
        "[network.body.data.nodes.length, network.body.data.edges.length,"
        " Object.keys(network.getPositions()).length]"
    )
    assert counts == [len(view.nodes), len(view.links), len(view.nodes)]


def test_hover_tooltip_shows_the_expected_text(opened) -> None:
    case, view, record = opened
    node = next(n for n in view.nodes if n.label == case.hover)
    tip = hover(record.page, node.iri)
    for text in case.expect:
        assert text in tip


def test_edge_tooltip_shows_its_sources(opened) -> None:
    case, _, record = opened
    x, y = record.page.evaluate(
        """(id) => {
            // other edges may cross this one where the pointer lands: hide them while hovering
            const others = edges.getIds().filter((e) => e !== id);
            edges.update(others.map((e) => ({id: e, hidden: true})));
            network.fit({nodes: network.getConnectedNodes(id), animation: false});
            const middle = network.body.edges[id].edgeType.getPoint(0.5);
            const p = network.canvasToDOM(middle);
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        case.edge,
    )
    tip = pointed_tooltip(record.page, x, y)
    record.page.evaluate("edges.update(edges.getIds().map((e) => ({id: e, hidden: false})))")
    for text in case.edge_expect:
        assert text in tip


def test_hostile_strings_show_as_text_and_never_run(opened) -> None:
    case, view, record = opened
    page = record.page
    if case.hostile:
        node = next(n for n in view.nodes if "<" in n.label)
        assert node.label in hover(page, node.iri)
    assert page.evaluate("window.pwned") is None
    assert record.dialogs == []
    assert page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
    assert page.evaluate("document.scripts.length") == 2


def test_drawing_is_not_blank(opened) -> None:
    from PIL import Image

    _, _, record = opened
    shot = Image.open(io.BytesIO(record.page.locator("#mynetwork").screenshot())).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20) or []
    ink = sum(count for count, rgb in colours if rgb != (255, 255, 255))
    assert len(colours) > 20
    assert ink > 0.01 * shot.width * shot.height


def test_legend_is_visible_and_names_each_class_and_predicate(opened) -> None:
    _, view, record = opened
    legend = record.page.locator("#legend")
    assert legend.is_visible()
    text = legend.inner_text()
    for kind in {n.kind for n in view.nodes}:
        assert viz.NODE_STYLES[kind].name in text
    for predicate in {x.predicate for x in view.links}:
        assert viz.EDGE_STYLES[predicate].words in text


def test_search_box_selects_matching_nodes(opened) -> None:
    case, view, record = opened
    page = record.page
    page.fill("#search", case.hover)
    selected = page.evaluate("network.getSelectedNodes()")
    assert next(n.iri for n in view.nodes if n.label == case.hover) in selected
    page.uncheck(".kind-filter >> nth=0")
    assert "of" in page.inner_text("#status")
    shown = page.evaluate("nodes.get({filter: (n) => !n.hidden}).length")
    assert shown < len(view.nodes)


def test_page_opens_fast(opened) -> None:
    _, view, record = opened
    assert record.seconds < 10, f"{len(view.nodes)} nodes took {record.seconds:.2f}s"


@pytest.mark.parametrize("name", ["whole", "sample-whole"])
def test_whole_map_opens_on_a_legible_overview_that_expands(browser, built, name) -> None:
    _, view, path = built[name]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("mode === 'overview'")
    page.wait_for_timeout(300)  # the fit after the first drawing
    shown = page.evaluate("network.body.data.nodes.getIds()")
    jaks = [n.iri for n in view.nodes if n.kind == "JanusKinase"]
    assert sorted(shown) == sorted(jaks + [f"family:{f}" for f in view.families])
    # labels are drawn at 15 px times the zoom: at least 12 px on screen at first view
    assert page.evaluate("network.getScale()") * 15 >= 12
    family, members = next((f, m) for f, m in view.families.items() if m)
    x, y = page.evaluate(
        """(id) => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        f"family:{family}",
    )
    page.mouse.click(x, y)
    expanded = set(page.evaluate("network.body.data.nodes.getIds()"))
    assert set(members) <= expanded and len(expanded) > len(shown)
    page.click("#reset")
    assert page.evaluate("network.body.data.nodes.length") == len(view.nodes)
    assert errors == []
    page.close()


def test_legend_never_covers_the_drawing(browser, built) -> None:
    _, _, path = built["disease"]
    for width, height in ((1400, 1000), (800, 600), (390, 844)):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(path.resolve().as_uri(), wait_until="load")
        legend = page.locator("#legend").bounding_box()
        drawing = page.locator("#mynetwork").bounding_box()
        assert legend and drawing and drawing["width"] > 200
        apart = (
            legend["x"] >= drawing["x"] + drawing["width"]
            or legend["y"] >= drawing["y"] + drawing["height"]
        )
        assert apart, f"legend over the drawing at {width}x{height}"
        page.close()


def hover(page, node_id: str) -> str:
    """Move the mouse onto a node and return its tooltip's text."""
    x, y = page.evaluate(
        """(id) => {
            network.focus(id, {scale: 1.2});
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_id,
    )
    return pointed_tooltip(page, x, y)


def pointed_tooltip(page, x: float, y: float) -> str:
    """Move the mouse to (x, y) and return the tooltip that appears."""
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    return tooltip.inner_text()


def test_heatmap_page_is_offline_and_draws(browser, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from kg.heatmap import write_heatmap

    path = write_heatmap(tmp_path / "coverage.html")
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    box = page.locator("svg").first.bounding_box()
    assert errors == [] and requests == [path.resolve().as_uri()]
    assert box and box["width"] > 300 and box["height"] > 300
    # the top-left cell answers the pointer and carries its hover title
    cell = page.locator("#cell-0-0 path").bounding_box()
    x, y = cell["x"] + cell["width"] / 2, cell["y"] + cell["height"] / 2
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('g[id]').id", [x, y])
    assert hit == "cell-0-0"
    assert " × " in page.evaluate("document.querySelector('#cell-0-0 title').textContent")
    page.close()
