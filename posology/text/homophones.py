"""What speech recognition writes for a dictated number or full stop (a reader of ``text/readings.py``).

A dictated ``two puffs`` comes back as ``to puffs``, ``one tablet`` as ``won tablet``, ``four
times a day`` as ``for times a day``, ``every eight hours`` as ``every ate hours``, ``q day``
as ``queue day``, and the full stop a clinician dictates as the words ``full stop``. Each word
is read only before the words that make it a number (a unit of presentation, ``times``,
``hours``) no English sentence writes otherwise; its norm becomes the figure (the text is kept,
so offsets stay true). ``full stop`` separates items, never a stop order.
"""

from __future__ import annotations

__all__ = ["TRIGGERS", "read_homophones"]

_PLURAL_UNITS = frozenset(
    "tablets tabs capsules caps puffs drops sprays sachets inhalations pessaries suppositories patches".split()
)
_SINGULAR_UNITS = frozenset(
    "tablet tab capsule cap puff drop spray sachet inhalation pessary suppository patch".split()
)
# the word, its figure, and the words after it that make it that figure
_HOMOPHONES: dict[str, tuple[str, frozenset[str]]] = {
    "to": ("2", _PLURAL_UNITS | {"times"}),
    "too": ("2", _PLURAL_UNITS | {"times"}),
    "won": ("1", _SINGULAR_UNITS),
    "for": ("4", frozenset({"times"})),  # "for times a day"
    "ate": ("8", frozenset({"hours", "hourly"})),  # "every ate hours"
    "queue": ("q", frozenset({"day", "daily", "week", "hours", "4", "6", "8", "12"})),  # "queue day"
}
TRIGGERS = frozenset(_HOMOPHONES) | {"stop"}


def read_homophones(words: list[str], norms: list[str]) -> None:
    """``Fostair 100/6 to puffs twice a day`` → 2 puffs, ``Adcal-D3 won tablet`` → 1 tablet,
    ``ibuprofen 400 mg for times a day`` → 4 times a day, ``once daily full stop`` → an item's
    end; ``1 to 2 tablets``, ``for 5 days``, ``apply to the skin``, ``stop the ramipril`` keep their
    words."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid[:-1]):
        word, following = words[index].lower(), words[solid[position + 1]].lower()
        if word in _HOMOPHONES and following in _HOMOPHONES[word][1]:
            norms[index] = _HOMOPHONES[word][0]
        elif word == "full" and following == "stop":
            norms[index] = norms[solid[position + 1]] = ";"
