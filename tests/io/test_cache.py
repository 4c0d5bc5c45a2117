"""The per-file cache: never stale, never trusted, safe to lose, safe on a shared folder."""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import subprocess
import sys
import threading

import pydantic
import pytest

import actorgraph
from actorgraph.io import cache as cache_module
from actorgraph.io.cache import _MAGIC, open_store, take_notices
from actorgraph.io.loader import load_records
from actorgraph.io.yamlread import MarkedList, MarkedMap, mark_at, read_yaml_file

from ..conftest import ROOT

TURKIYE = "actors/turkiye.yaml"


def entries(folder):
    return sorted(folder.glob("*.unit"))


def entry_of(graph, folder, relative):
    """The cache entry of one graph file."""
    digest = hashlib.sha256((graph / relative).read_bytes()).hexdigest()
    return folder / (open_store().name(digest) + ".unit")


def same(r1, r2):
    """Two loads hold the same records, at the same places, with the same warnings."""
    tables = ("sources", "actors", "outcomes", "events", "interests", "effects", "relations",
              "claims", "origins", "warnings", "files", "digests")
    return all(getattr(r1, t) == getattr(r2, t) for t in tables)


def run(*argv, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "actorgraph", *argv], capture_output=True,
                          text=True, env=env, timeout=timeout, cwd=ROOT)


def test_a_warm_load_is_the_cold_load(cached):
    graph, folder = cached
    cold = load_records(graph, disk=False)
    first = load_records(graph)  # fills the cache
    files = list(graph.rglob("*.yaml"))
    assert len(entries(folder)) == len(files)
    assert all(oct(e.stat().st_mode & 0o777) == "0o600" for e in entries(folder))
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    warm = load_records(graph)
    assert same(cold, first) and same(cold, warm)
    # what export relies on: which fields the curator wrote
    assert [a.model_fields_set for a in warm.actors.values()] == \
        [a.model_fields_set for a in cold.actors.values()]
    G = actorgraph.load(graph)  # the answer is ranked by support (issue 14)
    assert actorgraph.who_gains(G, "russia", "azerbaijan").gainers[0] == "ukraine"


