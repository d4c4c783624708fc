"""Releases: ``make release`` from a clean clone, versioned file names, checksums, VoID/DCAT."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export import nodes_and_edges
from kg.query import library
from kg.release import TITLE, build_release, project_metadata

ROOT = Path(__file__).resolve().parent.parent
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
DCTERMS = "http://purl.org/dc/terms/"
DATASET = "https://w3id.org/jakkg/dataset"
SUFFIXES = (
    ".ttl", ".nt", ".jsonld", ".graphml", "_nodes.tsv", "_edges.tsv", ".sssom.tsv",
    ".CHANGELOG.md", ".void.ttl", ".sha256",
)  # fmt: skip


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    build_release(folder)
    return folder


def one(store: ox.Store, sparql: str) -> str:
    [row] = list(store.query(sparql))
    return row[0].value


def test_the_version_comes_from_pyproject() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project_metadata().version == pyproject["project"]["version"]


def test_every_file_carries_the_version_and_its_checksum(release: Path) -> None:
    version = project_metadata().version
    names = sorted(p.name for p in release.iterdir())
    assert names == sorted(f"jakkg-{version}{suffix}" for suffix in SUFFIXES)
    sums = (release / f"jakkg-{version}.sha256").read_text(encoding="utf-8").splitlines()
    assert len(sums) == len(SUFFIXES) - 1
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest


def test_void_describes_the_dataset_its_counts_queries_and_files(graph, release: Path) -> None:
    version = project_metadata().version
    store = ox.Store()
    store.load(path=str(release / f"jakkg-{version}.void.ttl"), format=ox.RdfFormat.TURTLE)
    dataset = f"<{DATASET}>"
    assert one(store, f"SELECT ?v WHERE {{ {dataset} <{DCAT}version> ?v }}") == version
    assert one(store, f"SELECT ?l WHERE {{ {dataset} <{DCTERMS}license> ?l }}").startswith(
        "https://creativecommons.org/licenses/by/4.0"
    )
    assert one(store, f"SELECT ?t WHERE {{ {dataset} <{DCTERMS}title> ?t }}").startswith("jakkg")
    creators = (
        f"SELECT ?n WHERE {{ {dataset} <{DCTERMS}creator>/<http://xmlns.com/foaf/0.1/name> ?n }}"
    )
    assert one(store, creators) == "jakkg developers"
    assert int(one(store, f"SELECT ?n WHERE {{ {dataset} <{VOID}triples> ?n }}")) == len(graph)
    nodes, _ = nodes_and_edges(graph)
    assert int(one(store, f"SELECT ?n WHERE {{ {dataset} <{VOID}entities> ?n }}")) == len(nodes)
    cytokines = (
        f"SELECT ?n WHERE {{ {dataset} <{VOID}classPartition> ?p . "
        f"?p <{VOID}class> <https://w3id.org/jakkg/vocab#Cytokine> ; <{VOID}entities> ?n }}"
    )
    expected = len(graph.select("SELECT ?c WHERE { ?c a jk:Cytokine }"))
    assert int(one(store, cytokines)) == expected
    queries = (
        "SELECT (COUNT(?q) AS ?n) WHERE { ?q a <http://www.w3.org/ns/shacl#SPARQLExecutable> }"
    )
    assert int(one(store, queries)) == len(library())
    shacl_select = "<http://www.w3.org/ns/shacl#select>"
    approvals = one(store, f"SELECT ?s WHERE {{ <{DATASET}/query/approvals> {shacl_select} ?s }}")
    assert approvals.startswith("PREFIX jk:") and "jk:approvedFor" in approvals
    files = {
        row["title"].value: row["sum"].value
        for row in store.query(
            f"SELECT ?title ?sum WHERE {{ {dataset} <{DCAT}distribution> ?d . "
            f"?d <{DCTERMS}title> ?title ; <{SPDX}checksum>/<{SPDX}checksumValue> ?sum }}"
        )
    }
    assert len(files) == len(SUFFIXES) - 2  # all but the description itself and the checksums
    for name, digest in files.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest


def test_the_first_release_changelog_counts_and_a_later_one_diffs(release, tmp_path) -> None:
    version = project_metadata().version
    first = (release / f"jakkg-{version}.CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"First release: \d+ entities and \d+ edges", first)
    build_release(tmp_path, previous=release)
    again = (tmp_path / f"jakkg-{version}.CHANGELOG.md").read_text(encoding="utf-8")
    assert "no differences in entities or edges" in again


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("make") is None, reason="no git")
def test_make_release_builds_dist_from_a_clean_clone(tmp_path: Path) -> None:
    """The committed tree alone makes the release: nothing from this working copy leaks in."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    venv = Path(sys.prefix)
    env = {**os.environ, "PYTHONPATH": str(clone)}  # the clone's kg/, not this checkout's
    done = subprocess.run(
        ["make", "-o", f"{venv}/.installed", "release", f"VENV={venv}"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    version = tomllib.loads((clone / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = sorted(p.name for p in (clone / "dist").iterdir())
    assert names == sorted(f"jakkg-{version['version']}{suffix}" for suffix in SUFFIXES)
    assert "in dist/" in done.stdout
    check = subprocess.run(
        ["sha256sum", "--check", f"jakkg-{version['version']}.sha256"],
        cwd=clone / "dist", capture_output=True, text=True,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout


def test_citation_cff_names_the_dataset_its_authors_and_no_second_version() -> None:
    yaml = pytest.importorskip("yaml")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["title"] == TITLE
    assert tuple(a["name"] for a in cff["authors"]) == project_metadata().authors
    assert set(cff["license"]) == {"CC-BY-4.0", "MIT"}
    assert "version" not in cff  # the version lives in pyproject.toml only
    assert cff["references"][0]["doi"] == "10.36849/JDD.7500"


def test_the_release_date_honours_source_date_epoch(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 UTC
    build_release(tmp_path)
    version = project_metadata().version
    assert "(2023-11-14)" in (tmp_path / f"jakkg-{version}.CHANGELOG.md").read_text()
    void = (tmp_path / f"jakkg-{version}.void.ttl").read_text(encoding="utf-8")
    assert 'dcterms:issued "2023-11-14"^^xsd:date' in void
