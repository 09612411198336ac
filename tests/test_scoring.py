"""Benchmark suite: gold loading, FHIR read-back and scoring, on hand-made Bundles (no engine)."""

from __future__ import annotations

import copy
import json

import pytest

from benchmarks import fhir_fields, gold_io
from benchmarks.accuracy import format_report, score_predictions
from benchmarks.fhir_fields import EDQM, UCUM, Codebook, read_bundle
from benchmarks.scoring import Report, align_dosages, score_case, tally

# A small code table standing in for terminologies/ (key → (system, code)).
UNITS = {
    "tablet": (EDQM, "15054000"),
    "capsule": (EDQM, "15012000"),
    "sachet": (EDQM, "15045000"),
    "suppository": (EDQM, "15051000"),
    "puff": (EDQM, "15001000"),
    "drop": (EDQM, "15022000"),
    "injection": (UCUM, "{injection}"),
    "mg": (UCUM, "mg"),
    "g": (UCUM, "g"),
    "mL": (UCUM, "mL"),
    "iU": (UCUM, "[iU]"),
    "teaspoon": (UCUM, "[tsp_m]"),
}
ROUTES = {"oral": "20053000", "subcutaneous": "20066000", "ocular": "20051000"}
CODES = Codebook(
    units={code: key for key, (_, code) in UNITS.items()},
    routes={code: key for key, code in ROUTES.items()},
)
ABSENT = {
    "extension": [
        {
            "url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
            "valueCode": "unknown",
        }
    ]
}


def qty(value, key):
    """A FHIR Quantity for a gold unit key (or a bare number when the key is None)."""
    if key is None:
        return {"value": value}
    system, code = UNITS[key]
    return {"value": value, "unit": key, "system": system, "code": code}


def time_qty(value, unit):
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


# --- a tiny gold → FHIR writer, so that every gold example can round-trip --------------------


def _dosage(d, r5):
    out, repeat = (
        {"text": "…", "extension": [{"url": "urn:provenance", "valueString": "rule:x"}]},
        {},
    )
    if dose := d.get("dose"):
        rate = (
            {"doseQuantity": qty(dose[0], dose[2])}
            if dose[1] is None
            else {"doseRange": {"low": qty(dose[0], dose[2]), "high": qty(dose[1], dose[2])}}
        )
        out["doseAndRate"] = [{"type": {"text": "ordered"}, **rate}]
    if freq := d.get("freq"):
        repeat["frequency"] = freq[0]
        if freq[1] is not None:
            repeat["frequencyMax"] = freq[1]
    if period := d.get("period"):
        repeat.update(period=period[0], periodUnit=period[2])
        if period[1] is not None:
            repeat["periodMax"] = period[1]
    for gold, fhir in (
        ("when", "when"),
        ("tod", "timeOfDay"),
        ("dow", "dayOfWeek"),
        ("offset", "offset"),
        ("count", "count"),
    ):
        if gold in d:
            repeat[fhir] = list(reversed(d[gold])) if isinstance(d[gold], list) else d[gold]
    if bounds := d.get("bounds"):
        repeat["boundsDuration" if bounds[1] is None else "boundsRange"] = (
            time_qty(bounds[0], bounds[2])
            if bounds[1] is None
            else {"low": time_qty(bounds[0], bounds[2]), "high": time_qty(bounds[1], bounds[2])}
        )
    if repeat:
        out["timing"] = {"repeat": repeat}
    if d.get("as_needed"):
        out["asNeeded" if r5 else "asNeededBoolean"] = True
    if route := d.get("route"):
        out["route"] = {"coding": [{"system": EDQM, "code": ROUTES[route]}]}
    if m := d.get("max"):
        ratio = {"numerator": qty(m[0], m[1]), "denominator": time_qty(m[2], m[3])}
        out["maxDosePerPeriod"] = [ratio] if r5 else ratio
    return out


