"""The numbers a quantity's words give, for lint's ``quantity-not-in-text`` rule.

A claim's ``quantity`` is ``{value, unit, text}``: ``text`` is checked to occur in the quote
when the graph loads, but nothing ties ``value`` to ``text`` ("up to 2% of output" with
``value: 3`` loads). `text_numbers` reads the amounts the words can mean, so that lint can
say when the value is none of them.
"""

from __future__ import annotations

import itertools
import math
import re

__all__ = ["SCALES", "WORD_NUMBERS", "text_numbers", "text_ranges", "value_in_text"]

SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
          "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
          "trn": 1e12}
"""Scale words after a number ("$1.2bn", "45 million"): the value may be the number as
written (1.2, unit "USD bn") or scaled (1200000000, unit USD)."""

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_NUMBERS: dict[str, float] = {
    **{w: float(i) for i, w in enumerate(_UNITS)},
    **{w: float(10 * (i + 2)) for i, w in enumerate(_TENS)},
    "a": 1.0, "an": 1.0, "dozen": 12.0, "half": 0.5}
"""Written-out numbers ("two", "forty-five", "a million", "half a million")."""

_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_DIGITS = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(?:(" + _SCALE + r")\b)?", re.IGNORECASE)
_RANGE_WORDS = {"to", "-", "\u2013", "\u2014", "and", "or"}
"""What joins the two ends of a range: "0.05 to 0.07", "250-300", "between 1 and 2"."""
_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)?", re.IGNORECASE)


def _word_value(word: str) -> float | None:
    """"forty-five" -> 45, "seven" -> 7, "dozen" -> 12; else None."""
    parts = word.lower().split("-")
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS[1:10]:
        return WORD_NUMBERS[parts[0]] + WORD_NUMBERS[parts[1]]
    return WORD_NUMBERS.get(word.lower()) if len(parts) == 1 else None


def text_numbers(text: str) -> set[float]:
    """Every amount `text` can mean: each number as written and, followed by a scale word,
    scaled too; written-out numbers the same way ("two million", "a dozen", "half a
    million"). A percentage is its number ("25%" is 25).

    >>> sorted(text_numbers("$1.2bn, up from 900 million"))
    [1.2, 900.0, 900000000.0, 1200000000.0]
    >>> sorted(text_numbers("forty-five thousand"))
    [45.0, 45000.0]
    """
    found: set[float] = set()
    for m in _DIGITS.finditer(text):
        number = float(m[1].replace(",", "") + (m[2] or ""))
        found.add(number)
        if m[3]:
            found.add(number * SCALES[m[3].lower()])
    words = [w.lower() for w in _WORDS.findall(text)]
    for i, word in enumerate(words):
        number = _word_value(word)
        if number is None:
            continue
        if word not in ("a", "an"):
            found.add(number)
        total = number
        for nxt in words[i + 1:i + 4]:  # "two hundred thousand", "half a million"
            if nxt in SCALES and len(nxt) > 2:
                total *= SCALES[nxt]
                found.add(total)
            elif not (number == 0.5 and nxt in ("a", "an")):
                break
    return found


def text_ranges(text: str) -> list[tuple[float, float]]:
    """The ranges `text` states with digits ("0.05 to 0.07", "250–300", "between 1 and 2
    billion", the scale of the second number applying to both), as written and scaled.

    >>> text_ranges("1 to 2 billion")
    [(1.0, 2.0), (1000000000.0, 2000000000.0)]
    """
    out = []
    found = list(_DIGITS.finditer(text))
    for m1, m2 in itertools.pairwise(found):
        if text[m1.end():m2.start()].strip().lower() not in _RANGE_WORDS:
            continue
        low = float(m1[1].replace(",", "") + (m1[2] or ""))
        high = float(m2[1].replace(",", "") + (m2[2] or ""))
        out.append((low, high))
        scale = m2[3] or m1[3]
        if scale:
            factor = SCALES[scale.lower()]
            out.append((low * (SCALES[m1[3].lower()] if m1[3] else factor), high * factor))
    return out


def value_in_text(value: float, text: str) -> bool:
    """Whether `value` (or its magnitude: "fell 3%" may be -3) is an amount `text` gives,
    or lies in a range it states; a text with no number at all ("a third", "most") is left
    alone."""
    numbers = text_numbers(text)
    size = abs(value)
    return (not numbers
            or any(math.isclose(size, n, rel_tol=1e-12, abs_tol=1e-12) for n in numbers)
            or any(min(r) <= size <= max(r) for r in text_ranges(text)))
