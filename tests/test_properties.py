"""Property-based tests: careless edits never crash the loader; any text flows through."""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.analyses.balance import balance
from actorgraph.analyses.diff import diff_graphs
from actorgraph.analyses.gains import who_gains
from actorgraph.present.diff import format_diff_json, format_diff_markdown, format_diff_text
from actorgraph.present.gains import format_json, format_markdown, format_text

from .conftest import GRAPH_DIR

FILES = sorted(p.relative_to(GRAPH_DIR).as_posix() for p in GRAPH_DIR.rglob("*.yaml"))
YAML_BITS = [":", "-", " ", "  ", "\n", "\t", "#", "'", '"', "[", "]", "{", "}", ",", "&a",
             "*a", "!!str", "<<", "---", "no", "010", "2024-02-30", "\x00", "\ufeff", "é",
             "id: x", "claims: []", "kind: rift"]


@st.composite
def edits(draw):
    """A curated file and a careless edit of it: delete, insert, duplicate or swap lines."""
    name = draw(st.sampled_from(FILES))
    text = (GRAPH_DIR / name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    kind = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "indent", "chars"]))
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    j = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(j, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[i].lstrip()
    else:
        new = "".join(draw(st.lists(st.sampled_from(YAML_BITS), min_size=1, max_size=4)))
        at = draw(st.integers(0, len(lines[i]) if lines else 0))
        if kind == "chars" and lines:
            lines[i] = lines[i][:at] + new + lines[i][at + 1:]
        else:
            lines.insert(i, new + "\n")
    return name, "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_a_careless_edit_gives_a_graph_or_clean_problems(edit):
    name, text = edit
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "graph"
        shutil.copytree(GRAPH_DIR, folder)
        (folder / name).write_text(text, encoding="utf-8")
        try:
            G = actorgraph.load(folder, cache=False)
        except actorgraph.GraphDataError as exc:
            assert exc.problems
            for p in exc.problems:
                assert p.file.endswith(".yaml") and p.line >= 1 and p.column >= 1, p
                assert "\n" not in p.message
        else:
            who_gains(G, "russia", "azerbaijan") if "azerbaijan" in G and "russia" in G \
                else None


NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200) \
    .filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(NAMES, NAMES, NAMES)
