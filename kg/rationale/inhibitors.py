"""JAK inhibitors as the rationale sees them: their targets, each target's role, their routes."""

from __future__ import annotations

import functools
import hashlib
import inspect
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.namespaces import PREFIXES, local_name, vocab
from kg.resolve import Entity
from kg.sparql import library_query
from kg.store import Graph, select_rows

PRIMARY, SECONDARY = "PrimaryTarget", "SecondaryTarget"
RDF_TYPE = PREFIXES["rdf"] + "type"
EVIDENCE_PREDICATES = ("approvedFor", "reportedEffectiveIn", "failedIn", "underInvestigationIn")
TOPICAL = "topical"


@dataclass
class Inhibitor:
    """A JAK inhibitor, its targets (each with its role where the data gives one), its routes."""

    drug: Entity
    targets: dict[str, str | None]
    labels: dict[str, str]
    routes: set[str] = field(default_factory=set)

    @property
    def jaks(self) -> set[str]:
        """IRIs of every JAK the drug inhibits."""
        return set(self.targets)

    @functools.cached_property
    def topical_only(self) -> bool:
        """Whether the drug is given only on the skin (so reaches no systemic disease driver)."""
        return self.routes == {TOPICAL}

    @functools.cached_property
    def only(self) -> str:
        """``only TYK2`` or ``JAK1/JAK2``: what the drug inhibits, for a gap sentence."""
        labels = self.jak_labels()
        return ("only " if len(labels) == 1 else "") + "/".join(labels)

    def jak_labels(self, iris: set[str] | None = None) -> list[str]:
        """Sorted labels of ``iris`` (default: all targets)."""
        return sorted(self.labels[i] for i in (self.targets if iris is None else iris))


def inhibitors(
    graph: Graph,
    drug: str | None = None,
    reaching: Iterable[str] | None = None,
    evidence_for: str | None = None,
) -> list[Inhibitor]:
    """JAK inhibitors with all their targets, the targets' roles and routes, sorted by label.

    One inhibitor (``drug``); or those inhibiting a JAK in ``reaching`` together with those
    with clinical evidence in the disease ``evidence_for``; or, given none, every inhibitor.
    """
    queries = [library_query(q) for q in ("rationale-target-roles", "rationale-inhibitors")]
    if drug:
        roles_rows, drug_rows = (graph.select(q, {"drug": drug}) for q in queries)
    else:
        rows = [(vocab("inhibits"), jak) for jak in sorted(reaching or ())]
        if evidence_for:
            rows += [(vocab(p), evidence_for) for p in EVIDENCE_PREDICATES]
        if reaching is None and evidence_for is None:
            rows = [(RDF_TYPE, vocab("JAKInhibitor"))]
        names = ["selector", "target"]
        roles_rows, drug_rows = (select_rows(graph, q, names, rows) for q in queries)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in roles_rows:
        roles[(row["drug"], row["jak"])].add(local_name(row["role"]))
    found: dict[str, Inhibitor] = {}
    for row in drug_rows:
        entity = Entity(row["drugLabel"], "JAKInhibitor", row["drug"])
        item = found.setdefault(row["drug"], Inhibitor(entity, {}, {}))
        given = roles.get((row["drug"], row["jak"]), set())
        item.targets[row["jak"]] = PRIMARY if PRIMARY in given else min(given, default=None)
        item.labels[row["jak"]] = row["jakLabel"]
    routes = library_query("rationale-routes")
    for row in select_rows(graph, routes, ["drug"], [(iri,) for iri in sorted(found)]):
        found[row["drug"]].routes.add(row["routeLabel"])
    return sorted(found.values(), key=lambda i: i.drug.label.casefold())


_LISTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def every_inhibitor(graph: Graph) -> list[Inhibitor]:
    """``inhibitors(graph)``, listed once per graph object and then reused.

    Ranking every drug needs every inhibitor's targets, roles and routes, and none of that
    depends on the disease: at 10^7 triples listing them is most of ``rank()``. A loaded graph
    is not changed by the library, so the list stays valid for the graph object's lifetime.
    """
    try:
        return _LISTED[graph]
    except KeyError:
        found = _LISTED[graph] = _listed(graph)
        return found
    except TypeError:  # a graph that cannot be weakly referenced: list it each time
        return inhibitors(graph)


_ONE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_INDEX: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
ONE_KEPT = 256  # single inhibitors remembered per graph object


def inhibitor_of(graph: Graph, drug: str) -> Inhibitor | None:
    """``inhibitors(graph, drug)``'s one inhibitor (None if ``drug`` is none), remembered per
    graph object like ``every_inhibitor``, whose list it reads when that is already made."""
    try:
        listed = _LISTED.get(graph)
        if listed is not None:
            index = _INDEX.get(graph)
            if index is None:
                index = _INDEX[graph] = {i.drug.iri: i for i in listed}
            return index.get(drug)
        kept = _ONE.setdefault(graph, {})
    except TypeError:
        kept = {}
    if drug not in kept:
        if len(kept) >= ONE_KEPT:
            kept.clear()
        found = inhibitors(graph, drug)
        kept[drug] = found[0] if found else None
    return kept[drug]


def _listed(graph: Graph) -> list[Inhibitor]:
    """Every inhibitor; kept beside an on-disk store (``kg.cache.remembered``) when there is one,
    so a later run on the same data reads the list instead of asking for it. The file's name
    carries a digest of the queries and of ``inhibitors``, so changed code makes a new one."""
    location = getattr(graph, "location", None)
    if location is None:
        return inhibitors(graph)
    from kg.cache import remembered

    queries = ("rationale-target-roles", "rationale-inhibitors")
    texts = "".join(library_query(q) for q in queries) + inspect.getsource(inhibitors)
    name = "inhibitors-" + hashlib.sha256(texts.encode()).hexdigest()[:12]
    rows = remembered(location, name, lambda: [_row(i) for i in inhibitors(graph)])
    return [
        Inhibitor(Entity(label, "JAKInhibitor", iri), dict(targets), labels, set(routes))
        for iri, label, targets, labels, routes in rows
    ]


def _row(item: Inhibitor) -> list:
    """JSON form of an inhibitor, target order kept (``targets`` is a list of pairs)."""
    return [
        item.drug.iri,
        item.drug.label,
        list(item.targets.items()),
        item.labels,
        sorted(item.routes),
    ]
