"""Whitespace squeezing with an offset map back to the caller's text.

The NLP steps see every whitespace run (double spaces, line breaks, tabs, non-breaking
spaces) as one plain space, so that a rule is not broken by OCR layout; every character
offset they produce is mapped back to the original text with :class:`OffsetMap`.

>>> clean, offsets = squeeze("  1 cp\\n\\n le  matin ")
>>> clean
'1 cp le matin'
>>> offsets.original(5), offsets.original(13)
(9, 19)
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")
# Invisible characters (zero-width space / joiners, BOM, soft hyphen) carry no meaning in a
# prescription but split or glue words: the NLP steps never see them.
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# Terminal colour codes (``\x1b[31m``) and the other control characters (a bell, a stray
# ``\x07`` from a copy-paste) are invisible too: ``[0m`` must never be read as a dose of 0.
_HIDDEN = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b|[\x00-\x08\x0e-\x1a\x7f-\x84\x86-\x9f]")


def _hidden_positions(text: str) -> set[int]:
    hidden = {i for i, ch in enumerate(text) if ch in INVISIBLE}
    for match in _HIDDEN.finditer(text):
        hidden.update(range(*match.span()))
    return hidden


class OffsetMap:
    """Maps offsets in the squeezed text to offsets in the original text."""

    def __init__(self, positions: list[int], breaks: frozenset[int] = frozenset()) -> None:
        self.positions = positions  # positions[i] = original offset of clean char i; one past the end too
        self.breaks = breaks  # clean offsets of the spaces that stand for a line break

    def original(self, clean_offset: int) -> int:
        return self.positions[min(clean_offset, len(self.positions) - 1)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of a clean span (its last char mapped, then + 1)."""
        if end <= start:
            return self.original(start), self.original(start)
        return self.original(start), self.positions[end - 1] + 1


def _has_hidden(text: str) -> bool:
    return any(ch in INVISIBLE for ch in text) or _HIDDEN.search(text) is not None


def squeeze(text: str) -> tuple[str, OffsetMap]:
    """Collapse whitespace runs to one space and strip the ends; keep the offset map."""
    hidden = _hidden_positions(text) if _has_hidden(text) else ()
    if hidden:
        visible = [i for i in range(len(text)) if i not in hidden]
        clean, inner = squeeze("".join(text[i] for i in visible))
        visible.append(len(text))
        return clean, OffsetMap([visible[p] for p in inner.positions], inner.breaks)
    pieces: list[str] = []
    positions: list[int] = []
    breaks: set[int] = set()
    cursor = 0
    for match in _WHITESPACE.finditer(text):
        start, end = match.span()
        pieces.append(text[cursor:start])
        positions.extend(range(cursor, start))
        if start > 0 and end < len(text):
            if "\n" in match.group() or "\r" in match.group():
                breaks.add(len(positions))
            pieces.append(" ")
            positions.append(start)
        cursor = end
    pieces.append(text[cursor:])
    positions.extend(range(cursor, len(text)))
    positions.append(len(text))
    return "".join(pieces), OffsetMap(positions, frozenset(breaks))
