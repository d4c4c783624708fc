"""Interactive network views of the graph: one self-contained HTML file per view, offline.

A view is data first (``View``: the nodes, the edges and what to highlight), built from
SPARQL over the graph; ``render_html`` turns it into a pyvis / vis-network page with the
library inlined, a legend, a search box and class filters. Every string that comes from
the data is HTML-escaped here, because the tooltips are shown as HTML.

>>> view = whole_view()
>>> len(view.nodes) > 0 and all(n.kind in NODE_STYLES for n in view.nodes)
True
"""

from __future__ import annotations

import html
import importlib.resources
import webbrowser
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.atomic import output_target, write_atomic
from kg.errors import JakkgError
from kg.namespaces import local_name, shorten
from kg.provenance import Source, source_from_row
from kg.resolve import KIND_WORDS, resolver_for
from kg.sparql import library_query
from kg.store import Graph, load_graph

if TYPE_CHECKING:
    from pyvis.network import Network


@dataclass(frozen=True)
class NodeStyle:
    """How one class is drawn: legend name, fill colour, vis.js shape and layout level."""

    name: str
    colour: str
    shape: str
    level: int


@dataclass(frozen=True)
class EdgeStyle:
    """How one predicate is drawn: label, colour, dash pattern (False: solid) and width."""

    words: str
    colour: str
    dashes: bool | list[int]
    width: float


# Layout runs left to right: drugs -> JAKs -> (chains) -> receptors -> cytokines -> diseases.
NODE_STYLES: dict[str, NodeStyle] = {
    "JAKInhibitor": NodeStyle("JAK inhibitor", "#e15759", "box", 0),
    "Drug": NodeStyle("other drug", "#ff9d9a", "box", 0),
    "JanusKinase": NodeStyle("Janus kinase", "#4e79a7", "hexagon", 1),
    "ReceptorChain": NodeStyle("receptor chain", "#bab0ac", "dot", 2),
    "ReceptorComplex": NodeStyle("receptor complex", "#76b7b2", "square", 3),
    "Cytokine": NodeStyle("cytokine", "#59a14f", "triangle", 4),
    "Disease": NodeStyle("disease", "#f28e2b", "ellipse", 5),
}

EDGE_STYLES: dict[str, EdgeStyle] = {
    "inhibits": EdgeStyle("inhibits", "#c0392b", False, 2.5),
    "associatedJAK": EdgeStyle("uses JAK", "#4e79a7", False, 1.5),
    "hasChain": EdgeStyle("has chain", "#9d9590", False, 1),
    "bindsReceptor": EdgeStyle("binds", "#59a14f", False, 1.5),
    "upstreamOf": EdgeStyle("upstream of", "#59a14f", [8, 6], 1.5),
    "implicatedIn": EdgeStyle("implicated in", "#f28e2b", False, 1.5),
    "approvedFor": EdgeStyle("approved for", "#1b7837", False, 3.5),
    "reportedEffectiveIn": EdgeStyle("reported effective in", "#7b3294", [2, 5], 2),
}

HIGHLIGHT = "#f1c40f"
FADED = 0.18
SOURCES_SHOWN = 6
# Edge labels name the predicate; past this many edges they pile up on the hubs (28 "inhibits"
# on JAK1), so the colours, the legend and the tooltips say it instead.
EDGE_LABELS_UP_TO = 30
# The whole map opens on its overview: the JAKs and the cytokine families (cytokines grouped by
# the JAKs their receptors use: the textbook JAK-pair families), which the reader expands.
FAMILY = NodeStyle("cytokine family (by the JAKs it uses)", "#a0cbe8", "box", 3)


@dataclass(frozen=True)
class Node:
    """An entity as a view shows it: names, class, definition and cross-references."""

    iri: str
    label: str
    kind: str
    alt_labels: tuple[str, ...] = ()
    definition: str | None = None
    xrefs: tuple[str, ...] = ()

    @property
    def curie(self) -> str:
        """Compact IRI, e.g. ``jkd:JAK1``."""
        return shorten(self.iri)


@dataclass(frozen=True)
class Link:
    """One curated edge ``subject predicate object`` with its sources."""

    subject: str
    predicate: str
    object: str
    sources: tuple[Source, ...] = ()
    patients: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """``(subject IRI, predicate local name, object IRI)``."""
        return (self.subject, self.predicate, self.object)

    @property
    def id(self) -> str:
        """Stable edge id for the page (``jkd:a inhibits jkd:b``)."""
        return f"{shorten(self.subject)} {self.predicate} {shorten(self.object)}"


