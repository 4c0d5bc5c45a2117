"""The load cache: never stale, never trusted, safe to lose."""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import shutil

import pytest

import actorgraph
from actorgraph.io.cache import _MAGIC, GraphCache

from .conftest import GRAPH_DIR


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """A copy of the curated graph, with caching on for it, in a cache folder of its own."""
    graph = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(folder))
    monkeypatch.setenv("ACTORGRAPH_CACHE_MIN_BYTES", "0")
    monkeypatch.delenv("ACTORGRAPH_NO_CACHE", raising=False)
    return graph, folder


def entries(folder):
    return sorted(folder.glob("*.pickle"))


def same(G1, G2):
    r1, r2 = G1.graph["records"], G2.graph["records"]
    return (r1.counts(), r1.origins, r1.claims, sorted(G1.edges(keys=True))) == (
        r2.counts(), r2.origins, r2.claims, sorted(G2.edges(keys=True)))


def test_second_load_comes_from_the_cache_and_is_the_same(cached):
    graph, folder = cached
    first = actorgraph.load(graph)
    [entry] = entries(folder)
    assert oct(entry.stat().st_mode & 0o777) == "0o600"
    second = actorgraph.load(graph)
    assert same(first, second)
    report = actorgraph.who_gains(second, "russia", "azerbaijan")
    assert report.gainers[0] == "turkiye"


def test_any_change_to_any_file_is_a_new_key(cached):
    graph, folder = cached
    actorgraph.load(graph)
    path = graph / "actors" / "turkiye.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Turkiye", "name: Türkiye"),
                    encoding="utf-8")
    G = actorgraph.load(graph)
    assert G.nodes["turkiye"]["label"] == "Türkiye"
    assert len(entries(folder)) == 2


def test_an_archived_text_changed_after_caching_is_still_checked(cached):
    graph, folder = cached
    actorgraph.load(graph)
    text = graph / "sources" / "seed-article.txt"
    edited = text.read_text(encoding="utf-8").replace("do everything possible", "do all it can")
    text.write_text(edited, encoding="utf-8")
    with pytest.raises(actorgraph.GraphDataError) as info:
        actorgraph.load(graph)
    assert len(entries(folder)) == 1  # the YAML did not change: the cached entry was used
    # Peskov's sentence is quoted twice: for Ukraine's interest and its influence tie
    assert [p.message.split(":")[0] for p in info.value.problems] == [
        "quote not found in sources/seed-article.txt (the source's text)"] * 2


def test_a_damaged_entry_is_rebuilt(cached):
    graph, folder = cached
    good = actorgraph.load(graph)
    [entry] = entries(folder)
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert same(actorgraph.load(graph), good)
    entry.write_bytes(b"garbage")
    assert same(actorgraph.load(graph), good)
    entry.write_bytes(b"")
    assert same(actorgraph.load(graph), good)


class Boom:
    def __reduce__(self):
        return (os.system, ("touch pwned-by-cache",))


def test_a_tampered_entry_never_runs_code_even_with_a_valid_signature(cached, monkeypatch,
                                                                       tmp_path):
    graph, folder = cached
    monkeypatch.chdir(tmp_path)
    good = actorgraph.load(graph)
    [entry] = entries(folder)
    key = entry.stem
    body = pickle.dumps(Boom())
    secret = (folder / "key").read_bytes()
    forged = hmac.new(secret, key.encode() + body, hashlib.sha256).digest()
    entry.write_bytes(_MAGIC + forged + body)  # signed with the real key: the whitelist holds
    assert same(actorgraph.load(graph), good)
    entry.write_bytes(_MAGIC + b"\0" * 32 + body)  # unsigned: dropped before unpickling
    assert same(actorgraph.load(graph), good)
    assert not (tmp_path / "pwned-by-cache").exists()


def test_an_unwritable_cache_folder_is_no_problem(cached, tmp_path, monkeypatch):
    graph, _ = cached
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(blocker / "cache"))
    assert actorgraph.load(graph).number_of_nodes() == 39


def test_small_graphs_and_no_cache_skip_it(cached, monkeypatch):
    graph, folder = cached
    monkeypatch.delenv("ACTORGRAPH_CACHE_MIN_BYTES")
    actorgraph.load(graph)  # 40 kB of YAML: below the threshold
    assert entries(folder) == []
    monkeypatch.setenv("ACTORGRAPH_CACHE_MIN_BYTES", "0")
    actorgraph.load(graph, cache=False)
    monkeypatch.setenv("ACTORGRAPH_NO_CACHE", "1")
    actorgraph.load(graph)
    assert entries(folder) == []


def test_old_entries_are_evicted(cached):
    graph, folder = cached
    store = GraphCache(folder)
    G = actorgraph.load(graph)
    for i in range(12):
        store.put(f"{i:064x}", G)
    assert len(entries(folder)) == 8


def test_data_errors_are_never_cached(cached):
    graph, folder = cached
    (graph / "broken.yaml").write_text("actors:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(actorgraph.GraphDataError):
        actorgraph.load(graph)
    assert entries(folder) == []
