"""The network views (kg/viz.py): which nodes and edges each view holds, escaping, the page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import viz
from kg.cli import main
from kg.errors import JakkgError, UnknownEntityError, WrongClassError
from kg.sparql import library_query
from kg.store import KnowledgeGraph, default_files, load_graph

SAMPLE = Path(__file__).parent / "data" / "viz-sample.ttl"
HOSTILE = '<img src=x onerror="window.pwned=1">'
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""")


@pytest.fixture(scope="module")
def sample() -> KnowledgeGraph:
    """The ontology plus tests/data/viz-sample.ttl."""
    return load_graph([default_files()[0], SAMPLE])


def labels(view: viz.View) -> set[str]:
    return {n.label for n in view.nodes}


def test_whole_view_draws_every_typed_entity_and_edge(sample: KnowledgeGraph) -> None:
    view = viz.whole_view(sample)
    assert len(view.nodes) == 15
    assert {n.kind for n in view.nodes} == set(viz.NODE_STYLES)
    predicates = {link.predicate for link in view.links}
    assert predicates == set(viz.EDGE_STYLES)
    assert "signalsVia" not in predicates  # repeats bindsReceptor + associatedJAK
    # an edge to an IRI that is not a typed entity is left out
    assert not any(link.object.endswith("t-missing") for link in view.links)
    assert len(view.links) == 17


def test_edges_carry_their_sources_roles_and_patient_counts(sample: KnowledgeGraph) -> None:
    links = {link.id: link for link in viz.whole_view(sample).links}
    approval = links["jkd:t-nib approvedFor jkd:t-itch"].sources[0]
    assert (approval.agency, approval.year, approval.kind) == ("FDA", "2020", "RegulatoryLabel")
    assert links["jkd:t-nib inhibits jkd:t-TYK2"].sources[0].role == "SecondaryTarget"
    assert links["jkd:t-nib reportedEffectiveIn jkd:t-other"].patients == ("7",)


def test_nodes_are_in_layout_order_drugs_first_diseases_last(sample: KnowledgeGraph) -> None:
    levels = [viz.NODE_STYLES[n.kind].level for n in viz.whole_view(sample).nodes]
    assert levels == sorted(levels)
    assert viz.NODE_STYLES["JAKInhibitor"].level < viz.NODE_STYLES["JanusKinase"].level
    assert viz.NODE_STYLES["ReceptorComplex"].level < viz.NODE_STYLES["Cytokine"].level
    assert viz.NODE_STYLES["Cytokine"].level < viz.NODE_STYLES["Disease"].level


def test_focus_view_grows_with_depth(sample: KnowledgeGraph) -> None:
    assert labels(viz.focus_view("T-JAK1", 0, sample)) == {"T-JAK1"}
    one = viz.focus_view("test kinase one", 1, sample)
    assert labels(one) == {"T-JAK1", "T-IL-4 receptor", "T-nib"}
    assert {link.predicate for link in one.links} == {"associatedJAK", "inhibits"}
    two = viz.focus_view("T-JAK1", 2, sample)
    assert labels(two) > labels(one)
    assert {"T-CHAIN", "T-IL-4", "T-TYK2", "T-itch", "T-other"} <= labels(two)
    assert one.focus == {"https://w3id.org/jakkg/id/t-JAK1"}


def test_focus_view_rejects_unknown_names_and_negative_depth(sample: KnowledgeGraph) -> None:
    with pytest.raises(UnknownEntityError):
        viz.focus_view("no such thing", 1, sample)
    with pytest.raises(JakkgError):
        viz.focus_view("T-JAK1", -1, sample)


