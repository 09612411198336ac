"""Load and validate gold sets written in the field form of CONVENTIONS.md §6.

A malformed gold case would silently skew every score computed against it, so each case is
checked when loaded and the first problem raises ``GoldFormatError`` naming the file, the
line and the case id. Cases stay plain dicts: the same shape ``fhir_fields`` reads back from
a Bundle, so the scorer compares like with like.

>>> validate_case({"id": "A", "lang": "fr", "text": "1 cp", "meds": [{"dosages": []}]})["id"]
'A'
"""

from __future__ import annotations

import json
from collections.abc import Callable
from numbers import Real
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SPLITS = {"examples": "examples.jsonl", "dev": "dev_*.jsonl", "test": "test_*.jsonl"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


UNIT_KEYS = _words(
    "tablet capsule sachet suppository ampoule vial puff drop patch pen pessary spoonful "
    "injection application mg g ug mL L iU mg/kg % teaspoon tablespoon"
)
ROUTE_KEYS = _words(
    "oral subcutaneous intramuscular intravenous rectal inhalation ocular nasal cutaneous "
    "sublingual transdermal vaginal auricular"
)
TIME_UNITS = _words("s min h d wk mo a")  # UCUM units of time (FHIR UnitsOfTime)
EVENT_TIMINGS = _words(
    "MORN MORN.early MORN.late NOON AFT AFT.early AFT.late EVE EVE.early EVE.late NIGHT PHS IMD "
    "HS WAKE C CM CD CV AC ACM ACD ACV PC PCM PCD PCV IC ICM ICD ICV"
)
DAYS = _words("mon tue wed thu fri sat sun")

# ``review: true``: the line must carry a warning-level issue (CONVENTIONS §8: stop / hold /
# do-not-give, open titration, cycles, impossible values); ``source``: who wrote the line.
CASE_KEYS = {"id", "lang", "text", "cats", "meds", "review", "source"}


class GoldFormatError(ValueError):
    """A gold case does not follow CONVENTIONS.md §6."""


def _num(v: Any) -> bool:
    return isinstance(v, Real) and not isinstance(v, bool)


def _opt_num(v: Any) -> bool:
    return v is None or _num(v)


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _strings_in(allowed: frozenset[str] | None) -> Callable[[Any], bool]:
    def check(v: Any) -> bool:
        return (
            isinstance(v, list) and bool(v) and all(isinstance(x, str) and (allowed is None or x in allowed) for x in v)
        )

    return check


def _is_tod(v: Any) -> bool:
    return _strings_in(None)(v) and all(len(x) == 8 and x[2] == x[5] == ":" for x in v)


# Each dosage key of §6 with the check its value must pass and the shape shown in errors.
DOSAGE_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "dose": (
        lambda v: _shape(v, 3) and _num(v[0]) and _opt_num(v[1]) and (v[2] is None or v[2] in UNIT_KEYS),
        "[low, high|null, unit key|null]",
    ),
    "freq": (
        lambda v: _shape(v, 2) and _count(v[0]) and (v[1] is None or _count(v[1])),
        "[n, max|null]",
    ),
    "period": (
        lambda v: _shape(v, 3) and _num(v[0]) and _opt_num(v[1]) and v[2] in TIME_UNITS,
        "[p, max|null, time unit]",
    ),
    "when": (_strings_in(EVENT_TIMINGS), "a list of EventTiming codes"),
    "tod": (_is_tod, 'a list of "HH:MM:SS"'),
    "dow": (_strings_in(DAYS), "a list of mon..sun"),
    "bounds": (
        lambda v: _shape(v, 3) and _num(v[0]) and _opt_num(v[1]) and v[2] in TIME_UNITS,
        "[v, max|null, time unit]",
    ),
    "as_needed": (lambda v: v is True, "true"),
    "route": (lambda v: v in ROUTE_KEYS, "a route key"),
    "max": (
        lambda v: (
            _shape(v, 4) and _num(v[0]) and (v[1] is None or v[1] in UNIT_KEYS) and _num(v[2]) and v[3] in TIME_UNITS
        ),
        "[v, unit key|null, per, time unit]",  # null: a unit §6 has no key for ("max 5 doses/24 h")
    ),
    "offset": (_num, "minutes"),
    "count": (_count, "a whole number"),
}

MED_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "drug": (lambda v: isinstance(v, str) and bool(v.strip()), "a non-empty string"),
    "strength": (
        lambda v: (
            isinstance(v, list)
            and bool(v)
            and all(_shape(q, 2) and _num(q[0]) and (q[1] is None or q[1] in UNIT_KEYS) for q in v)
        ),
        "a list of [value, unit key|null] (null: a bare number after the name, §7)",
    ),
    "refills": (_count, "a whole number"),
    "supply": (lambda v: _shape(v, 2) and _num(v[0]) and v[1] in TIME_UNITS, "[value, time unit]"),
    "dosages": (
        lambda v: isinstance(v, list) and all(isinstance(d, dict) for d in v),
        "a list of objects",
    ),
    # CONVENTIONS §7-§8: orders that are not plain active orders (absent = active, plain)
    "status": (lambda v: v in ("active", "stopped", "on-hold"), "active | stopped | on-hold"),
    "do_not_perform": (lambda v: v is True, "true"),
    "priority": (lambda v: v == "stat", '"stat"'),
}


