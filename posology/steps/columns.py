"""A plan de prise's moment columns, read while the mentions are adjusted (``posology.steps.adjust``).

A pharmacy's or a nurse's plan prints one column per moment of the day, each with its dose or a
dash: ``matin : - | midi : 1 comprimé | soir : - | coucher : -``. A moment whose column holds only
a dash (or a zero) is a moment the drug is *not* taken at: it was read as a moment like the others
(the dose given four times a day instead of once, silently). Such a moment is dropped, its words
read."""

from __future__ import annotations

import re

from posology.fields.mentions import Mention

# ": -" / ": –" / ": 0" then the column's end (a bar, a tab, a semicolon, the line's end, or the
# product's label in capitals after the last column: "coucher : -   RAMIPRIL ARROW 5MG"); a zero with no
# colon before a dash or a comma too ("matin ☀ 1 cp — midi 0 — soir 🌙 1 cp"), never "midi 0,5 cp"
_EMPTY_COLUMN = re.compile(r"\s*:\s*[-–—0]\s*(?=[|;\t]|$|[A-ZÉÈ]{3,}\b)|\s+0(?![.,]\d)\s*(?=[|;\t,—–]|$)")


def empty_moments(text: str, mentions: list[Mention]) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The mentions without the moments whose column is empty, and the spans read (to cover)."""
    kept, read = [], []
    for mention in mentions:
        empty = _EMPTY_COLUMN.match(text, mention.end) if mention.family == "when" else None
        if empty is not None:
            read.append((mention.start, empty.end()))
            continue
        kept.append(mention)
    return kept, read
