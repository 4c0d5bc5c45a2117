"""The amounts a quantity's words give: digits, scale words, written-out numbers, ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.analyses.quantities import text_numbers, text_ranges, value_in_text


@pytest.mark.parametrize(("value", "text"), [
    (2, "up to 2% of output"), (25, "25 percent"), (1200000000, "$1.2bn"), (1.2, "$1.2bn"),
    (45000000, "US$45 million"), (12000, "12,000 troops"), (5000, "5k"),
    (1500000000000, "1.5 trillion won"), (-4.47, "a 4.47 percent contraction"),
    (2000000, "two million"), (45, "forty-five"), (500000, "half a million"),
    (12, "a dozen"), (300, "250\u2013300 containers"), (0.06, "0.05 to 0.07 percent"),
    (2500000000, "between 2 and 3 billion"), (13, "13-point"),
    (7, "a third of exports")])  # no number in the words: nothing to compare
def test_the_value_is_in_the_text(value, text):
    assert value_in_text(value, text)


@pytest.mark.parametrize(("value", "text"), [
    (3, "up to 2% of output"), (0.25, "25 percent"), (120000000, "$1.2bn"),
    (4500000, "US$45 million"), (0.08, "0.05 to 0.07 percent"), (3, "two million"),
    (20, "2 km")])
def test_the_value_is_not_in_the_text(value, text):
    assert not value_in_text(value, text)


def test_numbers_and_ranges_read():
    assert text_numbers("12,000 and 3.5m, forty") == {12000.0, 3.5, 3500000.0, 40.0}
    assert text_ranges("250-300 trucks, then 5 to 7 billion") == [
        (250.0, 300.0), (5.0, 7.0), (5e9, 7e9)]


@given(st.integers(min_value=1, max_value=10**11), st.sampled_from(["", "%", " percent"]))
def test_a_number_as_written_is_its_own_value_and_its_neighbour_is_not(n, unit):
    assert value_in_text(n, f"about {n:,}{unit} a year")
    assert not value_in_text(n + 1, f"about {n:,}{unit} a year")


@given(st.integers(min_value=1, max_value=999), st.sampled_from(
    [("bn", 10**9), (" billion", 10**9), (" million", 10**6), ("m", 10**6), (" thousand", 1000)]))
def test_a_scaled_number_is_its_value_as_written_and_scaled(n, scale):
    word, factor = scale
    text = f"${n / 10}{word}"
    assert value_in_text(n / 10, text) and value_in_text(n / 10 * factor, text)
