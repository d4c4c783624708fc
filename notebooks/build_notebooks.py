"""Write the teaching notebooks in this folder from the cells below, and run them.

The notebooks are generated so that they stay reproducible and reviewable as plain Python:
edit the cells here, then run ``python notebooks/build_notebooks.py``, which writes each
notebook, executes it in a fresh kernel and saves it **with its outputs**, so a student browsing
the repository sees the tables and figures. ``--check`` exits 1 when a committed notebook's cells
differ from this script's. ``tests/test_notebooks.py`` re-executes every notebook and fails when
a committed output is stale (outputs are compared by ``comparable``: volatile parts such as
memory addresses and image bytes are left out).

An inline interactive view (``kg.viz.show_inline``: an iframe holding the whole page, about
1 MB) is saved as a short note instead: GitHub does not run it, and it would make every data
change a megabyte diff. Run the cell in Jupyter to see the view.
"""

from __future__ import annotations

import copy
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
SEED = "doi:10.36849/JDD.7500"

Cell = tuple[str, str]


def md(text: str) -> Cell:
    """A markdown cell."""
    return ("markdown", text.strip("\n"))


def code(text: str) -> Cell:
    """A code cell."""
    return ("code", text.strip("\n"))


TOUR: list[Cell] = [
    md("""
# A tour of jakkg

jakkg is a knowledge graph of **cytokines**, the **receptor complexes** they bind, the **Janus
kinases (JAKs)** those receptors use, the **JAK inhibitors** that block them, and the **diseases**
the cytokines drive. Every curated edge carries its source.

This notebook loads the graph, counts what is in it, looks entities up by any of their names, and
shows the JAK–STAT map as an interactive view. It uses only the public API of the `kg` package.
"""),
    code("""
import pandas as pd

import kg
import kg.viz

graph = kg.load_graph()
print(f"{len(graph):,} triples")
"""),
    md("""
## What is in the graph

Counts of entities by class, and of edges by property with how many of them are sourced.
"""),
    code("""
stats = kg.graph_stats(graph)
pd.DataFrame([(c.label, c.count) for c in stats.classes], columns=["class", "entities"])
"""),
    code("""
pd.DataFrame(
    [(p.label, p.count, p.sourced) for p in stats.properties],
    columns=["property", "edges", "sourced"],
)
"""),
    md("""
## Look an entity up by any of its names

Labels, synonyms, brand names, gene symbols and identifiers all resolve, whatever the case,
spacing, hyphens or Greek spelling.
"""),
    code("""
for name in ["Rinvoq", "IFN-γ", "interferon gamma", "IFNG", "HGNC:6190", "jkd:TYK2"]:
    entity = kg.resolve(name)
    print(f"{name!r:22} -> {entity.label} ({entity.kind_words}, {entity.curie})")
"""),
    md("""
A typo gets suggestions instead of a dead end:
"""),
    code("""
try:
    kg.resolve("upadacitnib")
except kg.UnknownEntityError as error:
    print(error)
"""),
    md("""
## Everything the graph says about one entity, with sources
"""),
    code("""
card = kg.describe(kg.resolve("IFN-gamma"))
pd.DataFrame(
    [
        {
            "direction": edge.direction,
            "predicate": edge.predicate,
            "other": edge.other.label,
            "sources": "; ".join(source.citation for source in edge.sources),
        }
        for edge in card.edges
    ]
)
"""),
    md("""
## The JAK–STAT map

The whole graph as an interactive network, laid out from the drugs through the JAKs they
inhibit, the receptor complexes that use those JAKs and the cytokines that bind them, to the
diseases the cytokines drive. Drag to pan, scroll to zoom, hover over a node or an edge for its
names, cross-references and sources; the search box and the class filters narrow the view. The
page is self-contained (vis-network is inlined), so it works offline; `jakkg viz -o map.html`
writes the same page to a file.
"""),
    code("""
kg.viz.show_inline(kg.viz.whole_view(graph))
"""),
    md("""
One disease at a time is easier to read: dermatomyositis with its cytokines, their receptors
and JAKs, and every inhibitor that reaches them or has clinical evidence in it.
"""),
    code("""
kg.viz.show_inline(kg.viz.disease_view("dermatomyositis", graph), height=550)
"""),
]


