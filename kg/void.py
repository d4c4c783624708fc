"""A VoID + DCAT description of the dataset, generated from the graph and the release files.

It says what the dataset is (title, version, licence, creators), how big it is (triples,
entities, per-class and per-property partitions, from the same counts as ``jakkg stats``),
which example SPARQL queries it answers (the query library, as SHACL ``sh:SPARQLExecutable``
nodes the way the SIB SPARQL examples publish them), and which files it is distributed as
(size, media type, SHA-256).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import ENTITY, PREFIXES, VOCAB, sparql_prologue

DATASET = "https://w3id.org/jakkg/dataset"
NS = {
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "spdx": "http://spdx.org/rdf/terms#",
}
IANA = "https://www.iana.org/assignments/media-types/"
# File suffix -> (IANA media type or None where none is registered, format in words).
MEDIA = {
    ".ttl": ("text/turtle", "Turtle"),
    ".nt": ("application/n-triples", "N-Triples"),
    ".jsonld": ("application/ld+json", "JSON-LD"),
    ".graphml": (None, "GraphML"),
    ".sssom.tsv": ("text/tab-separated-values", "SSSOM TSV"),
    ".tsv": ("text/tab-separated-values", "KGX TSV"),
    ".md": ("text/markdown", "Markdown"),
    ".sha256": ("text/plain", "SHA-256 checksums (sha256sum format)"),
}
DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
EXECUTABLE = {"select": "SPARQLSelectExecutable", "ask": "SPARQLAskExecutable"}


@dataclass(frozen=True)
class DatasetInfo:
    """What the description says about the dataset itself."""

    title: str
    description: str
    version: str
    creators: tuple[str, ...]
    issued: datetime.date
    license: str = DATA_LICENSE


def _iri(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode((NS | PREFIXES)[prefix] + local)


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def media_of(path: Path) -> tuple[str | None, str]:
    """(IANA media type or None, format in words) of a release file, by its suffix."""
    name = path.name
    return next(v for suffix, v in MEDIA.items() if name.endswith(suffix))


def void_turtle(graph, info: DatasetInfo, distributions: Iterable[Path] = ()) -> bytes:
    """The description as Turtle."""
    from kg.export import nodes_and_edges
    from kg.query import library, shape
    from kg.stats import graph_stats

    dataset = ox.NamedNode(DATASET)
    quads: list[ox.Quad] = []

    def add(s, p: ox.NamedNode, o) -> None:
        quads.append(ox.Quad(s, p, o if not isinstance(o, str) else ox.Literal(o)))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=_iri("xsd", "integer"))

    rdf_type = _iri("rdf", "type")
    add(dataset, rdf_type, _iri("void", "Dataset"))
    add(dataset, rdf_type, _iri("dcat", "Dataset"))
    add(dataset, _iri("dcterms", "title"), ox.Literal(info.title, language="en"))
    add(dataset, _iri("dcterms", "description"), ox.Literal(info.description, language="en"))
    add(dataset, _iri("dcat", "version"), info.version)
    add(dataset, _iri("owl", "versionInfo"), info.version)
    issued = ox.Literal(info.issued.isoformat(), datatype=_iri("xsd", "date"))
    add(dataset, _iri("dcterms", "issued"), issued)
    add(dataset, _iri("dcterms", "license"), ox.NamedNode(info.license))
    for number, name in enumerate(info.creators, 1):
        agent = ox.NamedNode(f"{DATASET}/creator/{number}")
        add(dataset, _iri("dcterms", "creator"), agent)
        add(agent, rdf_type, _iri("foaf", "Agent"))
        add(agent, _iri("foaf", "name"), name)
    add(dataset, _iri("void", "vocabulary"), ox.NamedNode(VOCAB.rstrip("#")))
    add(dataset, _iri("void", "uriSpace"), ENTITY)
    add(dataset, _iri("void", "exampleResource"), ox.NamedNode(ENTITY + "upadacitinib"))

    stats = graph_stats(graph)
    nodes, _ = nodes_and_edges(graph)
    add(dataset, _iri("void", "triples"), integer(stats.triples))
    add(dataset, _iri("void", "entities"), integer(len(nodes)))
    add(dataset, _iri("void", "classes"), integer(len(stats.classes)))
    add(dataset, _iri("void", "properties"), integer(len(stats.properties)))
    for count in stats.classes:
        part = ox.NamedNode(f"{DATASET}/class/{count.name}")
        add(dataset, _iri("void", "classPartition"), part)
        add(part, _iri("void", "class"), ox.NamedNode(VOCAB + count.name))
        add(part, _iri("void", "entities"), integer(count.count))
    for count in stats.properties:
        part = ox.NamedNode(f"{DATASET}/property/{count.name}")
        add(dataset, _iri("void", "propertyPartition"), part)
        add(part, _iri("void", "property"), ox.NamedNode(VOCAB + count.name))
        add(part, _iri("void", "triples"), integer(count.count))

    for query in library():
        form = shape(query.text).form
        executable = EXECUTABLE.get(form, "SPARQLConstructExecutable")
        node = ox.NamedNode(f"{DATASET}/query/{query.name}")
        add(node, rdf_type, _iri("sh", "SPARQLExecutable"))
        add(node, rdf_type, _iri("sh", executable))
        add(node, _iri("rdfs", "label"), query.name)
        add(node, _iri("rdfs", "comment"), ox.Literal(query.question, language="en"))
        body = sparql_prologue() + query.text  # runnable anywhere: the project prefixes declared
        add(node, _iri("sh", {"select": "select", "ask": "ask"}.get(form, "construct")), body)
        add(node, _iri("schema", "target"), dataset)

    for path in distributions:
        media, words = media_of(path)
        dist = ox.NamedNode(f"{DATASET}/{info.version}/{path.name}")
        checksum = ox.NamedNode(f"{dist.value}#sha256")
        add(dataset, _iri("dcat", "distribution"), dist)
        add(dist, rdf_type, _iri("dcat", "Distribution"))
        add(dist, _iri("dcterms", "title"), path.name)
        add(dist, _iri("dcterms", "format"), words)
        if media:
            add(dist, _iri("dcat", "mediaType"), ox.NamedNode(IANA + media))
        add(dist, _iri("dcat", "byteSize"), integer(path.stat().st_size))
        add(dist, _iri("spdx", "checksum"), checksum)
        add(checksum, _iri("spdx", "algorithm"), _iri("spdx", "checksumAlgorithm_sha256"))
        add(checksum, _iri("spdx", "checksumValue"), sha256(path))
    prefixes = {p: PREFIXES[p] for p in ("jk", "jkd", "rdf", "rdfs", "owl", "xsd", "dcterms", "sh")}
    # Named nodes, not blank nodes, grouped by subject: the same release gives the same bytes.
    quads.sort(key=lambda q: (q.subject != dataset, q.subject.value))
    return ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=prefixes | NS)
