"""A seeded synthetic graph in the shape of the shipped one, from 10^3 to 10^7 triples.

The generator repeats a *unit* modelled on the curated data: Janus kinases, receptor
chains, receptor complexes (``hasChain``, ``associatedJAK``), cytokines (``bindsReceptor``,
the materialised ``signalsVia``, ``implicatedIn``, ``upstreamOf``), JAK inhibitors
(``inhibits`` with a target role, ``approvedFor`` with agency and year,
``reportedEffectiveIn`` with a patient count) and diseases. Every entity has a class,
label, synonym and cross-reference; every sourced edge is asserted *and* described by an
``rdf:Statement`` node with ``dcterms:source`` and ``jk:evidenceKind``, as in
``data/curated/*.ttl``. Edge ends are drawn with a Zipf-like skew, so some entities are hubs
(the first disease, drug and JAK1 are the biggest), as in real biomedical graphs.

Kinases scale with the graph (the first four are JAK1, JAK2, JAK3 and TYK2): a merged
external graph brings many more targets, and fixing the kinase count at four would make
every drug reach every disease. The same size and seed always give the same bytes.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.nt"
>>> generate(2_000, out).triples > 1_000
True
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.namespaces import ENTITY, PREFIXES, VOCAB

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
SKOS = PREFIXES["skos"]
XSD = PREFIXES["xsd"]
DCTERMS = PREFIXES["dcterms"]

# Entities of each class in one unit of the graph (roughly the curated data's proportions).
UNIT = {
    "kinase": 4,
    "chain": 12,
    "receptor": 10,
    "cytokine": 10,
    "drug": 6,
    "disease": 10,
    "driver": 1,
    "blocker": 7,
}
CLASS = {
    "kinase": "JanusKinase",
    "chain": "ReceptorChain",
    "receptor": "ReceptorComplex",
    "cytokine": "Cytokine",
    "drug": "JAKInhibitor",
    "disease": "Disease",
    "driver": "DriverMutation",
    "blocker": "CytokineBlocker",
}
REAL_KINASES = ("JAK1", "JAK2", "JAK3", "TYK2")
EVIDENCE = {
    "bindsReceptor": ("Review", "ExperimentalStudy"),
    "associatedJAK": ("Review", "ExperimentalStudy"),
    "upstreamOf": ("Review", "ExperimentalStudy"),
    "implicatedIn": ("Review", "ExperimentalStudy", "CaseSeries"),
    "inhibits": ("RegulatoryLabel", "ExperimentalStudy"),
    "approvedFor": ("RegulatoryLabel",),
    "reportedEffectiveIn": ("RandomisedTrial", "ClinicalTrial", "CaseSeries", "CaseReport"),
    "failedIn": ("RandomisedTrial",),
    "driverOf": ("ExperimentalStudy",),
    "signalsThrough": ("ExperimentalStudy",),
    "blocksCytokine": ("RegulatoryLabel",),
}
# Shares measured on the shipped graph (data/triples.ttl, 2026-12-04): 30 of 46 associatedJAK
# links carry a jk:jakRequirement (21 required, 4 contributing, 5 associated only); 9 links
# carry a curated jk:evidenceTier (7 of them the driverOf links); 2 of 15 inhibitors are
# topical, 1 has a failed trial; 19 cytokine blockers hold 43 approvals, 8 reported uses and
# 10 failed trials; 4 measurements and 43 stated comparisons for 15 inhibitors.
REQUIREMENT_SHARE = 30 / 46
REQUIREMENTS = (("Required", 21), ("Contributing", 4), ("AssociatedOnly", 5))
IMPLICATED_TIER_SHARE = 2 / 108
TOPICAL_SHARE = 2 / 15
FAILED_SHARE = 1 / 15
MEASURED_SHARE = 4 / 15
COMPARISONS_PER_DRUG = 43 / 15
AGENCIES = ("FDA", "EMA", "PMDA")
TRIPLES_PER_UNIT = 2_050  # measured: generate(n).triples / units at 10^5..10^6
ZIPF_EXPONENT = 0.8
UNITS_PER_SOURCE = 40  # sourced edges per distinct publication, so sources are shared


@dataclass(frozen=True)
class SynthGraph:
    """What ``generate`` wrote: the file, its triple count and the entities to query."""

    path: Path
    triples: int
    statements: int
    entities: dict[str, int]
    seed: int
    hub_disease: str
    hub_drug: str

    def to_dict(self) -> dict:
        """JSON-ready form."""
        data = asdict(self)
        data["path"] = str(self.path)
        return data


def iri(kind: str, index: int) -> str:
    """IRI of synthetic entity ``index`` of ``kind``; kinases 0-3 are the real JAKs.

    >>> iri("kinase", 1), iri("disease", 7)
    ('https://w3id.org/jakkg/id/JAK2', 'https://w3id.org/jakkg/id/syn-disease-7')
    """
    if kind == "kinase" and index < len(REAL_KINASES):
        return ENTITY + REAL_KINASES[index]
    return f"{ENTITY}syn-{kind}-{index}"


def units_for(triples: int) -> int:
    """How many units make about ``triples`` triples."""
    return max(1, round(triples / TRIPLES_PER_UNIT))


class _Skewed:
    """Draws indices 0..n-1 with Zipf-like weights: index 0 is the biggest hub."""

    def __init__(self, n: int, rng: random.Random):
        self.rng = rng
        self.cumulative = list(itertools.accumulate((i + 1) ** -ZIPF_EXPONENT for i in range(n)))

    def draw(self) -> int:
        return bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])

    def distinct(self, k: int) -> list[int]:
        k = min(k, len(self.cumulative))
        chosen: list[int] = []
        while len(chosen) < k:
            index = self.draw()
            if index not in chosen:
                chosen.append(index)
        return chosen


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(text: str, datatype: str | None = None) -> str:
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"@en'


class _Writer:
    """Emits triples as N-Triples lines and counts them."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.triples = 0
        self.statements = 0

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")
        self.triples += 1