def _request(med, index, r5):
    request = {
        "resourceType": "MedicationRequest",
        "status": "active",
        "intent": "order",
        "subject": ABSENT,
        "dosageInstruction": [_dosage(d, r5) for d in med.get("dosages", [])],
    }
    if "drug" in med or "strength" in med:
        strength = "strengthRatio" if r5 else "strength"
        medication = {
            "resourceType": "Medication",
            "id": f"med{index}",
            "ingredient": [
                {
                    "item": {"concept": {"text": "x"}} if r5 else {},
                    strength: {"numerator": qty(v, u), "denominator": {"value": 1}},
                }
                for v, u in med.get("strength", [])
            ],
        }
        if "drug" in med:
            medication["code"] = {"text": med["drug"]}
        request["contained"] = [medication]
        ref = {"reference": f"#med{index}"}
        request.update({"medication": {"reference": ref}} if r5 else {"medicationReference": ref})
    else:
        request.update({"medication": {"concept": ABSENT}} if r5 else {"medicationCodeableConcept": ABSENT})
    dispense = {}
    if "refills" in med:
        dispense["numberOfRepeatsAllowed"] = med["refills"]
    if "supply" in med:
        dispense["expectedSupplyDuration"] = time_qty(*med["supply"])
    if dispense:
        request["dispenseRequest"] = dispense
    return request


def to_bundle(meds, r5=False, outcome=False):
    entries = [{"fullUrl": f"urn:uuid:{i}", "resource": _request(m, i, r5)} for i, m in enumerate(meds)]
    if outcome:
        entries.append({"resource": {"resourceType": "OperationOutcome", "issue": []}})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


EXAMPLES = gold_io.load_split("examples")


# --- gold_io ---------------------------------------------------------------------------------


def test_examples_load():
    assert len(EXAMPLES) == 30 and EXAMPLES[0]["id"] == "X01"


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda c: c.update(extra=1), "unknown"),
        (lambda c: c["meds"][0]["dosages"][0].update(dose=[1, None, "comprimé"]), "dose"),
        (lambda c: c["meds"][0]["dosages"][0].update(route="per os"), "route"),
        (lambda c: c["meds"][0]["dosages"][0].update(when=["MORNING"]), "when"),
        (lambda c: c["meds"][0]["dosages"][0].update(period=[1, None, "day"]), "period"),
        (lambda c: c["meds"][0].update(strength=[[5, "mgs"]]), "strength"),
        (lambda c: c["meds"][0]["dosages"][0].update(tod=["9h"]), "tod"),
        (lambda c: c.pop("text"), "missing"),
    ],
)
def test_malformed_case_names_its_id(mutate, message):
    case = copy.deepcopy(EXAMPLES[0])
    mutate(case)
    with pytest.raises(gold_io.GoldFormatError, match=message) as error:
        gold_io.validate_case(case)
    assert "'X01'" in str(error.value)


def test_load_file_names_line_and_duplicates(tmp_path):
    (tmp_path / "dev_fr.jsonl").write_text(json.dumps(EXAMPLES[0]) + "\n\n" + json.dumps(EXAMPLES[0]) + "\n")
    with pytest.raises(gold_io.GoldFormatError, match="duplicate id 'X01'"):
        gold_io.load_split("dev", tmp_path)
    (tmp_path / "dev_fr.jsonl").write_text("{not json\n")
    with pytest.raises(gold_io.GoldFormatError, match="dev_fr.jsonl:1"):
        gold_io.load_split("dev", tmp_path)
    with pytest.raises(FileNotFoundError):
        gold_io.load_split("test", tmp_path)


# --- fhir_fields -----------------------------------------------------------------------------


@pytest.mark.parametrize("r5", [False, True], ids=["R4", "R5"])
@pytest.mark.parametrize("case", EXAMPLES, ids=[c["id"] for c in EXAMPLES])
def test_examples_round_trip_through_fhir(case, r5):
    assert read_bundle(to_bundle(case["meds"], r5), CODES).meds == case["meds"]


