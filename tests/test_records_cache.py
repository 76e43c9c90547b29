"""tidings.records.cache: the disk cache of derived tables (issue 22, start fast)."""

from __future__ import annotations

import os

from tidings.records import cache


def test_a_value_is_built_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return {"names": {"paris": (0, 3)}, "rows": [("city", "Paris", 48.85, None, True)]}

    first = cache.cached("table", ["data v1"], build)
    again = cache.cached("table", ["data v1"], build)
    assert first == again and len(built) == 1
    cache.cached("table", ["data v2"], build)  # other data: another entry, built afresh
    assert len(built) == 2


def test_off_and_unwritable_folders_only_mean_building(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.cached("table", ["x"], lambda: 42) == 42
    blocked = tmp_path / "a-file"  # a folder that cannot be made: writing fails, reading misses
    blocked.write_text("not a folder")
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(blocked / "cache"))
    assert cache.cached("table", ["x"], lambda: 43) == 43
    assert cache.cached("table", ["x"], lambda: 44) == 44


def test_a_damaged_entry_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    cache.cached("table", ["x"], lambda: [1, 2, 3])
    (entry,) = tmp_path.glob("table-*.marshal")
    entry.write_bytes(b"\x00garbage")
    assert cache.cached("table", ["x"], lambda: [4]) == [4]


def test_old_entries_of_a_name_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    for version in range(cache.KEPT + 3):
        cache.cached("table", [str(version)], lambda version=version: version)
        os.utime(next(tmp_path.glob("table-*.marshal")), ns=(version, version))  # any one made old
    cache.cached("other", ["x"], lambda: 0)
    assert len(list(tmp_path.glob("table-*.marshal"))) == cache.KEPT
    assert len(list(tmp_path.glob("other-*.marshal"))) == 1