A = _iri(RDF + "type")


def _entities(out: _Writer, counts: dict[str, int]) -> None:
    for kind, n in counts.items():
        cls = _iri(VOCAB + CLASS[kind])
        for i in range(n):
            node = _iri(iri(kind, i))
            name = iri(kind, i).rsplit("/", 1)[1]
            out.add(node, A, cls)
            out.add(node, _iri(RDFS + "label"), _lit(name))
            out.add(node, _iri(SKOS + "altLabel"), _lit(f"{kind} number {i}"))
            out.add(node, _iri(VOCAB + "xref"), f'"SYN:{kind}{i}"')
            if kind in ("kinase", "chain", "cytokine"):
                out.add(node, _iri(VOCAB + "geneSymbol"), f'"SYN{kind.upper()}{i}"')
            if kind == "drug":
                out.add(node, A, _iri(VOCAB + "Drug"))


def _edge(
    out: _Writer,
    rng: random.Random,
    sources: int,
    s: str,
    p: str,
    o: str,
    extra: list[tuple[str, str]] = (),
) -> None:
    """Assert ``s p o`` and describe it by one (sometimes two) sourced statement nodes."""
    pred = _iri(VOCAB + p)
    out.add(_iri(s), pred, _iri(o))
    for _ in range(2 if rng.random() < 0.2 else 1):
        out.statements += 1
        node = f"_:st{out.statements}"
        out.add(node, A, _iri(RDF + "Statement"))
        out.add(node, _iri(RDF + "subject"), _iri(s))
        out.add(node, _iri(RDF + "predicate"), pred)
        out.add(node, _iri(RDF + "object"), _iri(o))
        source = f"https://pubmed.ncbi.nlm.nih.gov/{90_000_000 + rng.randrange(sources)}/"
        out.add(node, _iri(DCTERMS + "source"), _iri(source))
        kind = rng.choice(EVIDENCE[p])
        out.add(node, _iri(VOCAB + "evidenceKind"), _iri(VOCAB + kind))
        for prop, value in extra:
            out.add(node, _iri(VOCAB + prop), value)


def _approval(rng: random.Random) -> list[tuple[str, str]]:
    """An approval statement's agency and year."""
    year = f'"{rng.randrange(2012, 2026)}"^^<{XSD}gYear>'
    return [("agency", _iri(VOCAB + rng.choice(AGENCIES))), ("approvalYear", year)]


def _routes(out: _Writer, rng: random.Random, drug: str) -> None:
    """Oral, or (at the shipped share) topical only, or both."""
    draw = rng.random()
    routes = (
        ("Topical",)
        if draw < TOPICAL_SHARE / 2
        else ("Oral", "Topical")
        if draw < TOPICAL_SHARE
        else ("Oral",)
    )
    for route in routes:
        out.add(_iri(drug), _iri(VOCAB + "route"), _iri(VOCAB + route))


