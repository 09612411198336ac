"""Whitespace squeezing with an offset map back to the caller's text.

The NLP steps see every whitespace run (double spaces, line breaks, tabs, non-breaking
spaces) as one plain space, so that a rule is not broken by OCR layout; every character
offset they produce is mapped back to the original text with :class:`OffsetMap`.

>>> clean, offsets = squeeze("  1 cp\\n\\n le  matin ")
>>> clean
'1 cp le matin'
>>> offsets.original(5), offsets.original(13)
(9, 19)
>>> squeeze("1 comprimÃ© Ã  jeun")[0]
'1 comprimé à jeun'
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")
# Invisible characters (zero-width space / joiners, BOM, soft hyphen) carry no meaning in a
# prescription but split or glue words: the NLP steps never see them.
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# Terminal colour codes (``\x1b[31m``) and the other control characters (a bell, a stray
# ``\x07`` from a copy-paste) are invisible too: ``[0m`` must never be read as a dose of 0.
_HIDDEN = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b|[\x00-\x08\x0e-\x1a\x7f-\x84\x86-\x9f]"
    # the brackets of a UCUM arbitrary unit a FHIR tool writes as its code: "5000 [iU]", "2 [drp]"
    # (the closing bracket only when the opening one is hidden too: "[IU]" alone stays as written)
    r"|(?<=\d )\[(?=(?:iU|IU|drp|tsp_us|tbs_us)\])|(?<=\d \[iU|\d \[IU)\]|(?<=\d \[drp)\]"
    r"|(?<=\d \[tsp_us|\d \[tbs_us)\]"
)


# Mojibake: UTF-8 text decoded as Windows-1252 / Latin-1 somewhere upstream ("comprimÃ©",
# "Ã  jeun", "lâ€™estomac"). Each garbled sequence is read as the character it stands for;
# the offset map points that character at the sequence's first character.
_MOJIBAKE_CHARS = "àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜœŒæ°µ«»’‘“”–—…"


def _mojibake_table() -> dict[str, str]:
    table = {}
    for char in _MOJIBAKE_CHARS:
        raw = char.encode("utf-8")
        for codec in ("cp1252", "latin-1"):
            try:
                bad = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            table[bad] = char
            if "\xa0" in bad:  # "Ã\xa0" (à) often reaches us with its no-break space made plain
                table[bad.replace("\xa0", " ")] = char
    return table


_MOJIBAKE = _mojibake_table()
MOJIBAKE_LEADS = frozenset(bad[0] for bad in _MOJIBAKE)  # every garbled sequence starts with one
_MOJIBAKE_RE = re.compile("|".join(re.escape(bad) for bad in sorted(_MOJIBAKE, key=len, reverse=True)))


# An EHR's echo of a number in words: "3 (three) times daily", "1 (one) tablet", a controlled
# drug's "90ml (ninety)", "80ml (EIGHTY millilitres)" (a unit on either side). The words in
# parentheses repeat the number before them; they are hidden when they say the same number.
_ECHO = re.compile(
    r"(?<![\d.,])(\d+)(?:\s?[^\W\d_]{1,3}(?![\w.]))?(\s*\(\s*([^\W\d_][^\W\d_ -]*(?:[ -][^\W\d_]+)*)\s*\))"
)


_UNIT_WORD = re.compile(
    r"(?:milli|micro)?(?:litres?|liters?|grammes?|grams?)|millilitres?|units?|unités?", re.IGNORECASE
)


# ... and the other way round: "one (1) tablet every twelve (12) hours" (the digits hidden).
_ECHO_AFTER = re.compile(r"([^\W\d_]+(?:[ -][^\W\d_]+){0,2})(\s*\(\s*(\d+)\s*\))")


def _echoes(text: str) -> set[int]:
    from posology.text.numbers import NUMBER_WORDS, words_number  # lazy: loaded on first use

    def value(words: str):
        words = words.lower()
        return NUMBER_WORDS.get(words) if " " not in words and "-" not in words else words_number(words)

    hidden: set[int] = set()
    for match in _ECHO.finditer(text):
        said = match.group(3)
        unit = said.rsplit(" ", 1)[-1] if " " in said else ""
        if value(said) == int(match.group(1)) or (
            unit and _UNIT_WORD.fullmatch(unit) and value(said[: -len(unit) - 1]) == int(match.group(1))
        ):
            hidden.update(range(*match.span(2)))
    for match in _ECHO_AFTER.finditer(text):
        words = re.split(r"([ -])", match.group(1))[::2]
        if any(value(" ".join(words[k:])) == int(match.group(3)) for k in range(len(words))):
            hidden.update(range(*match.span(2)))
    return hidden


def _edits(text: str) -> tuple[set[int], dict[int, tuple[str, int]]]:
    """Positions the NLP steps never see, and positions read as another character (with the
    position of the last character of the sequence it stands for). Both empty for most texts."""
    hidden = {i for i, ch in enumerate(text) if ch in INVISIBLE} if not INVISIBLE.isdisjoint(text) else set()
    for match in _HIDDEN.finditer(text):
        hidden.update(range(*match.span()))
    if "(" in text:
        hidden |= _echoes(text)
    replaced = {}
    if any(lead in text for lead in MOJIBAKE_LEADS):
        for match in _MOJIBAKE_RE.finditer(text):
            start, end = match.span()
            replaced[start] = (_MOJIBAKE[match.group()], end - 1)
            hidden.update(range(start + 1, end))
    return hidden, replaced


class OffsetMap:
    """Maps offsets in the squeezed text to offsets in the original text."""

    def __init__(
        self, positions: list[int], breaks: frozenset[int] = frozenset(), lasts: list[int] | None = None
    ) -> None:
        self.positions = positions  # positions[i] = original offset of clean char i; one past the end too
        self.breaks = breaks  # clean offsets of the spaces that stand for a line break
        # lasts[i] = original offset of the last character clean char i stands for (a repaired
        # mojibake sequence "Ã©" is one clean char for two original ones)
        self.lasts = positions if lasts is None else lasts

    def original(self, clean_offset: int) -> int:
        return self.positions[min(clean_offset, len(self.positions) - 1)]

    def wide_gap(self, clean_offset: int) -> bool:
        """Whether the clean space just before ``clean_offset`` stood for two or more characters
        (``… until finished  21 capsules``: a label's column gap)."""
        return 0 < clean_offset and self.original(clean_offset) - self.original(clean_offset - 1) >= 2

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of a clean span (its last char mapped, then + 1)."""
        if end <= start:
            return self.original(start), self.original(start)
        return self.original(start), self.lasts[min(end, len(self.lasts)) - 1] + 1


def squeeze(text: str) -> tuple[str, OffsetMap]:
    """Collapse whitespace runs to one space and strip the ends; keep the offset map."""
    hidden, replaced = _edits(text)
    if hidden or replaced:
        visible = [i for i in range(len(text)) if i not in hidden]
        clean, inner = squeeze("".join(replaced[i][0] if i in replaced else text[i] for i in visible))
        visible.append(len(text))
        mapped = [visible[p] for p in inner.positions]
        lasts = [replaced[i][1] if i in replaced else i for i in mapped]
        return clean, OffsetMap(mapped, inner.breaks, lasts)
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
