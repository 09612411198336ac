"""The hybrid engine's NER-guided spelling repair (``posology.steps.hybrid.ner_spelling``).

The NER model marks where a frequency, a timing or a route is written; a misspelt word inside
such a span, which no rule can read, is repaired to the one known word a single edit away and
the rules read the line again. Each repair is reported (W010) with the offsets of the word.
"""

from __future__ import annotations

import pytest

import posology
from benchmarks.fhir_fields import read_bundle


def test_the_shipped_model_makes_the_hybrid_engine_available():
    # models/ner ships with the package: a missing model is a broken install, never a skip
    assert posology.engine_available("hybrid"), "models/ner is missing or unreadable"


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


# --- the default engine, its gate and the guards on NER-only values ------------------------------


def test_hybrid_is_the_default_engine():
    from posology.cli import build_parser

    assert posology.structure("1 cp le matin").engine == "hybrid"
    assert build_parser().parse_args(["structure", "1 cp"]).engine == "hybrid"


@pytest.mark.parametrize(
    "text",
    ["Doliprane 1000 mg 1 cp matin et soir pendant 5 jours", "1 cp x3/j pdt 5j", "Tab. Dolo 650mg 1-0-1 x 5 days"],
)
def test_lines_the_rules_explain_do_not_run_the_ner_model(text, monkeypatch):
    engine = posology.get_engine()

    def fail(*_args, **_kwargs):
        raise AssertionError("the NER model ran on a line the rules explain")

    monkeypatch.setattr(engine.ner, "spans", fail)
    monkeypatch.setattr(engine.ner, "mentions", fail)
    hybrid, _ = fields(text, "hybrid")
    rules, _ = fields(text, "rules")
    assert hybrid == rules and hybrid[0]["dosages"]


def test_a_number_inside_a_name_run_still_runs_the_ner_model():
    # the rules take "Dacryoserum 1 unidose" for a name; the NER model finds the dose in it
    meds, result = fields("Dacryoserum 1 unidose dans chaque œil matin et soir", "hybrid")
    assert meds[0]["drug"] == "Dacryoserum"
    assert meds[0]["dosages"][0]["dose"][0] == 1
    assert any("W008" in i.message for i in result.warnings)


@pytest.mark.parametrize(("text", "code"), [("42", "W012"), ("123 456", "W012"), ("12-01-24", "W011")])
def test_bare_numbers_and_dates_are_no_ner_dose(text, code):
    for engine in ("hybrid", "ner"):
        meds, result = fields(text, engine)
        assert not any(med["dosages"] for med in meds), engine
        assert any("W001" in i.message for i in result.warnings)
    _, result = fields(text, "hybrid")
    assert any(code in i.message for i in result.warnings)


def test_a_zero_ner_dose_is_refused_with_its_offsets():
    text = "0 cp le matin"
    meds, result = fields(text, "ner")
    assert all("dose" not in d for d in meds[0]["dosages"])
    (issue,) = [i for i in result.warnings if "W011" in i.message]
    assert (issue.start, issue.end) == (0, 4)


def test_terminal_colour_codes_are_invisible():
    meds, result = fields("\x1b[31m1 cp le matin\x1b[0m", "hybrid")
    assert meds == [{"dosages": [{"dose": [1, None, "tablet"], "when": ["MORN"]}]}]
    assert not [i for i in result.warnings if i.severity == "warning"]


def test_ner_never_reads_a_number_glued_to_a_name() -> None:
    """'VITAMINE K1': the 1 belongs to the name (the NER model once read it as a strength)."""
    med = posology.structure("VITAMINE K1 10 mg IV lente en dose unique", engine="hybrid").prescription.medications[0]
    assert med.name == "VITAMINE K1" and med.strengths == ()


def test_dispensed_quantity_is_no_dose() -> None:
    med = posology.structure("Tramadol 50 mg 1 tab po q6h prn pain x 5 days. Disp: #20").prescription.medications[0]
    assert [d.dose.low.value for d in med.dosages] == [1]


def test_lines_read_ahead_give_what_one_line_at_a_time_gives():
    # structure_many reads the hybrid engine's lines ahead and the NER model reads their gaps in
    # one batch (posology.Engine.read_ahead); each Bundle is the one structure() gives alone
    from posology.fhir.ids import without_ids

    lines = [
        "2 tabs twice dialy for 5 days",  # a gap: the NER model, a repair, a re-read
        "1 cp le matin",  # no gap
        "Doliprane 1000 mg 1 cp si douleur",
        "",  # an input error
        "1 tablet twise a day after food",
        "2 tabs twice dialy for 5 days",  # seen earlier in the batch
        "1 cp \ud800 le soir",  # a lone surrogate
        "apply a thin layer to the affected area bid prn itching",
    ]
    posology.result_cache().clear()
    many = [without_ids(r.as_dict()) for r in posology.structure_many(lines, engine="hybrid", provenance=True)]
    posology.result_cache().clear()
    alone = [without_ids(posology.structure(t, engine="hybrid", provenance=True).as_dict()) for t in lines]
    assert many == alone
