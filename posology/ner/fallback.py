"""Words the lexicon does not know, linked by the embedding linker when it is installed.

``posology.linking.linker.SpanLinker`` (optional) maps a misspelt or unknown word to a
terminology concept (``gellulle`` → capsule). This module only guards its import and asks
it for the concept types a label needs; without it, unknown words stay unknown and the
converters give nothing for them (never a guess).

>>> word = Piece("tablett", "tablett", 2, 9)
>>> resolve([word], "DOSE", link=lambda text, types: ("unit_of_presentation", "tablet"))[0].lex
{'unit_of_presentation': 'tablet'}
>>> resolve([word], "DOSE", link=lambda text, types: None)[0].lex
{}
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from posology.ner.pieces import Piece, is_unknown_word, number

log = logging.getLogger(__name__)

Link = Callable[[str, list[str]], "tuple[str, str] | None"]

# Concept types worth asking the linker for, per label: word by word (one group of types per
# missing concept: a span that already has a unit asks for no unit), or the whole span.
WORD_TYPES: dict[str, tuple[tuple[str, ...], ...]] = {
    "DOSE": (("unit_of_presentation", "unit"),),
    "STRENGTH": (("unit",),),
    "MAX_DOSE": (("unit_of_presentation", "unit"), ("time_unit",)),
    "FREQUENCY": (("time_unit",),),
    "DURATION": (("time_unit",),),
    "DISPENSE": (("time_unit",),),
    "FORM": (("unit_of_presentation", "dose_form"),),
}
SPAN_TYPES: dict[str, tuple[str, ...]] = {"WHEN": ("when",), "ROUTE": ("route",), "DAYS": ("day_of_week",)}
# Words that are never a unit or a time, however close an alias ("dose" is near "sachet dose").
NOT_LINKED = frozenset(
    {
        "dose",
        "doses",
        "prise",
        "prises",
        "fois",
        "times",
        "poids",
        "kg",
        "enfant",
        "adulte",
        "pendant",
        "during",
        "max",
        "maximum",
        "maxi",
        "besoin",
        "needed",
    }
)
MIN_WORD = 3  # shorter unknown words ("de", "x") are cue words, not concepts


@lru_cache(maxsize=1)
def default_link() -> Link | None:
    """The installed SpanLinker as a ``(text, types) -> (type, key) | None`` function, or None."""
    try:
        from posology.linking.linker import SpanLinker

        linker = SpanLinker.load()
    except (ImportError, OSError) as error:  # the index ships with posology: an incomplete install
        log.warning("the span linker cannot be loaded (%s): the NER spans link no misspelt word", error)
        return None

    def link(text: str, types: list[str]) -> tuple[str, str] | None:
        known = [t for t in types if t in linker.types]
        result = linker.link_in_context(text, types=known) if known else None
        return None if result is None else (result.type, result.key)

    return link


def resolve(pieces: list[Piece], label: str, link: Link | None = None) -> list[Piece]:
    """Pieces with linked concepts for the unknown words a label needs (or as they were)."""
    link = link if link is not None else default_link()
    if link is None or not pieces:
        return pieces
    if label in SPAN_TYPES:
        return _resolve_span(pieces, SPAN_TYPES[label], link)
    present = {t for p in pieces for t in p.lex}
    types = [t for group in WORD_TYPES.get(label, ()) if not present & set(group) for t in group]
    if not types:
        return pieces
    return [_resolve_word(p, tuple(types), link) if _linkable(p) else p for p in pieces]


def _linkable(piece: Piece) -> bool:
    return is_unknown_word(piece) and len(piece.norm) >= MIN_WORD and piece.norm not in NOT_LINKED


def _resolve_word(piece: Piece, types: tuple[str, ...], link: Link) -> Piece:
    found = link(piece.text, list(types))
    return piece if found is None else replace(piece, lex={found[0]: found[1]})


def _resolve_span(pieces: list[Piece], types: tuple[str, ...], link: Link) -> list[Piece]:
    """WHEN / ROUTE / DAYS: link the words after any leading amount (``30 min`` stays as it is)
    as one text, when no piece already carries the concept."""
    if any(t in p.lex for p in pieces for t in types):
        return pieces
    cut = max((i + 1 for i, p in enumerate(pieces) if number(p) is not None or p.lex), default=0)
    head, tail = pieces[:cut], pieces[cut:]
    if not tail:
        return pieces
    text = " ".join(p.text for p in tail)
    found = link(text, list(types))
    if found is None:
        return pieces
    return head + [Piece(text, " ".join(p.norm for p in tail), tail[0].start, tail[-1].end, {found[0]: found[1]})]
