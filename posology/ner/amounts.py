"""Words of a span as atoms (number / time unit / abbreviation / word) and amounts from them.

Shared by the converters: ``1 à 2`` is a range, ``un demi`` is 0.5, ``1 1/2`` and ``1 et demi``
are 1.5; a time word (``jours``, ``daily``) is a time unit.

>>> amount(atoms_of([Piece("1", "1", 0, 1), Piece("à", "a", 2, 3), Piece("2", "2", 4, 5)]))
(1, 2, None)
>>> amount(atoms_of([Piece("une", "une", 0, 3), Piece("demi", "demi", 4, 8)]))
(0.5, None, None)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from posology.ner.pieces import ARTICLES, Piece, time_key
from posology.text.numbers import parse_number

RANGE_WORDS = frozenset({"a", "-", "ou", "to", "or"})
PLUS_WORDS = frozenset({"et", "and"})
ONE_WORDS = frozenset({"un", "une", "one"})  # "un demi" is a half, not one and a half
FRACTION_WORDS = frozenset({"demi", "demie", "half", "quart", "quarter"})


@dataclass(frozen=True)
class Atom:
    kind: str  # "num", "unit" (time unit), "abbr" (timing abbreviation), "word"
    value: Any  # the number, the time code, the abbreviation alias, or the word
    word: str  # the norm word it came from
    piece: Piece


def atoms_of(pieces: list[Piece]) -> list[Atom]:
    """Word-level atoms: a merged piece (``toutes les``) gives one atom per word."""
    atoms = []
    for piece in pieces:
        if piece.lex.get("timing_abbreviation"):
            atoms.append(Atom("abbr", piece.lex["timing_abbreviation"], piece.norm, piece))
        elif time_key(piece):
            atoms.append(Atom("unit", time_key(piece), piece.norm, piece))
        else:
            atoms.extend(_word_atom(word, piece) for word in piece.words)
    return atoms


def _word_atom(word: str, piece: Piece) -> Atom:
    value = None if word in ARTICLES else parse_number(word)
    return Atom("word", word, word, piece) if value is None else Atom("num", value, word, piece)


def amount(atoms: list[Atom]) -> tuple[float, float | None, float | None] | None:
    """``(low, high, plus)`` of the numbers of some atoms; ``None`` when they do not read as one amount."""
    nums = [i for i, a in enumerate(atoms) if a.kind == "num"]
    if not nums:
        return None
    first = atoms[nums[0]]
    if len(nums) == 1:
        return first.value, None, None
    second = atoms[nums[1]]
    between = {a.word for a in atoms[nums[0] + 1 : nums[1]]}
    if len(nums) > 2:
        return None
    if first.word in ONE_WORDS and second.word in FRACTION_WORDS and not between - {"-"}:
        return second.value, None, None  # un demi-comprimé, une demi-heure
    if between & RANGE_WORDS and second.value > first.value:
        return first.value, second.value, None  # 1 à 2, 1-2, 1 ou 2
    if second.value < 1 and (not between or between & PLUS_WORDS or _only_units(atoms, nums)):
        return first.value, None, second.value  # 1 1/2, 1 et demi, 1 cp ½
    return None


def _only_units(atoms: list[Atom], nums: list[int]) -> bool:
    """``1 cp ½``: only a unit word stands between the two numbers."""
    middle = atoms[nums[0] + 1 : nums[1]]
    return (
        len(middle) == 1
        and middle[0].kind == "word"
        and bool(middle[0].piece.lex.get("unit_of_presentation") or middle[0].piece.lex.get("unit"))
    )


def numbers(atoms: list[Atom]) -> list[float]:
    return [a.value for a in atoms if a.kind == "num"]


def words(atoms: list[Atom]) -> set[str]:
    return {a.word for a in atoms if a.kind == "word"}