def test_disease_view_holds_pathways_and_covering_drugs(sample: KnowledgeGraph) -> None:
    view = viz.disease_view("test itch", sample)
    assert labels(view) == {
        "T-itch", "T-IL-4", "T-IL-5", HOSTILE, "T-IL-23",  # implicated, upstream of one
        "T-IL-4 receptor", "T-IL-5 receptor", "T-IL-23 receptor", "T-JAK1", "T-JAK3", "T-TYK2",
        "T-nib", "T-cream",  # an inhibitor of those JAKs; a drug reported effective
    }  # fmt: skip
    assert "T-other" not in labels(view) and "T-CHAIN" not in labels(view)
    with pytest.raises(WrongClassError):
        viz.disease_view("T-nib", sample)


def test_explain_view_highlights_the_supporting_paths(sample: KnowledgeGraph) -> None:
    view = viz.explain_view("Testinib", "test itch", sample)
    assert "T-cream" not in labels(view)  # only the drug being explained
    assert {"T-nib", "T-IL-5", "T-JAK3"} <= labels(view)
    on = {(viz.shorten(s), p, viz.shorten(o)) for s, p, o in view.highlighted}
    assert ("jkd:t-nib", "inhibits", "jkd:t-JAK1") in on
    assert ("jkd:t-IL-23", "upstreamOf", "jkd:t-IL-17") in on  # the indirect path
    assert ("jkd:t-nib", "approvedFor", "jkd:t-itch") in on  # the clinical evidence
    assert ("jkd:t-IL-5-receptor", "associatedJAK", "jkd:t-JAK3") not in on  # a gap
    assert on <= {(viz.shorten(x.subject), x.predicate, viz.shorten(x.object)) for x in view.links}
    assert any("T-IL-4" in note for note in view.notes)
    assert re.search(r"\(coverage \d{1,3}%\)", view.title), "a percentage, as the CLI says it"
    with pytest.raises(WrongClassError):
        viz.explain_view("T-itch", "T-nib", sample)


def test_explain_page_fades_what_is_off_the_paths(sample: KnowledgeGraph) -> None:
    net = viz.network(viz.explain_view("T-nib", "T-itch", sample))
    faded = {n["label"] for n in net.nodes if n["opacity"] < 1}
    assert faded == {"T-IL-5", "T-IL-5 receptor", "T-JAK3"}
    bold = [e for e in net.edges if e["color"]["color"] == viz.HIGHLIGHT]
    assert len(bold) == 11  # T-IL-23 is implicated too, so its tie to T-itch is on a path


class SelectOnly:
    """A graph offering nothing but ``select``, as a remote SPARQL endpoint does."""

    def __init__(self, graph: KnowledgeGraph):
        self.graph = graph

    def select(self, sparql: str, bindings: dict[str, str] | None = None) -> list[dict]:
        return self.graph.select(sparql, bindings)


def test_views_need_nothing_but_select(sample: KnowledgeGraph) -> None:
    remote = SelectOnly(sample)
    assert viz.whole_view(remote).to_dict() == viz.whole_view(sample).to_dict()
    assert (
        viz.disease_view("T-itch", remote).to_dict() == viz.disease_view("T-itch", sample).to_dict()
    )
    explained = viz.explain_view("T-nib", "T-itch", remote)
    assert explained.highlighted == viz.explain_view("T-nib", "T-itch", sample).highlighted


def test_choose_view_checks_option_combinations(sample: KnowledgeGraph) -> None:
    assert len(viz.choose_view(graph=sample).nodes) == 15
    assert labels(viz.choose_view(focus="T-JAK1", depth=0, graph=sample)) == {"T-JAK1"}
    with pytest.raises(JakkgError, match="at most one"):
        viz.choose_view(focus="T-JAK1", disease="T-itch", graph=sample)
    with pytest.raises(JakkgError, match="at most one"):
        viz.choose_view(disease="T-itch", explain=("T-nib", "T-itch"), graph=sample)
    assert viz.choose_view(explain=("T-nib", "T-itch"), graph=sample).highlighted
    with pytest.raises(JakkgError, match="--depth"):
        viz.choose_view(depth=2, graph=sample)


