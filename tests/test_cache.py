"""The persistent on-disk store for large graphs: keyed by content, built atomically, reused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg.store
from kg.cache import cache_dir, open_cached, open_store, store_key
from kg.errors import DataFileError, JakkgError
from kg.store import default_files, load_graph

TRIPLE = '<https://w3id.org/jakkg/id/a> <http://www.w3.org/2000/01/rdf-schema#label> "{}" .\n'


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "extra.nt"
    path.write_text(TRIPLE.format("one"), encoding="utf-8")
    return path


def stores(root: Path) -> list[Path]:
    return sorted(root.glob("store-*"))


def test_built_once_then_reopened_with_the_same_triples(tmp_path: Path, data: Path) -> None:
    root = tmp_path / "cache"
    files = [default_files()[0], data]
    first = open_store(files, root)
    assert len(first) == len(load_graph(files))
    (built,) = stores(root)
    stamp = (built / "COMPLETE").stat().st_mtime_ns
    del first
    again = open_store(files, root)
    assert len(again) == len(load_graph(files))
    assert stores(root) == [built]
    assert (built / "COMPLETE").stat().st_mtime_ns == stamp
    assert not [p for p in root.iterdir() if p.name.startswith(".")]


def test_changed_content_gets_a_new_store(tmp_path: Path, data: Path) -> None:
    root = tmp_path / "cache"
    before = store_key([data], root)
    data.write_text(TRIPLE.format("two"), encoding="utf-8")
    after = store_key([data], root)
    assert before != after
    store = open_store([data], root)
    assert [q.object.value for q in store] == ["two"]


def test_the_manifest_remembers_digests_by_size_and_mtime(tmp_path: Path, data: Path) -> None:
    root = tmp_path / "cache"
    store_key([data], root)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest[str(data.resolve())]
    assert entry["size"] == data.stat().st_size and len(entry["sha256"]) == 64


def test_the_manifest_forgets_files_that_are_gone(tmp_path: Path, data: Path) -> None:
    root = tmp_path / "cache"
    gone = tmp_path / "gone.nt"
    gone.write_text(TRIPLE.format("gone"), encoding="utf-8")
    store_key([gone], root)
    gone.unlink()
    store_key([data], root)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest) == [str(data.resolve())]


def test_a_bad_file_raises_and_leaves_no_store(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    bad = tmp_path / "bad.nt"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.nt"):
        open_store([bad], root)
    assert stores(root) == []
    assert not [p for p in root.iterdir() if p.name.startswith(".store")]


def test_load_graph_uses_the_cache_above_the_size_threshold(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAKKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(kg.store, "LARGE_GRAPH_BYTES", 0)
    assert cache_dir() == tmp_path / "cache"
    files = (default_files()[0].resolve(), data.resolve())
    graph = kg.store._load_cached.__wrapped__(files)
    assert len(stores(tmp_path / "cache")) == 1
    rows = graph.select("SELECT ?l WHERE { jkd:a rdfs:label ?l }")
    assert rows == [{"l": "one"}]


def test_switched_off_it_parses_in_memory(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAKKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("JAKKG_CACHE", "0")
    monkeypatch.setattr(kg.store, "LARGE_GRAPH_BYTES", 0)
    graph = kg.store._load_cached.__wrapped__((data.resolve(),))
    assert len(graph) == 1
    assert not (tmp_path / "cache").exists()


def test_a_cache_folder_that_cannot_be_made_is_a_clear_error(
    tmp_path: Path, data: Path, monkeypatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("JAKKG_CACHE_DIR", str(blocker / "jakkg"))
    monkeypatch.delenv("JAKKG_CACHE", raising=False)
    with pytest.raises(JakkgError, match=r"cannot use the store cache in .*JAKKG_CACHE=0"):
        open_cached([data])


def test_the_inhibitor_list_is_kept_beside_the_store_and_read_back(tmp_path: Path) -> None:
    from kg.cache import store_location
    from kg.rationale.inhibitors import every_inhibitor, inhibitors
    from kg.store import KnowledgeGraph

    root, paths = tmp_path / "cache", list(default_files())
    store = open_store(paths, root)
    first = KnowledgeGraph(store, paths, store_location(paths, root))
    listed = every_inhibitor(first)
    [kept] = root.glob("store-*.inhibitors-*.json")
    again = every_inhibitor(KnowledgeGraph(store, paths, first.location))
    fresh = inhibitors(first)
    assert [(i.drug, i.targets, i.labels, i.routes) for i in again] == [
        (i.drug, i.targets, i.labels, i.routes) for i in fresh
    ]
    assert len(listed) == len(fresh) > 10
    # A later graph object reads the file rather than the store: an edit to it shows.
    rows = json.loads(kept.read_text(encoding="utf-8"))
    rows[0][1] = "renamed in the kept file"
    kept.write_text(json.dumps(rows), encoding="utf-8")
    later = every_inhibitor(KnowledgeGraph(store, paths, first.location))
    assert later[0].drug.label == "renamed in the kept file"
