"""A homeopathic line's ``gr`` (``Arnica 9 CH 5 gr 3 fois par jour``): granules, never grams. On a line
that names a dilution (a number then ``CH``, ``DH`` or ``K``), ``gr`` / ``gr.`` take the norm
``granules`` (the unit of presentation EDQM calls a pillule); elsewhere ``gr`` stays grams
(``Amoxicilline 1 gr``). Called by ``posology.text.readings.read_in_context``."""

from __future__ import annotations

_DILUTIONS = frozenset({"ch", "dh", "k"})
_GR = frozenset({"gr", "gr."})


def read_granules(words: list[str], norms: list[str]) -> None:
    diluted = any(
        norms[index] in _DILUTIONS and index > 0 and words[index - 1].isdigit() for index in range(len(words))
    )
    if not diluted:
        return
    for index, word in enumerate(words):
        if word.lower() in _GR:
            norms[index] = "granules"