RICH = [
    {
        "drug": "Kardégic",
        "strength": [[100, "mg"], [25, "mg"]],
        "refills": 2,
        "supply": [3, "mo"],
        "dosages": [
            {
                "dose": [1, 2, "tablet"],
                "freq": [2, 3],
                "period": [4, 6, "h"],
                "when": ["ACM", "EVE"],
                "offset": 30,
                "bounds": [3, 5, "d"],
                "as_needed": True,
                "route": "oral",
                "max": [4, "g", 1, "d"],
                "count": 6,
                "dow": ["mon", "tue"],
                "tod": ["08:00:00"],
            }
        ],
    },
    {"dosages": [{"dose": [1, None, None]}]},
]


@pytest.mark.parametrize("r5", [False, True], ids=["R4", "R5"])
def test_rich_bundle_reads_back(r5):
    fields = read_bundle(to_bundle(RICH, r5, outcome=True), CODES)
    assert fields.meds == RICH and fields.outcomes == 1 and fields.unmapped == []


def test_r4_hand_written_bundle():
    """Written by hand as the engine would (CONVENTIONS §1-§4), not through the test writer."""
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "MedicationRequest",
                    "status": "active",
                    "intent": "order",
                    "subject": ABSENT,
                    "contained": [
                        {
                            "resourceType": "Medication",
                            "id": "med1",
                            "code": {"text": "Xeplion"},
                            "form": {"coding": [{"system": EDQM, "code": "10219000"}]},
                            "ingredient": [
                                {
                                    "itemCodeableConcept": {"text": "x"},
                                    "strength": {
                                        "numerator": {
                                            "value": 50,
                                            "unit": "mg",
                                            "system": UCUM,
                                            "code": "mg",
                                        },
                                        "denominator": {"value": 1},
                                    },
                                }
                            ],
                        }
                    ],
                    "medicationReference": {"reference": "#med1"},
                    "dosageInstruction": [
                        {
                            "text": "1 cp au petit-déjeuner",
                            "sequence": 1,
                            "timing": {"repeat": {"when": ["CM"]}},
                            "asNeededCodeableConcept": {"text": "si douleur"},
                            "doseAndRate": [
                                {
                                    "doseQuantity": {
                                        "value": 1,
                                        "unit": "comprimé",
                                        "system": EDQM,
                                        "code": "15054000",
                                    }
                                }
                            ],
                        }
                    ],
                }
            }
        ],
    }
    assert read_bundle(bundle, CODES).meds == [
        {
            "drug": "Xeplion",
            "strength": [[50, "mg"]],
            "dosages": [{"dose": [1, None, "tablet"], "when": ["CM"], "as_needed": True}],
        }
    ]


def test_r5_as_needed_for_and_unmapped_code():
    bundle = {
        "resourceType": "Bundle",
        "entry": [
            {
                "resource": {
                    "resourceType": "MedicationRequest",
                    "medication": {"concept": ABSENT},
                    "dosageInstruction": [
                        {
                            "asNeededFor": [{"text": "fièvre"}],
                            "doseAndRate": [{"doseQuantity": {"value": 2, "system": EDQM, "code": "99999999"}}],
                        }
                    ],
                }
            }
        ],
    }
    fields = read_bundle(bundle, CODES)
    assert fields.meds == [{"dosages": [{"dose": [2, None, "99999999"], "as_needed": True}]}]
    assert fields.unmapped == [f"{EDQM}|99999999"]


def test_python_mode_dump_values_are_plain():
    """fhir.resources ``model_dump()`` gives Decimal and datetime.time, not JSON numbers/strings."""
    import datetime
    from decimal import Decimal

    bundle = to_bundle([{"dosages": [{"dose": [1, None, "tablet"], "tod": ["08:00:00"]}]}])
    dosage = bundle["entry"][0]["resource"]["dosageInstruction"][0]
    dosage["doseAndRate"][0]["doseQuantity"]["value"] = Decimal("0.50")
    dosage["timing"]["repeat"]["timeOfDay"] = [datetime.time(8, 0)]
    dosage["route"] = {
        "coding": [
            {"system": "http://snomed.info/sct", "code": "26643006"},
            {"system": EDQM, "code": "20053000"},
        ]
    }
    assert read_bundle(bundle, CODES).meds[0]["dosages"] == [
        {"dose": [0.5, None, "tablet"], "tod": ["08:00:00"], "route": "oral"}
    ]


