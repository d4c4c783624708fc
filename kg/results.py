"""Query results as data, and their W3C serialisations (SPARQL 1.1 results, RDF) and a text table.

A result is materialised (so the row limit can be enforced before anything is written), then
serialised the same way whether it came from the embedded store or a remote endpoint.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.namespaces import PREFIXES, shorten

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("table", "turtle", "nt", "jsonld")
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld")

MEDIA_TYPES = {
    "table": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class QueryResult:
    """One query's answer: solutions (SELECT), a boolean (ASK), triples (CONSTRUCT/DESCRIBE)
    or, for an allowed update, a message."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    message: str = ""

    @property
    def size(self) -> int:
        """Rows or triples in the result (1 for ASK and updates)."""
        return len(self.rows) if self.kind == "select" else len(self.triples) or 1

    def records(self) -> list[dict[str, str]]:
        """SELECT rows as ``{variable: value}`` (unbound left out), as ``KnowledgeGraph.select``."""
        return [
            {v: t.value for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]


def default_format(kind: str, fmt: str) -> str:
    """The format actually written: ``table`` means Turtle for graphs; check the pairing."""
    if kind in ("graph",) and fmt == "table":
        return "turtle"
    if kind in ("select", "ask") and fmt not in SOLUTION_FORMATS:
        raise ValueError(
            f"{fmt} is for CONSTRUCT/DESCRIBE; use one of {', '.join(SOLUTION_FORMATS)}"
        )
    if kind == "graph" and fmt not in GRAPH_FORMATS:
        raise ValueError(f"{fmt} is for SELECT/ASK; use one of {', '.join(GRAPH_FORMATS[1:])}")
    return fmt


def serialize(result: QueryResult, fmt: str) -> bytes:
    """``result`` in ``fmt`` (see FORMATS); a graph's ``table`` is Turtle."""
    if result.kind == "update":
        return (result.message + "\n").encode("utf-8")
    fmt = default_format(result.kind, fmt)
    if result.kind == "graph":
        return ox.serialize(result.triples, format=RDF_FORMATS[fmt], prefixes=PREFIXES) or b""
    writer = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}[fmt]
    return writer(result).encode("utf-8")


def from_pyoxigraph(answer: object, limit: int | None = None) -> QueryResult:
    """Materialise a pyoxigraph query answer, reading at most ``limit + 1`` rows or triples."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = tuple(v.value for v in answer.variables)
        rows = []
        for solution in answer:
            rows.append(tuple(solution[name] for name in names))
            if limit is not None and len(rows) > limit:
                break
        return QueryResult("select", variables=names, rows=rows)
    triples = []
    for triple in answer:  # QueryTriples
        triples.append(triple)
        if limit is not None and len(triples) > limit:
            break
    return QueryResult("graph", triples=triples)


# --------------------------------------------------------------------- the formats


def _cell(term: Term | None) -> str:
    """A term for people: CURIE for known namespaces, lexical form for literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return _CONTROL.sub(_escape_control, term.value.replace("\n", " ").replace("\t", " "))
    return str(term)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _escape_control(match: re.Match) -> str:
    """Control characters (ANSI escapes and the like) shown, not sent to the terminal."""
    return f"\\x{ord(match[0]):02x}"


def _table(result: QueryResult) -> str:
    """An aligned text table with a row count, or ``true``/``false`` for ASK."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    header = [f"?{v}" for v in result.variables]
    body = [[_cell(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
        for cells in [header, ["-" * w for w in widths], *body]
    ]
    noun = "row" if len(body) == 1 else "rows"
    return "\n".join([*lines, f"({len(body)} {noun})"]) + "\n"


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def _csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 CSV results: plain values, CRLF line ends."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([_plain(t) for t in row] for row in result.rows)
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 TSV results: terms in N-Triples/Turtle syntax."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        cell = {"type": "literal", "value": term.value}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            cell["datatype"] = term.datatype.value
        return cell
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _json(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    data = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD_STRING:
            attr = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _xml(result: QueryResult) -> str:
    """W3C SPARQL Query Results XML."""
    head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
    if result.kind == "ask":
        boolean = "true" if result.boolean else "false"
        return head + f"<head/>\n<boolean>{boolean}</boolean>\n</sparql>\n"
    parts = [head, "<head>"]
    parts += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    parts.append("</head>\n<results>\n")
    for row in result.rows:
        parts.append("<result>")
        for name, term in zip(result.variables, row, strict=True):
            if term is not None:
                parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        parts.append("</result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts)


def parse_results(body: bytes, media_type: str) -> QueryResult:
    """A QueryResult from a remote endpoint's SPARQL JSON results or N-Triples body."""
    if "n-triples" in media_type or "turtle" in media_type:
        rdf = ox.RdfFormat.TURTLE if "turtle" in media_type else ox.RdfFormat.N_TRIPLES
        return QueryResult("graph", triples=[q.triple for q in ox.parse(body, format=rdf)])
    if b'"bnode"' in body:
        body = _portable_bnodes(body)
    return from_pyoxigraph(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))


def ask_from_table(result: QueryResult) -> QueryResult:
    """An ASK answer sent as a table: Virtuoso 7 answers ASK with one column ``__ASK_RETVAL``,
    one row of 1 for true and no row for false."""
    if result.variables != ("__ASK_RETVAL",):
        raise ValueError(f"a table of {', '.join(result.variables)} for an ASK query")
    found = any(row[0] is not None and row[0].value not in ("0", "false") for row in result.rows)
    return QueryResult("ask", boolean=found)


_NOT_IN_LABEL = re.compile(r"[^A-Za-z0-9]")


def _portable_bnodes(body: bytes) -> bytes:
    """SPARQL JSON results with blank node labels any parser takes.

    A label is the store's to choose: Virtuoso sends ``nodeID://b10818``, which is not a
    Turtle blank node label. Only its identity within the result matters, so every
    character but a letter or digit is escaped as ``_hex_`` (distinct labels stay distinct).
    """
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for cell in row.values():
            if cell.get("type") == "bnode":
                value = cell["value"].removeprefix("nodeID://")
                label = _NOT_IN_LABEL.sub(lambda m: f"_{ord(m[0]):x}_", value)
                cell["value"] = label or "b"
    return json.dumps(data).encode("utf-8")