def test_tooltips_escape_every_data_string(sample: KnowledgeGraph) -> None:
    view = viz.whole_view(sample)
    hostile = next(n for n in view.nodes if n.label == HOSTILE)
    tip = viz.node_tooltip(hostile, [])
    assert "<img" not in tip and "<script" not in tip
    assert "&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;" in tip
    assert "&lt;script&gt;" in tip
    assert "&lt;b&gt;markup&lt;/b&gt; &amp; &quot;quotes&quot;" in tip
    nodes = {n.iri: n for n in view.nodes}
    for link in view.links:
        tip = viz.edge_tooltip(link, nodes)
        assert "<img" not in tip and "<script" not in tip and "<i>tags" not in tip


def test_node_tooltip_lists_names_definition_xrefs_and_sources(sample: KnowledgeGraph) -> None:
    view = viz.whole_view(sample)
    kinase = next(n for n in view.nodes if n.label == "T-JAK1")
    sources = [s for link in view.links if link.object == kinase.iri for s in link.sources]
    tip = viz.node_tooltip(kinase, sources)
    for text in ("T-JAK1", "Janus kinase", "test kinase one", "A test kinase.", "HGNC:1"):
        assert text in tip
    assert "doi:10.0/inhibits-1" in tip


def test_edge_styles_tell_predicates_apart() -> None:
    styles = viz.EDGE_STYLES
    assert styles["upstreamOf"].dashes and not styles["inhibits"].dashes
    approved, reported = styles["approvedFor"], styles["reportedEffectiveIn"]
    assert (approved.colour, approved.dashes) != (reported.colour, reported.dashes)
    assert len({s.words for s in styles.values()}) == len(styles)
    assert len({(s.colour, s.shape) for s in viz.NODE_STYLES.values()}) == len(viz.NODE_STYLES)


def test_edge_query_draws_exactly_the_styled_predicates() -> None:
    values = re.search(r"VALUES \?p \{([^}]*)\}", library_query("curated-edges")).group(1)
    assert set(re.findall(r"jk:(\w+)", values)) == set(viz.EDGE_STYLES)


def test_page_is_self_contained_and_carries_no_raw_data_markup(sample: KnowledgeGraph) -> None:
    page = viz.render_html(viz.whole_view(sample))
    assert not REMOTE.search(page), REMOTE.search(page)
    assert "@import" not in page
    own = page.replace(viz._asset("lib/vis-9.1.2/vis-network.min.js"), "")
    assert own.count("<script") == 2  # vis-network, then the page's own script
    assert "<img" not in page and "window.pwned=2</script>" not in page
    assert "vis.Network" in page and 'id="legend"' in page and 'id="search"' in page
    for style in viz.NODE_STYLES.values():
        assert style.name in page


def test_page_of_the_shipped_graph_is_self_contained() -> None:
    page = viz.render_html(viz.whole_view())
    assert not REMOTE.search(page)
    data = json.loads(re.search(r"const nodeItems = (\[.*?\]);\n", page).group(1))
    assert len(data) == len(viz.whole_view().nodes)