def test_default_codebook_reads_key_and_code_columns(monkeypatch):
    tables = {
        "ucum/units.csv": [{"key": "mg", "code": "mg", "display": "mg"}],
        "edqm/units_of_presentation.csv": [{"key": "tablet", "code": "15054000"}],
        "edqm/routes.csv": [{"key": "oral", "code": "20053000"}],
    }
    monkeypatch.setattr("posology.resources.read_table", tables.__getitem__)
    fhir_fields.default_codebook.cache_clear()
    try:
        assert fhir_fields.default_codebook() == Codebook({"mg": "mg", "15054000": "tablet"}, {"20053000": "oral"})
    finally:
        fhir_fields.default_codebook.cache_clear()


def test_real_tables_cover_every_gold_key():
    """The shipped terminology tables must map back every unit and route key of §6."""
    codes = fhir_fields.default_codebook()  # a missing table fails: terminologies/ ships with the package
    assert gold_io.UNIT_KEYS <= set(codes.units.values())
    assert gold_io.ROUTE_KEYS <= set(codes.routes.values())
    for key, (_, code) in UNITS.items():
        assert codes.units[code] == key


# --- scoring ---------------------------------------------------------------------------------


def case_of(*meds, id="T", lang="fr", cats=None):
    case = {"id": id, "lang": lang, "text": "t", "meds": list(meds)}
    if cats:
        case["cats"] = cats
    return case


def dosages(*ds, **med):
    return {**med, "dosages": list(ds)}


@pytest.mark.parametrize("case", EXAMPLES, ids=[c["id"] for c in EXAMPLES])
def test_identical_scores_zero(case):
    result = score_case(case, copy.deepcopy(case["meds"]))
    assert result.wrong == [] and result.ok and result.gold_fields > 0


@pytest.mark.parametrize(
    "gold, predicted",
    [
        ({"dose": [1, None, "g"]}, {"dose": [1000, None, "mg"]}),
        ({"dose": [500, 1000, "ug"]}, {"dose": [0.5, 1, "mg"]}),
        ({"dose": [1, None, "L"]}, {"dose": [1000, None, "mL"]}),
        ({"dose": [1, None, "teaspoon"]}, {"dose": [5, None, "mL"]}),
        ({"dose": [1, None, "tablespoon"]}, {"dose": [15, None, "mL"]}),
        ({"max": [4, "g", 1, "d"]}, {"max": [4000, "mg", 24, "h"]}),
        ({"period": [24, None, "h"]}, {"period": [1, None, "d"]}),
        ({"period": [1, None, "h"]}, {"period": [60, None, "min"]}),
        ({"period": [1, 2, "wk"]}, {"period": [7, 14, "d"]}),
        ({"bounds": [2, None, "wk"]}, {"bounds": [14, None, "d"]}),
        ({"dose": [1, None, "tablet"]}, {"dose": [1 + 1e-12, None, "tablet"]}),
        ({"tod": ["09:00:00"]}, {"tod": ["09:00"]}),
        ({"when": ["MORN", "EVE"]}, {"when": ["EVE", "MORN"]}),
    ],
)
def test_unit_conversions_are_equal(gold, predicted):
    assert score_case(case_of(dosages(gold)), [dosages(predicted)]).wrong == []