@dataclass
class View:
    """What one page shows: nodes, edges, and (for explanations) what to highlight."""

    title: str
    nodes: list[Node]
    links: list[Link]
    highlighted: frozenset[tuple[str, str, str]] = field(default_factory=frozenset)
    focus: frozenset[str] = field(default_factory=frozenset)
    notes: list[str] = field(default_factory=list)
    notes_title: str = "Supporting paths and gaps"
    families: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ids, labels, classes and edges (with highlight flags)."""
        return {
            "title": self.title,
            "nodes": [{"id": n.curie, "label": n.label, "class": n.kind} for n in self.nodes],
            "edges": [
                {
                    "subject": shorten(link.subject),
                    "predicate": link.predicate,
                    "object": shorten(link.object),
                    "highlighted": link.key in self.highlighted,
                }
                for link in self.links
            ],
            "notes": self.notes,
        }


@dataclass
class GraphData:
    """Every drawable entity and edge of a graph, fetched once by SPARQL."""

    nodes: dict[str, Node]
    links: list[Link]

    def neighbours(self) -> dict[str, set[str]]:
        """Undirected adjacency over the edges."""
        adjacent: dict[str, set[str]] = defaultdict(set)
        for link in self.links:
            adjacent[link.subject].add(link.object)
            adjacent[link.object].add(link.subject)
        return adjacent

    def induced(self, iris: Iterable[str], title: str, **extra: Any) -> View:
        """The view of ``iris`` and every edge between two of them, in layout order."""
        keep = set(iris) & set(self.nodes)
        nodes = sorted((self.nodes[i] for i in keep), key=_node_order)
        links = [x for x in self.links if x.subject in keep and x.object in keep]
        return View(title, nodes, links, **extra)


def _node_order(node: Node) -> tuple[int, str]:
    return (NODE_STYLES[node.kind].level, node.label.casefold())


def graph_data(graph: Graph) -> GraphData:
    """Entities of the drawable classes and the curated edges between them.

    Needs only ``graph.select``, so a remote SPARQL endpoint draws like the local store.
    Edges to an IRI that is not (yet) a typed entity are left out, so that a
    half-curated graph still draws.
    """
    entities = {iri: e for iri, e in resolver_for(graph).entities.items() if e.kind in NODE_STYLES}
    details: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in graph.select(library_query("viz-details")):
        details[row["entity"]][local_name(row["property"])].append(row["value"])
    nodes = {}
    for iri, entity in entities.items():
        info = details.get(iri, {})
        synonyms = sorted(set(info.get("altLabel", [])) | set(info.get("geneSymbol", [])))
        definition = (info.get("definition") or [None])[0]
        nodes[iri] = Node(
            iri,
            entity.label,
            entity.kind,
            tuple(s for s in synonyms if s != entity.label),
            definition,
            tuple(sorted(set(info.get("xref", [])))),
        )
    sources: dict[tuple[str, str, str], list[Source]] = {}
    patients: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in graph.select(library_query("curated-edges")):
        key = (row["s"], local_name(row["p"]), row["o"])
        if key[0] not in nodes or key[2] not in nodes:
            continue
        found = sources.setdefault(key, [])
        source = source_from_row(row)
        if source and source not in found:
            found.append(source)
        if "patients" in row and row["patients"] not in patients[key]:
            patients[key].append(row["patients"])
    links = [Link(*key, tuple(found), tuple(patients[key])) for key, found in sources.items()]
    return GraphData(nodes, links)


def whole_view(graph: Graph | None = None) -> View:
    """Every entity and curated edge of ``graph`` (default: the shipped graph), with the
    cytokine families the page opens on (``families``)."""
    data = graph_data(graph or load_graph())
    view = data.induced(data.nodes, "jakkg: the whole graph")
    view.families = families(view)
    return view


def families(view: View) -> dict[str, list[str]]:
    """Cytokines grouped by the JAKs their receptor complexes use (``JAK1 + JAK3``).

    >>> groups = families(whole_view())
    >>> "jkd:IL-2" in {shorten(i) for i in groups["JAK1 + JAK3"]}
    True
    """
    labels = {n.iri: n.label for n in view.nodes}
    receptors: dict[str, set[str]] = defaultdict(set)
    jaks: dict[str, set[str]] = defaultdict(set)
    for link in view.links:
        if link.predicate == "bindsReceptor":
            receptors[link.subject].add(link.object)
        elif link.predicate == "associatedJAK":
            jaks[link.subject].add(labels[link.object])
    found: dict[str, list[str]] = defaultdict(list)
    for node in view.nodes:
        if node.kind == "Cytokine":
            used = sorted(set().union(*(jaks[r] for r in receptors[node.iri])))
            found[" + ".join(used) or "no JAK"].append(node.iri)
    return dict(sorted(found.items()))


def focus_view(name: str, depth: int = 1, graph: Graph | None = None) -> View:
    """The entity ``name`` and everything within ``depth`` edges of it (either direction).

    >>> view = focus_view("JAK1", depth=1)
    >>> "JAK1" in {n.label for n in view.nodes}
    True
    """
    if depth < 0:
        raise JakkgError(f"depth must be 0 or more, not {depth}")
    graph = graph or load_graph()
    centre = resolver_for(graph).resolve(name)
    data = graph_data(graph)
    adjacent = data.neighbours()
    reached, frontier = {centre.iri}, {centre.iri}
    for _ in range(depth):
        frontier = {n for iri in frontier for n in adjacent.get(iri, ())} - reached
        reached |= frontier
    title = f"jakkg: {centre.label} and its neighbourhood (depth {depth})"
    return data.induced(reached, title, focus=frozenset({centre.iri}))


def _disease_members(data: GraphData, disease: str) -> tuple[set[str], set[str]]:
    """(pathway entities, drugs) of a disease: see ``disease_view``."""

    def ends(of: set[str], predicate: str, reverse: bool = False) -> set[str]:
        if reverse:
            return {x.subject for x in data.links if x.predicate == predicate and x.object in of}
        return {x.object for x in data.links if x.predicate == predicate and x.subject in of}

    # Only the cytokines tied to the disease: one merely upstream of them (IL-36 beside IL-17A)
    # has no evidence of acting in this disease, and the page is about this disease.
    cytokines = ends({disease}, "implicatedIn", reverse=True)
    receptors = ends(cytokines, "bindsReceptor")
    kinases = ends(receptors, "associatedJAK")
    drugs = ends(kinases, "inhibits", reverse=True)
    for predicate in ("approvedFor", "reportedEffectiveIn"):
        drugs |= ends({disease}, predicate, reverse=True)
    return {disease} | cytokines | receptors | kinases, drugs


def disease_view(name: str, graph: Graph | None = None) -> View:
    """A disease with its cytokines, their receptors and JAKs, and the drugs that cover it.

    Cytokines: those implicated in the disease. Drugs: the inhibitors of those JAKs, and any
    drug approved for or reported effective in it. The notes give each drug's coverage, as
    ``jakkg rank`` does, so the page carries the figure the picture stands for.
    """
    from kg.rationale import rank

    graph = graph or load_graph()
    disease = resolver_for(graph).resolve(name, kind="Disease")
    data = graph_data(graph)
    pathway, drugs = _disease_members(data, disease.iri)
    title = f"jakkg: {disease.label}: cytokines, receptors, JAKs and inhibitors"
    notes = [
        f"{c.drug.drug.label}: coverage {c.coverage:.0%}"
        + "".join(f", {w}" for w, on in (("approved", c.approved), ("reported", c.reported)) if on)
        for c in rank(disease, graph).candidates
        if c.drug.drug.iri in drugs
    ]
    return data.induced(
        pathway | drugs,
        title,
        focus=frozenset({disease.iri}),
        notes=notes,
        notes_title="Coverage of its cytokines by each drug (as jakkg rank gives it)",
    )


def explain_view(drug: str, disease: str, graph: Graph | None = None) -> View:
    """Why ``drug`` might help ``disease``: the disease's pathways and this one drug, with
    the supporting paths of ``kg.explain.explain`` and the clinical evidence highlighted.
    """
    from kg.explain import explain

    graph = graph or load_graph()
    resolver = resolver_for(graph)
    drug_entity = resolver.resolve(drug, kind="Drug")
    disease_entity = resolver.resolve(disease, kind="Disease")
    explanation = explain(drug_entity, disease_entity, graph)
    data = graph_data(graph)
    pathway, _ = _disease_members(data, disease_entity.iri)
    highlighted = {
        (s, local_name(p), o) for path in explanation.paths for s, p, o in _triples(path)
    }
    for link in data.links:
        if (link.subject, link.object) == (drug_entity.iri, disease_entity.iri):
            highlighted.add(link.key)
    coverage = explanation.candidate.coverage
    notes = [path.text() for path in explanation.paths] or ["no supporting path"]
    notes += [f"gap: {gap}" for gap in explanation.gaps]
    notes += [f"measured: {m.summary()}" for m in explanation.candidate.measured]
    return data.induced(
        pathway | {drug_entity.iri},
        f"jakkg: why {drug_entity.label} for {disease_entity.label}? (coverage {coverage:.0%})",
        highlighted=frozenset(highlighted),
        focus=frozenset({drug_entity.iri, disease_entity.iri}),
        notes=notes,
    )


def _triples(path: Any) -> list[tuple[str, str, str]]:
    return [step.triple for step in path.steps]


def choose_view(
    focus: str | None = None,
    depth: int | None = None,
    disease: str | None = None,
    explain: tuple[str, str] | None = None,
    graph: Graph | None = None,
) -> View:
    """The view the CLI options ask for: focus, disease, explain, or the whole graph."""
    if sum(bool(x) for x in (focus, disease, explain)) > 1:
        raise JakkgError("give at most one of --focus, --disease and --explain")
    if depth is not None and not focus:
        raise JakkgError("--depth goes with --focus NAME")
    if focus:
        return focus_view(focus, 1 if depth is None else depth, graph)
    if disease:
        return disease_view(disease, graph)
    if explain:
        return explain_view(*explain, graph=graph)
    return whole_view(graph)


# ------------------------------------------------------------------------- rendering


def escape(text: str) -> str:
    """HTML-escape a data string (quotes too).

    >>> escape('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(text, quote=True)


def source_html(source: Source) -> str:
    """One source as escaped HTML: ``[case series] doi:10... (FDA, 2019)``."""
    extras = [x for x in (source.agency, source.year) if x]
    if source.role:
        extras.append(source.role.replace("Target", " target").lower())
    suffix = f" ({', '.join(extras)})" if extras else ""
    line = f"[{escape(source.kind_words)}] {escape(source.citation)}{escape(suffix)}"
    if source.comment:
        line += f"<br><i>{escape(source.comment)}</i>"
    return line


def node_tooltip(node: Node, sources: list[Source]) -> str:
    """Escaped HTML tooltip: label, class, synonyms, definition, xrefs and sources."""
    kind = KIND_WORDS.get(node.kind, node.kind)
    parts = [f"<b>{escape(node.label)}</b> <span class='kind'>{escape(kind)}</span>"]
    parts.append(f"<span class='id'>{escape(node.curie)}</span>")
    if node.alt_labels:
        parts.append("<b>also:</b> " + escape(", ".join(node.alt_labels)))
    if node.definition:
        parts.append(escape(node.definition))
    if node.xrefs:
        parts.append("<b>xrefs:</b> " + escape(", ".join(node.xrefs)))
    if sources:
        cited = sorted({s.citation for s in sources})
        more = f" (+{len(cited) - SOURCES_SHOWN} more)" if len(cited) > SOURCES_SHOWN else ""
        parts.append("<b>sources:</b> " + escape(", ".join(cited[:SOURCES_SHOWN]) + more))
    return "<br>".join(parts)


def edge_tooltip(link: Link, nodes: dict[str, Node]) -> str:
    """Escaped HTML tooltip: the edge in words, then one line per source."""
    words = EDGE_STYLES[link.predicate].words
    head = (
        f"<b>{escape(nodes[link.subject].label)}</b> — {escape(words)} → "
        f"<b>{escape(nodes[link.object].label)}</b>"
    )
    lines = [head] + [source_html(s) for s in link.sources]
    if link.patients:
        lines.append("patients: " + escape(", ".join(link.patients)))
    if not link.sources:
        lines.append("<i>no source recorded</i>")
    return "<br>".join(lines)


def network(view: View) -> Network:
    """The pyvis network of ``view``: styled nodes and edges, ids are the entity IRIs."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    by_iri = {n.iri: n for n in view.nodes}
    sources: dict[str, list[Source]] = defaultdict(list)
    for link in view.links:
        sources[link.subject] += link.sources
        sources[link.object] += link.sources
    dim = bool(view.highlighted)
    on_path = {x for key in view.highlighted for x in (key[0], key[2])}
    for node in view.nodes:
        style = NODE_STYLES[node.kind]
        faded = dim and node.iri not in on_path and node.iri not in view.focus
        emphasis = node.iri in view.focus or (dim and node.iri in on_path)
        net.add_node(
            node.iri,
            label=node.label,
            title=node_tooltip(node, sources[node.iri]),
            shape=style.shape,
            level=style.level,
            kind=node.kind,
            color={
                "background": style.colour,
                "border": HIGHLIGHT if emphasis else "#333333",
                "highlight": {"background": style.colour, "border": "#000000"},
                "hover": {"background": style.colour, "border": "#000000"},
            },
            borderWidth=4 if emphasis else 1,
            opacity=FADED if faded else 1.0,
            font={"color": "#ffffff" if style.shape == "box" else "#222222"},
            search=" ".join((node.label, *node.alt_labels, *node.xrefs)).casefold(),
        )
    labelled = len(view.links) <= EDGE_LABELS_UP_TO
    for link in view.links:
        style = EDGE_STYLES[link.predicate]
        on = link.key in view.highlighted
        net.add_edge(
            link.subject,
            link.object,
            id=link.id,
            **({"label": style.words} if labelled else {}),
            title=edge_tooltip(link, by_iri),
            predicate=link.predicate,
            dashes=style.dashes,
            width=style.width + (3 if on else 0),
            color={
                "color": HIGHLIGHT if on else style.colour,
                "opacity": FADED if dim and not on else 1.0,
                "highlight": "#000000",
            },
        )
    return net


def family_items(view: View) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The overview's family nodes and their edges to the JAKs (vis.js items, escaped titles)."""
    by_label = {n.label: n.iri for n in view.nodes if n.kind == "JanusKinase"}
    labels = {n.iri: n.label for n in view.nodes}
    nodes, edges = [], []
    for name, members in view.families.items():
        node_id = f"family:{name}"
        names = ", ".join(sorted((labels[m] for m in members), key=str.casefold))
        nodes.append(
            {
                "id": node_id,
                "label": f"{name}: {len(members)} cytokines",
                "title": f"<b>{escape(name)}</b><br>{escape(names)}<br><i>select to expand</i>",
                "shape": FAMILY.shape,
                "level": FAMILY.level,
                "kind": "Family",
                "members": members,
                "color": {"background": FAMILY.colour, "border": "#333333"},
                "search": names.casefold(),
            }
        )
        for jak in name.split(" + "):
            if jak in by_label:
                edges.append({"id": f"{node_id} uses {jak}", "from": node_id, "to": by_label[jak]})
    return nodes, edges


OPTIONS: dict[str, Any] = {
    "layout": {
        "hierarchical": {
            "enabled": True,
            "direction": "LR",
            "levelSeparation": 300,
            "nodeSpacing": 64,
            "treeSpacing": 60,
        }
    },
    "physics": {"enabled": False},
    "interaction": {
        "hover": True,
        "tooltipDelay": 100,
        "hideEdgesOnDrag": True,
        "keyboard": {"enabled": True, "bindToWindow": False},
    },
    "nodes": {"font": {"size": 15}, "size": 16},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "font": {"size": 10, "align": "middle", "strokeWidth": 3},
        "smooth": {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45},
    },
}


