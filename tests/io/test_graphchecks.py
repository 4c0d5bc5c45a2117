"""The checks across records: relations that contradict each other, by domain and period."""

from __future__ import annotations

import pytest

from actorgraph import GraphDataError, load_records

HEAD = """sources:
  - {id: s, title: S, kind: article}
actors:
  - {id: a, name: A, kind: state}
  - {id: b, name: B, kind: state}
relations:
"""


def tie(kind: str, quote: str, **keys: str) -> str:
    extra = "".join(f", {k}: '{v}'" for k, v in keys.items())
    return (f"  - {{between: [a, b], kind: {kind}{extra}, "
            f"claims: [{{by: a, source: s, quote: '{quote}'}}]}}\n")


def problems(tmp_path, *ties: str) -> list[str]:
    (tmp_path / "graph.yaml").write_text(HEAD + "".join(ties))
    try:
        load_records(tmp_path)
    except GraphDataError as e:
        return [str(p).removeprefix(f"{tmp_path}/") for p in e.problems]
    return []


FIX = ("if they are ties of different kinds, give each its domain (security, economic, "
       "diplomatic, other); if one followed the other, give them dates that do not overlap "
       "(until is inclusive: after 'until: 1913' comes 'since: 1914', or 'since: 1913' for a "
       "change within 1913); or mark the disputed one's claims 'denies'")


def test_a_partnership_and_sanctions_in_two_domains_validate_together(tmp_path):
    assert problems(tmp_path,
                    tie("partnership", "p", domain="security", since="2015"),
                    tie("sanctions", "q", domain="economic", since="2022")) == []
    records = load_records(tmp_path)
    assert sorted(records.relations) == ["relation:a~b:economic/sanctions@2022",
                                         "relation:a~b:security/partnership@2015"]


def test_two_ties_of_one_kind_in_two_domains_are_two_records(tmp_path):
    assert problems(tmp_path, tie("agreement", "p", domain="security"),
                    tie("agreement", "q", domain="economic"), tie("agreement", "r")) == []
    assert sorted(load_records(tmp_path).relations) == [
        "relation:a~b:agreement", "relation:a~b:economic/agreement",
        "relation:a~b:security/agreement"]


def test_dated_ties_of_one_domain_that_overlap_name_the_days_they_share(tmp_path):
    # both already have dates: the message must not just say "give them since/until"
    assert problems(tmp_path,
                    tie("partnership", "p", domain="security", since="2015"),
                    tie("sanctions", "q", domain="security", since="2022-03", until="2023")
                    ) == [
        "graph.yaml:8:5: error: contradictory relations between 'a' and 'b', both of domain "
        f"'security': 'sanctions' here and 'partnership' at {tmp_path}/graph.yaml:7:5, both "
        f"hold from 2022-03-01 to 2023-12-31; {FIX}"]


def test_undated_and_open_ended_overlaps_are_worded_as_such(tmp_path):
    assert problems(tmp_path, tie("alliance", "p"), tie("war", "q")) == [
        "graph.yaml:8:5: error: contradictory relations between 'a' and 'b', both of domain "
        f"'other': 'war' here and 'alliance' at {tmp_path}/graph.yaml:7:5, both undated, so "
        f"both hold at all times; {FIX}"]
    assert problems(tmp_path, tie("alliance", "p", since="1990"), tie("war", "q")) == [
        "graph.yaml:8:5: error: contradictory relations between 'a' and 'b', both of domain "
        f"'other': 'war' here and 'alliance' at {tmp_path}/graph.yaml:7:5, both hold from "
        f"1990-01-01 on; {FIX}"]
    assert problems(tmp_path, tie("alliance", "p", until="1990"), tie("war", "q")) == [
        "graph.yaml:8:5: error: contradictory relations between 'a' and 'b', both of domain "
        f"'other': 'war' here and 'alliance' at {tmp_path}/graph.yaml:7:5, both hold until "
        f"1990-12-31; {FIX}"]


@pytest.mark.parametrize("first, second", [
    ({"since": "1899", "until": "1903"}, {"since": "1903", "until": "1914"}),
    ({"since": "1903", "until": "1914"}, {"since": "1899", "until": "1903"}),  # either order
    ({"until": "1903-06"}, {"since": "1903-06"}),
    ({"since": "1899", "until": "1903"}, {"since": "1904"}),  # until is inclusive: 1903 ends it
])
def test_spells_that_end_and_begin_in_one_period_as_written_are_consecutive(
        tmp_path, first, second):
    assert problems(tmp_path, tie("war", "p", **first), tie("alliance", "q", **second)) == []


@pytest.mark.parametrize("first, second, days", [
    # any other shared day is an overlap: the same period written at two precisions
    ({"until": "1903"}, {"since": "1903-06"}, "from 1903-06-01 to 1903-12-31"),
    ({"until": "1903-06"}, {"since": "1903"}, "from 1903-01-01 to 1903-06-30"),
    ({"since": "1899", "until": "1904"}, {"since": "1903"}, "from 1903-01-01 to 1904-12-31"),
])
def test_spells_sharing_days_otherwise_contradict(tmp_path, first, second, days):
    assert problems(tmp_path, tie("war", "p", **first), tie("alliance", "q", **second)) == [
        "graph.yaml:8:5: error: contradictory relations between 'a' and 'b', both of domain "
        f"'other': 'alliance' here and 'war' at {tmp_path}/graph.yaml:7:5, both hold {days}; "
        f"{FIX}"]


def test_a_consecutive_spell_does_not_hide_an_overlapping_one(tmp_path):
    # the earlier war that ends latest is consecutive to the alliance; the other one overlaps
    assert problems(tmp_path, tie("war", "p", since="1890", until="1902"),
                    tie("war", "r", since="1899", until="1903"),
                    tie("alliance", "q", since="1903")) == []
    assert problems(tmp_path, tie("war", "p", since="1890", until="1912-06"),
                    tie("war", "r", since="1899", until="1912"),
                    tie("alliance", "q", since="1912")) == [
        "graph.yaml:9:5: error: contradictory relations between 'a' and 'b', both of domain "
        f"'other': 'alliance' here and 'war' at {tmp_path}/graph.yaml:7:5, both hold from "
        f"1912-01-01 to 1912-06-30; {FIX}"]
