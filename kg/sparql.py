"""The query library: the project's SPARQL lives in ``queries/*.rq`` files."""

from __future__ import annotations

import functools
from pathlib import Path

from kg.errors import DataFileError
from kg.store import project_root


def query_dir() -> Path:
    """Folder of the shipped ``.rq`` query library."""
    return project_root() / "queries"


@functools.cache
def library_query(name: str) -> str:
    """Text of the library query ``queries/NAME.rq``."""
    path = query_dir() / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), exc.strerror or "cannot read query") from None
