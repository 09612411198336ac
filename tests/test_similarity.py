"""The edit similarity of the linkers (``posology.linking.drugs_index``) is rapidfuzz's
optimal-string-alignment distance: the same numbers as the hand-written one it replaced (#14),
checked here against a small reference implementation on thousands of word pairs."""

from __future__ import annotations

import csv
import random

import pytest

from posology.linking.drugs_index import edit_distance, similarity, similarity_at_least
from posology.resources import terminologies_dir


def reference_distance(a: str, b: str) -> int:
    """Optimal string alignment (a transposition of two neighbours counts one), no cut-off."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        previous2, previous = previous, current
    return previous[-1]


def reference_similarity_at_least(a: str, b: str, minimum: float) -> float | None:
    """The former formula, float quirks included: the distance limit is ``int(longest * (1 - minimum))``."""
    longest = max(len(a), len(b))
    if not longest:
        return 1.0
    limit = int(longest * (1 - minimum))
    distance = reference_distance(a, b)
    return None if distance > limit else 1 - distance / longest


def _slip(word: str, rng: random.Random) -> str:
    """One to three random edits: insert, delete, substitute or swap two neighbours."""
    letters = "abcdeéèfghijklmnopqrstuvwxyz -'"
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(word) + 1)
        edit = rng.choice("idst")
        if edit == "i" or not word:
            word = word[:i] + rng.choice(letters) + word[i:]
        elif edit == "d" and i < len(word):
            word = word[:i] + word[i + 1 :]
        elif edit == "s" and i < len(word):
            word = word[:i] + rng.choice(letters) + word[i + 1 :]
        elif edit == "t" and i + 1 < len(word):
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


def word_pairs(count: int = 6000) -> list[tuple[str, str]]:
    """Aliases of the linker's table against their slips and against other aliases."""
    with open(terminologies_dir() / "linking" / "rows.csv", encoding="utf-8", newline="") as handle:
        aliases = sorted({row["alias"] for row in csv.DictReader(handle)})
    rng = random.Random(14)
    pairs = [("", ""), ("", "a"), ("ab", "ba"), ("ca", "abc"), ("kardegik", "kardegic"), ("é", "e")]
    while len(pairs) < count:
        word = rng.choice(aliases)
        other = _slip(word, rng) if rng.random() < 0.7 else rng.choice(aliases)
        pairs.append((word, other) if rng.random() < 0.5 else (other, word))
    return pairs


PAIRS = word_pairs()


def test_the_distance_is_the_reference_one():
    for a, b in PAIRS:
        expected = reference_distance(a, b)
        assert edit_distance(a, b) == expected, (a, b)
        for limit in (0, 1, 2, 3):  # with a limit: exact up to it, past it only "more than limit"
            found = edit_distance(a, b, limit)
            assert found == expected if expected <= limit else found > limit, (a, b, limit)


def test_the_similarities_are_the_reference_ones():
    for a, b in PAIRS:
        longest = max(len(a), len(b))
        expected = 1.0 - reference_distance(a, b) / longest if longest else 1.0
        assert similarity(a, b) == expected, (a, b)  # the same float, bit for bit
        for minimum in (0.5, 0.75, 0.8, 0.85, 0.9):  # every threshold of the linkers and the engine
            assert similarity_at_least(a, b, minimum) == reference_similarity_at_least(a, b, minimum), (a, b)


@pytest.mark.parametrize("minimum", [0.75, 0.8])
def test_the_threshold_keeps_its_float_rounding(minimum):
    # int(5 * (1 - 0.8)) == 0: one edit in five letters is *not* within 0.8 (as before rapidfuzz)
    assert similarity_at_least("abcde", "abcdf", 0.8) is None
    assert similarity_at_least("abcd", "abce", minimum) == (0.75 if minimum == 0.75 else None)
