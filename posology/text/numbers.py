"""Numbers as prescriptions write them: digits, decimal comma, fractions, number words.

>>> [parse_number(n) for n in ("2", "2.5", "1/2", "1/4", "trois", "demi", "twice", "x")]
[2, 2.5, 0.5, 0.25, 3, 0.5, 2, None]
>>> parse_number("9" * 400) is None
True
"""

from __future__ import annotations

import re

# French and English number words (norms: lower case, no accents). "une" and "un" are both 1.
NUMBER_WORDS: dict[str, float] = {
    "zero": 0,
    "un": 1, "une": 1, "one": 1, "once": 1, "a": 1, "an": 1,
    "deux": 2, "two": 2, "twice": 2,
    "trois": 3, "three": 3, "thrice": 3,
    "quatre": 4, "four": 4,
    "cinq": 5, "five": 5,
    "six": 6,
    "sept": 7, "seven": 7,
    "huit": 8, "eight": 8,
    "neuf": 9, "nine": 9,
    "dix": 10, "ten": 10,
    "onze": 11, "eleven": 11,
    "douze": 12, "twelve": 12,
    "quinze": 15, "fifteen": 15,
    "vingt": 20, "twenty": 20,
    "trente": 30, "thirty": 30,
    "demi": 0.5, "demie": 0.5, "half": 0.5,
    "quart": 0.25, "quarter": 0.25,
}
# Words that are numbers only where a rule says so ("a"/"an" in English, "une" article…).
WEAK_NUMBER_WORDS = frozenset({"a", "an", "once", "twice", "thrice"})
_DIGITS = re.compile(r"^\d{1,9}(?:\.\d{1,9})?$")  # longer digit runs are ids or junk, not doses
_FRACTION = re.compile(r"^(\d{1,4})/(\d{1,4})$")


def _clean(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def parse_number(norm: str) -> float | None:
    """The value of a token norm, or ``None`` when it is not a number."""
    if _DIGITS.match(norm):
        return _clean(float(norm))
    fraction = _FRACTION.match(norm)
    if fraction:
        numerator, denominator = (int(part) for part in fraction.groups())
        return _clean(numerator / denominator) if denominator else None
    word = NUMBER_WORDS.get(norm)
    return None if word is None else _clean(word)


def is_numeric_token(norm: str) -> bool:
    """Digits, decimals and fractions (not words): what the ``NUM`` rule predicate means."""
    return bool(_DIGITS.match(norm) or _FRACTION.match(norm))
