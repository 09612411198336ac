"""Structured prescriptions → one canonical sentence, in French or in English.

``posology.render(obj, lang)`` renders a :class:`~posology.StructureResult`, typed values
(:class:`~posology.dosage.Prescription`, ``Medication``, ``Dosage``) or FHIR JSON that any
system wrote (a Bundle, a MedicationRequest or a Dosage dict, R4 or R5). Each wording is one
the conventions map back to the same field, so structuring a rendering gives back the fields
that were rendered (``tests/test_render.py`` checks it on every gold line).

>>> from posology.dosage import Dosage, Dose, Duration, Quantity, Timing
>>> dosage = Dosage("", 0, 0, dose=Dose(Quantity(1, "tablet")),
...                 timing=Timing(frequency=1, period=8, period_unit="h", bounds=Duration(7, "d")))
>>> render(dosage, "en")
'1 tablet every 8 hours for 7 days'
>>> render(dosage, "fr")
'1 comprimé toutes les 8 heures pendant 7 jours'

The package is ``posology.rendering`` (not ``posology.render``) so that the function
``posology.render`` is never shadowed by a submodule of the same name.
"""

from __future__ import annotations

from typing import Any

from posology.dosage import Dosage, Medication, Prescription
from posology.errors import Errors, InputError
from posology.rendering.from_fhir import dosage_from_fhir, medication_from_fhir, prescription_from_fhir
from posology.rendering.lang import LANGUAGES, detect_lang, language_of, narrative_lang, primary_language
from posology.rendering.narrative import with_narratives
from posology.rendering.sentence import dosage_sentence, medication_sentence, prescription_text

__all__ = ["LANGUAGES", "detect_lang", "language_of", "narrative_lang", "primary_language", "render", "with_narratives"]


def _texts(obj: Any) -> str:
    """The source text an object was structured from, to detect its language."""
    if isinstance(obj, Prescription):
        return obj.text
    if isinstance(obj, Medication):
        return " ".join(d.text for d in obj.dosages)
    if isinstance(obj, Dosage):
        return obj.text
    if isinstance(obj, dict):
        found: list[str] = []
        _collect_dosage_texts(obj, found)
        return " ".join(found)
    return getattr(obj, "text", "") or ""


def _collect_dosage_texts(node: Any, found: list[str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("text"), str) and ("timing" in node or "doseAndRate" in node):
            found.append(node["text"])
        for value in node.values():
            _collect_dosage_texts(value, found)
    elif isinstance(node, list):
        for value in node:
            _collect_dosage_texts(value, found)


def _typed(obj: Any) -> Prescription | Medication | Dosage:
    if isinstance(obj, (Prescription, Medication, Dosage)):
        return obj
    if isinstance(getattr(obj, "prescription", None), Prescription):  # a StructureResult
        return obj.prescription
    if isinstance(obj, dict):
        kind = obj.get("resourceType")
        if kind == "Bundle":
            return prescription_from_fhir(obj)
        if kind == "MedicationRequest":
            return medication_from_fhir(obj)
        if kind is None:
            return dosage_from_fhir(obj)
    raise InputError(Errors.E024.format(kind=type(obj).__name__))


def render(obj: Any, lang: str | None = None) -> str:
    """The canonical sentence of ``obj`` in ``lang`` (``"fr"`` or ``"en"``); ``None`` reads the
    language of the text ``obj`` was structured from (:func:`detect_lang`; French when none).
    A prescription gives one line per medication.

    >>> render({"resourceType": "MedicationRequest", "status": "stopped",
    ...         "medicationCodeableConcept": {"text": "Kardégic"}}, "fr")
    'ARRÊT : Kardégic'
    """
    typed = _typed(obj)
    words = language_of(lang) if lang is not None else LANGUAGES[detect_lang(_texts(obj))]
    if isinstance(typed, Prescription):
        return prescription_text(typed, words)
    if isinstance(typed, Medication):
        return medication_sentence(typed, words)
    return dosage_sentence(typed, words)