SPARQL: list[Cell] = [
    md("""
# Asking the graph research questions in SPARQL

The project's SPARQL lives in `queries/*.rq`, one file per question, each opening with a comment
that states the question and the shape of the answer. The command line (`jakkg sparql`,
`jakkg queries`), the rationale engine and this notebook all run the same files. Here we run
them from Python and read the answers as pandas DataFrames.

The prefixes `jk:` (vocabulary), `jkd:` (entities), `rdfs:`, `skos:`, `dcterms:`, `rdf:`, `owl:`
and `xsd:` are predeclared, so queries need no `PREFIX` lines.
"""),
    code("""
import matplotlib.pyplot as plt
import pandas as pd

import kg
import kg.namespaces
import kg.query

graph = kg.load_graph()
pd.set_option("display.max_colwidth", 100)
"""),
    md("""
## The query library

Every `.rq` file with the question its header asks (`jakkg queries` prints the same list):
"""),
    code("""
pd.DataFrame([(q.name, q.question) for q in kg.query.library()], columns=["query", "question"])
"""),
    md("""
A small helper runs a library query and turns its rows (a list of `{variable: value}` dicts)
into a DataFrame, writing IRIs as CURIEs (`jkd:JAK1`) so the tables stay readable. Keyword
arguments bind variables to entities, for the queries whose header asks for a binding; the
names resolve like everywhere else in jakkg (`DM`, `Rinvoq`, `IFN-γ`).
"""),
    code("""
def run(name, **bindings):
    \"\"\"Rows of library query NAME (variables bound to the entities named) as a DataFrame.\"\"\"
    iris = {variable: kg.resolve(value).iri for variable, value in bindings.items()}
    rows = graph.select(kg.library_query(name), iris)
    return pd.DataFrame(rows).map(kg.namespaces.shorten, na_action="ignore").fillna("")
"""),
    md("""
## What is in the graph?

`class-counts.rq` and `property-counts.rq`: entities per class, and edges per property with how
many of them carry a source. Every curated edge is sourced; `signals via` is derived from the
receptor edges, so it has no sources of its own.
"""),
    code("""
run("class-counts")
"""),
    code("""
run("property-counts")
"""),
    md("""
## How selective is each JAK inhibitor?

`inhibitor-selectivity.rq`: the JAKs each inhibitor blocks, primary and secondary targets
apart, most selective first.
"""),
    code("""
run("inhibitor-selectivity")[["label", "jaks", "primary", "secondary"]]
"""),
    md("""
## Which cytokines signal via TYK2?

`tyk2-cytokines.rq`, with the receptor complex that carries TYK2. Its header says to change
`jkd:TYK2` in the `VALUES` line to ask about another JAK, which is a one-line edit from Python:
"""),
    code("""
run("tyk2-cytokines")
"""),
    code("""
jak3 = graph.select(kg.library_query("tyk2-cytokines").replace("jkd:TYK2", "jkd:JAK3"))
sorted({row["label"] for row in jak3})
"""),
    md("""
## Cytokines per JAK

`jak-cytokine-matrix.rq` counts the cytokines that signal through each JAK, which makes the
one plot of this notebook.
"""),
    code("""
per_jak = run("jak-cytokine-matrix").astype({"cytokines": int})
per_jak[["label", "cytokines", "names"]]
"""),
    code("""
fig, ax = plt.subplots(figsize=(4.5, 2.8))
ax.bar(per_jak["label"], per_jak["cytokines"], color="#4c72b0")
ax.set_ylabel("cytokines signalling via it")
ax.set_title("Cytokines per JAK in jakkg")
ax.spines[["top", "right"]].set_visible(False)
plt.show()
"""),
    md("""
## Which cytokines drive each disease, and through which JAKs?

`disease-cytokine-jaks.rq`, one row per (disease, cytokine). A cytokine with no JAKs (IL-17A)
signals through a receptor that does not use them.
"""),
    code("""
run("disease-cytokine-jaks")
"""),
    md("""
`rationale-pathways.rq` gives the detail the rationale engine works from, here for one disease
bound by name (the seed paper's abbreviation `DM` resolves to dermatomyositis):
"""),
    code("""
pathways = run("rationale-pathways", disease="DM")
pathways[["cytokineLabel", "via", "receptorLabel", "jakLabel"]].drop_duplicates()
"""),
    md("""
## Which inhibitors cover every JAK-signalling cytokine of dermatomyositis?

`dermatomyositis-full-coverage.rq` answers it in pure SPARQL with a double negation: no
implicated cytokine is left whose JAKs the drug does not inhibit.
"""),
    code("""
run("dermatomyositis-full-coverage")[["label", "jaks"]]
"""),
    md("""
## Which cytokines can a JAK inhibitor reach only indirectly?

`indirect-cytokines.rq`: cytokines that signal without JAKs, with the JAK-signalling cytokines
upstream of them.
"""),
    code("""
run("indirect-cytokines")[["label", "driverLabel", "jaks"]]
"""),
    md("""
## Clinical evidence: approvals and reported use

`approvals.rq` lists each regulatory approval with agency and year; `off-label-without-approval.rq`
the uses reported effective where the drug has no approval for the disease; `evidence-profile.rq`
which kinds of evidence stand behind which kinds of edge.
"""),
    code("""
run("approvals")[["drugLabel", "diseaseLabel", "agency", "year"]]
"""),
    code("""
run("off-label-without-approval")[["drugLabel", "diseaseLabel", "sources", "patients"]]
"""),
    code("""
run("evidence-profile")
"""),
    md("""
## Everything the graph says about one drug, with sources

`entity-edges.rq` with `?entity` bound (here through a brand name) lists the edges out of and
into upadacitinib; `upadacitinib-edge-sources.rq` gives the source and evidence kind of each.
"""),
    code("""
edges = run("entity-edges", entity="Rinvoq")
edges[["direction", "predicate", "otherLabel"]]
"""),
    code("""
run("upadacitinib-edge-sources")[["predicate", "object", "source", "kind", "agency", "year"]]
"""),
    md("""
## Cross-references, to federate with other endpoints

`cross-references.rq`: each entity's identifiers in other resources (HGNC, UniProt, ChEBI,
ChEMBL, MONDO, MeSH, ...) and the resolvable IRI where the data gives one, the join keys for a
federated query against those resources' own SPARQL endpoints.
"""),
    code("""
xrefs = run("cross-references")
print(f"{len(xrefs)} cross-references")
xrefs.groupby("class").size().rename("cross-references").to_frame()
"""),
    md("""
## Your own query

Any SPARQL 1.1 SELECT runs the same way. For example, the receptor chains that more than one
receptor complex shares:
"""),
    code("""
SHARED_CHAINS = \"\"\"
SELECT ?chain (COUNT(DISTINCT ?complex) AS ?complexes) WHERE {
  ?complex jk:hasChain ?c .
  ?c rdfs:label ?chain .
}
GROUP BY ?chain
HAVING (COUNT(DISTINCT ?complex) > 1)
ORDER BY DESC(?complexes) ?chain
\"\"\"
pd.DataFrame(graph.select(SHARED_CHAINS))
"""),
    md("""
## The same queries against an external SPARQL endpoint

When the graph lives in a triple store (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso,
QLever, ...) holding `ontology/jakkg.ttl` and `data/triples.ttl`, `kg.open_graph(endpoint=URL)`
returns an object with the same `select` method, answered over the SPARQL 1.1 protocol. Every
query above, and the rationale engine, then runs unchanged. This cell is not executed here,
because the notebook works offline:

```python
remote = kg.open_graph(endpoint="http://localhost:7878/query")
pd.DataFrame(remote.select(kg.library_query("class-counts")))
kg.rank(kg.resolve("dermatomyositis"), remote).to_dict()
```

`kg.open_graph()` without an endpoint returns the embedded graph used in this notebook. From
the shell, `jakkg sparql --endpoint URL queries/NAME.rq` does the same.
"""),
]


