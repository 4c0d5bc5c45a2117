"""Reading a cold load's files in worker processes (`actorgraph.io.parallel`): the same
answer, the same messages and the same cache entries as reading them in one process."""

from __future__ import annotations

import hashlib
import shutil
import sys

import pytest

from actorgraph.io import parallel
from actorgraph.io.cache import open_store
from actorgraph.io.loader import LazyRecords, load_records, read_folder
from actorgraph.io.summary import decode_file_summary, summarize
from actorgraph.io.units import read_unit

from ..conftest import DATA, GRAPH_DIR
from .conftest import GRAPHS, copy_graph, outcome

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="workers are forked on Linux only")


@pytest.fixture
def two_workers(cached, monkeypatch):
    """Two workers for any cold load, however small (the size floor is for speed only)."""
    monkeypatch.setenv(parallel.ENV_VAR, "2")
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    return cached


def test_workers_give_every_file_the_summary_one_process_gives(two_workers):
    graph, _ = two_workers
    files = sorted(read_folder(graph))
    digests = [hashlib.sha256(d).hexdigest() for _, _, d in files]
    store = open_store()
    wanted = list(range(len(files)))
    bodies = parallel.summarize_in_workers(store, files, digests, wanted, 2)
    assert bodies is not None and sorted(bodies) == wanted  # the workers did read them
    for k, (shown, _, data) in enumerate(files):
        alone = summarize(read_unit(shown, data, digests[k], [], None))
        assert decode_file_summary(bodies[k]) == alone, shown
        assert store.get(digests[k]) is not None  # each file's entry was stored


@pytest.mark.parametrize("folder", GRAPHS)
def test_a_cold_load_in_workers_says_what_one_process_says(two_workers, tmp_path, folder):
    copy = copy_graph(folder, tmp_path)
    alone = outcome(copy, disk=False)
    assert outcome(copy) == alone  # cold, read by the workers
    assert isinstance(load_records(copy), LazyRecords)  # and now known: warm
    assert outcome(copy) == alone


@pytest.mark.parametrize("folder", ["dangling-ref", "duplicate-claim", "anchor"])
def test_errors_found_by_workers_are_worded_as_one_process_words_them(two_workers,
                                                                      tmp_path, folder):
    copy = tmp_path / "copy"
    shutil.copytree(DATA / "invalid" / folder, copy)
    shutil.copytree(GRAPH_DIR, copy / "more")  # enough files for the workers to share
    said = outcome(copy)
    assert said[0] == "error" and said == outcome(copy, disk=False)


def test_too_little_to_read_is_read_in_the_calling_process(cached, monkeypatch):
    monkeypatch.setenv(parallel.ENV_VAR, "2")
    graph, _ = cached
    files = sorted(read_folder(graph))
    assert sum(len(d) for _, _, d in files) < parallel.MIN_BYTES
    assert parallel.summarize_in_workers(open_store(), files, [None] * len(files),
                                         list(range(len(files))), 2) is None


@pytest.mark.parametrize(("value", "expected"), [("3", 3), ("1", 1), ("0", 1), ("x", 1),
                                                 ("", 1), ("-2", 1), ("999", 64)])
def test_the_number_of_workers_comes_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setattr(parallel, "DEFAULT", 1)
    monkeypatch.setenv(parallel.ENV_VAR, value)
    assert parallel.workers() == expected
