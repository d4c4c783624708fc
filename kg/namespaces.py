"""The jakkg namespaces and the one prefix map every query, file and export shares."""

from __future__ import annotations

import json
import re
from pathlib import Path

VOCAB = "https://w3id.org/jakkg/vocab#"
ENTITY = "https://w3id.org/jakkg/id/"


def _vocabularies() -> dict[str, str]:
    """The RDF vocabularies' prefixes as Bioregistry spells them (``kg/prefixes.json``)."""
    path = Path(__file__).resolve().parent / "prefixes.json"
    return json.loads(path.read_text(encoding="utf-8"))["vocabularies"]


PREFIXES: dict[str, str] = {"jk": VOCAB, "jkd": ENTITY} | _vocabularies()

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
    "underInvestigationIn": "under investigation in",
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


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, for engines that take no prefix map."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
