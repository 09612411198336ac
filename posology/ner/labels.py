"""The NER label set and what each label becomes (docs/fields.md families).

A label names a *span* of a prescription line; the converters of
:mod:`posology.ner.convert` turn a span into the mention families listed here.

>>> LABELS[:3]
('DRUG', 'STRENGTH', 'DOSE')
>>> FAMILIES["FREQUENCY"]
('freq', 'period', 'when')
"""

from __future__ import annotations

LABELS: tuple[str, ...] = (
    "DRUG",  # drug name as written (no mention: NerTagger.drug_spans)
    "STRENGTH",  # 1000 mg, 100/25mg, 0.05%
    "DOSE",  # 1 cp, 1 à 2 gélules, 500 mg, a bare number dose
    "SLOTS",  # 1-0-1, 1/2-0-1/2
    "FREQUENCY",  # 3 fois par jour, BID, x3/j, toutes les 8h, 1 jour sur 2
    "WHEN",  # le matin, avant les repas, au coucher
    "TIME",  # à 8h, at 9 pm
    "DAYS",  # le lundi, du lundi au vendredi
    "DURATION",  # pendant 5 jours, x 5 days
    "ROUTE",  # voie orale, PO, SC
    "AS_NEEDED",  # si douleur, prn
    "MAX_DOSE",  # max 6 cp/j, 2 cp max par prise
    "DISPENSE",  # QSP 3 mois, AR 2 fois
    "FORM",  # a form word without a count: cpr, Tab.
    "PHASE",  # puis, then
)

# Mention families a span of each label may give (DRUG gives none).
FAMILIES: dict[str, tuple[str, ...]] = {
    "DRUG": (),
    "STRENGTH": ("strength",),
    "DOSE": ("dose",),
    "SLOTS": ("slot",),
    "FREQUENCY": ("freq", "period", "when"),
    "WHEN": ("when", "offset"),
    "TIME": ("tod",),
    "DAYS": ("dow",),
    "DURATION": ("bounds",),
    "ROUTE": ("route",),
    "AS_NEEDED": ("as_needed",),
    "MAX_DOSE": ("max", "maxadm"),
    "DISPENSE": ("supply", "refills"),
    "FORM": ("form",),
    "PHASE": ("phase",),
}
