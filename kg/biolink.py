"""How jakkg's classes and properties map to the Biolink Model, and Biolink tools run offline.

The mapping is data (``ontology/biolink.tsv``), not code: one row per jk: class (its Biolink
category and preferred identifier prefixes) or jk: property (its most specific Biolink predicate
and Biolink 4 qualifiers). A jk: property without a row still exports, as ``biolink:related_to``
with its original predicate kept, so new vocabulary never breaks an export.

``toolkit()`` and ``kgx_errors()`` need the ``test`` extra (bmt, biolink-model, kgx); they read
the Biolink schema shipped in the ``biolink-model`` package instead of fetching it.
"""

from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.namespaces import PREFIXES

if TYPE_CHECKING:
    from bmt import Toolkit

FALLBACK_PREDICATE = "biolink:related_to"
AGENT_TYPE = "manual_agent"  # every jakkg edge is curated by hand from a source a curator read


@dataclass(frozen=True)
class BiolinkTerm:
    """One row of the mapping table: a jk: term, its Biolink term and what qualifies it."""

    term: str
    biolink: str
    qualifiers: dict[str, str] = field(default_factory=dict)
    id_prefixes: tuple[str, ...] = ()
    reason: str = ""


def mapping_file() -> Path:
    """``ontology/biolink.tsv`` (in the checkout or the installed package)."""
    from kg.store import project_root

    return project_root() / "ontology" / "biolink.tsv"


@functools.cache
def mapping() -> dict[str, BiolinkTerm]:
    """The mapping table by jk: term IRI."""
    lines = [
        line
        for line in mapping_file().read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    terms = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        prefix, _, local = row["term"].partition(":")
        qualifiers = dict(q.split("=", 1) for q in row["qualifiers"].split(";") if q)
        terms[PREFIXES[prefix] + local] = BiolinkTerm(
            row["term"],
            row["biolink"],
            qualifiers,
            tuple(p for p in row["id_prefixes"].split("|") if p),
            row["reason"],
        )
    return terms


def category(class_iri: str) -> BiolinkTerm:
    """The Biolink category row of a jk: class (KeyError for a class with no row)."""
    return mapping()[class_iri]


def predicate(property_iri: str) -> BiolinkTerm:
    """The Biolink predicate row of a jk: property, or ``related_to`` for one with no row."""
    return mapping().get(property_iri) or BiolinkTerm(property_iri, FALLBACK_PREDICATE)


def knowledge_level(derived: bool) -> str:
    """Biolink knowledge level: a materialised property chain is entailed, the rest asserted."""
    return "logical_entailment" if derived else "knowledge_assertion"


def schema_path() -> Path:
    """The Biolink Model schema YAML shipped in the ``biolink-model`` package."""
    import biolink_model

    return Path(next(iter(biolink_model.__path__))) / "schema" / "biolink_model.yaml"


@functools.cache
def toolkit() -> Toolkit:
    """A bmt Toolkit on the packaged schema, with no network (bmt's default fetches both)."""
    from bmt import Toolkit

    return Toolkit(schema=str(schema_path()), predicate_map={"predicate mappings": []})


def kgx_errors(paths: list[str], extra_prefixes: tuple[str, ...] = ("jkd",)) -> dict:
    """Errors the ``kgx`` validator finds in a KGX TSV pair, by level and type (empty: valid).

    kgx fetches its Biolink schema and JSON-LD context at import; both are pointed at the
    packaged Biolink Model first. ``extra_prefixes`` are the graph's own CURIE prefixes (``jkd``
    names the entities no Biolink-preferred identifier exists for), added to the prefixes the
    validator accepts; every other prefix must be in Biolink's own context.
    """
    import bmt.toolkit

    offline = (str(schema_path()), {"predicate mappings": []})
    bmt.toolkit.Toolkit.__init__.__defaults__ = offline
    import kgx.config
    from kgx.transformer import Transformer
    from kgx.validator import Validator

    context = schema_path().parent.parent / "prefixmaps" / "biolink_model_prefix_map.json"
    kgx.config.jsonld_context_map["biolink"] = json.loads(context.read_text(encoding="utf-8"))
    Validator._currently_active_toolkit = toolkit()
    validator = Validator()
    validator.prefixes |= set(extra_prefixes)
    Transformer(stream=True).transform(
        input_args={"filename": list(paths), "format": "tsv"},
        output_args={"format": "null"},
        inspector=validator,
    )
    return validator.get_errors()
