"""The student's explorer: every (disease, drug) question of the graph, answered as data for one
offline page (``jakkg explore``).

For each disease the page needs its pathway (cytokines and driver mutations with their tiers,
the receptor complexes they signal through, the JAKs each complex uses and whether it needs
them) and, for each inhibitor, the answer ``kg.rationale.rank`` gives (coverage, covered and
uncovered cytokines, gaps, clinical evidence, measured inhibition), the credit the drug earns
on each receptor complex, and the answer in plain sentences. The page only draws this data.

>>> data = explorer_data()
>>> answer = data["questions"]["dermatomyositis"]["answers"]["upadacitinib"]
>>> answer["coverage"]
1.0
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.atomic import output_target, write_atomic
from kg.namespaces import local_name
from kg.provenance import Source, citation
from kg.rationale import COVERED, INDIRECT, PARTIAL, UNCOVERED, Ranking, coverage_matrix, rank
from kg.rationale.pathways import Pathways
from kg.rationale.ranking import Candidate, context_of
from kg.rationale.rules import receptor_credit
from kg.resolve import Entity, resolver_for
from kg.store import Graph, load_graph

STATUS_WORDS = {
    COVERED: "blocked",
    PARTIAL: "partly blocked",
    INDIRECT: "partly blocked (through what drives it)",
    UNCOVERED: "not blocked",
}
LIMITS = [
    "Coverage counts receptor wiring, not dose: a drug that blocks a JAK at a high dose may "
    "barely touch it at the dose patients take (see the measured inhibition, where recorded).",
    "It does not know the tissue: which cells make the cytokine in this disease, and whether "
    "the drug reaches them (a cream does not reach the muscle).",
    "It only sees the cytokines the graph records for the disease; an unrecorded cytokine, or "
    "a driver that works without JAKs, is invisible to it.",
    "It is a mechanism, not an outcome: approvals, reported use and failed trials are shown "
    "beside it and never folded into the number.",
]


# Keys of ``rank``'s candidates the page does not read: the per-cytokine detail it draws is in
# ``cytokine_status`` and the pathway, the evidence in ``evidence_links``. Left out to keep the
# page small (about half its size).
UNUSED_KEYS = ("covered", "stated_comparisons", "evidence", "sources")


def slug(iri: str) -> str:
    """The fragment key of an entity: its IRI's local name (``upadacitinib``)."""
    return local_name(iri)


def link(source: Source) -> dict[str, str]:
    """A source as the page shows it: citation, short text, address (http(s) only) and kind.

    >>> link(Source("https://dailymed.nlm.nih.gov/dailymed/x?q=1", "RegulatoryLabel"))["text"]
    'dailymed.nlm.nih.gov'
    """
    found = iri_link(source.iri)
    extras = [x for x in (source.agency, source.year) if x]
    return found | {"kind": source.kind_words, "note": ", ".join(extras)}


def iri_link(iri: str) -> dict[str, str]:
    """A bare source IRI as a link; a web page that is no DOI or PMID shows as its host."""
    url = iri if iri.startswith(("https://", "http://")) else ""
    cited = citation(iri)
    text = urlsplit(cited).netloc if cited.startswith(("https://", "http://")) else cited
    return {"citation": cited, "text": text or cited, "url": url, "kind": "", "note": ""}


def pathway(ranking: Ranking, pathways: Pathways) -> dict[str, Any]:
    """The disease's drawable pathway: cytokines with tiers, receptor complexes, JAKs, upstream."""
    disease = ranking.disease.iri
    implicated = pathways.implicated.get(disease, set())
    cytokines = []
    for tier in ranking.tiers:
        iri = tier.entity.iri
        cytokines.append(
            tier.to_dict()
            | {
                "key": slug(iri),
                "source_links": [link(s) for s in tier.sources],
                "upstream": sorted(slug(u) for u in pathways.upstream_of(disease, iri)),
                "receptors": receptors_of(iri, pathways),
            }
        )
    jaks = sorted(
        {
            j["key"]: j["label"] for c in cytokines for r in c["receptors"] for j in r["jaks"]
        }.items(),
        key=lambda x: x[1],
    )
    return {
        "label": ranking.disease.label,
        "id": ranking.disease.curie,
        "cytokines": cytokines,
        "jaks": [{"key": k, "label": v} for k, v in jaks],
        "implicated_count": len(implicated),
    }


def receptors_of(signaller: str, pathways: Pathways) -> list[dict[str, Any]]:
    """The receptor complexes of a cytokine (or driver mutation), each JAK with its requirement
    and the sources that established it."""
    return [
        {
            "key": slug(receptor),
            "label": pathways.label(receptor),
            "jaks": [
                {
                    "key": slug(jak),
                    "label": pathways.label(jak),
                    "requirement": pathways.requirement(receptor, jak),
                    "sources": [
                        iri_link(s)
                        for s in sorted(pathways.requirement_sources.get((receptor, jak), ()))
                    ],
                }
                for jak in sorted(jaks, key=pathways.label)
            ],
        }
        for receptor, jaks in sorted(
            pathways.receptors.get(signaller, {}).items(), key=lambda x: pathways.label(x[0])
        )
    ]


