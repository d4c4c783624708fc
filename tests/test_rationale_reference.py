"""The optimised rank and explain (issue 18: facts read once per disease, inhibitors listed once,
coverage once per signature, only scoring drugs sorted) answer exactly as the code before them.

``tests/data/rationale-reference.json`` holds a digest of the JSON of ``rank`` (every drug and
``every_drug=False``) for every disease, and of ``explain`` for every inhibitor × disease, made
by the code before issue 18 on the shipped graph (remade at its merge; see the file's
_comment). A changed answer names its entries.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.explain import explain
from kg.namespaces import entity
from kg.rationale import rank
from kg.resolve import Entity
from kg.store import load_graph

REFERENCE = json.loads(
    (Path(__file__).parent / "data" / "rationale-reference.json").read_text(encoding="utf-8")
)


def digest(answer: dict) -> str:
    text = json.dumps(answer, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def named(kind: str) -> dict[str, Entity]:
    """Every entity of ``kind`` in the shipped graph, by local name."""
    rows = load_graph().select(f"SELECT ?e ?label WHERE {{ ?e a jk:{kind} ; rdfs:label ?label }}")
    return {row["e"].rsplit("/", 1)[1]: Entity(row["label"], kind, row["e"]) for row in rows}


@pytest.mark.parametrize("every_drug", [True, False])
def test_rank_of_every_disease_is_unchanged(every_drug: bool) -> None:
    expected = REFERENCE["rank" if every_drug else "rank_reaching"]
    diseases = named("Disease")
    assert sorted(diseases) == sorted(expected)
    changed = [
        name
        for name, disease in diseases.items()
        if digest(rank(disease, load_graph(), every_drug).to_dict()) != expected[name]
    ]
    assert changed == []


def test_explain_of_every_pair_is_unchanged() -> None:
    expected = REFERENCE["explain"]
    drugs, diseases = named("JAKInhibitor"), named("Disease")
    assert len(expected) == len(drugs) * len(diseases)
    changed = [
        pair
        for pair in expected
        if digest(explain(drugs[pair.split()[0]], diseases[pair.split()[1]]).to_dict())
        != expected[pair]
    ]
    assert changed == []


def test_the_reference_tells_answers_apart() -> None:
    """A digest changes with the answer: two diseases, two drugs give different ones."""
    graph = load_graph()
    vitiligo, psoriasis = named("Disease")["vitiligo"], named("Disease")["psoriasis"]
    assert digest(rank(vitiligo, graph).to_dict()) == REFERENCE["rank"]["vitiligo"]
    assert REFERENCE["rank"]["vitiligo"] != REFERENCE["rank"]["psoriasis"]
    answer = rank(psoriasis, graph).to_dict()
    answer["candidates"][0]["coverage"] += 0.0001
    assert digest(answer) != REFERENCE["rank"]["psoriasis"]
    assert entity("vitiligo") == vitiligo.iri