CASES: list[Cell] = [
    md(f"""
# The seed case series, re-read through the graph

jakkg started from one paper: Agarwal et al., *Off-label use of Janus kinase inhibitors in
inflammatory cutaneous diseases*, J Drugs Dermatol 2023;22(12):1183-1190, {SEED}. It reports
six refractory patients treated with upadacitinib or tofacitinib outside the label: three with
dermatomyositis, one each with hidradenitis suppurativa, cutaneous lupus erythematosus and
cutaneous Crohn's disease.

The graph records each (drug, disease) pair of the series as a `jk:reportedEffectiveIn` edge whose
statement cites the paper as a case series. This notebook asks, for each case, what the graph's
mechanism says: which cytokines are implicated in the disease, how many of them the drug reaches
through the JAKs it inhibits (its *coverage*), along which sourced paths, and how the drug ranks
against every other JAK inhibitor in the graph. It ends with the drug × disease coverage heatmap.

Mechanistic coverage and clinical evidence are shown side by side, never folded into one number.

## The model in four rules

1. **A receptor complex is blocked through a JAK it needs.** Each receptor → JAK link carries a
   sourced classification: *required* (losing the JAK abolishes signalling: credit 1),
   *contributing* (losing it reduces signalling: 0.5), *associated only* (bound but dispensable:
   0), or *unknown* when nobody has tested it (0.5, shown as unknown). Example: cells of
   TYK2-deficient patients answer IL-6 normally (Kreins et al. 2015), so a TYK2 inhibitor gets
   no IL-6 credit, however often TYK2 is drawn on the IL-6 receptor.
2. **A cytokine's weight** is the mean credit over its JAK-using receptor complexes, halved when
   only a secondary target of the drug carries it. A cytokine that signals without JAKs (IL-17A)
   is reached only through an upstream cytokine implicated in the same disease (IL-23), at half
   weight.
3. **Each cytokine counts by its evidence tier** in the disease: *validated* (1) when a therapy
   that blocks it is approved there or won a randomised trial, *supported* (0.5) for human genetic
   or functional evidence, *associated* (0.25) for levels or expression only, and *refuted* (0)
   when blocking it failed or worsened the disease in a randomised trial (IL-17A in Crohn's
   disease). The weights are a stated convention, not a measurement.
4. **Coverage** is the tier-weighted mean. Driver mutations (JAK2 V617F) count like cytokines,
   through the receptors they switch on. Topical-only drugs without evidence rank last.

What coverage cannot tell: how much of each pathway is blocked at the approved dose, how much
drug reaches the skin, cytokines the graph does not record, non-cytokine drivers, safety, or
whether the drug works. Drugs with the same JAK targets (upadacitinib, abrocitinib, filgotinib)
always tie here; only measured pharmacology can tell them apart. The full statement is in
`kg.rationale` and `jakkg rank --help`.
"""),
    code("""
%matplotlib inline
import pandas as pd
from matplotlib.patches import Rectangle

import kg
import kg.heatmap
import kg.viz

graph = kg.load_graph()
pd.set_option("display.max_colwidth", 200)
"""),
    md("""
## The cases, as the graph holds them

`seed-paper-evidence.rq` from the query library: every use the paper reports, with the patient
count where the curated statement gives one (the paper's summary does not split the three
dermatomyositis patients by drug).
"""),
    code("""
cases = pd.DataFrame(graph.select(kg.library_query("seed-paper-evidence")))
cases = cases.rename(columns={"drugLabel": "drug", "diseaseLabel": "disease"}).fillna("")
cases[["drug", "disease", "patients"]]
"""),
    md("""
## Three views of one case

For a (drug, disease) pair, `kg.explain` gives the drug's coverage of every cytokine implicated
in the disease, the supporting paths from the drug to the disease (each step with its sources),
the clinical evidence and the gaps; `kg.rank` puts the drug among all inhibitors in the graph.
These helpers only turn those objects into tables.
"""),
    code("""
def coverage_table(explanation):
    \"\"\"One row per implicated cytokine: how the drug reaches it, or why it does not.\"\"\"
    return pd.DataFrame(
        [
            {
                "cytokine": c.cytokine.label,
                "tier": explanation.candidate.tier(c).name,
                "status": c.status,
                "weight": c.weight,
                "JAK needs": ", ".join(f"{j}: {r}" for j, r in sorted(c.requirements.items())),
                "via JAKs": "/".join(c.jaks),
                "blocked receptors": ", ".join(c.blocked),
                "why not (fully)": c.reason or "",
            }
            for c in explanation.candidate.cytokines
        ]
    )


def path_table(explanation):
    \"\"\"One row per supporting path, with the sources of each step (steps separated by |).\"\"\"
    return pd.DataFrame(
        [
            {
                "path": path.text(),
                "sources per step": " | ".join(
                    ", ".join(sorted({s.citation for s in step})) for step in path.sources
                ),
            }
            for path in explanation.paths
        ]
    )


def evidence_table(explanation):
    \"\"\"The clinical evidence for the pair: approvals and reported use, with their sources.\"\"\"
    return pd.DataFrame(
        [
            {
                "evidence": e.predicate,
                "source": e.source.citation if e.source else "",
                "kind": e.source.kind_words if e.source else "",
                "patients": (e.source.patients or "") if e.source else "",
                "curator's note": (e.source.comment or "") if e.source else "",
            }
            for e in explanation.evidence
        ]
    )


def rank_table(ranking):
    \"\"\"Every inhibitor against the disease, best first, with its clinical evidence.\"\"\"
    return pd.DataFrame(
        [
            {
                "drug": c.drug.drug.label,
                "targets": "/".join(c.drug.jak_labels()),
                "route": "/".join(sorted(c.drug.routes)),
                "coverage": round(c.coverage, 2),
                "approved": c.approved,
                "reported": c.reported,
                "not covered": ", ".join(x.cytokine.label for x in c.cytokines if x.weight == 0),
            }
            for c in ranking.candidates
        ]
    )


def show_case(disease_name):
    \"\"\"The disease's rank table, then evidence, coverage and paths for each seed drug.\"\"\"
    disease = kg.resolve(disease_name, kind="Disease")
    ranking = kg.rank(disease, graph)
    if ranking.cytokines:
        print(f"Cytokines implicated in {disease.label}: {', '.join(ranking.cytokines)}")
        display(rank_table(ranking))
    else:
        print(
            f"The graph implicates no cytokine in {disease.label} yet, so coverage is 0 for"
            " every drug: the case rests on clinical evidence alone."
        )
    for drug_label in cases.loc[cases["disease"] == disease.label, "drug"]:
        explanation = kg.explain(kg.resolve(drug_label), disease, graph)
        print(
            f"\\n{drug_label} in {disease.label}: coverage {explanation.candidate.coverage:.2f},"
            f" {len(explanation.paths)} supporting paths"
        )
        display(evidence_table(explanation))
        if explanation.candidate.cytokines:
            display(coverage_table(explanation))
        if explanation.paths:
            display(path_table(explanation))
"""),
    md("""
## Dermatomyositis (three cases: upadacitinib or tofacitinib)
"""),
    code("""
show_case("dermatomyositis")
"""),
    md("""
The same explanation as an interactive picture: dermatomyositis with its cytokines, receptors
and JAKs, upadacitinib, and the supporting paths highlighted (hover over an edge for its
sources).
"""),
    code("""
kg.viz.show_inline(kg.viz.explain_view("upadacitinib", "dermatomyositis", graph), height=500)
"""),
    md("""
## Hidradenitis suppurativa (one case: upadacitinib)
"""),
    code("""
show_case("hidradenitis suppurativa")
"""),
    md("""
**Reading this table.** Upadacitinib, the drug the series reports benefit with, does not rank
above the other JAK1 inhibitors, and its coverage is low. That is not a contradiction: coverage
only counts the cytokines the graph records for hidradenitis suppurativa, weighted by how well
each is tied to it. The strongest ties (the *validated* cytokines, whose blockers work) signal
without JAKs, so no JAK inhibitor reaches them directly, and the cytokine whose blockade failed
counts zero. What is left for a JAK inhibitor is a few *associated* cytokines. A low score says
"the recorded, validated drivers of this disease are outside the JAK–STAT pathway", not "this
drug will not help". Its benefit in a patient may come from cytokines the graph does not record,
from the dose, or from effects a receptor-wiring model cannot see; notebook 04 walks through
these limits. The figures below are computed, not typed:
"""),
    code("""
hs = kg.rank(kg.resolve("hidradenitis suppurativa"), graph)
for tier in hs.tiers:
    jak_free = all(c.status == "uncovered" for c in hs.candidates[0].cytokines
                   if c.cytokine.iri == tier.entity.iri)
    print(f"{tier.entity.label:6} {tier.name:10} weight {tier.weight:<5}",
          "(no JAK inhibitor reaches it directly)" if jak_free else "")
best = max(c.coverage for c in hs.candidates)
upa = next(c for c in hs.candidates if c.drug.drug.label == "upadacitinib")
print(f"\\nhighest coverage: {best:.0%}; upadacitinib: {upa.coverage:.0%}, reported effective: {upa.reported}")
"""),
    md("""
## Cutaneous lupus erythematosus (one case: tofacitinib)
"""),
    code("""
show_case("cutaneous lupus erythematosus")
"""),
    md("""
## Cutaneous Crohn's disease (one case: upadacitinib)
"""),
    code("""
show_case("cutaneous Crohn's disease")
"""),
    md("""
## Every drug against every disease

`kg.coverage_matrix` scores every JAK inhibitor against every disease with implicated cytokines
(diseases without any are left out: there is nothing to cover). Cells are marked **A** where a
label approves the drug for the disease and **R** where use outside the label is reported
effective.
"""),
    code("""
matrix = kg.coverage_matrix(graph)
coverage = pd.DataFrame(
    [[matrix.cell(drug, disease).coverage for disease in matrix.diseases] for drug in matrix.drugs],
    index=[drug.label for drug in matrix.drugs],
    columns=[disease.label for disease in matrix.diseases],
)
marks = pd.DataFrame(
    [
        [
            ("A" if matrix.cell(drug, disease).approved else "")
            + ("R" if matrix.cell(drug, disease).reported else "")
            for disease in matrix.diseases
        ]
        for drug in matrix.drugs
    ],
    index=coverage.index,
    columns=coverage.columns,
)
coverage.round(2)
"""),
    md("""
`kg.heatmap.heatmap_figure` draws the same matrix (it is what `jakkg heatmap -o coverage.png`
writes); here the seed cases are outlined in red on top of it.
"""),
    code("""
figure = kg.heatmap.heatmap_figure(matrix)
axes = figure.axes[0]
for case in cases.itertuples():
    if case.drug in coverage.index and case.disease in coverage.columns:
        i, j = coverage.index.get_loc(case.drug), coverage.columns.get_loc(case.disease)
        outline = Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, ec="#ff2d2d", lw=3, zorder=5)
        axes.add_patch(outline)
figure
"""),
]


