"""The SSSOM mapping table: every jakkg entity to its external identifiers, with justification.

Each ``jk:xref`` is a manual curation (a curator checked the record, see ``docs/data-*.md``):
``skos:exactMatch`` when the record is the same kind of thing (a protein's UniProtKB entry, a
disease's MONDO term, a drug's ChEBI entry), ``oboInOwl:hasDbXref`` when it is a related record
rather than the thing itself (the gene, in HGNC or NCBI Gene, that encodes a protein; the FDA
application of a drug). The curated ``skos:broadMatch`` terms stay broad matches.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from kg.namespaces import PREFIXES, shorten
from kg.sparql import library_query

JUSTIFICATION = "semapv:ManualMappingCuration"
RELATED_RECORD_PREFIXES = frozenset({"HGNC", "NCBIGene", "NDA"})
RELATED_RECORD = "a related record (the encoding gene, or the drug application), not the entity"
COLUMNS = (
    "subject_id", "subject_label", "subject_category", "predicate_id", "object_id",
    "mapping_justification", "comment",
)  # fmt: skip
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
SET_PREFIXES = {
    "jkd": PREFIXES["jkd"],
    "skos": PREFIXES["skos"],
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "biolink": "https://w3id.org/biolink/vocab/",
}


@dataclass(frozen=True, order=True)
class Mapping:
    """One row: a jakkg entity, how it relates to an external identifier, and why."""

    subject_id: str
    predicate_id: str
    object_id: str
    subject_label: str
    subject_category: str
    mapping_justification: str = JUSTIFICATION
    comment: str = ""


def mappings(graph) -> list[Mapping]:
    """Every entity's mappings, sorted (subject, predicate, object)."""
    from kg import biolink
    from kg.prefixes import converter, standardize

    rows = []
    for r in graph.select(library_query("entity-mappings")):
        category = biolink.category(r["class"]).biolink
        if r["relation"] == PREFIXES["skos"] + "broadMatch":
            target = converter().compress(r["target"]) or r["target"]
            predicate, comment = "skos:broadMatch", "closest broader term; no exact one exists"
        else:
            target = standardize(r["target"])
            related = target.partition(":")[0] in RELATED_RECORD_PREFIXES
            predicate = "oboInOwl:hasDbXref" if related else "skos:exactMatch"
            comment = RELATED_RECORD if related else ""
        rows.append(
            Mapping(shorten(r["entity"]), predicate, target, r["label"], category, comment=comment)
        )
    return sorted(set(rows))


def sssom_tsv(graph, version: str) -> str:
    """The SSSOM TSV text: a YAML metadata header (prefixes, licence, version), then the rows."""
    from kg.prefixes import uri_prefixes

    rows = mappings(graph)
    used = {m.object_id.partition(":")[0] for m in rows}
    curie_map = SET_PREFIXES | {p: u for p, u in uri_prefixes().items() if p in used}
    header = [
        "curie_map:",
        *(f"  {p}: {u}" for p, u in sorted(curie_map.items())),
        f"mapping_set_id: https://w3id.org/jakkg/mappings/{version}",
        f"mapping_set_version: {version}",
        "mapping_set_title: jakkg entities mapped to their external identifiers",
        f"license: {LICENSE}",
    ]
    out = io.StringIO()
    out.write("".join(f"# {line}\n" for line in header))
    out.write("\t".join(COLUMNS) + "\n")
    for m in rows:
        out.write("\t".join(getattr(m, c) for c in COLUMNS) + "\n")
    return out.getvalue()
