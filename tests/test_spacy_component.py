"""The spaCy component: ``nlp.add_pipe("posology")`` on blank French and English pipelines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from posology.errors import InputError

ROOT = Path(__file__).resolve().parent.parent


def spans(doc) -> list[tuple[str, str]]:
    return [(span.label_, span.text) for span in doc.spans["posology"]]


def requests(doc) -> list[dict]:
    return [e["resource"] for e in doc._.bundle["entry"] if e["resource"]["resourceType"] == "MedicationRequest"]


@pytest.fixture(scope="module")
def fr():
    nlp = spacy.blank("fr")
    nlp.add_pipe("posology")
    return nlp


@pytest.fixture(scope="module")
def en():
    nlp = spacy.blank("en")
    nlp.add_pipe("posology")
    return nlp


def test_french_fields_become_spans(fr):
    doc = fr("Doliprane 1000 mg 1 cp 3x/j le matin pendant 5 jours si douleur")
    assert spans(doc) == [
        ("drug", "Doliprane"),
        ("strength", "1000 mg"),
        ("dose", "1 cp"),
        ("frequency", "3x/j"),
        ("when", "le matin"),
        ("duration", "pendant 5 jours"),
        ("as_needed", "si douleur"),
    ]
    (request,) = requests(doc)
    timing = request["dosageInstruction"][0]["timing"]["repeat"]
    assert timing["frequency"] == 3 and timing["when"] == ["MORN"] and timing["boundsDuration"]["value"] == 5
    assert doc._.bundle["resourceType"] == "Bundle"


def test_english_fields_become_spans(en):
    doc = en("Tab. Dolo 650mg 1-0-1 x 5 days PO")
    assert spans(doc) == [
        ("form", "Tab."),
        ("drug", "Dolo"),
        ("strength", "650mg"),
        ("slot", "1-0-1"),
        ("duration", "x 5 days"),
        ("route", "PO"),
    ]
    (request,) = requests(doc)
    dosage = request["dosageInstruction"][0]
    assert dosage["timing"]["repeat"]["when"] == ["MORN", "EVE"]
    assert dosage["route"]["coding"][0]["system"] == "http://standardterms.edqm.eu"


def test_each_medication_has_its_spans(fr):
    doc = fr("Doliprane 1000 mg 1 cp 3x/j si douleur, Spasfon 80 mg 2 cp si douleur")
    assert [text for label, text in spans(doc) if label in ("drug", "strength", "dose")] == [
        "Doliprane",
        "1000 mg",
        "1 cp",
        "Spasfon",
        "80 mg",
        "2 cp",
    ]
    assert [r["contained"][0]["code"]["text"] for r in requests(doc)] == ["Doliprane", "Spasfon"]


def test_spans_follow_the_pipeline_tokens(fr):
    doc = fr("1cp le matin")  # spaCy keeps "1cp" whole; posology reads "1" "cp": the span expands
    assert [token.text for token in doc] == ["1cp", "le", "matin"]
    assert spans(doc) == [("dose", "1cp"), ("when", "le matin")]


def test_config_options(fr):
    nlp = spacy.blank("fr")
    nlp.add_pipe("posology", config={"fhir_version": "R5", "engine": "rules"})
    doc = nlp("1 cp le soir")
    (request,) = requests(doc)
    assert "medication" in request  # R5: a CodeableReference
    assert nlp.get_pipe_config("posology") == {
        "factory": "posology",
        "fhir_version": "R5",
        "engine": "rules",
        "spans_key": "posology",
    }
    with pytest.raises(InputError, match="E004"):
        spacy.blank("fr").add_pipe("posology", config={"fhir_version": "R3"})


def test_empty_text_gives_an_outcome_and_no_span(fr):
    doc = fr("")
    assert spans(doc) == []
    assert [e["resource"]["resourceType"] for e in doc._.bundle["entry"]] == ["OperationOutcome"]


def test_pipe_structures_every_doc(en):
    docs = list(en.pipe(["1 tab BD x 5 days", "2 caps at night"]))
    assert [requests(doc)[0]["dosageInstruction"][0]["timing"]["repeat"].get("frequency") for doc in docs] == [2, None]
    assert ("when", "at night") in spans(docs[1])


def test_registered_by_entry_point_alone():
    """A fresh interpreter that imports only spaCy finds the factory (pyproject entry point)."""
    code = (
        "import json, spacy, sys; nlp = spacy.blank('en'); nlp.add_pipe('posology'); doc = nlp('1 tab BD');"
        "print(json.dumps([[s.label_, s.text] for s in doc.spans['posology']]))"
    )
    # a fresh process: in this one the factory is already registered by the import of posology
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [["dose", "1 tab"], ["frequency", "BD"]]
