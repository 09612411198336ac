"""Words the lexicon does not know, linked by the embedding linker when it is installed.

``posology.linking.linker.SpanLinker`` (optional) maps a misspelt or unknown word to a
terminology concept (``gellulle`` → capsule). This module only guards its import and asks
it for the concept types a label needs; without it, unknown words stay unknown and the
converters give nothing for them (never a guess).

>>> resolve([Piece("tablett", "tablett", 2, 9)], "DOSE", link=lambda text, types: ("unit_of_presentation", "tablet"))
[Piece(text='tablett', norm='tablett', start=2, end=9, lex={'unit_of_presentation': 'tablet'})]
>>> resolve([Piece("tablett", "tablett", 2, 9)], "DOSE", link=lambda text, types: None)[0].lex
{}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from posology.ner.pieces import Piece, is_unknown_word

Link = Callable[[str, list[str]], "tuple[str, str] | None"]

# Concept types worth asking the linker for, per label: word by word, or the whole span.
WORD_TYPES: dict[str, tuple[str, ...]] = {
    "DOSE": ("unit_of_presentation", "unit"),
    "STRENGTH": ("unit",),
    "MAX_DOSE": ("unit_of_presentation", "unit", "time_unit"),
    "FREQUENCY": ("time_unit",),
    "DURATION": ("time_unit",),
    "DISPENSE": ("time_unit",),
    "FORM": ("unit_of_presentation", "dose_form"),
}
SPAN_TYPES: dict[str, tuple[str, ...]] = {"WHEN": ("when",), "ROUTE": ("route",), "DAYS": ("day_of_week",)}
MIN_WORD = 3  # shorter unknown words ("de", "x") are cue words, not concepts


@lru_cache(maxsize=1)
def default_link() -> Link | None:
    """The installed SpanLinker as a ``(text, types) -> (type, key) | None`` function, or None."""
    try:
        from posology.linking.linker import SpanLinker
    except ImportError:
        return None
    linker = SpanLinker.load()
    if linker is None:
        return None

    def link(text: str, types: list[str]) -> tuple[str, str] | None:
        result = linker.link(text, types=types)
        return None if result is None else (result.type, result.key)

    return link


def resolve(pieces: list[Piece], label: str, link: Link | None = None) -> list[Piece]:
    """Pieces with linked concepts for the unknown words a label needs (or as they were)."""
    link = link if link is not None else default_link()
    if link is None or not pieces:
        return pieces
    if label in SPAN_TYPES:
        return _resolve_span(pieces, SPAN_TYPES[label], link)
    types = WORD_TYPES.get(label)
    if not types:
        return pieces
    return [_resolve_word(p, types, link) if is_unknown_word(p) and len(p.norm) >= MIN_WORD else p
            for p in pieces]


def _resolve_word(piece: Piece, types: tuple[str, ...], link: Link) -> Piece:
    found = link(piece.text, list(types))
    return piece if found is None else replace(piece, lex={found[0]: found[1]})


def _resolve_span(pieces: list[Piece], types: tuple[str, ...], link: Link) -> list[Piece]:
    """WHEN / ROUTE / DAYS: link the whole span when no piece already carries the concept."""
    if any(t in p.lex for p in pieces for t in types):
        return pieces
    text = " ".join(p.text for p in pieces)
    found = link(text, list(types))
    if found is None:
        return pieces
    merged = Piece(text, " ".join(p.norm for p in pieces), pieces[0].start, pieces[-1].end, {found[0]: found[1]})
    return [merged]