def test_any_text_flows_through_gains_reports_and_diff(name, label, quote):
    data = {"sources": [{"id": "s", "title": label, "kind": "article"}],
            "actors": [{"id": "a", "name": name, "kind": "state"},
                       {"id": "b", "name": label, "kind": "state"},
                       {"id": "c", "name": quote, "kind": "faction", "interests": [
                           {"outcome": "r", "stance": "wants",
                            "claims": [{"by": "c", "source": "s", "quote": quote}]}]}],
            "outcomes": [{"id": "r", "label": label, "kind": "rift", "between": ["a", "b"]}]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "graph"
        folder.mkdir()
        (folder / "g.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        G = actorgraph.load(folder, cache=False)
        assert G.nodes["a"]["label"] == name.strip()
        report = who_gains(G, "a", "b")
        assert report.gainers == ["c"]
        format_text(G, report, explain=True)
        format_markdown(G, report, explain=True)
        assert json.loads(format_json(G, report))["stakes"][0]["evidence"][0]["steps"][0][
            "claims"][0]["quote"] == quote.strip()
        data["actors"][0]["name"] = label
        (folder / "g.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        d = diff_graphs(G, actorgraph.load(folder, cache=False))
        format_diff_text(d, color=True)
        format_diff_markdown(d)
        json.loads(format_diff_json(d))


TEXT = st.one_of(
    st.sampled_from(["no", "yes", "010", "1.10", "2024-02-03", "null", "~", "true", "1:20",
                     "- item", "key: value", "#1", "&anchor", "*alias", "!!str", "'q'", '"q"']),
    NAMES)
SLUGS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)


@st.composite
def valid_graphs(draw):
    """A random graph that loads: references resolve, one relation per pair."""
    ids = draw(st.lists(SLUGS, min_size=4, max_size=10, unique=True))
    actors, outcomes, sources = ids[:-3], ids[-3:-1], ids[-1:]

    def claims():
        return [{"by": draw(st.sampled_from(actors)), "source": sources[0], "quote": q,
                 "stance": draw(st.sampled_from(["asserts", "denies", "speculates"])),
                 **({"confidence": draw(st.sampled_from([0.1, 0.5, 1.0]))}
                    if draw(st.booleans()) else {})}
                for q in draw(st.lists(TEXT, min_size=1, max_size=2, unique_by=str.strip))]

    data = {
        "sources": [{"id": sources[0], "title": draw(TEXT), "kind": "article"}],
        "actors": [{"id": a, "name": draw(TEXT), "kind": draw(st.sampled_from(
            ["state", "faction", "bloc", "person", "unidentified"])),
            "aliases": draw(st.lists(TEXT, max_size=2)),
            "interests": [{"outcome": o, "stance": draw(st.sampled_from(["wants", "opposes"])),
                           "claims": claims()}
                          for o in draw(st.lists(st.sampled_from(outcomes), unique=True))]}
                   for a in actors],
        "outcomes": [{"id": o, "label": draw(TEXT), "kind": "other",
                      "effects": [{"to": t, "sign": draw(st.sampled_from(["advances",
                                                                          "hinders"])),
                                   "claims": claims()}
                                  for t in outcomes if t != o and draw(st.booleans())]}
                     for o in outcomes],
        "relations": [{"between": [a, b], "kind": draw(st.sampled_from(
            ["alliance", "rivalry", "war", "partnership"])), "claims": claims(),
            "domain": draw(st.sampled_from(["security", "diplomatic", "economic", "other"]))}
            for i, a in enumerate(actors) for b in actors[i + 1:] if draw(st.booleans())],
    }
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_graphs())
def test_load_export_reload_keeps_every_record(data):
    from actorgraph.present.export import records_yaml

    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "first", Path(tmp) / "second"
        first.mkdir()
        second.mkdir()
        (first / "g.yaml").write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True),
                                      encoding="utf-8")
        G1 = actorgraph.load(first, cache=False)
        (second / "all.yaml").write_text(records_yaml(G1), encoding="utf-8")
        G2 = actorgraph.load(second, cache=False)
        r1, r2 = G1.graph["records"], G2.graph["records"]
        assert r1.counts() == r2.counts()
        for table in ("sources", "actors", "outcomes", "events", "relations", "interests",
                      "effects", "claims"):
            assert getattr(r1, table) == getattr(r2, table), table
        assert not diff_graphs(G1, G2)
        from actorgraph.present.text import describe

        for rid in [*r2.actors, *r2.outcomes, *r2.sources, *r2.events]:
            assert f"({rid})" in describe(G2, rid)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _set_partitions(items: list[str]):
    """Every split of `items` into non-empty blocs (Bell-number many; fine for 7 items)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for split in _set_partitions(rest):
        yield [[first], *split]
        for i in range(len(split)):
            yield [*split[:i], [first, *split[i]], *split[i + 1:]]


@st.composite
def signed_graphs(draw, most: int = 7):
    """Up to `most` actors, each pair allied, hostile or unrelated."""
    n = draw(st.integers(2, most))
    names = [f"a{i}" for i in range(n)]
    ties = {}
    for i in range(n):
        for j in range(i + 1, n):
            sign = draw(st.sampled_from([0, 1, -1]))
            if sign:
                ties[names[i], names[j]] = sign
    return names, ties


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(signed_graphs())
def test_the_bloc_searches_find_the_optimum_of_every_split(data):
    """balance() against brute force: the least frustration, then the fewest blocs, over
    every split into at most two blocs (strict) and into any number (weak)."""
    names, ties = data
    report = _balance_of(names, ties)
    related = sorted({x for pair in ties for x in pair})
    parts = {frozenset(c) for c in _components(related, ties)}

    def best(limit: int | None) -> tuple[int, int]:
        # blocs never span two connected parts: each part is split on its own
        total = [0, 0]
        for part in parts:
            sub = {k: v for k, v in ties.items() if k[0] in part}
            fits = [fit_in(split, sub) for split in _set_partitions(sorted(part))
                    if limit is None or len(split) <= limit]
            f, k = min(fits)
            total[0] += f
            total[1] += k
        return total[0], total[1]

    def fit_in(split: list[list[str]], sub: dict) -> tuple[int, int]:
        bloc_of = {x: i for i, bloc in enumerate(split) for x in bloc}
        return (sum((bloc_of[a] == bloc_of[b]) != (s > 0) for (a, b), s in sub.items()),
                len(split))

    for split, limit in ((report.strict, 2), (report.weak, None)):
        assert split.exact
        assert sorted(x for bloc in split.blocs for x in bloc) == related
        assert fit_in([list(b) for b in split.blocs], ties) == best(limit)
        assert split.frustration == best(limit)[0]
    assert report.weak.frustration <= report.strict.frustration


def _components(nodes: list[str], ties: dict) -> list[set[str]]:
    seen: set[str] = set()
    out = []
    for root in nodes:
        if root in seen:
            continue
        comp, stack = set(), [root]
        while stack:
            x = stack.pop()
            if x in comp:
                continue
            comp.add(x)
            stack.extend(b if a == x else a for (a, b) in ties if x in (a, b))
        seen |= comp
        out.append(comp)
    return out


def _balance_of(names: list[str], ties: dict) -> Any:
    """balance() of a graph of `names` with `ties` ((a, b) -> sign), written as YAML."""
    lines = ["sources: [{id: s, title: S, kind: article}]", "actors:"]
    lines += [f"  - {{id: {n}, name: {n}, kind: state}}" for n in names]
    lines.append("relations:")
    lines += [f"  - {{between: [{a}, {b}], kind: {'alliance' if s > 0 else 'war'}, "
              f"claims: [{{by: {a}, source: s, quote: q}}]}}" for (a, b), s in ties.items()]
    if not ties:
        lines[-1] = "relations: []"
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "g.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return balance(actorgraph.load(tmp, cache=False))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(signed_graphs(most=12))
def test_the_two_bloc_search_finds_the_optimum_up_to_twelve_actors(data):
    """The strict split against every 2-colouring of each connected part (2^(n-1) of them)."""
    names, ties = data
    report = _balance_of(names, ties)
    related = sorted({x for pair in ties for x in pair})
    best = 0
    for part in _components(related, ties):
        members = sorted(part)
        sub = [(a, b, s) for (a, b), s in ties.items() if a in part]
        fits = []
        for bits in itertools.product((0, 1), repeat=len(members) - 1):
            side = dict(zip(members, (0, *bits), strict=True))
            fits.append(sum((side[a] == side[b]) != (s > 0) for a, b, s in sub))
        best += min(fits)
    assert report.strict.exact
    assert report.strict.frustration == best
