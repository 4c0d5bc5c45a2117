"""The one plural rule every presenter and the command line use."""

from actorgraph.present.words import count, verb


def test_a_count_is_plural_unless_it_is_one():
    assert [count(n, "rift") for n in (0, 1, 2)] == ["0 rifts", "1 rift", "2 rifts"]
    assert count(1, "signed tie") == "1 signed tie"


def test_an_interest_or_an_effect_reads_by_its_sign():
    from actorgraph.model.kinds import EFFECT, INTEREST

    assert [verb(INTEREST, 1), verb(INTEREST, -1), verb(EFFECT, 1), verb(EFFECT, -0.5)] == [
        "wants", "opposes", "advances", "hinders"]