def _asset(relative: str) -> str:
    """Text of a file shipped with pyvis (vis-network JS/CSS), for inlining."""
    return importlib.resources.files("pyvis").joinpath("templates", relative).read_text("utf-8")


def render_html(view: View) -> str:
    """One self-contained HTML page of ``view``: vis-network inlined, no remote resource."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    net = network(view)
    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape())
    template = env.get_template("network.html")
    node_kinds = {n.kind for n in view.nodes}
    predicates = {x.predicate for x in view.links}
    family_nodes, family_edges = family_items(view)
    return template.render(
        title=view.title,
        nodes=net.nodes,
        edges=net.edges,
        family_nodes=family_nodes,
        family_edges=family_edges,
        family_style=FAMILY if family_nodes else None,
        faded=FADED if view.highlighted else None,
        notes_title=view.notes_title,
        options=OPTIONS,
        node_legend=[(k, s) for k, s in NODE_STYLES.items() if k in node_kinds],
        edge_legend=[(p, s) for p, s in EDGE_STYLES.items() if p in predicates],
        highlight=HIGHLIGHT if view.highlighted else None,
        notes=view.notes,
        vis_js=_asset("lib/vis-9.1.2/vis-network.min.js"),
        vis_css=_asset("lib/vis-9.1.2/vis-network.css"),
    )


def write_view(view: View, path: Path | str, open_browser: bool = False) -> Path:
    """Write the page of ``view`` to ``path`` atomically; optionally open it in a browser."""
    target = output_target(path, (".html", ".htm"))
    write_atomic(target, render_html(view))
    if open_browser:
        webbrowser.open(target.resolve().as_uri())
    return target


def show_inline(view: View, height: int = 650) -> Any:
    """The page of ``view`` for inline display in Jupyter (an iframe with the page inside)."""
    from IPython.display import HTML

    page = escape(render_html(view))
    return HTML(
        f'<div><iframe srcdoc="{page}" style="width:100%;height:{int(height)}px;border:0" '
        'sandbox="allow-scripts"></iframe></div>'
    )
