"""Span → field converters for timing labels: FREQUENCY, WHEN, TIME, DAYS, DURATION.

Each converter takes the pieces of one span and returns ``[(family, items)]`` in the form of
``docs/fields.md``; an empty list when the span cannot be read (never a guess).

>>> from posology.ner.pieces import pieces_from_doc
>>> from posology.engine import Engine   # the lexicon's concepts on the tokens of a text
>>> pieces_of = lambda text: pieces_from_doc(Engine.load().analyse(text)[0], 0, len(text))
>>> frequency(pieces_of("3 fois par jour"))
[('freq', (('freq.n', 3),)), ('period', (('period.value', 1), ('period.unit', 'd')))]
>>> frequency(pieces_of("toutes les 4 à 6 heures"))[1]
('period', (('period.value', 4), ('period.max', 6), ('period.unit', 'h')))
>>> duration(pieces_of("pendant 5 jours"))
[('bounds', (('bounds.value', 5), ('bounds.unit', 'd')))]
"""

from __future__ import annotations

from typing import Any

from posology.fields.mentions import abbreviation_items, family_of
from posology.ner.amounts import RANGE_WORDS, Atom, amount, atoms_of, numbers, words
from posology.ner.pieces import TIME_WORDS, Piece

Fields = list[tuple[str, tuple[tuple[str, Any], ...]]]

COUNT_WORDS = frozenset({"fois", "x", "×", "times", "time", "prise", "prises", "dose", "doses", "intake", "intakes"})
CONNECTORS = frozenset(
    {
        "par",
        "/",
        "per",
        "a",
        "an",
        "each",
        "every",
        "evry",
        "pour",
        "sur",
        "in",
        "by",
        "dans",
        "toutes",
        "tous",
        "tout",
        "ttes",
        "tts",
        "chaque",
        "q",
        "all",
    }
)
FILLERS = frozenset(
    {
        "les",
        "la",
        "le",
        "l'",
        "the",
        "de",
        "du",
        "des",
        "up",
        "jusqu'a",
        "to",
        "a",
        "ou",
        "or",
        "-",
        "other",
        "alternate",
        "autre",
        "on",
        "only",
        "environ",
        "about",
    }
)
OTHER_WORDS = frozenset({"other", "alternate", "autre"})
MEAL_CODES = frozenset({"AC", "ACM", "ACD", "ACV", "PC", "PCM", "PCD", "PCV"})
FIRST_WORDS = frozenset({"premier", "premiere", "first", "1er", "1ere", "a", "an"})
SPAN_TIME_UNITS = frozenset({"min", "h", "d", "wk", "mo", "a"})
CLOCK_WORDS = frozenset({"h", "heure", "heures", ":", "hr", "hrs"})
MERIDIEM = {"am": "am", "pm": "pm", "a.m.": "am", "p.m.": "pm", "am.": "am", "pm.": "pm"}
DAY_RANGE_WORDS = frozenset({"au", "a", "to", "through", "till", "until", "-", "jusqu'au"})


def _abbreviation(alias: str) -> Fields:
    """The fields of a timing abbreviation (``BID`` → 2 per 1 d; ``HS`` → when HS), by family:
    the rules' own expansion (``posology.fields.mentions.abbreviation_items``)."""
    grouped: dict[str, list[tuple[str, Any]]] = {}
    for field, value in abbreviation_items(alias):
        grouped.setdefault(family_of(field), []).append((field, value))
    return [(family, tuple(items)) for family, items in grouped.items()]


def _as_units(atoms: list[Atom]) -> list[Atom]:
    """``8 hourly``, ``3 times daily``: an adverb abbreviation after a number is a time unit."""
    if not any(a.kind == "num" for a in atoms):
        return atoms
    return [
        Atom("unit", TIME_WORDS[a.word], a.word, a.piece) if a.kind == "abbr" and a.word in TIME_WORDS else a
        for a in atoms
    ]


def _known(atoms: list[Atom]) -> bool:
    """Only numbers, time units and cue words: an unknown word ("twise") makes a span unreadable."""
    return all(a.kind != "word" or a.word in COUNT_WORDS | CONNECTORS | FILLERS for a in atoms)


def frequency(pieces: list[Piece]) -> Fields:
    """``3 fois par jour``, ``x3/j``, ``toutes les 8 h``, ``1 jour sur 2``, ``BID``, ``8 hourly``."""
    atoms = _as_units(atoms_of(pieces))
    abbrs = [a for a in atoms if a.kind == "abbr"]
    if abbrs:
        return _abbreviation(abbrs[0].value) if _known([a for a in atoms if a.kind != "abbr"]) else []
    units = [i for i, a in enumerate(atoms) if a.kind == "unit"]
    if not units:
        return when(pieces)  # "matin et soir" tagged FREQUENCY: its events, nothing counted
    u = units[0]
    before, after = atoms[:u], atoms[u + 1 :]
    if after[:1] and after[0].word == "sur" and numbers(after[1:]):
        return _fields(1, None, numbers(after[1:])[0], None, atoms[u].value)  # 1 jour sur 2
    if not _known(before):
        return []
    count, period = _split_count(before)
    counted = amount(count)
    if counted is None and words(count) & COUNT_WORDS:
        return []  # "tree times a day": a count word with no readable number
    n, n_max = (counted[0], counted[1]) if counted else (1, None)
    p = amount(period)
    p_value, p_max = (p[0], p[1]) if p else (2 if words(period) & OTHER_WORDS else 1, None)
    return _fields(n, n_max, p_value, p_max, atoms[u].value)


