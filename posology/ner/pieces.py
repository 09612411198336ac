"""The tokens of an NER span as plain values (``Piece``), and the word-level view of them.

Converters (:mod:`posology.ner.convert`) read pieces, never spaCy tokens, so that they are
pure functions a test can call on hand-made spans. A piece carries the token's text, norm,
character offsets and the lexicon concepts ``Engine.analyse`` put on it (``lex_unit`` …).
A token merged by the lexicon (``avant le petit-déjeuner``, ``toutes les``) stays one piece.

>>> from posology.engine import Engine   # the lexicon's concepts on the tokens of a text
>>> pieces_of = lambda text: pieces_from_doc(Engine.load().analyse(text)[0], 0, len(text))
>>> [(p.text, unit_key(p), p.lex.get("when")) for p in pieces_of("2 gellules le soir")]
[('2', None, None), ('gellules', 'capsule', None), ('le soir', None, 'EVE')]
>>> number(Piece("1/2", "1/2", 0, 3)), number(Piece("a", "a", 0, 1)), number(Piece("deux", "deux", 0, 4))
(0.5, None, 2)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import IDX

from posology.matching.lexicon import LEXICON_TYPES as LEX_TYPES  # noqa: E402  (one list of concept types)
from posology.matching.lexicon import has_concept, token_value
from posology.text.numbers import parse_number

_LEX_NAMES = tuple((lex_type, f"lex_{lex_type}") for lex_type in LEX_TYPES)  # the token._ names, built once
ARTICLES = frozenset({"a", "an"})  # numbers only where a rule says so: never a count here
# Time words the lexicon has no alias for, read as time units by the NER converters.
TIME_WORDS = {
    "daily": "d",
    "quotidien": "d",
    "quotidienne": "d",
    "quotidiennement": "d",
    "journee": "d",
    "journalier": "d",
    "journaliere": "d",
    "hourly": "h",
    "hrly": "h",
    "horaire": "h",
    "weekly": "wk",
    "hebdomadaire": "wk",
    "monthly": "mo",
    "mensuel": "mo",
    "mensuelle": "mo",
}


@dataclass(frozen=True)
class Piece:
    text: str
    norm: str
    start: int
    end: int
    lex: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def words(self) -> list[str]:
        """The norm's words (a merged token has several)."""
        return self.norm.split()


def pieces_from_doc(doc, start: int, end: int, starts: Sequence[int] | None = None) -> list[Piece]:
    """The pieces of the lexicon doc's tokens overlapping ``[start, end)``.

    The tokens are read from the one that holds ``start`` (found by bisection over the token
    offsets, which ``to_array`` gives without making Token objects, or ``starts``: the same
    offsets, for many spans of one doc) to the first one at ``end``: a span costs its own
    length, not the line's (a 10,000-character line has thousands of tokens and hundreds of
    spans)."""
    pieces: list[Piece] = []
    if not len(doc):
        return pieces
    if starts is None:
        first = max(int(doc.to_array(IDX).searchsorted(start, side="right")) - 1, 0)
    else:
        first = max(bisect_right(starts, start) - 1, 0)
    for token in doc[first:]:
        if token.idx >= end:
            break
        if token.is_space or token.idx + len(token.text) <= start:
            continue
        # a token with no concept (its LEMMA is NONE: tag_concepts writes both) has no lex_* value
        lex = (
            {t: value for t, name in _LEX_NAMES if (value := token_value(token, name)) is not None}
            if has_concept(token)
            else {}
        )
        pieces.append(Piece(token.text, token.norm_, token.idx, token.idx + len(token.text), lex))
    return pieces


def number(piece: Piece) -> float | None:
    """The numeric value of a piece (digits, fractions, number words; not the articles)."""
    if piece.norm in ARTICLES:
        return None
    return parse_number(piece.norm)


def unit_key(piece: Piece) -> str | None:
    """A dose unit: unit of presentation (tablet …) or measurable unit (mg …)."""
    return piece.lex.get("unit_of_presentation") or piece.lex.get("unit")


def time_key(piece: Piece) -> str | None:
    """A UCUM time code (``d``, ``h`` …) from the lexicon or an adverb (``daily``)."""
    return piece.lex.get("time_unit") or TIME_WORDS.get(piece.norm)


def is_unknown_word(piece: Piece) -> bool:
    """An alphabetic piece the lexicon did not tag and that is not a number."""
    return not piece.lex and any(c.isalpha() for c in piece.text) and number(piece) is None
