"""The one plural rule every presenter and the command line use."""

from actorgraph.present.words import count


def test_a_count_is_plural_unless_it_is_one():
    assert [count(n, "rift") for n in (0, 1, 2)] == ["0 rifts", "1 rift", "2 rifts"]
    assert count(1, "signed tie") == "1 signed tie"