def test_an_edit_that_keeps_size_and_time_is_seen(cached):
    graph, _ = cached
    path = graph / TURKIYE
    load_records(graph)
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    assert "name: Turkiye" in text
    path.write_text(text.replace("name: Turkiye", "name: Turkiyo"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load_records(graph).actors["turkiye"].name == "Turkiyo"


def test_only_the_edited_file_is_read_again(cached):
    graph, folder = cached
    load_records(graph)
    old = set(entries(folder))
    path = graph / TURKIYE
    path.write_text(path.read_text(encoding="utf-8").replace("name: Turkiye", "name: Türkiye"),
                    encoding="utf-8")
    records = load_records(graph)
    assert records.actors["turkiye"].name == "Türkiye"
    assert len(set(entries(folder)) - old) == 1  # one new entry: the edited file's


def test_an_archived_text_changed_after_caching_is_still_checked(cached):
    graph, folder = cached
    actorgraph.load(graph)
    text = graph / "sources" / "seed-article.txt"
    edited = text.read_text(encoding="utf-8").replace("do everything possible", "do all it can")
    text.write_text(edited, encoding="utf-8")
    with pytest.raises(actorgraph.GraphDataError) as info:
        actorgraph.load(graph)
    # the YAML did not change: its entries were used (one per file, none new)
    assert len(entries(folder)) == len(list(graph.rglob("*.yaml")))
    # Peskov's sentence is quoted four times: Ukraine's interest, the event, the event's
    # effect on the rift, Ukraine's influence tie on Azerbaijan
    assert [p.message.split(":")[0] for p in info.value.problems] == [
        "quote not found in sources/seed-article.txt (the source's text)"] * 4


def test_a_damaged_entry_is_rebuilt(cached):
    graph, folder = cached
    good = load_records(graph, disk=False)
    load_records(graph)
    entry = entry_of(graph, folder, TURKIYE)
    intact = entry.read_bytes()
    flipped = bytearray(intact)
    flipped[-10] ^= 0xFF
    for damage in (bytes(flipped), b"garbage", b"", intact[:len(intact) // 2]):
        entry.write_bytes(damage)
        assert same(load_records(graph), good)
        assert entry.read_bytes() == intact  # written again, whole


def test_a_forged_entry_is_never_served(cached):
    """An entry that says Turkiye is called "FORGED", signed with any key but ours."""
    graph, folder = cached
    load_records(graph)
    entry = entry_of(graph, folder, TURKIYE)
    body = entry.read_bytes()[len(_MAGIC) + 32:]
    forged_body = marshal.dumps(_rename(marshal.loads(body), "Turkiye", "FORGED"))
    name = entry.stem.encode()
    for key in (b"\0" * 32, os.urandom(32), b""):
        signature = hmac.new(key, name + forged_body, hashlib.sha256).digest()
        entry.write_bytes(_MAGIC + signature + forged_body)
        assert load_records(graph).actors["turkiye"].name == "Turkiye"
    # signed with our own key it would be served: the check above is the signature's
    secret = (folder / "key").read_bytes()
    entry.write_bytes(_MAGIC + hmac.new(secret, name + forged_body, hashlib.sha256).digest()
                      + forged_body)
    assert load_records(graph).actors["turkiye"].name == "FORGED"


def _rename(value, old, new):
    if isinstance(value, tuple):
        return tuple(_rename(v, old, new) for v in value)
    if isinstance(value, list):
        return [_rename(v, old, new) for v in value]
    return new if value == old else value


def test_an_entry_signed_by_us_that_is_not_a_unit_is_rebuilt(cached):
    graph, folder = cached
    good = load_records(graph, disk=False)
    load_records(graph)
    entry = entry_of(graph, folder, TURKIYE)
    secret = (folder / "key").read_bytes()
    for body in (marshal.dumps(compile("open('pwned', 'w')", "x", "exec")),
                 marshal.dumps((99, 0, 1, 1, None)), marshal.dumps({"actors": []}), b"\xff"):
        sig = hmac.new(secret, entry.stem.encode() + body, hashlib.sha256).digest()
        entry.write_bytes(_MAGIC + sig + body)
        assert same(load_records(graph), good)


def test_two_processes_at_once_agree(cached, tmp_path):
    graph, folder = cached
    env = {**os.environ, "ACTORGRAPH_CACHE_DIR": str(folder), "PYTHONPATH": str(ROOT / "src")}
    uncached = run("show", "turkiye", "--graph", str(graph),
                   env={**env, "ACTORGRAPH_NO_CACHE": "1"})
    assert uncached.returncode == 0
    for _ in range(2):  # first both fill an empty cache at once, then both read it
        procs = [subprocess.Popen([sys.executable, "-m", "actorgraph", "show", "turkiye",
                                   "--graph", str(graph)], env=env, cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0]
        assert [o for o, _ in outs] == [uncached.stdout] * 2
        assert [e for _, e in outs] == [uncached.stderr] * 2
    assert len(entries(folder)) == len(list(graph.rglob("*.yaml")))
    assert not list(folder.glob("*.tmp"))


def test_cross_file_errors_are_the_same_from_the_cache(cached):
    graph, _ = cached
    (graph / "extra.yaml").write_text(
        "relations:\n  - between: [turkiye, nobody-here]\n    kind: rivalry\n    claims:\n"
        "      - {by: turkiye, source: nowhere, quote: a quote}\n", encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(actorgraph.GraphDataError) as err:
            load_records(graph)
        messages.append([str(p) for p in err.value.problems])
    assert messages[0] == messages[1]
    assert any("extra.yaml:2:24: error: unknown actor 'nobody-here'" in m
               for m in messages[0]), messages[0]


def test_data_errors_are_never_cached(cached):
    graph, folder = cached
    (graph / "broken.yaml").write_text("actors:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(actorgraph.GraphDataError):
        load_records(graph)
    assert len(entries(folder)) == len(list(graph.rglob("*.yaml"))) - 1
    assert not entry_of(graph, folder, "broken.yaml").exists()


def test_no_cache_writes_nothing(cached, monkeypatch):
    graph, folder = cached
    load_records(graph, disk=False)
    actorgraph.load(graph, cache=False)
    monkeypatch.setenv("ACTORGRAPH_NO_CACHE", "1")
    actorgraph.load(graph)
    assert not folder.exists()


def test_an_unwritable_cache_folder_is_no_problem(cached, tmp_path, monkeypatch):
    graph, _ = cached
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(blocker / "cache"))
    assert actorgraph.load(graph).number_of_nodes() == 39
    [notice] = take_notices()
    assert notice.startswith("cache not used: cannot use the cache folder")


def test_old_entries_are_evicted(cached, monkeypatch):
    graph, folder = cached
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 4)
    load_records(graph)
    assert len(entries(folder)) == 4
    assert same(load_records(graph), load_records(graph, disk=False))


# -- a cache folder others can reach (issue 17.2) ----------------------------------------

def _no_hang(graph, folder):
    """Load through the command line, which must finish (a FIFO read would block)."""
    env = {**os.environ, "ACTORGRAPH_CACHE_DIR": str(folder), "PYTHONPATH": str(ROOT / "src")}
    return run("show", "turkiye", "--graph", str(graph), env=env, timeout=60)


def test_a_fifo_as_key_never_hangs(cached):
    graph, folder = cached
    folder.mkdir(mode=0o700)
    os.mkfifo(folder / "key", 0o600)
    result = _no_hang(graph, folder)
    assert result.returncode == 0
    assert "Turkiye" in result.stdout
    assert result.stderr.count("actorgraph: note: cache not used:") == 1
    assert f"the cache key {folder / 'key'} is not a regular file" in result.stderr
    assert entries(folder) == []


def test_a_fifo_as_an_entry_never_hangs(cached):
    graph, folder = cached
    good = load_records(graph, disk=False)
    load_records(graph)
    entry = entry_of(graph, folder, TURKIYE)
    entry.unlink()
    os.mkfifo(entry, 0o600)
    result = _no_hang(graph, folder)
    assert result.returncode == 0 and result.stderr == ""
    assert same(load_records(graph), good)
    assert entry.is_file() and not entry.is_symlink()  # replaced by a real entry


def test_an_entry_linked_to_dev_zero_is_never_read(cached):
    graph, folder = cached
    good = load_records(graph, disk=False)
    load_records(graph)
    entry = entry_of(graph, folder, TURKIYE)
    entry.unlink()
    entry.symlink_to("/dev/zero")
    done = []
    worker = threading.Thread(target=lambda: done.append(load_records(graph)), daemon=True)
    worker.start()
    worker.join(30)
    assert done, "the load did not finish"
    assert same(done[0], good)
    assert entry.is_file() and not entry.is_symlink()


def test_a_folder_others_can_write_is_not_used(cached):
    graph, folder = cached
    folder.mkdir()
    os.chmod(folder, 0o777)
    result = _no_hang(graph, folder)
    assert result.returncode == 0 and "Turkiye" in result.stdout
    assert result.stderr == (f"actorgraph: note: cache not used: the cache folder {folder} "
                             "is not safe: it can be written by other users; loading without "
                             "it\n")
    assert entries(folder) == [] and not (folder / "key").exists()


@pytest.mark.parametrize("key, mode, why", [
    (b"", 0o600, "it has 0 bytes, not 32"),
    (b"short", 0o600, "it has 5 bytes, not 32"),
    (b"k" * 32, 0o644, "other users can read it"),
    (b"k" * 32, 0o622, "it can be written by other users"),
])
def test_a_key_of_the_wrong_size_or_mode_is_refused(cached, key, mode, why):
    graph, folder = cached
    folder.mkdir(mode=0o700)
    (folder / "key").write_bytes(key)
    os.chmod(folder / "key", mode)
    assert open_store() is None
    assert take_notices() == [f"cache not used: the cache key {folder / 'key'} is not safe: "
                              f"{why}; loading without it"]
    assert load_records(graph).actors["turkiye"].name == "Turkiye"
    assert entries(folder) == []


def test_a_key_linked_elsewhere_is_refused(cached, tmp_path):
    _, folder = cached
    folder.mkdir(mode=0o700)
    elsewhere = tmp_path / "their-key"
    elsewhere.write_bytes(b"k" * 32)
    os.chmod(elsewhere, 0o600)
    (folder / "key").symlink_to(elsewhere)
    assert open_store() is None
    assert take_notices() == [f"cache not used: the cache key {folder / 'key'} is not a "
                              "regular file; loading without it"]


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="making a file another user's needs root")
def test_a_foreign_key_or_folder_is_refused(cached):
    graph, folder = cached
    load_records(graph)  # a good key and entries
    os.chown(folder / "key", 4321, -1)
    assert open_store() is None
    assert take_notices() == [f"cache not used: the cache key {folder / 'key'} is not safe: "
                              "it belongs to another user; loading without it"]
    os.chown(folder / "key", 0, -1)
    os.chown(folder, 4321, -1)
    assert open_store() is None
    assert take_notices() == [f"cache not used: the cache folder {folder} is not safe: it "
                              "belongs to another user; loading without it"]
    os.chown(folder, 0, -1)
    entry = entry_of(graph, folder, TURKIYE)
    os.chown(entry, 4321, -1)  # someone else's entry, even one signed right, is not read
    assert open_store().get(hashlib.sha256((graph / TURKIYE).read_bytes()).hexdigest()) is None


@pytest.mark.parametrize("folder", sorted(p.name for p in (ROOT / "tests" / "data" / "valid")
                                          .iterdir() if p.is_dir()))
def test_every_valid_test_graph_loads_the_same_from_the_cache(cached, folder):
    path = ROOT / "tests" / "data" / "valid" / folder
    cold = load_records(path, disk=False)
    load_records(path)
    warm = load_records(path)
    assert same(cold, warm)
    G_cold, G_warm = actorgraph.load(path, cache=False), actorgraph.load(path)
    assert sorted(G_cold.edges(keys=True, data="sign")) == \
        sorted(G_warm.edges(keys=True, data="sign"))
    assert [G_cold.nodes[n] == G_warm.nodes[n] for n in G_cold] == [True] * len(G_cold)


@pytest.mark.parametrize("disk", [False, True])
def test_shared_fields_written_sets_never_leak_between_records(cached, disk):
    """Records written alike share one `model_fields_set` (memory, issue 18.5): a change to
    one record's copy, or an attempt to set a field, must not show on any other record."""
    graph, _ = cached
    load_records(graph)  # fill the cache: the second case decodes every file from it
    records = load_records(graph, disk=disk)
    claims = [c for _, c in records.claims.values()]
    by_fields: dict[frozenset[str], list] = {}
    for c in claims:
        by_fields.setdefault(frozenset(c.model_fields_set), []).append(c)
    same_set = max(by_fields.values(), key=len)
    assert len({id(c.model_fields_set) for c in same_set}) == 1  # shared, so the rest counts
    first, other = same_set[0], same_set[1]
    before = set(other.model_fields_set)
    unset = next(n for n in type(first).model_fields if n not in first.model_fields_set)
    copy = first.model_copy(update={unset: getattr(first, unset)})
    assert unset in copy.model_fields_set
    assert other.model_fields_set == before and unset not in first.model_fields_set
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        first.quote = "changed"
    assert other.model_fields_set == before and first.quote != "changed"


def _mapping_starts(node, out):
    if isinstance(node, MarkedMap):
        out.add(node.mark)
    if isinstance(node, (MarkedMap, MarkedList)):
        for value in node.values() if isinstance(node, MarkedMap) else node:
            _mapping_starts(value, out)
    return out


@pytest.mark.parametrize("folder", [ROOT / "graph", *sorted(
    p for p in (ROOT / "tests" / "data" / "valid").iterdir() if p.is_dir())],
    ids=lambda p: p.name)
def test_every_origin_is_where_its_record_is_written(folder):
    """Origins come from the fast read's mapping starts (`units.fresh_unit`); the marked
    read, which messages use, must find each record at the very same place."""
    records = load_records(folder, disk=False)
    docs = {shown: read_yaml_file(folder / relative)
            for shown, relative in records.relative.items()}
    starts = {shown: _mapping_starts(doc, set()) for shown, doc in docs.items()}
    for rid, origin in records.origins.items():
        assert (origin.line, origin.column) in starts[origin.file], rid
    named = 0
    for shown, doc in docs.items():
        for section in ("sources", "actors", "outcomes", "events"):
            for i, record in enumerate(doc.get(section) or []):
                origin = records.origins[record["id"]]
                assert (origin.file, origin.line, origin.column) == (
                    shown, *mark_at(doc, (section, i))), record["id"]
                named += 1
    assert named >= len(records.actors)
