"""A versioned release in one folder: every export format, the SSSOM table, the VoID/DCAT
description, a data CHANGELOG and SHA-256 checksums, each file named ``jakkg-VERSION...``.

The version has one source: ``version`` in ``pyproject.toml`` (read from the checkout, or from
the installed package's metadata when there is no checkout).
"""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg.atomic import write_atomic
from kg.errors import JakkgError
from kg.store import project_root

NAME = "jakkg"
TITLE = "jakkg: the cytokine–JAK–disease knowledge graph"


@dataclass(frozen=True)
class Project:
    """What pyproject.toml says about the project."""

    version: str
    description: str
    authors: tuple[str, ...]


def project_metadata() -> Project:
    """Version, description and authors from ``pyproject.toml`` (the one place they live)."""
    pyproject = project_root() / "pyproject.toml"
    if pyproject.is_file():
        meta = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        authors = tuple(a["name"] for a in meta.get("authors", []))
        return Project(meta["version"], meta["description"], authors)
    meta = importlib.metadata.metadata(NAME)
    return Project(meta["Version"], meta["Summary"], (meta.get("Author") or NAME,))


def release_date() -> datetime.date:
    """Today (UTC), or the date of ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else None
    return (now or datetime.datetime.now(datetime.UTC)).date()


@dataclass(frozen=True)
class ReleaseReport:
    """The release folder, its version and the files written."""

    folder: str
    version: str
    files: tuple[str, ...]

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {"folder": self.folder, "version": self.version, "files": list(self.files)}


def changelog_text(version: str, previous: Path | None, graph_path: Path) -> str:
    """The data CHANGELOG: ``jakkg diff`` from the previous release (or from nothing)."""
    from kg.diff import diff, diff_text, snapshot

    head = f"# jakkg {version} ({release_date().isoformat()}): data changes\n\n"
    if previous is None:
        entities, edges = snapshot(graph_path)
        return head + (
            f"First release: {len(entities)} entities and {len(edges)} edges "
            "(no previous release given; `make release PREVIOUS=path` compares with one).\n"
        )
    return head + "```\n" + diff_text(diff(previous, graph_path)) + "\n```\n"


def build_release(folder: Path | str, previous: Path | str | None = None) -> ReleaseReport:
    """Write the release of the shipped graph into ``folder`` (created if missing)."""
    from kg.export import export
    from kg.mappings import sssom_tsv
    from kg.store import load_graph
    from kg.void import DatasetInfo, sha256, void_turtle

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise JakkgError(f"{folder} is not a folder")
    previous = Path(previous) if previous else None
    if previous is not None and not previous.exists():
        raise JakkgError(f"{previous}: no such previous release")
    folder.mkdir(parents=True, exist_ok=True)
    meta = project_metadata()
    stem = folder / f"{NAME}-{meta.version}"
    graph = load_graph()
    files: list[Path] = []
    for fmt, suffix in (("turtle", ".ttl"), ("nt", ".nt"), ("jsonld", ".jsonld")):
        files += map(Path, export(fmt, f"{stem}{suffix}", graph).paths)
    files += map(Path, export("graphml", f"{stem}.graphml", graph).paths)
    files += map(Path, export("kgx", stem, graph).paths)
    files.append(write_atomic(f"{stem}.sssom.tsv", sssom_tsv(graph, meta.version)))
    changelog = changelog_text(meta.version, previous, Path(f"{stem}.nt"))
    files.append(write_atomic(f"{stem}.CHANGELOG.md", changelog))
    info = DatasetInfo(TITLE, meta.description, meta.version, meta.authors, release_date())
    files.append(write_atomic(f"{stem}.void.ttl", void_turtle(graph, info, files)))
    sums = "".join(f"{sha256(p)}  {p.name}\n" for p in files)
    files.append(write_atomic(f"{stem}.sha256", sums))
    return ReleaseReport(str(folder), meta.version, tuple(p.name for p in files))