def _shape(v: Any, n: int) -> bool:
    return isinstance(v, list) and len(v) == n


def _check_keys(obj: dict[str, Any], checks: dict[str, tuple[Callable[[Any], bool], str]], where: str) -> None:
    for key, value in obj.items():
        if key not in checks:
            raise GoldFormatError(f"{where}: unknown key {key!r} (allowed: {sorted(checks)})")
        check, shape = checks[key]
        if not check(value):
            raise GoldFormatError(f"{where}.{key}: {value!r} is not {shape}")


def validate_case(case: Any) -> dict[str, Any]:
    """Check one gold case against §6 and return it; raise ``GoldFormatError`` naming its id."""
    if not isinstance(case, dict):
        raise GoldFormatError(f"a gold case must be a JSON object, got {type(case).__name__}")
    where = f"case {case.get('id')!r}"
    if unknown := set(case) - CASE_KEYS:
        raise GoldFormatError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(CASE_KEYS)})")
    if missing := {"id", "lang", "text", "meds"} - set(case):
        raise GoldFormatError(f"{where}: missing keys {sorted(missing)}")
    if not all(isinstance(case[k], str) and case[k] for k in ("id", "lang", "text")):
        raise GoldFormatError(f"{where}: id, lang and text must be non-empty strings")
    if "review" in case and case["review"] is not True:
        raise GoldFormatError(f"{where}: review must be true when present")
    if "cats" in case and not (isinstance(case["cats"], list) and all(isinstance(c, str) for c in case["cats"])):
        raise GoldFormatError(f"{where}: cats must be a list of strings")
    if not isinstance(case["meds"], list) or not all(isinstance(m, dict) for m in case["meds"]):
        raise GoldFormatError(f"{where}: meds must be a list of objects")
    for i, med in enumerate(case["meds"]):
        _check_keys(med, MED_CHECKS, f"{where} meds[{i}]")
        for j, dosage in enumerate(med.get("dosages", [])):
            _check_keys(dosage, DOSAGE_CHECKS, f"{where} meds[{i}].dosages[{j}]")
            if "dose" in dosage and dosage["dose"][1] is not None and dosage["dose"][1] < dosage["dose"][0]:
                raise GoldFormatError(f"{where} meds[{i}].dosages[{j}].dose: high below low")
    return case


def load_file(path: str | Path) -> list[dict[str, Any]]:
    """Read one JSONL gold file (blank lines skipped); every case validated."""
    path = Path(path)
    cases = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                cases.append(validate_case(json.loads(line)))
            except (json.JSONDecodeError, GoldFormatError) as error:
                raise GoldFormatError(f"{path.name}:{number}: {error}") from error
    return cases


def split_files(split: str, gold_dir: str | Path = GOLD_DIR) -> list[Path]:
    """The files of a split, sorted (``dev`` and ``test`` are globs over per-language files)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose from {sorted(SPLITS)}")
    return sorted(Path(gold_dir).glob(SPLITS[split]))


def load_split(split: str, gold_dir: str | Path = GOLD_DIR) -> list[dict[str, Any]]:
    """All cases of a split; ids must be unique across its files so reports can name lines."""
    files = split_files(split, gold_dir)
    if not files:
        raise FileNotFoundError(f"no gold file for split {split!r} in {gold_dir}")
    cases = [case for path in files for case in load_file(path)]
    seen: set[str] = set()
    for case in cases:
        if case["id"] in seen:
            raise GoldFormatError(f"split {split!r}: duplicate id {case['id']!r}")
        seen.add(case["id"])
    return cases


def load_cases(spec: str, gold_dir: str | Path = GOLD_DIR) -> list[dict[str, Any]]:
    """A split name (``dev``, ``test``, ``examples``) or gold files: comma-separated paths
    or globs (``benchmarks/gold/dev_fr_g.jsonl``, ``benchmarks/safety/dev/*.jsonl``)."""
    if spec in SPLITS:
        return load_split(spec, gold_dir)
    paths = sorted({p for part in spec.split(",") for p in _expand(part.strip())})
    if not paths:
        raise FileNotFoundError(f"no gold file matches {spec!r}")
    return [case for path in paths for case in load_file(path)]


def _expand(pattern: str) -> list[Path]:
    import glob

    return [Path(p) for p in glob.glob(pattern)] or ([Path(pattern)] if Path(pattern).exists() else [])