def answer(item: Candidate, disease: Entity, pathways: Pathways) -> dict[str, Any]:
    """One drug's answer for one disease: ``rank``'s candidate plus credits and sentences."""
    data = {k: v for k, v in item.to_dict().items() if k not in UNUSED_KEYS}
    credits: dict[str, float] = {}
    for cytokine in pathways.implicated.get(disease.iri, ()):
        for receptor, jaks in pathways.receptors.get(cytokine, {}).items():
            if jaks:
                credits[slug(receptor)] = receptor_credit(item.drug, receptor, jaks, pathways)[0]
    data["cytokine_status"] = {
        slug(c.cytokine.iri): {
            "status": c.status,
            "weight": c.weight,
            "via": [slug(v.iri) for v in c.via],
        }
        for c in item.cytokines
    }
    data["receptor_credit"] = credits
    data["inhibits"] = {slug(j): role or "" for j, role in item.drug.targets.items()}
    data["evidence_links"] = [
        {"predicate": e.predicate, "source": link(e.source) if e.source else None}
        for e in item.evidence
    ]
    data["story"] = story(item, disease, pathways)
    return data


def story(item: Candidate, disease: Entity, pathways: Pathways) -> list[str]:
    """The answer in plain sentences: the verdict, then one sentence per cytokine, best first.

    >>> from kg.resolve import resolver_for
    >>> from kg.rationale import rank
    >>> r = rank(resolver_for(load_graph()).resolve("dermatomyositis"))
    >>> item = next(c for c in r.candidates if c.drug.drug.label == "upadacitinib")
    >>> pathways = context_of(load_graph(), item.disease).pathways
    >>> lines = story(item, r.disease, pathways)
    >>> print(next(s for s in lines if s.startswith("IL-6 ")))  # doctest: +ELLIPSIS
    IL-6 signals through JAK1 (IL-6 receptor needs JAK1); upadacitinib inhibits JAK1, so IL-6 ...
    """
    drug = item.drug.drug.label
    if not pathways.implicated.get(disease.iri):
        return [
            f"The graph records no cytokine or driver mutation for {disease.label}, so it cannot "
            f"say whether {drug} reaches its pathways."
        ]
    lines = [
        f"{drug} covers {item.coverage:.0%} of {disease.label}'s recorded cytokine pathways "
        "(each cytokine weighted by its evidence tier)."
    ]
    for coverage in item.cytokines:
        name = coverage.cytokine.label
        if coverage.status == COVERED:
            needs = "; ".join(
                f"{pathways.label(r)} needs {'/'.join(sorted(pathways.label(j) for j in jaks))}"
                for r, jaks in _needed(coverage.cytokine.iri, pathways).items()
            )
            jaks = "/".join(coverage.jaks)
            lines.append(
                f"{name} signals through {jaks}" + (f" ({needs})" if needs else "") + f"; {drug} "
                f"inhibits {jaks}, so {name} signalling is blocked."
            )
        else:
            reason = coverage.reason or f"{name} is {STATUS_WORDS[coverage.status]}"
            lines.append(f"{STATUS_WORDS[coverage.status].capitalize()}: {reason}.")
    return lines


def _needed(cytokine: str, pathways: Pathways) -> dict[str, set[str]]:
    """The receptor complexes of ``cytokine`` with the JAKs each requires (as the data says)."""
    found = {}
    for receptor, jaks in pathways.receptors.get(cytokine, {}).items():
        required = {j for j in jaks if pathways.requirement(receptor, j) == "required"}
        if required:
            found[receptor] = required
    return found


def explorer_data(graph: Graph | None = None) -> dict[str, Any]:
    """Every disease and inhibitor, each disease's pathway and every drug's answer for it.

    The coverage of each answer is the one ``rank`` gives (it is ``rank``'s candidate).
    """
    graph = graph or load_graph()
    resolver = resolver_for(graph)
    diseases = sorted(
        (e for e in resolver.entities.values() if e.kind == "Disease"),
        key=lambda e: e.label.casefold(),
    )
    context = context_of(graph)
    questions = {}
    drugs: dict[str, dict[str, Any]] = {}
    for disease in diseases:
        ranking = rank(disease, graph)
        questions[slug(disease.iri)] = pathway(ranking, context.pathways) | {
            "answers": {
                slug(c.drug.drug.iri): answer(c, disease, context.pathways)
                for c in ranking.candidates
            }
        }
        for c in ranking.candidates:
            drugs[slug(c.drug.drug.iri)] = {
                "key": slug(c.drug.drug.iri),
                "label": c.drug.drug.label,
                "route": sorted(c.drug.routes),
            }
    matrix = coverage_matrix(graph)
    return {
        "diseases": [{"key": slug(d.iri), "label": d.label} for d in diseases],
        "drugs": sorted(drugs.values(), key=lambda d: d["label"].casefold()),
        "questions": questions,
        "overview": {
            "diseases": [slug(d.iri) for d in matrix.diseases],
            "drugs": [slug(d.iri) for d in matrix.drugs],
        },
        "status_words": STATUS_WORDS,
        "limits": LIMITS,
    }


def render_explorer(graph: Graph | None = None) -> str:
    """The explorer page: one self-contained HTML file with its data inlined."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape())
    data = json.dumps(explorer_data(graph), ensure_ascii=False, separators=(",", ":"))
    # "<" only occurs inside JSON strings, where \u003c reads the same and cannot end the
    # <script> element that holds the data.
    return env.get_template("explore.html").render(data=data.replace("<", "\\u003c"))


def write_explorer(path: Path | str, graph: Graph | None = None) -> Path:
    """Write the explorer page to ``path`` atomically and return the path."""
    target = output_target(path, (".html", ".htm"))
    write_atomic(target, render_explorer(graph))
    return target
