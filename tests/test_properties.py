"""Properties of ``posology.structure`` that hold for every input (hypothesis, bounded).

- it never raises on any text (control characters, symbols, very long text included);
- its Bundle always validates (fhir.resources model) and every code is in its value set,
  in R4 and in R5;
- it is deterministic: the same input gives the same JSON, ids aside;
- a line written in canonical French or English from known fields reads back (through the
  benchmark's FHIR reader) as exactly those fields.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import posology
from benchmarks.fhir_fields import read_bundle
from posology.fhir import check_codes, to_model, without_ids

VERSIONS = ("R4", "R5")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Prescription-like vocabulary mixed with noise finds far more paths than random Unicode alone.
WORDS = (
    "1 2 3 1/2 ½ 0,5 1 000 500 mg g ml µg μg UI cp comprimé gélule sachet goutte OD BID TID q8h "
    "x3/j 3x/j 1-0-1 2-0-1 1/2-0-1/2 le matin midi soir au coucher à 7h 22h30 pendant 5 jours "
    "semaines mois puis si besoin douleur max par jour fois toutes les heures Doliprane "
    "Vitamine D3 B12 Dolo650mg 12/01/2024 voie orale SC IM IV , ; : . - + ( ) / x"
).split()
prescription_like = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=300), prescription_like)


def _check_bundle(text: str, version: str) -> dict:
    result = posology.structure(text, fhir_version=version)
    bundle = result.as_dict()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert to_model(bundle, version).type == "collection"
    assert check_codes(bundle, version) == []
    kinds = {entry["resource"]["resourceType"] for entry in bundle.get("entry", [])}
    assert kinds <= {"MedicationRequest", "OperationOutcome"}
    assert kinds, "every text gives a MedicationRequest or an OperationOutcome"
    return bundle


@FAST
@given(text=any_text)
def test_never_raises_and_always_valid_fhir(text: str) -> None:
    for version in VERSIONS:
        _check_bundle(text, version)


@LONG
@given(text=st.text(min_size=1000, max_size=4000))
def test_long_random_text_is_valid_fhir(text: str) -> None:
    for version in VERSIONS:
        _check_bundle(text, version)


@FAST
@given(text=st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=50))
def test_control_and_space_characters(text: str) -> None:
    bundle = _check_bundle(text, "R4")
    meds = read_bundle(bundle).meds
    assert all(not med.get("dosages") and "drug" not in med for med in meds)


@FAST
@given(text=any_text)
def test_deterministic(text: str) -> None:
    """The same JSON, ids aside (every call mints new resource ids: posology.fhir.ids)."""
    first = without_ids(posology.structure(text).as_dict())
    second = without_ids(posology.structure(text).as_dict())
    assert first == second
    assert [without_ids(r.as_dict()) for r in posology.structure_many([text, text])] == [first, first]


# --- round trip: canonical lines from known fields ----------------------------------------

UNITS = {  # key: (French singular, plural, English singular, plural)
    "tablet": ("comprimé", "comprimés", "tablet", "tablets"),
    "capsule": ("gélule", "gélules", "capsule", "capsules"),
    "sachet": ("sachet", "sachets", "sachet", "sachets"),
    "drop": ("goutte", "gouttes", "drop", "drops"),
}
WHEN = {  # EventTiming: (French, English)
    "MORN": ("le matin", "in the morning"),
    "NOON": ("le midi", "at noon"),
    "EVE": ("le soir", "in the evening"),
    "HS": ("au coucher", "at bedtime"),
}
DRUGS = ("Doliprane", "Amoxicilline", "Metformine", "Levothyrox", "Kardégic")


def _join(parts: list[str], conjunction: str) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {conjunction} " + parts[-1]


@st.composite
def canonical_lines(draw) -> tuple[str, list[dict]]:
    lang = draw(st.sampled_from(["fr", "en"]))
    fr = lang == "fr"
    drug = draw(st.none() | st.sampled_from(DRUGS))
    count = draw(st.integers(1, 4))
    unit = draw(st.sampled_from(sorted(UNITS)))
    when = draw(st.lists(st.sampled_from(list(WHEN)), unique=True, max_size=3))
    when.sort(key=list(WHEN).index)
    # a counted frequency alone, event times alone, or both agreeing (2 times a day, morning and evening)
    with_freq = draw(st.booleans()) if when else True
    freq = len(when) if when else draw(st.integers(1, 4))
    days = draw(st.none() | st.integers(2, 30))

    names = UNITS[unit][0:2] if fr else UNITS[unit][2:4]
    parts = [drug] if drug else []
    parts.append(f"{count} {names[count > 1]}")
    if with_freq:
        parts.append(f"{freq} fois par jour" if fr else ("once a day" if freq == 1 else f"{freq} times a day"))
    if when:
        parts.append(_join([WHEN[w][0 if fr else 1] for w in when], "et" if fr else "and"))
    if days:
        parts.append(f"pendant {days} jours" if fr else f"for {days} days")

    dosage: dict = {"dose": [count, None, unit]}
    if with_freq:
        dosage.update(freq=[freq, None], period=[1, None, "d"])
    if when:
        dosage["when"] = sorted(when)
    if days:
        dosage["bounds"] = [days, None, "d"]
    med = {"drug": drug} if drug else {}
    med["dosages"] = [dosage]
    return " ".join(parts), [med]


@FAST
@given(line=canonical_lines())
def test_round_trip_canonical_line(line: tuple[str, list[dict]]) -> None:
    text, expected = line
    for version in VERSIONS:
        result = posology.structure(text, fhir_version=version)
        fields = read_bundle(result.as_dict())
        assert fields.meds == expected, text
        assert not [i for i in result.warnings if i.severity == "error" or i.code == "incomplete"], text


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "2 comprimés 3 fois par jour pendant 5 jours",
            {
                "dose": [2, None, "tablet"],
                "freq": [3, None],
                "period": [1, None, "d"],
                "bounds": [5, None, "d"],
            },
        ),
        (
            "1 capsule in the morning, at noon and in the evening",
            {"dose": [1, None, "capsule"], "when": ["EVE", "MORN", "NOON"]},
        ),
    ],
)
def test_round_trip_examples(text: str, expected: dict) -> None:
    assert read_bundle(posology.structure(text).as_dict()).meds == [{"dosages": [expected]}]


def test_json_is_plain_json() -> None:
    bundle = posology.structure("Doliprane 1 g 3 fois par jour").as_dict()
    assert json.loads(json.dumps(bundle)) == bundle
