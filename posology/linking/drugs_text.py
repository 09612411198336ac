"""Text helpers of the drug linker: name keys, strengths and form words.

Shared by the offline table builder (``tools/build_bdpm.py``) and the runtime linker, so a
name is keyed the same way on both sides.

>>> drug_key("Kardégic"), drug_key("LÉVOTHYROX"), drug_key("D0LIPRANE")
('kardegic', 'levothyrox', 'doliprane')
>>> drug_key("DAFALGAN CODEINE"), drug_key("acide acétylsalicylique")
('dafalgan codeine', 'acide acetylsalicylique')
>>> parse_strengths("100 mg/12,5 mg")
(Strength(value=100.0, unit='mg'), Strength(value=12.5, unit='mg'))
>>> parse_strengths("75 microgrammes"), parse_strengths("2,4 POUR CENT")
((Strength(value=0.075, unit='mg'),), (Strength(value=2.4, unit='%'),))
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from posology.text.normalize import fold
from posology.units.registry import convert

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# OCR reads o as 0 inside words ("D0LIPRANE"); a 0 between letters is never a number.
_OCR_ZERO = re.compile(r"(?<=[a-z])0(?=[a-z])")


@lru_cache(maxsize=65536)
def drug_key(name: str) -> str:
    """The lookup key of a drug name: folded, punctuation to spaces, OCR zeros fixed.

    Runs of single letters are joined, so ``SKENAN L.P.`` and ``Skenan LP`` share a key.
    """
    words = _NOT_ALNUM.sub(" ", _OCR_ZERO.sub("o", fold(name))).split()
    merged: list[str] = []
    in_run = False  # the last merged word is a run of single letters ("l", "lp")
    for word in words:
        single = len(word) == 1 and word.isalpha()
        if single and in_run:
            merged[-1] += word
        else:
            merged.append(word)
            in_run = single
    return " ".join(merged)


class Strength(NamedTuple):
    """A strength in a canonical unit: mass in ``mg``, ``iU``, ``mL``, ``%`` or the raw unit."""

    value: float
    unit: str


# Unit words of BDPM and of prescriptions -> (gold unit key of CONVENTIONS §6, factor to it).
_UNIT_WORDS: dict[str, tuple[str, float]] = {
    "g": ("g", 1.0),
    "gramme": ("g", 1.0),
    "grammes": ("g", 1.0),
    "mg": ("mg", 1.0),
    "milligramme": ("mg", 1.0),
    "milligrammes": ("mg", 1.0),
    "ug": ("ug", 1.0),
    "mcg": ("ug", 1.0),
    "microgramme": ("ug", 1.0),
    "microgrammes": ("ug", 1.0),
    "gamma": ("ug", 1.0),
    "ng": ("ng", 1.0),
    "nanogrammes": ("ng", 1.0),
    "ui": ("iU", 1.0),
    "u.i.": ("iU", 1.0),
    "u.i": ("iU", 1.0),
    "iu": ("iU", 1.0),
    "u": ("iU", 1.0),
    "unite": ("iU", 1.0),
    "unites": ("iU", 1.0),
    "units": ("iU", 1.0),
    "m ui": ("iU", 1e6),
    "mui": ("iU", 1e6),
    "ml": ("mL", 1.0),
    "l": ("L", 1.0),
    "%": ("%", 1.0),
    "pour cent": ("%", 1.0),
    "mmol": ("mmol", 1.0),
    "meq": ("meq", 1.0),
    "mbq": ("MBq", 1.0),
    "ir": ("IR", 1.0),
}
# Gold unit key -> the unit strengths of its kind compare in (the conversion is the pint
# registry's, posology.units.registry.convert); other keys (mmol, IR…) compare as written.
_CANONICAL: dict[str, str] = {
    "g": "mg",
    "mg": "mg",
    "ug": "mg",
    "ng": "mg",
    "iU": "iU",
    "mL": "mL",
    "L": "mL",
    "%": "%",
}
UCUM_CODES = {"g": "g", "mg": "mg", "ug": "ug", "ng": "ng", "iU": "[iU]", "mL": "mL", "L": "L", "%": "%"}
_UNIT_ALTERNATIVES = "|".join(
    re.escape(word).replace(r"\ ", r"\s?") for word in sorted(_UNIT_WORDS, key=len, reverse=True)
)
_QUANTITY = re.compile(
    r"(?<![\w.,])(\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?)\s*(" + _UNIT_ALTERNATIVES + r")(?![a-z])",
    re.IGNORECASE,
)


def unit_key(unit: str) -> tuple[str, float] | None:
    """The gold unit key of a unit word or key (``microgrammes`` -> ``ug``), with its factor."""
    if unit in _CANONICAL:
        return unit, 1.0
    return _UNIT_WORDS.get(" ".join(fold(unit).split()))


def canonical_strength(value: float, unit: str | None) -> Strength | None:
    """A quantity in a canonical unit (``1 g`` -> ``1000 mg``); ``None`` for an unknown unit."""
    known = unit_key(unit) if unit else None
    if known is None:
        return None
    key, factor = known
    canonical, amount = _CANONICAL.get(key, key), float(value) * factor
    if canonical != key:
        amount = convert(amount, key, canonical)
    return Strength(round(amount, 9), canonical)


def parse_quantities(text: str) -> tuple[tuple[float, str], ...]:
    """Every ``number unit`` of a text as (value, gold unit key): ``1 000 UI`` -> (1000, iU)."""
    found = []
    for match in _QUANTITY.finditer(fold(text)):
        known = unit_key(match.group(2))
        if known is not None:
            number = float(re.sub(r"\s", "", match.group(1)).replace(",", "."))
            found.append((round(number * known[1], 9), known[0]))
    return tuple(found)


def parse_strengths(text: str) -> tuple[Strength, ...]:
    """Every ``number unit`` of a text, in canonical units (``1 000 UI``, ``2,5 mg``)."""
    return tuple(
        strength for value, unit in parse_quantities(text) if (strength := canonical_strength(value, unit)) is not None
    )


def same_strength(a: Strength, b: Strength) -> bool:
    """Equal after unit conversion (relative tolerance for 12,50 mg vs 12.5 mg)."""
    return a.unit == b.unit and abs(a.value - b.value) <= 1e-6 * max(abs(a.value), abs(b.value), 1e-9)


# The form keys a specialty can be counted in: the unit-of-presentation keys of CONVENTIONS §6
# (``injection`` and ``application`` included). Any other ``form`` given to the linker
# (``mg``, ``mL``) says nothing about the product and is ignored.
FORM_KEYS = frozenset(
    "tablet capsule sachet suppository drop ampoule vial puff patch pen pessary injection application spoonful".split()
)

# Form words of a prescription -> form key, for mentions that still carry them
# ("Doliprane 1000 mg cp").
MENTION_FORM_WORDS: dict[str, str] = {
    "cp": "tablet",
    "cpr": "tablet",
    "cps": "tablet",
    "comp": "tablet",
    "comprime": "tablet",
    "comprimes": "tablet",
    "tab": "tablet",
    "tabs": "tablet",
    "tablet": "tablet",
    "tablets": "tablet",
    "gel": "capsule",
    "gelule": "capsule",
    "gelules": "capsule",
    "caps": "capsule",
    "capsule": "capsule",
    "capsules": "capsule",
    "sachet": "sachet",
    "sachets": "sachet",
    "sach": "sachet",
    "suppo": "suppository",
    "suppos": "suppository",
    "suppositoire": "suppository",
    "suppositoires": "suppository",
    "gtt": "drop",
    "goutte": "drop",
    "gouttes": "drop",
    "amp": "ampoule",
    "ampoule": "ampoule",
    "ampoules": "ampoule",
    "patch": "patch",
    "patchs": "patch",
    "stylo": "pen",
    "ovule": "pessary",
    "ovules": "pessary",
}