SCIENCE: list[Cell] = [
    md(f"""
# What is blocked, and why: the science behind coverage

A student's question: *will this JAK inhibitor calm this disease?* The graph can answer one
part of it, the mechanism: which of the disease's cytokine signals the drug switches off. This
notebook builds that answer up from the biology, one idea per section, with the graph's own
data (and its sources) in every table. The page `jakkg explore` draws the same answers for any
disease and drug.

1. Cytokines, receptors and JAK pairs
2. Does a receptor *need* the JAK a drug inhibits?
3. One cytokine, two inhibitors: why one covers it and the other does not
4. How strongly is each cytokine tied to the disease? Evidence tiers
5. From cytokines to one coverage figure
6. What coverage cannot tell you: a worked case from the seed paper ({SEED})
"""),
    code("""
import pandas as pd

import kg
import kg.explore
import kg.viz

graph = kg.load_graph()
explorer = kg.explore.explorer_data(graph)  # every (disease, drug) answer, as the page has it
pd.set_option("display.max_colwidth", 120)
"""),
    md("""
## 1. Cytokines, receptors and JAK pairs

A cytokine is a small protein one cell releases to instruct another. It acts by binding a
**receptor complex** on the target cell, built from two or more protein chains. The inside tail
of those chains carries a **Janus kinase** (JAK1, JAK2, JAK3 or TYK2). When the cytokine brings
the chains together, their JAKs come close, switch each other on, and pass the signal on to STAT
proteins, which change which genes the cell reads. So each receptor complex works through a set
of JAKs, most often a **pair**, and cytokines whose receptors use the same JAKs form a family.

A JAK inhibitor occupies the kinase of some JAKs and stops them: every cytokine that depends on
those JAKs goes quiet at once. That is why one tablet can damp several cytokines, and why *which*
JAKs it inhibits decides *which* cytokines. Here are the graph's cytokines grouped by the JAKs
their receptor complexes use:
"""),
    code("""
whole = kg.viz.whole_view(graph)
labels = {n.iri: n.label for n in whole.nodes}
pd.DataFrame(
    [(jaks, len(members), ", ".join(sorted(labels[m] for m in members)))
     for jaks, members in whole.families.items()],
    columns=["JAKs its receptors use", "cytokines", "which"],
)
"""),
    md("""
Cytokines in the "no JAK" row signal through receptors of other kinds: a JAK inhibitor cannot
block them directly, only perhaps through a cytokine upstream of them that does use JAKs.

## 2. Does a receptor *need* the JAK a drug inhibits?

That a JAK sits on a receptor does not mean the receptor needs it. Experiments that remove one
JAK (cells or patients lacking it) tell the graph how much signalling depends on it:

| requirement | what the experiment showed | credit a drug gets for inhibiting it |
|---|---|---|
| **required** | without this JAK the receptor does not signal | full (1) |
| **contributing** | without it the signal is weaker, not gone | half (0.5) |
| **associated only** | it is bound, but signalling goes on without it | none (0) |
| **unknown** | nobody has tested it | half (0.5), shown as unknown |

Here are the receptor complexes of rheumatoid arthritis's cytokines, each JAK with its
requirement and the source that established it:
"""),
    code("""
ra = explorer["questions"]["rheumatoid-arthritis"]
pd.DataFrame(
    [
        {
            "cytokine": c["label"],
            "receptor complex": r["label"],
            "JAK": j["label"],
            "requirement": j["requirement"],
            "source": "; ".join(s["citation"] for s in j["sources"]),
        }
        for c in ra["cytokines"]
        for r in c["receptors"]
        for j in r["jaks"]
    ]
)
"""),
    md("""
## 3. One cytokine, two inhibitors

IL-6 in rheumatoid arthritis. Upadacitinib inhibits JAK1; deucravacitinib inhibits TYK2. Both
JAKs are drawn on the IL-6 receptor, yet only one of the drugs gets credit. The explorer's
plain-language answer for each, the IL-6 sentence:
"""),
    code("""
for drug in ["upadacitinib", "deucravacitinib"]:
    answer = ra["answers"][drug]
    line = next(s for s in answer["story"] if "IL-6" in s.split(";")[0])
    print(f"{drug}: credit on the IL-6 receptor {answer['receptor_credit']['IL-6-receptor']}")
    print(f"  {line}\\n")
"""),
    md("""
The difference is not potency: it is wiring. A drug blocks a receptor when it switches off a JAK
the receptor cannot do without. The same reasoning, applied to every cytokine of a disease, is
the whole mechanistic model.

## 4. How strongly is each cytokine tied to the disease?

Not every cytokine measured in a disease drives it. The graph gives each (cytokine, disease) link
an **evidence tier**:

- **validated** (weight 1): a therapy that blocks this cytokine is approved for the disease, or
  won a randomised trial in it;
- **supported** (0.5): human genetic or functional evidence;
- **associated** (0.25): the cytokine's levels or expression are raised, nothing more;
- **refuted** (0): blocking it failed in a randomised trial.

The weights halve at each step down: a stated convention of the model, not a measurement.
Rheumatoid arthritis's cytokines, with the therapies behind each tier:
"""),
    code("""
pd.DataFrame(
    [
        {
            "cytokine": c["label"],
            "tier": c["tier"],
            "weight": c["weight"],
            "validated by": ", ".join(v["label"] for v in c["validated_by"]),
            "refuted by": ", ".join(v["label"] for v in c["refuted_by"]),
        }
        for c in ra["cytokines"]
    ]
)
"""),
    md("""
## 5. From cytokines to one coverage figure

**Coverage** is the tier-weighted mean of the drug's weight on each cytokine (1 blocked, between
0 and 1 partly, 0 not). Working it out by hand for two drugs gives the number `jakkg rank` prints:
"""),
    code("""
weights = {c["key"]: c["weight"] for c in ra["cytokines"]}
for drug in ["upadacitinib", "deucravacitinib"]:
    answer = ra["answers"][drug]
    status = answer["cytokine_status"]
    by_hand = sum(weights[k] * status[k]["weight"] for k in weights) / sum(weights.values())
    print(f"{drug}: by hand {by_hand:.4f}, rank says {answer['coverage']}")
"""),
    md(f"""
## 6. What coverage cannot tell you: a worked case from the seed paper

The project started from a case series (Agarwal et al. 2023, {SEED}) reporting patients with
skin diseases treated with JAK inhibitors outside their label. The graph records each reported
use as `reported effective in`, citing the paper. One of them is upadacitinib in hidradenitis
suppurativa. Here is how every inhibitor scores there, with the clinical evidence beside it:
"""),
    code("""
hs = explorer["questions"]["hidradenitis-suppurativa"]
pd.DataFrame(
    [
        {
            "drug": a["drug"]["label"],
            "coverage": a["coverage"],
            "reported effective": a["reported"],
            "approved": a["approved"],
            "cytokines with measured inhibition": f"{a['measured_count']['measured']} of "
            f"{a['measured_count']['of']}",
        }
        for a in hs["answers"].values()
    ]
).head(8)
"""),
    code("""
print("Its cytokines, by tier, and what upadacitinib does to each:")
for c in hs["cytokines"]:
    status = hs["answers"]["upadacitinib"]["cytokine_status"][c["key"]]["status"]
    print(f"  {c['label']:6} {c['tier']:10} {explorer['status_words'][status]}")
"""),
    md("""
The drug with reported benefit scores low, and no better than drugs nobody reported. Coverage is
not wrong here; it answers a narrower question than the student's. What it leaves out:
"""),
    code("""
for limit in kg.explore.LIMITS:
    print("-", limit)
"""),
    md("""
So read coverage as *"how much of the recorded, JAK-dependent signalling of this disease the
drug's targets switch off"*, next to the clinical evidence, never instead of it. A case series is
a handful of patients without a comparison group: it shows that a treatment is worth testing,
not that it works.

## Explore it yourself

`jakkg explore -o explore.html` writes one offline page with every disease and drug of the
graph: pick a pair and it draws this pathway, colours what is blocked, and explains it.
"""),
    code("""
page = kg.explore.write_explorer("explore.html", graph)
print(f"wrote {page.name}: {len(explorer['diseases'])} diseases, {len(explorer['drugs'])} inhibitors")
"""),
]