@pytest.mark.parametrize(
    "gold, predicted",
    [
        ({"strength": [[1, "g"], [125, "mg"]]}, {"strength": [[125, "mg"], [1000, "mg"]]}),
        ({"supply": [3, "mo"]}, {"supply": [3, "mo"]}),
        ({"supply": [1, "wk"]}, {"supply": [7, "d"]}),
        ({"drug": "Kardégic"}, {"drug": "  KARDEGIC "}),
        ({"drug": "metoprolol succinate (TOPROL-XL)"}, {"drug": "metoprolol succinate"}),  # a brand written or not
        ({"drug": "apixaban"}, {"drug": "apixaban (ELIQUIS)"}),
        ({"drug": "TOUJEO SOLOSTAR"}, {"drug": "TOUJEO"}),  # an insulin pen's device name written or not
        ({"drug": "Levemir"}, {"drug": "Levemir FlexPen"}),
        ({"status": "active"}, {}),  # a gold writing the default status: a plain active order
    ],
)
def test_med_fields_equal(gold, predicted):
    assert score_case(case_of(dosages(**gold)), [dosages(**predicted)]).wrong == []


@pytest.mark.parametrize(
    "gold, predicted",
    [
        ("apixaban (ELIQUIS)", "rivaroxaban (XARELTO)"),
        ("metoprolol (LOPRESSOR)", "LOPRESSOR"),
        ("ELIQUIS", "apixaban"),
        ("LANTUS SOLOSTAR", "TOUJEO"),
    ],
)
def test_a_different_name_beside_a_brand_is_wrong(gold, predicted):
    wrong = score_case(case_of(dosages(drug=gold)), [dosages(drug=predicted)]).wrong
    assert [c.path for c in wrong] == ["meds[0].drug"]


BASE = {"dose": [1, None, "tablet"], "when": ["MORN"], "bounds": [5, None, "d"]}


@pytest.mark.parametrize(
    "predicted, field",
    [
        ({"dose": [1, None, "tablet"], "bounds": [5, None, "d"]}, "when"),  # missing
        ({**BASE, "route": "oral"}, "route"),  # extra
        ({**BASE, "when": ["MORN", "EVE"]}, "when"),  # different set
        ({**BASE, "dose": [2, None, "tablet"]}, "dose.low"),
        ({**BASE, "dose": [1, None, "capsule"]}, "dose.unit"),
        ({**BASE, "dose": [1, 2, "tablet"]}, "dose.high"),
        ({**BASE, "dose": [1, None, None]}, "dose.unit"),
        ({**BASE, "bounds": [5, None, "wk"]}, "bounds.unit"),  # a wrong unit alone costs one field
        ({**BASE, "bounds": [5, None, "mo"]}, "bounds.unit"),
        ({**BASE, "bounds": [6, None, "d"]}, "bounds.value"),
    ],
)
def test_one_difference_counted_once(predicted, field):
    result = score_case(case_of(dosages(BASE)), [dosages(predicted)])
    assert [c.field for c in result.wrong] == [field]
    assert result.wrong[0].path == f"meds[0].dosages[0].{field}"


def test_missing_group_costs_each_gold_part():
    result = score_case(case_of(dosages(BASE)), [dosages({"dose": [1, None, "tablet"], "when": ["MORN"]})])
    assert sorted(c.field for c in result.wrong) == ["bounds.unit", "bounds.value"]
    converted_wrong = score_case(case_of(dosages(BASE)), [dosages({**BASE, "bounds": [1, None, "wk"]})])
    assert sorted(c.field for c in converted_wrong.wrong) == ["bounds.unit", "bounds.value"]


def test_missing_unit_is_a_gold_field_only_when_given():
    gold = case_of(dosages({"dose": [1, None, None], "when": ["EVE", "MORN"]}))
    assert score_case(gold, [dosages({"dose": [1, None, None], "when": ["MORN", "EVE"]})]).gold_fields == 2
    wrong = score_case(gold, [dosages({"dose": [1, None, "tablet"], "when": ["EVE", "MORN"]})]).wrong
    assert [(c.field, c.gold, c.predicted) for c in wrong] == [("dose.unit", None, "tablet")]


