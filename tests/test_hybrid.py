"""The hybrid engine's NER-guided spelling repair (``Engine.ner_spelling``).

The NER model marks where a frequency, a timing or a route is written; a misspelt word inside
such a span, which no rule can read, is repaired to the one known word a single edit away and
the rules read the line again. Each repair is reported (W010) with the offsets of the word.
"""

from __future__ import annotations

import pytest

import posology
from benchmarks.fhir_fields import read_bundle

pytestmark = pytest.mark.skipif(not posology.engine_available("hybrid"), reason="no NER model")


def fields(text: str, engine: str) -> tuple[list[dict], posology.StructureResult]:
    result = posology.structure(text, engine=engine)
    return read_bundle(result.as_dict()).meds, result


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("2 tabs twice dialy for 5 days", "dialy", {"freq": [2, None], "period": [1, None, "d"]}),
        ("1 tablet twise a day after food", "twise", {"freq": [2, None], "when": ["PC"]}),
        ("1 injection sou cutané par jour", "sou", {"route": "subcutaneous"}),
    ],
)
def test_misspelt_word_inside_an_ner_span_is_repaired(text, word, expected):
    rules, _ = fields(text, "rules")
    hybrid, result = fields(text, "hybrid")
    (dosage,) = hybrid[0]["dosages"]
    assert {key: dosage.get(key) for key in expected} == expected
    assert {key: rules[0]["dosages"][0].get(key) for key in expected} != expected  # rules alone miss it
    (issue,) = [i for i in result.warnings if "W010" in i.message]
    start = text.index(word)
    assert (issue.start, issue.end) == (start, start + len(word))


def test_drug_names_and_known_words_are_never_repaired():
    _, result = fields("Doliprane 1000 mg 1 cp matin et soir pendant 5 jours", "hybrid")
    assert not [i for i in result.warnings if "W010" in i.message]
    meds, _ = fields("Dolipran 1000 mg 1 cp le soir", "hybrid")
    assert meds[0]["drug"] == "Dolipran"


def test_rules_engine_does_not_repair():
    _, result = fields("2 tabs twice dialy for 5 days", "rules")
    assert not [i for i in result.warnings if "W010" in i.message]