NOTEBOOKS: dict[str, list[Cell]] = {
    "01-tour.ipynb": TOUR,
    "02-sparql.ipynb": SPARQL,
    "03-rationale.ipynb": CASES,
    "04-what-is-blocked.ipynb": SCIENCE,
}


def build(name: str, cells: list[Cell]) -> nbformat.NotebookNode:
    """The notebook NAME with ``cells``, outputs cleared and cell ids stable across runs."""
    notebook = new_notebook(
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
    )
    for index, (kind, source) in enumerate(cells):
        cell = new_code_cell(source) if kind == "code" else new_markdown_cell(source)
        cell["id"] = f"c{index:02d}"
        notebook.cells.append(cell)
    return notebook


INLINE_VIEW_NOTE = (
    "<p><i>An interactive network view (vis-network) appears here when you run this cell in "
    "Jupyter; the saved notebook keeps this note instead of the 1 MB page.</i></p>"
)
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def execute(notebook: nbformat.NotebookNode, timeout: int = 180) -> nbformat.NotebookNode:
    """Run ``notebook`` top to bottom in a fresh kernel, in a scratch folder, and return it
    in its committed form (``committed``)."""
    from nbclient import NotebookClient

    # The kernel inherits this: set iteration order, and so any output built from a set,
    # is then the same on every run.
    before = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = "0"
    try:
        with tempfile.TemporaryDirectory() as folder:
            NotebookClient(
                notebook,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": folder}},
            ).execute()
    finally:
        if before is None:
            del os.environ["PYTHONHASHSEED"]
        else:
            os.environ["PYTHONHASHSEED"] = before
    return committed(notebook)


