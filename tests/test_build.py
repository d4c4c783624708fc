"""The merge of curated sources into data/triples.ttl."""

from __future__ import annotations

import pytest

from kg.build import merged_text
from kg.errors import DataFileError


def test_merge_keeps_one_prefix_block_and_every_body(tmp_path) -> None:
    a = tmp_path / "a.ttl"
    b = tmp_path / "b.ttl"
    a.write_text("@prefix ex: <http://e/> .\nex:a ex:p ex:b .\n")
    b.write_text("@prefix ex: <http://e/> .\n@prefix y: <http://y/> .\ny:c ex:p ex:d .\n")
    text = merged_text([a, b])
    assert text.count("@prefix ex:") == 1
    assert "@prefix y:" in text
    assert "ex:a ex:p ex:b ." in text and "y:c ex:p ex:d ." in text
    assert text.index("# ==== a.ttl") < text.index("# ==== b.ttl")


def test_conflicting_prefixes_are_refused(tmp_path) -> None:
    a = tmp_path / "a.ttl"
    b = tmp_path / "b.ttl"
    a.write_text("@prefix ex: <http://e/> .\n")
    b.write_text("@prefix ex: <http://other/> .\n")
    with pytest.raises(DataFileError, match="prefix ex:"):
        merged_text([a, b])