def test_dosage_permutation_is_matched():
    morning, evening = (
        {"dose": [2, None, "tablet"], "when": ["MORN"]},
        {"dose": [1, None, "tablet"], "when": ["EVE"]},
    )
    assert score_case(case_of(dosages(morning, evening)), [dosages(evening, morning)]).wrong == []
    assert align_dosages([morning, evening], [evening]) == [(0, None), (1, 0)]


def test_many_dosages_fall_back_to_greedy():
    gold = [{"dose": [n, None, "drop"], "when": ["MORN"]} for n in range(1, 9)]
    assert score_case(case_of(dosages(*gold)), [dosages(*reversed(gold))]).wrong == []


def test_unmatched_dosages_all_wrong():
    one = {"dose": [1, None, "tablet"], "when": ["MORN"]}
    two = {"dose": [2, None, "tablet"], "freq": [1, None], "period": [1, None, "d"]}
    extra = score_case(case_of(dosages(one)), [dosages(one, two)]).wrong
    assert len(extra) == 5 and {c.gold for c in extra} == {None} and extra[0].path.startswith("meds[0].dosages[+1].")
    missing = score_case(case_of(dosages(one, two)), [dosages(one)])
    assert len(missing.wrong) == 5 and missing.gold_fields == 8


def test_extra_and_missing_med():
    med = dosages({"dose": [1, None, "tablet"]}, drug="Doliprane", strength=[[1000, "mg"]])
    other = dosages({"dose": [2, None, "tablet"], "as_needed": True}, drug="Spasfon")
    extra = score_case(case_of(med), [med, other])
    assert [c.path for c in extra.wrong] == [
        "meds[1].drug",
        "meds[1].dosages[+0].dose.low",
        "meds[1].dosages[+0].dose.unit",
        "meds[1].dosages[+0].as_needed",
    ]
    assert extra.gold_fields == 4
    missing = score_case(case_of(med, other), [med])
    assert len(missing.wrong) == 4 and missing.gold_fields == 8


def test_ratios_on_a_toy_set():
    gold = dosages({"dose": [1, None, "tablet"], "when": ["MORN"]})  # 3 gold fields per line
    lines = [
        score_case(case_of(gold, id="a", cats=["slots"]), [gold]),
        score_case(
            case_of(gold, id="b", cats=["slots", "en"], lang="en"),
            [dosages({"dose": [2, None, "tablet"], "when": ["EVE"]})],
        ),
        score_case(
            case_of(gold, id="c"),
            [dosages({"dose": [1, None, "tablet"], "when": ["MORN"], "route": "oral"})],
        ),
    ]
    report = Report(lines)
    assert (report.overall.gold, report.overall.wrong) == (9, 3)
    assert report.overall.error_ratio == pytest.approx(3 / 9)
    assert report.overall.well_structured_ratio == pytest.approx(1 / 3)
    assert report.per_field["when"] == (1, 3) and report.per_field["route"] == (1, 0)
    slots = report.per_category["slots"]
    assert (slots.lines, slots.well, slots.error_ratio) == (2, 1, pytest.approx(2 / 6))
    assert report.per_category["-"].well_structured_ratio == 0
    assert report.per_lang["en"].error_ratio == pytest.approx(2 / 3)
    assert report.per_lang["fr"].well_structured_ratio == pytest.approx(1 / 2)
    assert tally([]).error_ratio == 0


def test_report_from_bundles_and_engine_errors():
    cases = EXAMPLES[:3]
    bundles = [
        to_bundle(cases[0]["meds"]),
        RuntimeError("boom"),
        to_bundle(cases[2]["meds"], outcome=True),
    ]
    report = Report(score_predictions(cases, bundles, CODES), "rules", "R4", "examples")
    data = json.loads(json.dumps(report.as_dict()))
    assert data["overall"]["lines"] == 3 and data["overall"]["well"] == 2
    assert data["engine_errors"] == 1 and data["outcomes"] == 1
    assert data["failures"][0]["id"] == "X02" and "boom" in data["failures"][0]["error"]
    text = format_report(report, show_failures=5)
    assert "[X02]" in text and "meds[0].drug" in text