def committed(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``notebook`` as saved: streams joined, inline views replaced by a note, no per-run
    metadata."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = joined_streams(cell.outputs)
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            if "<iframe srcdoc=" in html:
                output["data"] = {"text/html": INLINE_VIEW_NOTE, "text/plain": "<inline view>"}
    return notebook


def joined_streams(outputs: list) -> list:
    """``outputs`` with consecutive prints to one stream as one output (how a kernel splits
    them into chunks depends on timing)."""
    found: list = []
    for output in outputs:
        last = found[-1] if found else None
        if (
            output["output_type"] == "stream"
            and last is not None
            and last["output_type"] == "stream"
            and last["name"] == output["name"]
        ):
            last["text"] += output["text"]
        else:
            found.append(output)
    return found


def comparable(notebook: nbformat.NotebookNode) -> list[list[dict]]:
    """The outputs of each code cell with the volatile parts left out: execution counts,
    metadata, memory addresses and image bytes (a figure's presence and size text count)."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in joined_streams(copy.deepcopy(cell.get("outputs", []))):
            item = {"type": output["output_type"]}
            if "text" in output:
                item["text"] = ADDRESS.sub(" at 0x…", output["text"]).rstrip()
            for mime, value in sorted(output.get("data", {}).items()):
                text = value if isinstance(value, str) else "".join(value)
                item[mime] = "<image>" if mime.startswith("image/") else ADDRESS.sub(" at 0x…", text)
            if output["output_type"] == "error":
                item["error"] = f"{output['ename']}: {output['evalue']}"
            outputs.append(item)
        found.append(outputs)
    return found


def cells_of(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(type, source) of every cell: what this script decides, outputs aside."""
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def render(name: str) -> str:
    """The notebook NAME, executed, as the text this script writes."""
    return nbformat.writes(execute(build(name, NOTEBOOKS[name]))) + "\n"


def main(argv: list[str]) -> int:
    """Write and run every notebook (or those named), or with ``--check`` report the ones whose
    cells differ from this script's."""
    names = [a for a in argv if a in NOTEBOOKS] or list(NOTEBOOKS)
    stale = []
    for name in names:
        path = HERE / name
        if "--check" in argv:
            mine = cells_of(build(name, NOTEBOOKS[name]))
            if not path.is_file() or cells_of(nbformat.read(path, as_version=4)) != mine:
                stale.append(name)
        else:
            path.write_text(render(name), encoding="utf-8")
            print(f"wrote {path.name}")
    for name in stale:
        print(f"{name} differs from build_notebooks.py; run it to rewrite", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
