"""``searcher.layout``: finding the build being served, and what it says about itself."""
from __future__ import annotations

import json
import os

import pytest

from searcher.layout import BUILDS, CURRENT, MANIFEST, IndexMissing, current_build, read_manifest

MANIFEST_FACTS = {"indexed": 2, "sources": ["ગુજરાત સમાચાર.jsonl", "हिंदी.jsonl"]}


def make_build(index_dir, name: str, manifest: bool = True):
    build = index_dir / BUILDS / name
    build.mkdir(parents=True)
    if manifest:
        (build / MANIFEST).write_text(json.dumps(MANIFEST_FACTS, ensure_ascii=False), "utf-8")
    return build


def test_a_relative_link_resolves_from_the_index_not_the_working_directory(tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    build = make_build(index_dir, "b1")
    os.symlink(os.path.join(BUILDS, "b1"), index_dir / CURRENT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert current_build(index_dir) == build.resolve()
    assert current_build(str(index_dir)) == build.resolve()      # a str path too


def test_an_absolute_link_is_followed(tmp_path):
    build = make_build(tmp_path, "b2")
    os.symlink(build, tmp_path / CURRENT)
    assert current_build(tmp_path) == build.resolve()


def test_the_link_names_the_newest_switch(tmp_path):
    make_build(tmp_path, "old")
    new = make_build(tmp_path, "new")
    os.symlink(os.path.join(BUILDS, "old"), tmp_path / CURRENT)
    os.symlink(os.path.join(BUILDS, "new"), tmp_path / "next")
    os.replace(tmp_path / "next", tmp_path / CURRENT)            # the builder's atomic switch
    assert current_build(tmp_path) == new.resolve()


def test_no_index_directory_at_all_is_missing(tmp_path):
    with pytest.raises(IndexMissing, match="build_index.py"):
        current_build(tmp_path / "never-built")


def test_a_plain_directory_named_current_is_not_a_served_build(tmp_path):
    """Only the builder's link counts: a ``current`` directory made by hand is not followed."""
    (tmp_path / CURRENT).mkdir()
    (tmp_path / CURRENT / MANIFEST).write_text("{}", "utf-8")
    with pytest.raises(IndexMissing, match="no index"):
        current_build(tmp_path)


def test_a_link_to_a_removed_build_is_incomplete(tmp_path):
    os.symlink(os.path.join(BUILDS, "gone"), tmp_path / CURRENT)
    with pytest.raises(IndexMissing, match="incomplete"):
        current_build(tmp_path)


def test_a_build_without_its_manifest_is_incomplete(tmp_path):
    make_build(tmp_path, "half", manifest=False)
    os.symlink(os.path.join(BUILDS, "half"), tmp_path / CURRENT)
    with pytest.raises(IndexMissing, match="incomplete: rebuild it"):
        current_build(tmp_path)


def test_a_manifest_that_is_a_directory_is_incomplete(tmp_path):
    build = make_build(tmp_path, "odd", manifest=False)
    (build / MANIFEST).mkdir()
    os.symlink(build, tmp_path / CURRENT)
    with pytest.raises(IndexMissing, match="incomplete"):
        current_build(tmp_path)


def test_read_manifest_returns_the_recorded_facts_in_utf8(tmp_path):
    build = make_build(tmp_path, "b3")
    assert read_manifest(build) == MANIFEST_FACTS


def test_the_bundled_index_records_its_five_articles(articles_index):
    manifest = read_manifest(current_build(articles_index))
    assert manifest["documents"] == 5 and manifest["skipped"] == []
