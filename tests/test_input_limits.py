"""Input at the edges: empty, huge, binary, odd characters. Never an exception; either the
right fields or an OperationOutcome saying why nothing (or not everything) was understood."""

from __future__ import annotations

import random
from typing import Any

import pytest

import posology
from benchmarks.fhir_fields import read_bundle
from posology.engine import DEFAULT_MAX_LENGTH, Engine
from posology.errors import Errors
from posology.fhir import build_bundle, check_codes, to_model

VERSIONS = ("R4", "R5")


def run(text: str, version: str = "R4") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(gold-form meds, OperationOutcome issues) of ``text``, after checking the Bundle."""
    bundle = posology.structure(text, fhir_version=version).as_dict()
    return _read(bundle, version)


def _read(bundle: dict[str, Any], version: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    to_model(bundle, version)
    assert check_codes(bundle, version) == []
    issues = [
        issue
        for entry in bundle.get("entry", [])
        if entry["resource"]["resourceType"] == "OperationOutcome"
        for issue in entry["resource"]["issue"]
    ]
    return read_bundle(bundle).meds, issues


def only_error(issues: list[dict[str, Any]], code: str) -> dict[str, Any]:
    (issue,) = issues
    assert issue["severity"] == "error" and issue["code"] == code
    return issue


def incomplete(issues: list[dict[str, Any]]) -> bool:
    """Whether the Outcome says the text was not (fully) understood; a drug name that could
    not be linked to a code (W005) is not about the text and does not count."""
    return any(issue["severity"] == "error" or issue["code"] == "incomplete" for issue in issues)


# --- empty, blank, too long ------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("text", ["", " ", "   \t\n  ", "\u00a0\u202f\u2009", "\r\n\r\n"])
def test_empty_or_blank(text: str, version: str) -> None:
    meds, issues = run(text, version)
    assert meds == []
    assert only_error(issues, "required")["diagnostics"] == Errors.E002


@pytest.mark.parametrize("version", VERSIONS)
def test_100_kb_line_is_too_long(version: str) -> None:
    text = ("Doliprane 1 g 1 cp 3 fois par jour pendant 5 jours, " * 2000)[:100_000]
    meds, issues = run(text, version)
    assert meds == []
    issue = only_error(issues, "too-long")
    assert issue["diagnostics"] == Errors.E001.format(limit=DEFAULT_MAX_LENGTH)


@pytest.fixture(scope="module")
def short_engine() -> Engine:
    return Engine(max_length=40)


def test_max_length_is_configurable(short_engine: Engine) -> None:
    fits = "Doliprane 1 cp le matin"
    too_long = fits + " et 1 cp le soir pendant 5 jours"
    assert len(fits) <= 40 < len(too_long)
    meds, issues = _read(build_bundle(short_engine.prescription(fits)), "R4")
    assert meds == [{"drug": "Doliprane", "dosages": [{"dose": [1, None, "tablet"], "when": ["MORN"]}]}]
    assert not incomplete(issues)
    for version in VERSIONS:
        meds, issues = _read(build_bundle(short_engine.prescription(too_long), fhir_version=version), version)
        assert meds == []
        issue = only_error(issues, "too-long")
        assert issue["diagnostics"] == Errors.E001.format(limit=40)


def test_length_limit_is_inclusive(short_engine: Engine) -> None:
    text = "1 cp le matin".ljust(40, ".")
    assert short_engine.check_input(text) is None
    assert short_engine.check_input(text + ".").code == "too-long"


def test_text_just_under_the_default_limit_is_structured() -> None:
    text = "1 cp le matin".ljust(DEFAULT_MAX_LENGTH)
    meds, _ = run(text)
    assert meds == [{"dosages": [{"dose": [1, None, "tablet"], "when": ["MORN"]}]}]


# --- binary junk and control characters ---------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_with_nul_are_invalid(seed: int) -> None:
    junk = random.Random(seed).randbytes(1000).decode("utf-8", errors="replace")
    assert "\x00" in junk
    meds, issues = run(junk)
    assert meds == []
    assert only_error(issues, "invalid")["diagnostics"] == Errors.E003


def test_random_bytes_without_nul_are_invalid() -> None:
    for seed in range(5):
        junk = random.Random(seed).randbytes(1000).decode("utf-8", errors="replace").replace("\x00", "")
        meds, issues = run(junk)
        assert meds == [], seed
        only_error(issues, "invalid")


@pytest.mark.parametrize(
    "text",
    [bytes(range(256)).decode("utf-8", errors="replace"), "1 cp le matin\x00", "\x00" * 10],
    ids=["all-bytes", "trailing-nul", "nuls"],
)
def test_nul_bytes_are_invalid(text: str) -> None:
    meds, issues = run(text)
    assert meds == []
    only_error(issues, "invalid")


def test_mostly_control_characters_are_invalid() -> None:
    meds, issues = run("\x01\x02\x03 1 cp \x04\x05")
    assert meds == []
    only_error(issues, "invalid")


@pytest.mark.parametrize(
    "text",
    [
        "1 comprimé le matin\x07",  # one stray control character in a long enough line
        "1 cp\r\nle matin",
        "1 cp\tle matin",
        "\ufeff1 cp le matin",  # byte-order mark
        "1 cp le matin\u2028",  # line separator
        "\x1b[31m1 cp le matin\x1b[0m",  # terminal colour codes
        "1 cp le matin 🙂",
    ],
)
def test_stray_characters_keep_the_fields(text: str) -> None:
    meds, issues = run(text)
    assert meds == [{"dosages": [{"dose": [1, None, "tablet"], "when": ["MORN"]}]}]
    assert not incomplete(issues)


@pytest.mark.parametrize("text", ["1\u200bcp le matin", "1 compri\u00adm\u00e9 le matin"])
def test_invisible_format_characters(text: str) -> None:
    meds, _ = run(text)
    assert meds == [{"dosages": [{"dose": [1, None, "tablet"], "when": ["MORN"]}]}]


# --- only a drug, only numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_only_a_drug_name(version: str) -> None:
    meds, issues = run("Doliprane", version)
    assert meds == [{"drug": "Doliprane", "dosages": []}]
    assert incomplete(issues)


@pytest.mark.parametrize(
    "text",
    ["42", "3.14159", "0 0 0", "123 456", "9" * 400, "Doliprane " + "9" * 400],
    ids=["int", "decimal", "zeros", "thousands", "400-digits", "drug-400-digits"],
)
def test_only_numbers(text: str) -> None:
    meds, issues = run(text)
    assert all(not med["dosages"] for med in meds)
    assert incomplete(issues)


@pytest.mark.parametrize(
    "text",
    [
        "9" * 400 + " mg le matin",
        "Doliprane " + "9" * 400 + " mg 1 cp",
        "2 cp pendant " + "9" * 400 + " jours",
    ],
    ids=["dose", "strength", "duration"],
)
def test_huge_numbers_never_raise(text: str) -> None:
    _, issues = run(text)
    assert issues, "the number that could not be used is reported"


# --- spaces and look-alike characters ----------------------------------------------------------------


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "  ", "\n"])
def test_unusual_spaces(space: str) -> None:
    meds, issues = run(f"Doliprane 1{space}000 mg 1{space}cp le{space}matin")
    assert meds == [
        {
            "drug": "Doliprane",
            "strength": [[1000, "mg"]],
            "dosages": [{"dose": [1, None, "tablet"], "when": ["MORN"]}],
        }
    ]
    assert not incomplete(issues)


@pytest.mark.parametrize(
    "text, dose",
    [("½ cp le soir", 0.5), ("1 cp ½ le soir", 1.5), ("¼ cp le soir", 0.25), ("1/2 cp le soir", 0.5)],
)
def test_vulgar_fractions(text: str, dose: float) -> None:
    meds, _ = run(text)
    assert meds == [{"dosages": [{"dose": [dose, None, "tablet"], "when": ["EVE"]}]}]


@pytest.mark.parametrize("micro", ["\u00b5", "\u03bc", "u", "mc"])
def test_micro_sign_and_greek_mu(micro: str) -> None:
    meds, _ = run(f"Levothyrox 75 {micro}g 1 cp le matin")
    assert meds == [
        {
            "drug": "Levothyrox",
            "strength": [[75, "ug"]],
            "dosages": [{"dose": [1, None, "tablet"], "when": ["MORN"]}],
        }
    ]


@pytest.mark.parametrize(
    "text, dosage",
    [
        ("１ｃｐ le matin", {"dose": [1, None, "tablet"], "when": ["MORN"]}),
        (
            "２ｃｐ ３ｆｏｉｓ ｐａｒ ｊｏｕｒ",
            {"dose": [2, None, "tablet"], "freq": [3, None], "period": [1, None, "d"]},
        ),
        ("１-０-１", {"dose": [1, None, None], "when": ["EVE", "MORN"]}),
    ],
)
def test_full_width_characters(text: str, dosage: dict) -> None:
    meds, _ = run(text)
    assert meds == [{"dosages": [dosage]}]


def test_non_string_input_is_an_issue_not_a_crash() -> None:
    engine = Engine.load()
    for value in (None, b"1 cp le matin", 42):
        prescription = engine.prescription(value)  # type: ignore[arg-type]
        (issue,) = prescription.issues
        assert issue.code == "invalid" and not any(m.dosages for m in prescription.medications)
