"""A persistent on-disk Oxigraph store for large graphs: built once, reopened in well under 1 s.

Parsing costs about 6 s per 10^6 triples, so a graph merged with a large external source
would pay a minute on every run. ``open_store(files)`` instead keeps an on-disk store in the
user's cache directory, keyed by the SHA-256 of the files' contents (and the pyoxigraph
version), and reopens it read-only. A changed file gets a new key; nothing is ever updated
in place. Stores are built in a temporary directory beside the cache and renamed into place,
so an interrupted build leaves no half-built store behind, and two processes building the
same store at once both end with a complete one. A small ``manifest.json`` per file remembers
its digest by (size, mtime), so reopening does not rehash gigabytes.

The shipped graph is small enough that parsing it (a few ms) is as fast as reopening a store,
so ``kg.store.load_graph`` only comes here above ``kg.store.LARGE_GRAPH_BYTES`` of data.
Set ``JAKKG_CACHE=0`` to switch it off and ``JAKKG_CACHE_DIR`` to move it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox

from kg.atomic import OutputError, write_atomic
from kg.errors import DataFileError, JakkgError

if TYPE_CHECKING:
    from kg.store import KnowledgeGraph

T = TypeVar("T")
FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE}


def cache_dir() -> Path:
    """Where stores live: ``$JAKKG_CACHE_DIR``, ``$XDG_CACHE_HOME/jakkg`` or ``~/.cache/jakkg``."""
    if custom := os.environ.get("JAKKG_CACHE_DIR"):
        return Path(custom)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jakkg"


def enabled() -> bool:
    """Whether the on-disk cache may be used (``JAKKG_CACHE=0`` turns it off)."""
    return os.environ.get("JAKKG_CACHE", "1") not in ("0", "false", "no", "off")


def open_cached(paths: Sequence[Path]) -> KnowledgeGraph:
    """The cached on-disk store of ``paths``, or (cache switched off) a parsed in-memory one."""
    from kg.store import KnowledgeGraph, parse_into

    if enabled():
        try:
            location = store_location(paths)
            return KnowledgeGraph(open_store(paths), paths, location=location)
        except (OSError, OutputError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise JakkgError(
                f"cannot use the store cache in {cache_dir()}: {reason}; set JAKKG_CACHE_DIR to"
                " a writable folder, or JAKKG_CACHE=0 to parse the data each time"
            ) from None
    store = ox.Store()
    for path in paths:
        parse_into(store, path)
    return KnowledgeGraph(store, paths)


def file_digest(path: Path, manifest: dict[str, dict]) -> str:
    """SHA-256 of ``path``, taken from ``manifest`` when its size and mtime are unchanged."""
    stat = path.stat()
    key = str(path.resolve())
    seen = manifest.get(key)
    if seen and seen["size"] == stat.st_size and seen["mtime_ns"] == stat.st_mtime_ns:
        return seen["sha256"]
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    manifest[key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest}
    return digest


def store_key(paths: Sequence[Path], root: Path | None = None) -> str:
    """Content key of a graph made of ``paths`` in this order, with this pyoxigraph."""
    root = root or cache_dir()
    manifest_path = root / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    before = json.dumps(manifest, sort_keys=True)
    digests = [file_digest(p, manifest) for p in paths]
    if json.dumps(manifest, sort_keys=True) != before:
        manifest = {k: v for k, v in manifest.items() if Path(k).exists()}
        root.mkdir(parents=True, exist_ok=True)
        write_atomic(manifest_path, json.dumps(manifest, indent=1, sort_keys=True))
    combined = hashlib.sha256(ox.__version__.encode())
    for digest in digests:
        combined.update(digest.encode())
    return combined.hexdigest()[:32]


def store_location(paths: Sequence[Path], root: Path | None = None) -> Path:
    """The folder of the on-disk store of ``paths`` (built or not)."""
    root = root or cache_dir()
    return root / f"store-{store_key(paths, root)}"


def remembered(location: Path, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept as JSON beside the on-disk store at ``location`` and read back later.

    For facts derived from the whole graph that every run would otherwise recompute (the list
    of every inhibitor). ``name`` must change whenever what ``compute`` returns could (include
    a digest of the queries behind it); the store's own key covers the data. Written
    atomically; a cache that cannot be written only costs the recomputation.
    """
    path = location.parent / f"{location.name}.{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    found = compute()
    with contextlib.suppress(OutputError):
        write_atomic(path, json.dumps(found))
    return found


def open_store(paths: Sequence[Path], root: Path | None = None) -> ox.Store:
    """A read-only store holding ``paths``, built into the cache on first use.

    A file that does not parse raises DataFileError with its location, as parsing does.
    """
    target = store_location(paths, root)
    if not (target / "COMPLETE").is_file():
        _build(paths, target)
    return ox.Store.read_only(str(target))


def _build(paths: Sequence[Path], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        store = ox.Store(str(tmp / "db"))
        for path in paths:
            fmt = FORMATS.get(path.suffix, ox.RdfFormat.TURTLE)
            try:
                store.bulk_load(path=str(path), format=fmt)
            except SyntaxError as exc:
                raise DataFileError(
                    str(path), str(exc.msg or exc), exc.lineno, exc.offset
                ) from None
        store.flush()
        store.optimize()
        del store
        (tmp / "db" / "COMPLETE").write_text("\n".join(str(p) for p in paths) + "\n")
        try:
            os.rename(tmp / "db", target)
        except OSError:
            if not (target / "COMPLETE").is_file():  # not a concurrent builder's finished store
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
