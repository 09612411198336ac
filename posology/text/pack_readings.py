"""A pack's or a box's size read by its neighbours (``posology.text.readings`` calls these readers).

- a UK label's pack size after the product's form (``capsules x28``, ``inhaler x 1 —``), never
  a frequency;
- a French drug database's box size after the form (``CPR B/8``, ``FL/20ML``), never a dose.

Each takes the norm ``packsize``, which the rules ``dispense.pack_size`` / ``dispense.box_size`` read.
"""

from __future__ import annotations

import re

_PACKED_FORMS = frozenset(
    "tablets tablet tabs capsules capsule caps patches sachets suppositories pessaries ampoules vials pens "
    "lozenges inhaler inhalers cream ointment gel suspension solution drops spray liquid syrup granules powder "
    "mouthwash shampoo lotion foam".split()
)


def read_pack_sizes(words: list[str], norms: list[str]) -> None:
    """``Omeprazole 20mg gastro-resistant capsules x28 - Take ONE capsule …``, ``suspension
    x100ml``: ``x`` and a number right after the product's form word (itself after no count:
    ``2 tablets x 3`` is three times a day; ``Evorel 50 patches x8``: 50 is a strength) is the
    pack's size, never a frequency; so is ``x 1`` / ``x 100ml`` before a UK label's dash (``inhaler
    CFC free x 1 — Inhale …``) after no count (``1 cp x 3 -``, ``Drotin-M 1 x 3 -``). The ``x``
    takes the norm ``packsize``, which the rule ``dispense.pack_size`` reads."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position in range(1, len(solid) - 1):
        index, form, number = solid[position], solid[position - 1], solid[position + 1]
        if words[index] not in ("x", "X", "(") or not words[number].isdigit():
            continue
        dashed = words[index] in ("x", "X") and _label_dash_after(words, solid, position + 2)
        dashed = dashed and not _COUNT.fullmatch(words[form]) and words[form].lower() not in _ROUTES  # "IM x1 —": once
        if words[form].lower() not in _PACKED_FORMS and not dashed:
            continue
        closing = words[solid[position + 2]] if position + 2 < len(solid) else ""
        if words[index] == "(" and closing != ")":
            continue  # "capsules (21) ONE capsule …": the pack, in parentheses
        before = words[solid[position - 2]] if position >= 2 else ""
        if dashed:
            strength = position >= 3 and words[solid[position - 3]] == "/"  # "Fostair 100/6 inhaler x 1 —"
            small = before.isdigit() and int(before) <= 10 or before.isalpha() and _COUNT.fullmatch(before) is not None
            norms[index] = "packsize" if strength or not small else norms[index]
            continue
        counted = _COUNT.fullmatch(before) is not None and not (before.isdigit() and int(before) > 10)
        if not counted:
            norms[index] = "packsize"


def _label_dash_after(words: list[str], solid: list[int], position: int) -> bool:
    """A UK label's header ends at ``position`` (its unit, ``ml`` / ``g``, may come first): an em or
    en dash, or a spaced hyphen, then the directions."""
    if position < len(solid) and words[solid[position]].lower() in ("ml", "g", "l"):
        position += 1
    return position < len(solid) and words[solid[position]] in ("—", "–", "-")


_ROUTES = frozenset("im iv sc sq subq po pr sl ivp id".split())  # a route's "x1" is one administration
_COUNT = re.compile(r"\d+(?:[.,/]\d+)?|one|two|three|four|half|un|une|deux|trois", re.IGNORECASE)


# a French drug database's forms, before a box's size ("CPR B/8", "GELULE B/28", "SACHET BTE/30")
_BOXED_FORMS = frozenset(
    "cpr cp comprime comprimes gel gelule gelules gélule gélules sach sachet sachets caps capsule capsules ampoule "
    "ampoules amp suppo suppositoire suppositoires ovule ovules pellic secable dispers orodispers orodisp efferv "
    "enrobe lp sec gastro-resist".split()
)


_SIZES = frozenset({"ML", "G", "ml", "g"})
BOXES = frozenset({"B", "BTE", "BT", "FL", "T", "TB"})


def read_box_sizes(words: list[str], norms: list[str]) -> None:
    """``DOLIPRANE 1000MG CPR B/8``, ``XARELTO 20 MG CPR PELLIC B/28``: a capital ``B`` (``BTE``,
    boîte) and ``/`` and a number after the product's form is the box's size, never a dose nor
    a slot; so are a bottle's or a tube's (``FL/20ML``, ``T/15G``, their unit glued, anywhere on
    the line). ``B`` / ``FL`` / ``T`` take the norm ``packsize``, which ``dispense.box_size`` reads."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position in range(1, len(solid) - 2):
        index = solid[position]
        slash, number = solid[position + 1], solid[position + 2]
        if words[slash] != "/" or not words[number].isdigit():
            continue
        boxed = words[index] in ("B", "BTE", "BT") and words[solid[position - 1]].lower() in _BOXED_FORMS
        # a bottle's or a tube's size, its unit glued ("FL/20ML", "T/15G"): wherever the counter puts it
        sized = words[index] in ("FL", "T", "TB") and position + 3 < len(solid) and words[solid[position + 3]] in _SIZES
        if boxed or sized:
            norms[index] = "packsize"
