"""Checks on the committed terminology tables in ``terminologies/``.

Only reads the repository (never the shared source folder). The tables are
built by ``tools/build_terminologies.py``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "terminologies"

HEADERS = {
    "edqm/units_of_presentation.csv": ["key", "code", "display_en", "display_fr"],
    "edqm/routes.csv": ["key", "code", "display_en", "display_fr"],
    "edqm/dose_forms.csv": ["key", "code", "display_en", "display_fr"],
    "fhir/event_timing.csv": ["code", "display", "r4", "r5"],
    "fhir/units_of_time.csv": ["code", "display"],
    "fhir/days_of_week.csv": ["code", "display"],
    "fhir/timing_abbreviations.csv": [
        "alias",
        "frequency",
        "frequency_max",
        "period",
        "period_max",
        "period_unit",
        "when",
    ],
    "ucum/units.csv": ["key", "code", "display"],
    "aliases.csv": ["type", "key", "alias", "lang", "kind"],
}
READMES = ["README.md", "edqm/README.md", "fhir/README.md", "ucum/README.md"]

# CONVENTIONS §6
UNIT_KEYS = (
    "tablet capsule sachet suppository ampoule vial puff drop patch pen pessary spoonful "
    "injection application mg g ug mL L iU mg/kg % teaspoon tablespoon"
).split()
ROUTE_KEYS = (
    "oral subcutaneous intramuscular intravenous rectal inhalation ocular nasal cutaneous "
    "sublingual transdermal vaginal auricular"
).split()
# CONVENTIONS §2 / §4 codes
UOP_CODES = {
    "tablet": "15054000",
    "capsule": "15012000",
    "sachet": "15045000",
    "suppository": "15051000",
    "ampoule": "15002000",
    "vial": "15060000",
    "puff": "15001000",
    "drop": "15022000",
    "patch": "15036000",
    "pen": "15037000",
    "pessary": "15039000",
    "spoonful": "15047000",
}
ROUTE_CODES = {
    "oral": "20053000",
    "subcutaneous": "20066000",
    "intramuscular": "20035000",
    "intravenous": "20045000",
    "rectal": "20061000",
    "inhalation": "20020000",
    "ocular": "20051000",
    "nasal": "20049000",
    "cutaneous": "20003000",
    "sublingual": "20067000",
    "transdermal": "20070000",
    "vaginal": "20072000",
    "auricular": "20001000",
}
UCUM_CODES = {
    "mg": "mg",
    "g": "g",
    "ug": "ug",
    "mL": "mL",
    "L": "L",
    "iU": "[iU]",
    "mg/kg": "mg/kg",
    "%": "%",
    "teaspoon": "[tsp_m]",
    "tablespoon": "[tbs_m]",
    "injection": "{injection}",
    "application": "{application}",
}


def load(rel: str) -> list[dict[str, str]]:
    with (ROOT / rel).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def fold(text: str) -> str:
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def keys(rel: str, col: str = "key") -> set[str]:
    return {r[col] for r in load(rel)}


# --- MANIFEST -----------------------------------------------------------------


def test_manifest_matches_files():
    manifest = json.loads((ROOT / "MANIFEST.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    assert set(HEADERS) | set(READMES) <= set(files)
    assert "MANIFEST.json" not in files
    for rel, digest in files.items():
        assert hashlib.sha256((ROOT / rel).read_bytes()).hexdigest() == digest, rel


def test_manifest_is_canonical_json():
    raw = (ROOT / "MANIFEST.json").read_text(encoding="utf-8")
    assert raw == json.dumps(json.loads(raw), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_manifest_covers_every_file():
    files = set(json.loads((ROOT / "MANIFEST.json").read_text(encoding="utf-8"))["files"])
    # sub-folders with their own MANIFEST.json (e.g. bdpm/) are built elsewhere
    foreign = {p.parent for p in ROOT.glob("*/MANIFEST.json") if p.parent.name not in {"edqm", "fhir", "ucum"}}
    for p in ROOT.rglob("*"):
        if not p.is_file() or p.name == "MANIFEST.json" and p.parent == ROOT:
            continue
        if any(f in p.parents for f in foreign):
            continue
        assert p.relative_to(ROOT).as_posix() in files, f"{p} not in MANIFEST"


# --- format -------------------------------------------------------------------


@pytest.mark.parametrize("rel", sorted(HEADERS))
def test_table_header_and_format(rel):
    raw = (ROOT / rel).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw, "\\n line ends only"
    assert raw.endswith(b"\n")
    text = raw.decode("utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == HEADERS[rel]
    assert len(rows) > 1
    for r in rows[1:]:
        assert len(r) == len(HEADERS[rel]), r
    body = rows[1:]
    assert body == sorted(body), f"{rel} rows not sorted"
    first = [r[0] for r in body] if rel != "aliases.csv" else [tuple(r[:3]) for r in body]
    assert len(first) == len(set(first)), f"{rel} duplicate keys"


@pytest.mark.parametrize("rel", ["edqm/units_of_presentation.csv", "edqm/routes.csv", "edqm/dose_forms.csv"])
def test_edqm_codes(rel):
    rows = load(rel)
    for r in rows:
        assert re.fullmatch(r"\d{8}", r["code"]), r
        assert r["display_en"] and r["display_fr"], r
        assert re.fullmatch(r"[a-z][a-z_]*", r["key"]), r
    assert len({r["code"] for r in rows}) == len(rows)


def test_edqm_families():
    assert all(r["code"].startswith("15") for r in load("edqm/units_of_presentation.csv"))
    assert all(r["code"].startswith("20") for r in load("edqm/routes.csv"))
    assert all(r["code"][:2] in {"10", "11", "13", "50"} for r in load("edqm/dose_forms.csv"))


def test_capsule_french_label_usable():
    uop = {r["key"]: r for r in load("edqm/units_of_presentation.csv")}
    assert uop["capsule"]["display_fr"] == "Gélule"


def test_fhir_tables():
    et = load("fhir/event_timing.csv")
    codes = {r["code"] for r in et}
    assert {
        "MORN",
        "NOON",
        "AFT",
        "EVE",
        "NIGHT",
        "HS",
        "WAKE",
        "C",
        "CM",
        "CD",
        "CV",
        "AC",
        "ACM",
        "ACD",
        "ACV",
        "PC",
        "PCM",
        "PCD",
        "PCV",
        "IMD",
    } <= codes
    assert not codes & {"IC", "ICM", "ICD", "ICV"}
    for r in et:
        assert r["r4"] in {"Y", "N"} and r["r5"] in {"Y", "N"} and r["display"]
    assert keys("fhir/units_of_time.csv", "code") == {"s", "min", "h", "d", "wk", "mo", "a"}
    assert keys("fhir/days_of_week.csv", "code") == {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


def test_timing_abbreviations():
    rows = {r["alias"]: r for r in load("fhir/timing_abbreviations.csv")}
    when_codes = keys("fhir/event_timing.csv", "code")
    time_codes = keys("fhir/units_of_time.csv", "code")
    for alias, r in rows.items():
        assert alias == alias.lower()
        assert r["when"] == "" or r["when"] in when_codes
        assert r["period_unit"] == "" or r["period_unit"] in time_codes
        for col in ("frequency", "frequency_max", "period", "period_max"):
            assert r[col] == "" or re.fullmatch(r"\d+", r[col]), (alias, col)
        assert bool(r["frequency"]) == bool(r["period"]) == bool(r["period_unit"]), alias

    def rep(a):
        r = rows[a]
        return (r["frequency"], r["period"], r["period_unit"], r["when"])

    # CONVENTIONS §3
    for a in ("bd", "bid", "b.i.d."):
        assert rep(a) == ("2", "1", "d", "")
    for a in ("od", "qd", "daily"):
        assert rep(a) == ("1", "1", "d", "")
    for a in ("tid", "tds", "t.i.d."):
        assert rep(a) == ("3", "1", "d", "")
    for a in ("qid", "qds"):
        assert rep(a) == ("4", "1", "d", "")
    assert rep("q8h") == ("1", "8", "h", "")
    assert rep("qod") == ("1", "2", "d", "")
    for a in ("qhs", "hs"):
        assert rep(a) == ("", "", "", "HS")
    assert rep("weekly") == ("1", "1", "wk", "")
    assert rep("monthly") == ("1", "1", "mo", "")


def test_ucum_units():
    rows = {r["key"]: r for r in load("ucum/units.csv")}
    for k, code in UCUM_CODES.items():
        assert rows[k]["code"] == code
    for code in ("s", "min", "h", "d", "wk", "mo", "a"):
        assert rows[code]["code"] == code


def test_required_conventions_keys():
    uop = {r["key"]: r["code"] for r in load("edqm/units_of_presentation.csv")}
    units = keys("ucum/units.csv")
    routes = {r["key"]: r["code"] for r in load("edqm/routes.csv")}
    for k in UNIT_KEYS:
        assert k in uop or k in units, k
    assert not set(uop) & units, "a unit key must be EDQM or UCUM, not both"
    for k, code in UOP_CODES.items():
        assert uop[k] == code, k
    for k in ROUTE_KEYS:
        assert routes[k] == ROUTE_CODES[k], k


# --- aliases --------------------------------------------------------------------

ALIAS_TARGETS = {
    "unit_of_presentation": ("edqm/units_of_presentation.csv", "key"),
    "unit": ("ucum/units.csv", "key"),
    "route": ("edqm/routes.csv", "key"),
    "dose_form": ("edqm/dose_forms.csv", "key"),
    "when": ("fhir/event_timing.csv", "code"),
    "time_unit": ("fhir/units_of_time.csv", "code"),
    "day_of_week": ("fhir/days_of_week.csv", "code"),
}


def test_alias_rows_valid():
    targets = {t: keys(rel, col) for t, (rel, col) in ALIAS_TARGETS.items()}
    rows = load("aliases.csv")
    assert len(rows) >= 300
    for r in rows:
        assert r["type"] in targets, r
        assert r["key"] in targets[r["type"]], r
        assert r["lang"] in {"fr", "en", "any"}, r
        assert r["kind"] in {"label", "synonym", "abbreviation", "plural", "misspelling"}, r
        a = r["alias"]
        assert a and a == a.lower() and a == a.strip() and "  " not in a, r


def test_no_ambiguous_alias():
    seen: dict[tuple[str, str], str] = {}
    for r in load("aliases.csv"):
        for form in {r["alias"], fold(r["alias"])}:
            other = seen.setdefault((r["type"], form), r["key"])
            assert other == r["key"], f"{r['type']} {form!r}: {other} vs {r['key']}"


def test_every_key_has_an_alias():
    rows = load("aliases.csv")
    have = {(r["type"], r["key"]) for r in rows}
    for t in ("unit_of_presentation", "route", "dose_form", "time_unit", "day_of_week"):
        rel, col = ALIAS_TARGETS[t]
        for k in keys(rel, col):
            assert (t, k) in have, (t, k)
    for k in UNIT_KEYS:
        t = "unit_of_presentation" if k in keys("edqm/units_of_presentation.csv") else "unit"
        assert (t, k) in have, k


@pytest.mark.parametrize(
    "type_,alias,key",
    [
        ("unit_of_presentation", "cp", "tablet"),
        ("unit_of_presentation", "comprimés", "tablet"),
        ("unit_of_presentation", "tab", "tablet"),
        ("unit_of_presentation", "gélule", "capsule"),
        ("unit_of_presentation", "caps", "capsule"),
        ("unit_of_presentation", "sachet", "sachet"),
        ("unit_of_presentation", "suppo", "suppository"),
        ("unit_of_presentation", "gtt", "drop"),
        ("unit_of_presentation", "bouffées", "puff"),
        ("unit_of_presentation", "pulvérisation", "puff"),
        ("unit_of_presentation", "ovule", "pessary"),
        ("unit_of_presentation", "stylo", "pen"),
        ("unit_of_presentation", "cuillère-mesure", "spoonful"),
        ("unit", "mg", "mg"),
        ("unit", "ml", "mL"),
        ("unit", "µg", "ug"),
        ("unit", "μg", "ug"),
        ("unit", "ui", "iU"),
        ("unit", "unités", "iU"),
        ("unit", "cuillère à café", "teaspoon"),
        ("unit", "cuillère à soupe", "tablespoon"),
        ("unit", "injection", "injection"),
        ("route", "per os", "oral"),
        ("route", "by mouth", "oral"),
        ("route", "sc", "subcutaneous"),
        ("route", "en sous-cutané", "subcutaneous"),
        ("route", "im", "intramuscular"),
        ("route", "en intraveineux", "intravenous"),
        ("route", "sous la langue", "sublingual"),
        ("route", "par voie rectale", "rectal"),
        ("route", "en inhalation", "inhalation"),
        ("route", "dans chaque oeil", "ocular"),
        ("route", "collyre", "ocular"),
        ("route", "dans chaque narine", "nasal"),
        ("route", "sur la peau", "cutaneous"),
        ("when", "le matin", "MORN"),
        ("when", "à midi", "NOON"),
        ("when", "l'après-midi", "AFT"),
        ("when", "le soir", "EVE"),
        ("when", "la nuit", "NIGHT"),
        ("when", "au coucher", "HS"),
        ("when", "au réveil", "WAKE"),
        ("when", "au petit-déjeuner", "CM"),
        ("when", "au déjeuner", "CD"),
        ("when", "au dîner", "CV"),
        ("when", "au cours des repas", "C"),
        ("when", "with food", "C"),
        ("when", "avant les repas", "AC"),
        ("when", "after food", "PC"),
        ("when", "avant le petit-déjeuner", "ACM"),
        ("time_unit", "jours", "d"),
        ("time_unit", "semaine", "wk"),
        ("time_unit", "mois", "mo"),
        ("day_of_week", "lundi", "mon"),
        ("day_of_week", "sunday", "sun"),
        ("dose_form", "comprimé pelliculé", "film_coated_tablet"),
        ("dose_form", "sirop", "syrup"),
    ],
)
def test_key_aliases(type_, alias, key):
    found = {(r["type"], r["alias"]): r["key"] for r in load("aliases.csv")}
    assert found.get((type_, alias)) == key


def test_ambiguous_forms_left_out():
    routes = {r["alias"] for r in load("aliases.csv") if r["type"] == "route"}
    assert not routes & {"od", "og"}
