"""Span → field converters: one small pure function per NER label (docs/fields.md families).

``convert(label, pieces)`` returns ``[(family, items)]``, the items being the ``(field,
value)`` pairs a :class:`~posology.fields.mentions.Mention` carries. A span that cannot be
read gives ``[]``: the NER path never invents a value. DRUG gives no field (drug names are
returned apart, ``NerTagger.drug_spans``).

>>> from posology.ner.pieces import pieces_from_doc
>>> from posology.engine import Engine   # the lexicon's concepts on the tokens of a text
>>> pieces_of = lambda text: pieces_from_doc(Engine.load().analyse(text)[0], 0, len(text))
>>> convert("DOSE", pieces_of("1 à 2 cp"))
[('dose', (('dose.low', 1), ('dose.high', 2), ('dose.unit', 'tablet')))]
>>> convert("STRENGTH", pieces_of("100/25mg"))
[('strength', (('strength.value', 100), ('strength.value', 25), ('strength.unit', 'mg')))]
>>> convert("SLOTS", pieces_of("1/2-0-1/2"))
[('slot', (('slot', 0.5), ('slot', 0), ('slot', 0.5)))]
>>> convert("MAX_DOSE", pieces_of("max 6 cp/j"))
[('max', (('max.value', 6), ('max.unit', 'tablet'), ('max.per_unit', 'd')))]
>>> convert("DISPENSE", pieces_of("QSP 3 mois")), convert("DISPENSE", pieces_of("AR 2 fois"))
([('supply', (('supply.value', 3), ('supply.unit', 'mo')))], [('refills', (('refills', 2),))])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from posology.ner.amounts import amount, atoms_of, numbers
from posology.ner.convert_timing import Fields, days, duration, frequency, time_of_day, when
from posology.ner.pieces import Piece, number, time_key, unit_key
from posology.text.words import REASON_STOP

SLOT_SEPARATORS = frozenset({"-", "+", "/", "_"})
PER_INTAKE = frozenset({"prise", "administration", "dose", "intake", "prises"})
REFILL_WORDS = frozenset({"ar", "a.r", "a.r.", "refill", "refills", "repeat", "repeats", "nr"})
NEGATIONS = frozenset({"non", "no", "nr", "not", "pas"})
REASON_CUES = frozenset({"si", "if", "for", "pour", "cas", "lors", "when", "sos", "prn", "d'", "of"})
UNIT_FORMS = frozenset({"injection", "application"})


def dose(pieces: list[Piece]) -> Fields:
    """``1 cp``, ``1 à 2 gélules``, ``un demi-comprimé``, ``1 comprimé et demi``, ``500 mg``, ``2``."""
    value = amount(atoms_of(pieces))
    if value is None:
        return []
    low, high, plus = value
    units = [unit_key(p) for p in pieces if unit_key(p)]
    items: tuple[tuple[str, Any], ...] = (("dose.low", low),)
    items += (("dose.high", high),) if high is not None else ()
    items += (("dose.plus", plus),) if plus is not None else ()
    items += (("dose.unit", units[0]),) if units else ()
    return [("dose", items)]


def strength(pieces: list[Piece]) -> Fields:
    """``1000 mg``, ``100/25mg`` (one unit for both), ``1000 mg/880 UI``; no unit → nothing."""
    values = [v for p in pieces if (v := number(p)) is not None]
    units = [p.lex["unit"] for p in pieces if p.lex.get("unit")]
    if not values or not units:
        return []
    units = units[: len(values)]  # "10 000 UI/ml": the amount's unit, not the per-volume one
    items = tuple(("strength.value", v) for v in values) + tuple(("strength.unit", u) for u in units)
    return [("strength", items)]


def slots(pieces: list[Piece]) -> Fields:
    """``1-0-1``, ``1/2-0-1/2``, ``1 0 1``: 3 or 4 numbers with only separators between them."""
    values = []
    for piece in pieces:
        value = number(piece)
        if value is not None:
            values.append(value)
        elif piece.norm not in SLOT_SEPARATORS:
            return []
    return [("slot", tuple(("slot", v) for v in values))] if len(values) in (3, 4) else []


def max_dose(pieces: list[Piece]) -> Fields:
    """``max 6 cp/j``, ``sans dépasser 4 g par jour``, ``6 gél max par 24h``; ``2 cp max par prise``."""
    units = [(i, unit_key(p)) for i, p in enumerate(pieces) if unit_key(p)]
    values = [(i, v) for i, p in enumerate(pieces) if (v := number(p)) is not None]
    if not units or not values or values[0][0] > units[0][0]:
        return []
    value, unit = values[0][1], units[0][1]
    if any(w in PER_INTAKE for p in pieces[units[0][0] + 1 :] for w in p.words):
        return [("maxadm", (("maxadm.value", value), ("maxadm.unit", unit)))]
    times = [(i, time_key(p)) for i, p in enumerate(pieces) if i > units[0][0] and time_key(p)]
    if not times:
        return []
    per = [v for i, v in values if units[0][0] < i < times[0][0]]
    items = (("max.value", value), ("max.unit", unit)) + ((("max.per", per[0]),) if per else ())
    return [("max", items + (("max.per_unit", times[0][1]),))]


def dispense(pieces: list[Piece]) -> Fields:
    """``QSP 3 mois``, ``1 month supply`` → supply; ``AR 2 fois``, ``refills: 2``, ``NR`` → refills."""
    words = {w for p in pieces for w in p.words}
    values = numbers(atoms_of(pieces))
    times = [time_key(p) for p in pieces if time_key(p)]
    if words & REFILL_WORDS or any(w.startswith("renouvel") for w in words):
        if times:
            return []  # "à renouveler dans 3 mois": a delay, not a count of refills
        if values:
            return [("refills", (("refills", int(values[0])),))]
        return [("refills", (("refills", 0),))] if words & NEGATIONS else []
    if times and values:
        return [("supply", (("supply.value", values[0]), ("supply.unit", times[0])))]
    return []


def form(pieces: list[Piece]) -> Fields:
    """``cpr``, ``Tab.``, ``gélule``, ``sirop``, ``Inj.``: the form key."""
    for piece in pieces:
        key = piece.lex.get("unit_of_presentation") or piece.lex.get("dose_form")
        if key is None and piece.lex.get("unit") in UNIT_FORMS:
            key = piece.lex["unit"]
        if key:
            return [("form", (("form", key),))]
    return []


def route(pieces: list[Piece]) -> Fields:
    """``voie orale``, ``SC``, ``dans chaque oeil``: the route key."""
    keys = [p.lex["route"] for p in pieces if p.lex.get("route")]
    return [("route", (("route", keys[0]),))] if keys else []


def as_needed(pieces: list[Piece]) -> Fields:
    """``si besoin`` → as needed; ``si douleur``, ``SOS for fever`` → as needed with its reason words."""
    reason: list[str] = []
    cued = False
    for piece in pieces:
        if cued and piece.text.isalpha() and not piece.lex and piece.norm not in REASON_STOP:
            reason.append(piece.text)
        cued = cued or any(w in REASON_CUES for w in piece.words)
    items = (("as_needed", True),) + tuple(("as_needed.reason", w) for w in reason[:3])
    return [("as_needed", items)]


def phase(pieces: list[Piece]) -> Fields:
    """``puis``, ``then``, ``ensuite``."""
    return [("phase", (("phase", " ".join(p.text for p in pieces)),))] if pieces else []


CONVERTERS: dict[str, Callable[[list[Piece]], Fields]] = {
    "DOSE": dose,
    "STRENGTH": strength,
    "SLOTS": slots,
    "FREQUENCY": frequency,
    "WHEN": when,
    "TIME": time_of_day,
    "DAYS": days,
    "DURATION": duration,
    "ROUTE": route,
    "AS_NEEDED": as_needed,
    "MAX_DOSE": max_dose,
    "DISPENSE": dispense,
    "FORM": form,
    "PHASE": phase,
}


def convert(label: str, pieces: list[Piece]) -> Fields:
    """The fields of one span; ``[]`` for DRUG, unknown labels and unreadable spans."""
    converter = CONVERTERS.get(label)
    return converter(pieces) if converter is not None and pieces else []
