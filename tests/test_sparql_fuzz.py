"""Property test (issue 8): mutated library queries answer or fail clearly, never crash."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import JakkgError
from kg.query import QueryService, QuerySyntaxError, library
from tests.test_fuzz import mutate

TEXTS = [q.text for q in library()]


@pytest.fixture(scope="module")
def service() -> Iterator[QueryService]:
    with QueryService(workers=1, timeout=3.0, limit=5_000) as pool:
        yield pool


@st.composite
def mutated_query(draw) -> str:
    """A library query with a few characters deleted, replaced or inserted."""
    text = draw(st.sampled_from(TEXTS))
    return mutate(draw, text, '{}()?.;:<>"#\n\\ \x00éSELECTWHERE*', edits=3, junk_size=4)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=mutated_query(), fmt=st.sampled_from(["table", "json", "csv", "xml", "tsv"]))
def test_mutated_queries_answer_or_fail_clearly(service: QueryService, text: str, fmt: str) -> None:
    try:
        answer = service.run(text, fmt)
    except QuerySyntaxError as error:
        assert error.line is None or error.line >= 1
        assert "Traceback" not in str(error)
    except JakkgError as error:
        assert str(error) and "Traceback" not in str(error)
    else:
        assert isinstance(answer.body, bytes)
    assert len(service.worker_pids) == 1
