"""Check data files against the SHACL shapes; report violations a curator can act on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataFileError
from kg.namespaces import local_name, shorten, vocab
from kg.store import default_files, parse_into, project_root


@dataclass(frozen=True, order=True)
class Violation:
    """One failed rule: which entity, which rule, and how to fix it."""

    focus: str
    rule: str
    message: str
    value: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """JSON-ready form."""
        return {
            "focus": self.focus,
            "rule": self.rule,
            "message": self.message,
            "value": self.value,
        }


@dataclass(frozen=True)
class Report:
    """The outcome of a validation run."""

    files: list[str]
    violations: list[Violation]
    context: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when no rule failed."""
        return not self.violations

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "conforms": self.conforms,
            "files": self.files,
            "violations": [v.to_dict() for v in self.violations],
            "context": self.context,
        }


def shapes_file() -> Path:
    """The shipped SHACL shapes."""
    return project_root() / "ontology" / "shapes.ttl"


def files_to_check(files: Iterable[Path | str] = ()) -> list[Path]:
    """The given data files (default: the shipped data) plus the ontology they need."""
    paths = [Path(f) for f in files] or list(default_files())
    ontology = default_files()[0]
    if not any(_same(p, ontology) for p in paths):
        paths.insert(0, ontology)
    return paths


def context_files(paths: list[Path]) -> list[Path]:
    """The shipped curated files that checking ``paths`` needs beside them.

    A curated file refers to entities the other curated files define (a drug's kinases, a
    disease's cytokines), so alone it would report false violations: it is checked together
    with the other curated files. Any other file is checked with the ontology only.
    """
    curated = sorted((project_root() / "data" / "curated").glob("*.ttl"))
    if not any(_same(p, c) for p in paths for c in curated):
        return []
    return [c for c in curated if not any(_same(p, c) for p in paths)]


def validate(
    files: Iterable[Path | str] = (), progress: Callable[[str], None] | None = None
) -> Report:
    """SHACL-validate ``files`` (with their context, see ``context_files``); a syntax error
    raises DataFileError with file and line. ``progress`` is told what is being checked."""
    paths = files_to_check(files)
    context = context_files(paths)
    for path in [*paths, *context]:
        parse_into(ox.Store(), path)
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    for path in [*paths, *context]:
        data.parse(path, format="turtle")
    if progress is not None:
        progress(f"checking {len(data)} triples against the SHACL shapes (15-20 s)…")
    shapes = rdflib.Graph().parse(shapes_file(), format="turtle")
    _, results, text = pyshacl.validate(
        data, shacl_graph=shapes, advanced=True, allow_warnings=True
    )
    if not isinstance(results, rdflib.Graph):
        raise DataFileError(str(shapes_file()), f"the shapes could not be applied: {text}")
    return Report(
        [str(p) for p in paths], sorted(_violations(results, data)), [str(c) for c in context]
    )


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, ValueError):
        return False


def _violations(results, data) -> list[Violation]:
    import rdflib
    from rdflib.namespace import RDF, SH

    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        shape = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        rule = (
            local_name(str(path)) if path is not None and not isinstance(path, rdflib.BNode) else ""
        )
        shape_name = local_name(str(shape)) if isinstance(shape, rdflib.URIRef) else ""
        found.append(
            Violation(
                focus=_describe_node(focus, data),
                rule=" ".join(filter(None, [shape_name, rule])) or "shape",
                message=str(message) if message else "rule failed",
                value=None if value is None else _describe_node(value, data),
            )
        )
    return found


def _describe_node(node, data) -> str:
    """CURIE for an IRI; for a blank node, the edge a statement describes, or the drug and
    cytokine (or kinase) a measurement is about."""
    import rdflib
    from rdflib.namespace import RDF

    if isinstance(node, rdflib.BNode):
        parts = [data.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object)]
        if all(parts):
            return "statement(" + " ".join(shorten(str(p)) for p in parts) + ")"
        about = [
            data.value(node, rdflib.URIRef(vocab(name)))
            for name in ("drug", "comparator", "cytokine", "kinase")
        ]
        if about[0] is not None:
            kind = data.value(node, RDF.type)
            label = local_name(str(kind)) if kind is not None else "measurement"
            return f"{label}(" + " ".join(shorten(str(a)) for a in about if a is not None) + ")"
        return "blank node"
    return shorten(str(node))