def _split_count(before: list[Atom]) -> tuple[list[Atom], list[Atom]]:
    """Count part and period part of what precedes the time unit."""
    cuts = [i for i, a in enumerate(before) if a.kind == "word" and a.word in CONNECTORS and not _is_range(before, i)]
    if cuts:
        return before[: cuts[-1]], before[cuts[-1] + 1 :]
    if words(before) & COUNT_WORDS or any(a.word in ("once", "twice", "thrice") for a in before):
        return before, []
    return [], before  # "4h entre deux prises", "8 hourly": a bare number is the interval


def _is_range(atoms: list[Atom], i: int) -> bool:
    """``4 à 6``: the French "à" (norm "a") between two numbers is a range, not "per"."""
    return (
        atoms[i].word in RANGE_WORDS
        and 0 < i < len(atoms) - 1
        and atoms[i - 1].kind == "num"
        and atoms[i + 1].kind == "num"
    )


def _fields(n: float, n_max: float | None, period: float, p_max: float | None, unit: str) -> Fields:
    freq = (("freq.n", int(n)),) + ((("freq.max", int(n_max)),) if n_max else ())
    per = (("period.value", period),) + ((("period.max", p_max),) if p_max else ()) + (("period.unit", unit),)
    return [("freq", freq), ("period", per)]


def when(pieces: list[Piece]) -> Fields:
    """``le matin``, ``avant les repas``, ``HS``; ``30 min avant le repas`` also gives an offset."""
    codes: list[str] = []
    offset = None
    for index, piece in enumerate(pieces):
        found = _event_codes(piece)
        if found and offset is None and found[0] in MEAL_CODES:
            offset = _offset(pieces[:index])
        codes.extend(c for c in found if c not in codes)
    if not codes:
        return []
    fields: Fields = [("when", tuple(("when", c) for c in codes))]
    if offset:
        fields.append(("offset", (("offset.value", offset[0]), ("offset.unit", offset[1]))))
    return fields


def _event_codes(piece: Piece) -> list[str]:
    if piece.lex.get("when"):
        return [piece.lex["when"]]
    alias = piece.lex.get("timing_abbreviation")
    if alias:
        return [items[1] for family, fields in _abbreviation(alias) if family == "when" for items in fields]
    return []


def _offset(pieces: list[Piece]) -> tuple[float, str] | None:
    atoms = atoms_of(pieces)
    units = [a for a in atoms if a.kind == "unit" and a.value in ("min", "h")]
    value = amount([a for a in atoms if a.kind != "unit"])
    return (value[0], units[0].value) if units and value and value[1] is None else None


def time_of_day(pieces: list[Piece]) -> Fields:
    """``à 8h``, ``22h30``, ``at 9 pm``, ``10:00``: hour, minute and am/pm, in order."""
    atoms = atoms_of(pieces)
    items: list[tuple[str, Any]] = []
    for i, atom in enumerate(atoms):
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if atom.kind != "num" or nxt is None:
            continue
        if nxt.word in CLOCK_WORDS or nxt.value == "h":
            minute = atoms[i + 2] if i + 2 < len(atoms) and atoms[i + 2].kind == "num" else None
            if 0 <= atom.value <= 24 and (minute is None or 0 <= minute.value < 60):
                items.append(("tod.hour", int(atom.value)))
                if minute is not None:
                    items.append(("tod.minute", int(minute.value)))
        elif nxt.word in MERIDIEM and 0 < atom.value <= 12:
            items += [("tod.hour", int(atom.value)), ("tod.ampm", MERIDIEM[nxt.word])]
    return [("tod", tuple(items))] if items else []


def days(pieces: list[Piece]) -> Fields:
    """``le lundi``, ``lundi, mercredi et vendredi``, ``du lundi au vendredi`` (a range)."""
    found = [(i, p.lex["day_of_week"]) for i, p in enumerate(pieces) if p.lex.get("day_of_week")]
    if not found:
        return []
    if len(found) == 2:
        between = {w for p in pieces[found[0][0] + 1 : found[1][0]] for w in p.words}
        if between and between <= DAY_RANGE_WORDS | {","}:
            return [("dow", (("dow.from", found[0][1]), ("dow.to", found[1][1])))]
    return [("dow", tuple(("dow", code) for _, code in dict.fromkeys(found, None)))]


def duration(pieces: list[Piece]) -> Fields:
    """``pendant 5 jours``, ``x 5 days``, ``pendant 3 à 5 jours``, ``la première semaine``."""
    atoms = atoms_of(pieces)
    units = [i for i, a in enumerate(atoms) if a.kind == "unit" and a.value in SPAN_TIME_UNITS]
    if not units:
        return []
    before, unit = atoms[: units[0]], atoms[units[0]].value
    value = amount(before)
    if value is None:
        if numbers(before) or not words(before) & FIRST_WORDS:
            return []
        value = (1, None, None)
    items = (("bounds.value", value[0]),) + ((("bounds.max", value[1]),) if value[1] else ())
    return [("bounds", items + (("bounds.unit", unit),))]
