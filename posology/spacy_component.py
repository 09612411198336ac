"""spaCy component: ``nlp.add_pipe("posology")`` on any pipeline (``spacy.blank("fr")``, ``"en"``).

Registered through the ``spacy_factories`` entry point (pyproject.toml), so installing posology
is enough: no import needed before ``add_pipe``. The component structures ``doc.text`` with
:func:`posology.structure` and writes

- ``doc._.bundle``: the FHIR Bundle (a JSON-ready dict);
- ``doc.spans["posology"]``: one span per structured field, labelled with the field
  (``drug``, ``strength``, ``dose``, ``frequency``, ``when``, ``duration``, ``route``,
  ``as_needed``, ``form`` …), from ``result.prescription``'s character offsets
  (``Dosage.sources``, ``Medication.name_start``), aligned to the pipeline's tokens with
  ``doc.char_span(..., alignment_mode="expand")``.

Config: ``fhir_version`` (``R4`` / ``R5``), ``engine`` (``rules`` / ``ner`` / ``hybrid``),
``spans_key``.

>>> import spacy
>>> nlp = spacy.blank("fr")
>>> _ = nlp.add_pipe("posology")
>>> doc = nlp("Doliprane 1000 mg 1 cp le matin")
>>> [(span.label_, span.text) for span in doc.spans["posology"]]
[('drug', 'Doliprane'), ('strength', '1000 mg'), ('dose', '1 cp'), ('when', 'le matin')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

import posology
from posology.dosage import Medication, Prescription, Quantity

SPANS_KEY = "posology"
# Field families (docs/fields.md) → span labels; a family not listed keeps its own name.
LABELS = {
    "freq": "frequency",
    "period": "frequency",
    "bounds": "duration",
    "tod": "time_of_day",
    "dow": "day_of_week",
    "max": "max_dose",
    "maxadm": "max_dose_per_administration",
}

if not Doc.has_extension("bundle"):
    Doc.set_extension("bundle", default=None)


@Language.factory(
    "posology",
    default_config={"fhir_version": "R4", "engine": posology.DEFAULT_ENGINE, "spans_key": SPANS_KEY},
)
def make_posology(nlp: Language, name: str, fhir_version: str, engine: str, spans_key: str) -> PosologyComponent:
    """The ``posology`` factory (entry point ``spacy_factories``)."""
    return PosologyComponent(fhir_version=fhir_version, engine=engine, spans_key=spans_key)


class PosologyComponent:
    """Structures each Doc's text; options are checked when the pipe is added."""

    def __init__(
        self, fhir_version: str = "R4", engine: str = posology.DEFAULT_ENGINE, spans_key: str = SPANS_KEY
    ) -> None:
        self.fhir_version, self.engine = posology._check_options(fhir_version, engine)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        result = posology.structure(doc.text, fhir_version=self.fhir_version, engine=self.engine)
        doc._.bundle = result.bundle_dict
        doc.spans[self.spans_key] = field_spans(doc, result.prescription)
        return doc


def field_spans(doc: Doc, prescription: Prescription) -> list[Span]:
    """One span per (label, start, end), in text order; offsets the tokens cannot hold are dropped."""
    seen: dict[tuple[str, int, int], Span] = {}
    for label, start, end in field_offsets(prescription):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span) and (label, span.start, span.end) not in seen:
            seen[(label, span.start, span.end)] = span
    return sorted(seen.values(), key=lambda span: (span.start, span.end, span.label_))


def field_offsets(prescription: Prescription) -> Iterator[tuple[str, int, int]]:
    """``(label, start, end)`` character offsets of every structured field of ``prescription``."""
    medications = prescription.medications
    for index, medication in enumerate(medications):
        if medication.name_start is not None and medication.name_end is not None:
            yield "drug", medication.name_start, medication.name_end
        sources = [source for dosage in medication.dosages for source in dosage.sources]
        if not any(source.field == "strength" for source in sources):
            limit = medications[index + 1].name_start if index + 1 < len(medications) else None
            yield from strength_offsets(prescription.text, medication, limit)
        for source in sources:
            yield LABELS.get(source.field, source.field), source.start, source.end


def strength_offsets(text: str, medication: Medication, limit: int | None) -> Iterator[tuple[str, int, int]]:
    """The strengths as written after the drug name (the typed values keep no offsets for them):
    the first occurrence of each value, with the unit word that follows it."""
    position = medication.name_end or 0
    window = text[: limit if limit is not None and limit > position else len(text)]
    for strength in medication.strengths:
        found = re.compile(_number_pattern(strength) + r"(?:\s?[^\W\d_][\w/%.µ]*)?").search(window, position)
        if found:
            yield "strength", found.start(), found.end()
            position = found.end()


def _number_pattern(quantity: Quantity) -> str:
    """``1000`` also matches ``1 000`` and ``1.000``; ``0.5`` also ``0,5``; no digit may touch it."""
    value = float(quantity.value)
    if value.is_integer():
        digits = f"{int(value):,}".split(",")
        body = r"[\s.\u202f]?".join(digits) if len(digits) > 1 else digits[0]
    else:
        whole, _, decimals = repr(value).partition(".")
        body = f"{whole}[.,]{decimals}"
    return rf"(?<![\d.,]){body}(?![\d])"


def bundle(doc: Doc) -> dict[str, Any] | None:
    """``doc._.bundle`` (for callers that prefer a function to the extension)."""
    return doc._.bundle