def test_write_view_is_atomic_and_checks_the_path(sample: KnowledgeGraph, tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    assert viz.write_view(viz.whole_view(sample), target) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
    with pytest.raises(JakkgError, match=r"\.html"):
        viz.write_view(viz.whole_view(sample), tmp_path / "graph.png")
    with pytest.raises(JakkgError, match="no such folder"):
        viz.write_view(viz.whole_view(sample), tmp_path / "missing" / "graph.html")


def test_open_hands_the_file_to_the_browser(
    sample: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(viz.webbrowser, "open", opened.append)
    path = viz.write_view(viz.whole_view(sample), tmp_path / "g.html", open_browser=True)
    assert opened == [path.resolve().as_uri()]


def test_show_inline_wraps_the_page_in_an_iframe(sample: KnowledgeGraph) -> None:
    pytest.importorskip("IPython")
    shown = viz.show_inline(viz.focus_view("T-JAK1", 1, sample), height=400)
    assert shown.data.startswith("<div><iframe srcdoc=")
    assert "height:400px" in shown.data
    assert "<script" not in shown.data.split(">", 1)[0]


def test_cli_viz_writes_and_prints_the_path(tmp_path: Path) -> None:
    target = tmp_path / "jak1.html"
    result = CliRunner().invoke(main, ["viz", "-o", str(target), "--focus", "JAK1"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target)
    assert target.stat().st_size > 100_000
    result = CliRunner().invoke(main, ["viz", "-o", str(target), "--format", "json"])
    counts = json.loads(result.output)
    assert counts["nodes"] == len(viz.whole_view().nodes) and counts["path"] == str(target)
    result = CliRunner().invoke(
        main, ["viz", "-o", str(target), "--explain", "upadacitinib", "atopic dermatitis"]
    )
    assert result.exit_code == 0, result.output
    assert "Supporting paths" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["--focus", "JAK1", "--disease", "JAK1"],
        ["--depth", "2"],
        ["--focus", "no-such-entity"],
        ["--focus", "JAK1", "--depth", "-1"],
    ],
)
def test_cli_viz_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["viz", "-o", str(tmp_path / "x.html"), *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_cli_stays_light_until_a_view_is_drawn() -> None:
    code = "import sys, kg.cli; print('pyvis' in sys.modules, 'jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_disease_view_draws_only_implicated_cytokines_and_the_coverage() -> None:
    view = viz.disease_view("dermatomyositis")
    cytokines = {n.label for n in view.nodes if n.kind == "Cytokine"}
    assert "IL-36" not in cytokines and {"IL-6", "IFN-β"} <= cytokines
    assert "upadacitinib: coverage 100%, reported" in view.notes
    page = viz.render_html(view)
    assert "Coverage of its cytokines by each drug" in page and '<details id="notes" open>' in page


def test_crowded_views_leave_edge_labels_to_legend_and_tooltips(sample: KnowledgeGraph) -> None:
    crowded = viz.network(viz.disease_view("dermatomyositis"))
    assert len(crowded.edges) > viz.EDGE_LABELS_UP_TO
    assert not any("label" in e for e in crowded.edges)
    small = viz.network(viz.disease_view("T-itch", sample))
    assert all(e["label"] == viz.EDGE_STYLES[e["predicate"]].words for e in small.edges)


def test_whole_view_groups_cytokines_into_jak_families(sample: KnowledgeGraph) -> None:
    view = viz.whole_view(sample)
    named = {f: {viz.shorten(m) for m in members} for f, members in view.families.items()}
    assert named == {
        "T-JAK1": {"jkd:t-IL-4"},
        "T-JAK3": {"jkd:t-IL-5"},
        "T-TYK2": {"jkd:t-IL-23"},
        "no JAK": {"jkd:t-IL-17"},
    }
    nodes, edges = viz.family_items(view)
    assert HOSTILE not in " ".join(n["title"] for n in nodes)  # escaped in the tooltip
    assert {e["from"] for e in edges} == {"family:T-JAK1", "family:T-JAK3", "family:T-TYK2"}


def test_explain_page_keeps_its_paths_open_and_names_faded_nodes(sample: KnowledgeGraph) -> None:
    page = viz.render_html(viz.explain_view("T-nib", "T-itch", sample))
    assert '<details id="notes" open>' in page
    assert "faded: not on a supporting path" in page
    assert "faded:" not in viz.render_html(viz.whole_view(sample))


def test_explain_view_lists_the_measured_pharmacology_beside_the_paths() -> None:
    view = viz.explain_view("upadacitinib", "rheumatoid arthritis")
    measured = [n for n in view.notes if n.startswith("measured: ")]
    assert any("IL-6 → pSTAT3" in n and "60.7 nM" in n and "PMC6973126" in n for n in measured)
