"""The rendering where FHIR expects it: ``MedicationRequest.text`` and ``Dosage.patientInstruction``.

:func:`with_narratives` post-processes a Bundle dict: each MedicationRequest gets a generated
Narrative (``status: generated``, an XHTML ``div`` with the sentence, escaped, and its
``lang``) and each of its Dosages a ``patientInstruction``. It reads the Bundle's own FHIR
(not the typed values), so the narrative says exactly what the resource holds, whoever built
it. The language is the caller's, else the request's own ``language`` element, else the one
read in the line. Nothing else of the Bundle changes; an empty rendering writes nothing (FHIR
forbids an empty narrative).

>>> request = {"resourceType": "MedicationRequest", "status": "active", "intent": "order",
...     "dosageInstruction": [{"timing": {"repeat": {"when": ["MORN"]}},
...     "doseAndRate": [{"doseQuantity": {"value": 1, "system": "http://standardterms.edqm.eu",
...                                         "code": "15054000"}}]}]}
>>> bundle = with_narratives({"resourceType": "Bundle", "type": "collection",
...                           "entry": [{"resource": request}]}, "en")
>>> done = bundle["entry"][0]["resource"]
>>> done["text"]["div"]
'<div xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">1 tablet in the morning</div>'
>>> done["dosageInstruction"][0]["patientInstruction"]
'1 tablet in the morning'
"""

from __future__ import annotations

import html
from typing import Any

from posology.rendering.from_fhir import medication_from_fhir, resources_by_reference
from posology.rendering.lang import detect_lang, language_of, primary_language
from posology.rendering.sentence import clauses, joined, medication_sentence

__all__ = ["narrative", "request_lang", "with_narratives"]

Json = dict[str, Any]
XHTML = "http://www.w3.org/1999/xhtml"
# FHIR element order: ``text`` comes after these in a resource, ``patientInstruction`` after
# these in a Dosage.
_BEFORE_TEXT = ("resourceType", "id", "meta", "implicitRules", "language")
_BEFORE_INSTRUCTION = ("extension", "modifierExtension", "sequence", "text", "additionalInstruction")


def narrative(sentence: str, lang: str) -> Json:
    """A generated FHIR Narrative holding ``sentence`` (escaped), one ``<br/>`` per line."""
    body = "<br/>".join(html.escape(line, quote=False) for line in sentence.split("\n"))
    div = f'<div xmlns="{XHTML}" lang="{lang}" xml:lang="{lang}">{body}</div>'
    return {"status": "generated", "div": div}


def _insert(node: Json, key: str, value: Any, after: tuple[str, ...]) -> Json:
    """``node`` with ``key`` set, placed after the keys of ``after`` (FHIR element order)."""
    items = [(k, v) for k, v in node.items() if k != key]
    at = max((i + 1 for i, (k, _) in enumerate(items) if k in after), default=0)
    return dict(items[:at] + [(key, value)] + items[at:])


def request_lang(request: Json, text: str | None = None) -> str:
    """A MedicationRequest's own language: its ``language`` element when French or English,
    else the one :func:`~posology.rendering.detect_lang` reads in ``text`` (the line), else in
    its Dosages' texts."""
    own = primary_language(request.get("language"))
    if own:
        return own
    if text is None:
        text = " ".join(d.get("text") or "" for d in request.get("dosageInstruction") or [])
    return detect_lang(text)


def _request_with_text(request: Json, resources: dict[str, Json], lang: str) -> Json:
    words = language_of(lang)
    medication = medication_from_fhir(request, resources)
    stat = medication.priority == "stat"
    dosages = []
    nodes = request.get("dosageInstruction") or []
    # each Dosage's clauses, made once: its patientInstruction and the request's sentence read them
    lists = [clauses(dosage, words, stat and index == 0) for index, dosage in enumerate(medication.dosages)]
    for node, items in zip(nodes, lists, strict=True):
        instruction = joined(items)  # dosage_sentence(dosage, words, stat and index == 0)
        dosages.append(_insert(node, "patientInstruction", instruction, _BEFORE_INSTRUCTION) if instruction else node)
    if dosages:
        request = {**request, "dosageInstruction": dosages}
    sentence = medication_sentence(medication, words, lists)
    return _insert(request, "text", narrative(sentence, lang), _BEFORE_TEXT) if sentence else request


def with_narratives(bundle: Json, lang: str | None = None, text: str | None = None) -> Json:
    """A copy of ``bundle`` whose MedicationRequests carry their rendering in ``lang``; with no
    ``lang``, in each request's own language (:func:`request_lang`; ``text``: the source line)."""
    resources = resources_by_reference(bundle)
    entries = []
    for entry in bundle.get("entry") or []:
        resource = entry.get("resource") or {}
        if resource.get("resourceType") == "MedicationRequest":
            language = lang or request_lang(resource, text)
            entry = {**entry, "resource": _request_with_text(resource, resources, language)}
        entries.append(entry)
    return {**bundle, "entry": entries} if "entry" in bundle else dict(bundle)
