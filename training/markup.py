"""The corpus's inline markup: ``[Doliprane](DRUG) [1 cp](DOSE) [3x/j](FREQUENCY)``.

One annotated line is plain text where each entity is written ``[span](LABEL)``; parsing
gives the plain text and the ``(start, end, label)`` character spans in it. Brackets are
reserved: a stray ``[`` or ``]`` is an error, never silently kept as text.

>>> parse("[Doliprane](DRUG) [1 cp](DOSE) le matin")
('Doliprane 1 cp le matin', [(0, 9, 'DRUG'), (10, 14, 'DOSE')])
>>> render(*parse("[1 cp](DOSE) le matin"))
'[1 cp](DOSE) le matin'
"""

from __future__ import annotations

import re

from posology.errors import Errors, NerError
from posology.ner.labels import LABELS

_ENTITY = re.compile(r"\[([^\[\]]+)\]\(([A-Z_]+)\)")

Span = tuple[int, int, str]


def parse(line: str, where: str = "<line>") -> tuple[str, list[Span]]:
    """Plain text and entity spans of one annotated line; raises :class:`NerError`."""
    pieces: list[str] = []
    spans: list[Span] = []
    cursor = length = 0
    for match in _ENTITY.finditer(line):
        before = line[cursor : match.start()]
        _check_plain(before, line, where)
        label = match.group(2)
        if label not in LABELS:
            raise NerError(Errors.E102.format(where=where, label=label, labels=", ".join(LABELS)))
        pieces.append(before)
        length += len(before)
        text = match.group(1)
        spans.append((length, length + len(text), label))
        pieces.append(text)
        length += len(text)
        cursor = match.end()
    _check_plain(line[cursor:], line, where)
    pieces.append(line[cursor:])
    return "".join(pieces), spans


def _check_plain(text: str, line: str, where: str) -> None:
    if "[" in text or "]" in text:
        raise NerError(Errors.E103.format(where=where, line=line))


def render(text: str, spans: list[Span]) -> str:
    """The annotated line of a text and its (non-overlapping) spans: inverse of :func:`parse`."""
    out, cursor = [], 0
    for start, end, label in sorted(spans):
        out.append(text[cursor:start])
        out.append(f"[{text[start:end]}]({label})")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
