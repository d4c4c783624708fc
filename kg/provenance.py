"""Where a curated edge comes from: its source and the kind of evidence it gives."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from kg.namespaces import local_name

if TYPE_CHECKING:
    from kg.store import Graph

Triple = tuple[str, str, str]

DOI_PREFIX = "https://doi.org/"
PUBMED_PREFIX = "https://pubmed.ncbi.nlm.nih.gov/"
PMC_PREFIX = "https://pmc.ncbi.nlm.nih.gov/articles/"


def citation(iri: str) -> str:
    """A source IRI in short form: ``doi:10...``, ``PMID:nnn``, ``PMCnnn``, or the IRI itself.

    >>> citation("https://pubmed.ncbi.nlm.nih.gov/17581537/")
    'PMID:17581537'
    >>> citation("https://pmc.ncbi.nlm.nih.gov/articles/PMC6973126")
    'PMC6973126'
    """
    if iri.startswith(DOI_PREFIX):
        return "doi:" + iri[len(DOI_PREFIX) :]
    if iri.startswith(PUBMED_PREFIX):
        return "PMID:" + iri[len(PUBMED_PREFIX) :].strip("/")
    if iri.startswith(PMC_PREFIX):
        return iri[len(PMC_PREFIX) :].strip("/")
    return iri


@dataclass(frozen=True, order=True)
class Source:
    """One source of one edge, as recorded on its rdf:Statement node."""

    iri: str
    kind: str
    agency: str | None = None
    year: str | None = None
    role: str | None = None
    comment: str | None = None
    patients: int | None = None
    trial: str | None = None
    phase: str | None = None
    status: str | None = None

    @property
    def citation(self) -> str:
        """Short form: ``doi:10...``, ``PMID:nnn`` or the label URL."""
        return citation(self.iri)

    @property
    def kind_words(self) -> str:
        """The evidence kind in words, e.g. ``case series``."""
        return EVIDENCE_WORDS.get(self.kind, self.kind)

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form, without empty fields, plus the short citation."""
        data = {k: v for k, v in asdict(self).items() if v is not None}
        return data | {"citation": self.citation}


EVIDENCE_WORDS = {
    "RegulatoryLabel": "regulatory label",
    "RandomisedTrial": "randomised trial",
    "ClinicalTrial": "clinical trial",
    "CaseSeries": "case series",
    "CaseReport": "case report",
    "Review": "review",
    "ExperimentalStudy": "experimental study",
    "TrialRegistration": "trial registration",
}


def source_from_row(row: dict[str, str]) -> Source | None:
    """A Source from a row with ?source ?kind and any of ?agency ?year ?role ?comment ?patients
    ?trial ?phase ?status."""
    if "source" not in row:
        return None
    role = row.get("role")
    return Source(
        iri=row["source"],
        kind=local_name(row.get("kind", "")),
        agency=row.get("agency"),
        year=row.get("year"),
        role=local_name(role) if role else None,
        comment=row.get("comment"),
        patients=int(row["patients"]) if "patients" in row else None,
        trial=row.get("trial"),
        phase=row.get("phase"),
        status=row.get("status"),
    )


def edge_sources(graph: Graph, triples: Iterable[Triple]) -> dict[Triple, list[Source]]:
    """The sources of each (subject, predicate, object) edge, sorted, from bound queries.

    Looking the statements up for known edges, rather than joining them in with OPTIONAL,
    keeps the cost independent of how many statements the graph holds.
    """
    from kg.sparql import library_query
    from kg.store import select_rows

    keys = sorted(set(triples))
    found: dict[Triple, list[Source]] = {key: [] for key in keys}
    for row in select_rows(graph, library_query("edge-sources"), ("s", "p", "o"), keys):
        source = source_from_row(row)
        bucket = found[(row["s"], row["p"], row["o"])]
        if source and source not in bucket:
            bucket.append(source)
    for bucket in found.values():
        bucket.sort()
    return found
