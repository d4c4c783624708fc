"""Property test (issue 8): mutated library queries answer or fail clearly, never crash."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import JakkgError
from kg.query import QueryService, QuerySyntaxError, library

TEXTS = [q.text for q in library()]


@pytest.fixture(scope="module")
def service() -> Iterator[QueryService]:
    with QueryService(workers=1, timeout=3.0, limit=5_000) as pool:
        yield pool


@st.composite
def mutated_query(draw) -> str:
    """A library query with a few characters deleted, replaced or inserted."""
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "replace", "insert"]))
        junk = draw(st.text(alphabet='{}()?.;:<>"#\n\\ \x00éSELECTWHERE*', min_size=1, max_size=4))
        if action == "delete":
            text = text[:at] + text[at + len(junk) :]
        elif action == "replace":
            text = text[:at] + junk + text[at + len(junk) :]
        else:
            text = text[:at] + junk + text[at:]
    return text


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
