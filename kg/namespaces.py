"""The jakkg namespaces and the one prefix map every query, file and export shares."""

from __future__ import annotations

import re

VOCAB = "https://w3id.org/jakkg/vocab#"
ENTITY = "https://w3id.org/jakkg/id/"

PREFIXES: dict[str, str] = {
    "jk": VOCAB,
    "jkd": ENTITY,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "sh": "http://www.w3.org/ns/shacl#",
}

# Where a CURIE prefix resolves: the IRI pattern used for skos:exactMatch.
XREF_IRI: dict[str, str] = {
    "HGNC": "https://identifiers.org/hgnc:{}",
    "NCBIGene": "https://identifiers.org/ncbigene:{}",
    "UniProt": "http://purl.uniprot.org/uniprot/{}",
    "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_{}",
    "DRUGBANK": "https://go.drugbank.com/drugs/{}",
    "CHEMBL": "http://rdf.ebi.ac.uk/resource/chembl/molecule/{}",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_{}",
    "DOID": "http://purl.obolibrary.org/obo/DOID_{}",
    "MESH": "http://id.nlm.nih.gov/mesh/{}",
    "PUBCHEM.COMPOUND": "https://identifiers.org/pubchem.compound:{}",
    "UNII": "https://identifiers.org/unii:{}",
    "Wikidata": "http://www.wikidata.org/entity/{}",
    # An FDA application (NDA): identity anchor of a drug no chemical database record names.
    "NDA": "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo={}",
}

# How each core predicate reads in a sentence or an arrow (``—inhibits→``, ``←uses—``).
PREDICATE_WORDS: dict[str, str] = {
    "bindsReceptor": "binds",
    "associatedJAK": "uses",
    "signalsVia": "signals via",
    "inhibits": "inhibits",
    "implicatedIn": "implicated in",
    "approvedFor": "approved for",
    "reportedEffectiveIn": "reported effective in",
    "upstreamOf": "upstream of",
    "hasChain": "has chain",
    "boxedWarning": "boxed warning",
    "blocksCytokine": "blocks",
    "failedIn": "failed in",
    "driverOf": "driver of",
    "signalsThrough": "signals through",
    "mutationIn": "mutation in",
    "route": "route",
}

# The predicates whose every edge must carry a source (route is an attribute, signalsVia derived).
SOURCED_PREDICATES = frozenset(PREDICATE_WORDS) - {"route", "signalsVia"}


def vocab(local: str) -> str:
    """Full IRI of a jk: term, e.g. ``vocab("inhibits")``."""
    return VOCAB + local


def entity(local: str) -> str:
    """Full IRI of a jkd: entity, e.g. ``entity("JAK1")``."""
    return ENTITY + local


def shorten(iri: str) -> str:
    """CURIE for an IRI in a known namespace, else the IRI itself.

    >>> shorten("https://w3id.org/jakkg/id/JAK1")
    'jkd:JAK1'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/`` (``jk:inhibits`` -> ``inhibits``)."""
    return re.split(r"[#/]", iri)[-1]


def xref_iri(curie: str) -> str | None:
    """Resolvable IRI for a cross-reference CURIE, or None for an unknown prefix.

    >>> xref_iri("MONDO:0005097")
    'http://purl.obolibrary.org/obo/MONDO_0005097'
    """
    prefix, _, local = curie.partition(":")
    pattern = XREF_IRI.get(prefix)
    return pattern.format(local) if pattern and local else None


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, for engines that take no prefix map."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
