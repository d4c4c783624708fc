"""Property tests: the resolver and the Turtle loader never fail with anything but a clear error."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import AmbiguousNameError, DataFileError, UnknownEntityError, WrongClassError
from kg.resolve import Entity, resolver_for
from kg.store import load_graph, parse_into

ROOT = Path(__file__).resolve().parent.parent
DATA = (ROOT / "data" / "triples.ttl").read_text(encoding="utf-8")
KINDS = st.sampled_from([None, "Disease", "Drug", "Cytokine", "JanusKinase"])


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=200), kind=KINDS)
def test_resolver_answers_any_string_with_an_entity_or_a_clear_error(name, kind) -> None:
    resolver = resolver_for(load_graph())
    try:
        entity = resolver.resolve(name, kind)
    except UnknownEntityError as error:
        assert all(isinstance(s, str) for s in error.suggestions)
        assert len(str(error)) < 1_000
    except (AmbiguousNameError, WrongClassError) as error:
        assert str(error)
    else:
        assert isinstance(entity, Entity)
        assert kind is None or entity.is_a(kind)


def mutate(draw, text: str, alphabet: str, edits: int, junk_size: int) -> str:
    """``text`` with 1..``edits`` runs of ``alphabet`` characters deleted, replaced or inserted."""
    for _ in range(draw(st.integers(1, edits))):
        at = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "replace", "insert"]))
        junk = draw(st.text(alphabet=alphabet, min_size=1, max_size=junk_size))
        if action == "delete":
            text = text[:at] + text[at + len(junk) :]
        elif action == "replace":
            text = text[:at] + junk + text[at + len(junk) :]
        else:
            text = text[:at] + junk + text[at:]
    return text


@st.composite
def mutated_data(draw) -> str:
    """The shipped data with a few characters deleted, replaced or inserted."""
    return mutate(draw, DATA, '<>"{}[];.,:@#\\ \n\x00é', edits=4, junk_size=3)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=mutated_data())
def test_loader_loads_mutated_data_or_reports_a_location(tmp_path, text) -> None:
    path = tmp_path / "mutated.ttl"
    path.write_text(text, encoding="utf-8")
    try:
        parse_into(ox.Store(), path)
    except DataFileError as error:
        assert error.path == str(path)
        assert error.line is None or 1 <= error.line <= text.count("\n") + 2
        assert str(error).startswith(str(path))