def _pharmacology(
    out: _Writer, rng: random.Random, sources: int, pick: dict[str, _Skewed], drug: str, drugs: int
) -> None:
    """Measurement and comparison nodes of ``drug``, shaped like 80-pharmacology.ttl."""
    source = _iri(f"https://pubmed.ncbi.nlm.nih.gov/{90_000_000 + rng.randrange(sources)}/")
    shared = [
        (_iri(VOCAB + "matrix"), _lit("blood drawn after dosing, stimulated ex vivo")),
        (_iri(VOCAB + "population"), _lit("healthy volunteers")),
        (_iri(DCTERMS + "source"), source),
        (_iri(VOCAB + "locator"), _lit("Table 2")),
    ]
    nodes = []
    if rng.random() < MEASURED_SHARE:
        nodes.append(
            [
                (A, _iri(VOCAB + "SignallingInhibitionMeasurement")),
                (_iri(VOCAB + "readout"), _lit("pSTAT3")),
                (_iri(VOCAB + "ic50nM"), f'"{rng.randint(5, 900)}"^^<{XSD}decimal>'),
                (_iri(VOCAB + "assay"), _lit("exposure-response model")),
            ]
        )
    whole = int(COMPARISONS_PER_DRUG)
    for _ in range(whole + (rng.random() < COMPARISONS_PER_DRUG - whole)):
        other = iri("drug", rng.randrange(drugs))
        nodes.append(
            [
                (A, _iri(VOCAB + "SignallingInhibitionComparison")),
                (_iri(VOCAB + "comparator"), _iri(other)),
                (_iri(VOCAB + "quantity"), _lit("IC50")),
                (_iri(VOCAB + "relation"), _lit(rng.choice(("lower", "higher", "similar")))),
                (_iri(VOCAB + "dose"), _lit("15 mg once daily")),
                (_iri(VOCAB + "comparatorDose"), _lit("5 mg twice daily")),
            ]
        )
    for pairs in nodes:
        out.statements += 1
        node = f"_:ph{out.statements}"
        cytokine = _iri(iri("cytokine", pick["cytokine"].draw()))
        for p, o in [
            (_iri(VOCAB + "drug"), _iri(drug)),
            (_iri(VOCAB + "cytokine"), cytokine),
            *pairs,
            *shared,
        ]:
            out.add(node, p, o)


