"""A product named ingredient by ingredient: one medication, not one per ingredient.

RxNorm's multi-ingredient names (``hydrochlorothiazide 12.5 MG / lisinopril 20 MG Oral Tablet:
Take 1 tablet …``, ``Symbicort``'s ``budesonide 0.16 MG/ACTUAT / formoterol …``), which US EHRs and
FHIR renderers print as the product line, and the same writing on a French line
(``Lisinopril 10 mg / Hydrochlorothiazide 12,5 mg 1 cp le matin``): each ingredient's name with
its strength, joined by ``/``, then one posology. Read as separate drugs, the first ingredient
became a medication whose dose was its strength (``12.5 mg``, silently).

A segment joins the next one when it holds nothing but one mass right after its name (no dose
of its own, no timing), a ``/`` follows that mass, and the next segment's name is followed by
its own mass: the next segment's name becomes another part of the name (``hydrochlorothiazide /
lisinopril``), the first mass a strength before the next ones. A list written ``Doliprane 1 g /
Spasfon 80 mg : 1 cp de chaque`` (each drug its own dose) is left to the shared-posology reading.
"""

from __future__ import annotations

import re

from posology.fields.medications import MedicationSegment
from posology.fields.mentions import Mention
from posology.units.registry import dimension

_SLASH = re.compile(r"\s*/\s*")
_EACH = re.compile(r"\b(?:of each|each of|de chaque|chacun|chacune)\b", re.IGNORECASE)  # never "each day"
_MASSES = frozenset({"mass", "iu"})


def combined_products(segments: list[MedicationSegment], text: str) -> list[MedicationSegment]:
    """``segments`` with the ingredients of one product joined (see the module docstring)."""
    if len(segments) < 2 or "/" not in text:
        return segments
    joined: list[MedicationSegment] = []
    for seg in segments:
        previous = joined[-1] if joined else None
        mass = _last_mass(previous) if previous is not None and _joins(previous, seg, text) else None
        if previous is not None and mass is not None:
            previous.mentions = [m for m in previous.mentions if m is not mass] + [_as_strength(mass), *seg.mentions]
            previous.more_names.append(seg.name_tokens)
            previous.end = seg.end
            continue
        joined.append(seg)
    return joined


def _joins(first: MedicationSegment, second: MedicationSegment, text: str) -> bool:
    if not first.name_tokens or not second.name_tokens:
        return False
    mass = _last_mass(first)
    if mass is None or any(m is not mass and m.family != "strength" for m in first.mentions):
        return False
    name_start = second.name_tokens[0].idx
    if _SLASH.fullmatch(text, mass.end, name_start) is None or _EACH.search(text, second.start, second.end):
        return False
    last = second.name_tokens[-1]
    name_end = last.idx + len(last.text)
    return any(_is_mass(m) and 0 <= m.start - name_end <= 2 for m in second.mentions)


def _last_mass(seg: MedicationSegment) -> Mention | None:
    """The one mass of a segment that holds only the strength of its ingredient, right after the
    name (or after the ingredient's earlier strengths, a part already joined)."""
    last = seg.more_names[-1] if seg.more_names else seg.name_tokens
    name_end = last[-1].idx + len(last[-1].text)
    doses = [m for m in seg.mentions if m.start >= name_end]
    if len(doses) != 1 or not _is_mass(doses[0]) or not 0 <= doses[0].start - name_end <= 2:
        return None
    return doses[0]


def _is_mass(mention: Mention) -> bool:
    unit = mention.get("dose.unit") if mention.family == "dose" else mention.get("strength.unit")
    return mention.family in ("dose", "strength") and mention.get("dose.high") is None and dimension(unit) in _MASSES


def _as_strength(mention: Mention) -> Mention:
    if mention.family == "strength":
        return mention
    items = (("strength.value", mention.get("dose.low")), ("strength.unit", mention.get("dose.unit")))
    return Mention("strength", mention.start, mention.end, "strength.ingredient", items, mention.group)


_PLUS = re.compile(r"\s*\+\s*")
_BRAND_AFTER = re.compile(r"\s*\([^()]{2,40}\)")
_PAIRS = frozenset({"strength.pair", "strength.pair_units"})


def plus_combinations(segments: list[MedicationSegment], text: str) -> list[MedicationSegment]:
    """``Losartan + HCTZ 50/12.5 mg tab … 1 tab OD``, ``Ibuprofen + Paracetamol (Alaxan FR) 200 mg/325
    mg cap … 1 cap q6h``, ``Calcium carbonate + Vit D3 (Caltrate Plus) tab … 1 tab OD``: generic
    names joined by ``+`` before one pair of strengths (or the product's brand in parentheses) name
    one product, ``A + B``; the first name was a drug with no dosage, silently. ``Tab Ecosprin 75 mg +
    Tab Atorva 40 mg 0-0-1`` (each its own strength) and ``A + B 1 tab TDS`` stay two drugs."""
    if len(segments) < 2 or "+" not in text:
        return segments
    joined: list[MedicationSegment] = []
    for seg in segments:
        previous = joined[-1] if joined else None
        if previous is not None and _plus_joins(previous, seg, text):
            doc = previous.name_tokens[0].doc
            first, last = previous.name_tokens[0].i, seg.name_tokens[-1].i
            previous.name_tokens = [t for t in doc[first : last + 1] if not t.is_space]
            previous.mentions = seg.mentions
            previous.end = seg.end
            continue
        joined.append(seg)
    return joined


def _plus_joins(first: MedicationSegment, second: MedicationSegment, text: str) -> bool:
    if not first.name_tokens or not second.name_tokens or first.mentions or first.more_names:
        return False
    first_end = first.name_tokens[-1].idx + len(first.name_tokens[-1].text)
    if _PLUS.fullmatch(text, first_end, second.name_tokens[0].idx) is None:
        return False
    end = second.name_tokens[-1].idx + len(second.name_tokens[-1].text)
    brand = _BRAND_AFTER.match(text, end)
    after = brand.end() if brand else end
    pair = any(m.rule_id in _PAIRS and 0 <= m.start - after <= 2 for m in second.mentions)
    return pair or brand is not None
