"""A chemotherapy cycle's days: ``J1-J14 tous les 21 jours``, ``de J5 à J10``, ``J1-J5 et J8-J12``,
``à partir de J6`` (French ``J`` for the day of the cycle). Timing cannot hold such a window (the
days of a cycle, counted from its first day): :func:`posology.fields.cues.find_cues` makes it a
cycle cue (W022), and the interval written with it (``tous les 21 jours``: the cycle's length) is
no interval of the dose."""

from __future__ import annotations

from posology.matching.lexicon import token_value

_WINDOW_JOINS = frozenset({"-", "a", "au", "to"})
_CYCLE_DAYS = frozenset({"jours", "jour", "j", "days", "day", "d"})


def day_window(words, norms: list[str], i: int) -> int:
    """``J1-J5 et J8-J12``, ``J1-J14 tous les 21 jours`` (a cycle's days, French ``J`` for day), or
    ``à partir de J6``: how many words the window takes (0: none). A window alone (``J1 à J5``,
    ``de J6 à J10``, a taper's ``puis … J4-J6``) is a course and ``J8 à J14 :`` a phase's label,
    read by the rules as older rounds wrote them: no window."""

    def number(k: int) -> bool:
        return k < len(words) and token_value(words[k], "num") is not None

    if norms[i] == "a partir de":
        return 3 if i + 2 < len(words) and norms[i + 1] == "j" and number(i + 2) else 0
    if not (number(i + 1) and i + 4 < len(words) and norms[i + 2] in _WINDOW_JOINS and norms[i + 3] == "j"):
        return 0
    if not number(i + 4):
        return 0
    end = i + 5
    if end < len(norms) and norms[end] == ":":
        return 0  # "J8 à J14 : 1 gtt 2 fois par jour": a phase's label
    cycle = False  # "J1 à J5", "de J6 à J10", "puis … J4-J6": a course (a taper's phase), as older rounds read it
    second = norms[end : end + 4]
    if len(second) == 4 and second[0] in ("et", "and", ",") and second[1] == "j" and second[3] in _WINDOW_JOINS:
        if number(end + 2) and end + 5 < len(words) and norms[end + 4] == "j" and number(end + 5):
            end, cycle = end + 6, True  # "J1-J5 et J8-J12"
    after = end + (1 if end < len(norms) and norms[end] == "," else 0)
    if after + 2 < len(words) and norms[after] in ("tous les", "toutes les", "every") and number(after + 1):
        if norms[after + 2] in _CYCLE_DAYS:
            end, cycle = after + 3, True  # "…, tous les 21 jours": the cycle's length, no interval of the dose
    return end - i if cycle else 0