def _triples(units: int, seed: int) -> Iterator[_Writer]:
    """Yield the writer after each block of edges, so the caller can flush lines."""
    rng = random.Random(seed)
    counts = {kind: n * units for kind, n in UNIT.items()}
    sources = max(10, units * UNITS_PER_SOURCE)
    pick = {kind: _Skewed(n, rng) for kind, n in counts.items()}
    out = _Writer()
    _entities(out, counts)
    yield out

    receptor_jaks: dict[str, list[str]] = {}
    for r in range(counts["receptor"]):
        receptor = iri("receptor", r)
        for c in pick["chain"].distinct(rng.choice((2, 2, 3))):
            out.add(_iri(receptor), _iri(VOCAB + "hasChain"), _iri(iri("chain", c)))
        jaks = [iri("kinase", k) for k in pick["kinase"].distinct(rng.choice((1, 2, 2, 3)))]
        receptor_jaks[receptor] = jaks
        for jak in jaks:
            extra = []
            if rng.random() < REQUIREMENT_SHARE:
                need = rng.choices([n for n, _ in REQUIREMENTS], [w for _, w in REQUIREMENTS])[0]
                extra = [("jakRequirement", _iri(VOCAB + need))]
            _edge(out, rng, sources, receptor, "associatedJAK", jak, extra)
        if r % 1000 == 999:
            yield out
    yield out

    for c in range(counts["cytokine"]):
        cytokine = iri("cytokine", c)
        jaks: list[str] = []
        for r in pick["receptor"].distinct(rng.choice((1, 1, 2))):
            receptor = iri("receptor", r)
            _edge(out, rng, sources, cytokine, "bindsReceptor", receptor)
            jaks += [j for j in receptor_jaks.get(receptor, []) if j not in jaks]
        for jak in jaks:
            out.add(_iri(cytokine), _iri(VOCAB + "signalsVia"), _iri(jak))
        if rng.random() < 0.2:
            other = iri("cytokine", pick["cytokine"].draw())
            if other != cytokine:
                _edge(out, rng, sources, cytokine, "upstreamOf", other)
        if c % 1000 == 999:
            yield out
    receptor_jaks.clear()
    yield out

    supported = [("evidenceTier", _iri(VOCAB + "Supported"))]
    diseases_of: dict[int, list[int]] = {}
    for d in range(counts["disease"]):
        disease = iri("disease", d)
        for c in pick["cytokine"].distinct(rng.randint(3, 9)):
            tier = supported if rng.random() < IMPLICATED_TIER_SHARE else []
            _edge(out, rng, sources, iri("cytokine", c), "implicatedIn", disease, tier)
            diseases_of.setdefault(c, []).append(d)
        if d % 1000 == 999:
            yield out
    for m in range(counts["driver"]):
        driver = iri("driver", m)
        _edge(out, rng, sources, driver, "signalsThrough", iri("receptor", pick["receptor"].draw()))
        for d in pick["disease"].distinct(rng.choice((1, 2, 2, 3))):
            _edge(out, rng, sources, driver, "driverOf", iri("disease", d), supported)
    yield out

    for b in range(counts["blocker"]):
        blocker = iri("blocker", b)
        blocked = pick["cytokine"].distinct(rng.choice((1, 1, 1, 1, 2)))
        for c in blocked:
            _edge(out, rng, sources, blocker, "blocksCytokine", iri("cytokine", c))
        # A blocker is tried where its cytokine is implicated (that is what makes a tier).
        where = sorted({d for c in blocked for d in diseases_of.get(c, [])}) or [0]
        counts_of = {
            "approvedFor": rng.choice((1, 2, 2, 3, 4)),
            "failedIn": int(rng.random() < 10 / 19),
            "reportedEffectiveIn": int(rng.random() < 8 / 19),
        }
        for p, k in counts_of.items():
            for d in rng.sample(where, min(k, len(where))):
                extra = _approval(rng) if p == "approvedFor" else []
                _edge(out, rng, sources, blocker, p, iri("disease", d), extra)
        if b % 1000 == 999:
            yield out
    diseases_of.clear()
    yield out

    for g in range(counts["drug"]):
        drug = iri("drug", g)
        for rank, k in enumerate(pick["kinase"].distinct(rng.choice((1, 2, 2, 3)))):
            role = _iri(VOCAB + ("PrimaryTarget" if rank == 0 else "SecondaryTarget"))
            _edge(out, rng, sources, drug, "inhibits", iri("kinase", k), [("targetRole", role)])
        for d in pick["disease"].distinct(rng.choice((0, 1, 1, 2, 3))):
            _edge(out, rng, sources, drug, "approvedFor", iri("disease", d), _approval(rng))
        for d in pick["disease"].distinct(rng.randint(1, 7)):
            count = f'"{rng.randint(1, 400)}"^^<{XSD}positiveInteger>'
            extra = [("patientCount", count)]
            _edge(out, rng, sources, drug, "reportedEffectiveIn", iri("disease", d), extra)
        if rng.random() < FAILED_SHARE:
            _edge(out, rng, sources, drug, "failedIn", iri("disease", pick["disease"].draw()))
        _routes(out, rng, drug)
        _pharmacology(out, rng, sources, pick, drug, counts["drug"])
        if g % 1000 == 999:
            yield out
    yield out


def generate(triples: int, path: Path | str, seed: int = 0) -> SynthGraph:
    """Write an N-Triples graph of about ``triples`` triples to ``path``; same seed, same bytes.

    Load it together with ``ontology/jakkg.ttl``, which holds the classes and properties.
    """
    units = units_for(triples)
    target = Path(path)
    with target.open("w", encoding="utf-8") as handle:
        for writer in _triples(units, seed):
            if len(writer.lines) > 100_000:
                handle.writelines(writer.lines)
                writer.lines.clear()
        handle.writelines(writer.lines)
    return SynthGraph(
        path=target,
        triples=writer.triples,
        statements=writer.statements,
        entities={kind: n * units for kind, n in UNIT.items()},
        seed=seed,
        hub_disease=iri("disease", 0),
        hub_drug=iri("drug", 0),
    )
