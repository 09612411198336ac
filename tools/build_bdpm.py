"""Build ``terminologies/bdpm/``: the compact drug tables the drug linker loads.

Reads the BDPM snapshot (``CIS_bdpm.txt``, ``CIS_COMPO_bdpm.txt`` and the derived form, route
and substance lists) and writes gzipped, sorted, byte-reproducible CSV tables, a README
and a MANIFEST of their checksums. Run from the repository root::

    python tools/build_bdpm.py [--source ../shared/terminologies-src]

Only commercialised specialties are kept (``Commercialisée``: all of them have an active
authorisation); brand names that exist only in non-commercialised specialties are listed
in ``withdrawn_brands.csv.gz`` (no code) so that the linker can abstain on them instead of
snapping to a close, different product.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from posology.linking.drugs_text import (  # noqa: E402
    FORM_KEYS,
    Strength,
    drug_key,
    fold,
    parse_quantities,
    parse_strengths,
    same_strength,
)

OUT = REPO / "terminologies" / "bdpm"
SNAPSHOT = "2026-04-07"
COMMERCIALISED = "Commercialisée"
PARALLEL_IMPORT = "Autorisation d'importation parallèle"

# Folded form text (the specialty name after its comma + the BDPM form) -> form keys, the unit
# keys of CONVENTIONS §6. A form may give several keys ("solution injectable en stylo").
FORM_KEY_RULES: tuple[tuple[str, str], ...] = (
    ("tablet", r"\bcomprime(?!s? vaginal)|lyophilisat oral|\bpastille"),
    ("capsule", r"\bgelule|\bcapsule(?! vaginale)"),
    ("sachet", r"\bsachet"),
    ("suppository", r"\bsuppositoire"),
    ("drop", r"\bgouttes?\b|\bcollyre"),
    ("ampoule", r"\bampoule"),
    ("vial", r"\bflacon\b(?! pressurise)"),
    ("puff", r"inhalation|pulverisation|\bspray|aerosol"),
    ("patch", r"transdermique|\bemplatre|\bpatch"),
    ("pen", r"\bstylo"),
    ("pessary", r"\bovule|vaginal"),
    ("injection", r"injectable|\bseringue"),
    ("application", r"\bcreme|\bpommade|\bgel\b|\blotion|application (?:cutanee|locale)|\bmousse"),
    ("spoonful", r"\bsirop|(?:solution|suspension) buvable"),
)
_FORM_RULES = tuple((key, re.compile(pattern)) for key, pattern in FORM_KEY_RULES)
assert {key for key, _ in FORM_KEY_RULES} == FORM_KEYS
# A BDPM form with one of these words is a variant of its base form: "comprimé" is preferred
# over "comprimé effervescent" when a prescription says only "cp".
_FORM_VARIANT = re.compile(
    r"effervescent|dispersible|croquer|sucer|lyophilisat|soluble|liberation|gastro|vaginal"
    r"|sublingual|buccal|gingival|machable"
)
# The specialty name's own comma: a comma that is not a decimal comma.
_NAME_COMMA = re.compile(r",(?!\d)")
_STRENGTH_START = re.compile(
    r"\s(?=\d[\d ,.]*/\d|\d[\d ,.]*\s*(?:mg|g|µg|microgrammes?|ui|u\.i\.|m\s?ui|u|ml|%|pour cent"
    r"|pour mille|mmol|ch|dh|mbq|gbq|ir|unit[ée]s?|millions?)(?![a-z]))",
    re.IGNORECASE,
)

SPECIALTY_COLUMNS = (
    "cis",
    "name",
    "brand",
    "key",
    "form",
    "form_edqm",
    "form_keys",
    "plain_form",
    "routes",
    "route_edqm",
    "strengths",
    "parallel_import",
)
COMPOSITION_COLUMNS = (
    "cis",
    "substance_code",
    "substance",
    "dosage",
    "value",
    "unit",
    "reference",
    "nature",
    "link",
    "labelled",
)
SUBSTANCE_COLUMNS = ("code", "name", "key", "aliases", "nature", "n_specialties")
WITHDRAWN_COLUMNS = ("brand", "key")


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if line.strip()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split_name(name: str) -> tuple[str, str]:
    """``DOLIPRANE 1000 mg, comprimé`` -> (``DOLIPRANE``, ``1000 mg``): brand and strength text."""
    head = _NAME_COMMA.split(name, maxsplit=1)[0].strip()
    match = _STRENGTH_START.search(head)
    if match is None:
        return head, ""
    return head[: match.start()].strip(), head[match.start() :].strip()


def form_keys(form_text: str) -> list[str]:
    folded = fold(form_text)
    keys = [key for key, pattern in _FORM_RULES if pattern.search(folded)]
    if {"sachet", "drop", "ampoule"} & set(keys):
        # a drinkable form in sachets, drops or ampoules is not measured with a spoon
        keys = [key for key in keys if key != "spoonful"]
    return keys


def format_number(value: float) -> str:
    text = f"{value:.9f}".rstrip("0").rstrip(".")
    return text or "0"


def format_quantities(quantities: Iterable[tuple[float, str]]) -> str:
    return ";".join(f"{format_number(value)} {unit}" for value, unit in quantities)


def composition_strengths(dosage: str, reference: str) -> list[Strength]:
    """A COMPO dosage in canonical units, plus its percentage when given per 100 g / 100 mL."""
    found = list(parse_strengths(dosage))
    per = parse_strengths(reference)
    if found and found[0].unit == "mg" and len(per) == 1 and per[0].value in (100000.0, 100.0):
        # "0,050 g" per "100 g de crème" is 0.05 %; "2,40 g" per "100 ml" is 2.4 % (w/v).
        if (per[0].unit == "mg" and per[0].value == 100000.0) or (per[0].unit == "mL" and per[0].value == 100.0):
            found.append(Strength(round(found[0].value / 1000.0, 9), "%"))
    return found


def labelled_rows(rows: Sequence[list[str]], name_strengths: Sequence[Strength]) -> set[int]:
    """Per active-substance link, the row whose strength is the labelled one.

    BDPM gives a substance (SA) and its active moiety (FT) under one link number; the label
    states either (LEVOTHYROX 75 µg is the sodium salt, KARDEGIC 75 mg the acid). Choose the
    row matching a strength of the name, else the FT row, else the first row with a dosage.
    """
    chosen: set[int] = set()
    by_link: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_link[row[7]].append(index)
    for indexes in by_link.values():
        with_dose = [i for i in indexes if parse_strengths(rows[i][4])]
        if not with_dose:
            continue

        def rank(i: int) -> tuple[int, int, int]:
            strengths = composition_strengths(rows[i][4], rows[i][5])
            named = any(same_strength(a, b) for a in strengths for b in name_strengths)
            return (0 if named else 1, 0 if rows[i][6] == "FT" else 1, i)

        chosen.add(min(with_dose, key=rank))
    return chosen


def code_map(path: Path, label_column: str) -> dict[str, str]:
    return {
        row[label_column].strip(): row["edqm_code_exact_fr_match"]
        for row in read_csv(path)
        if row["edqm_code_exact_fr_match"]
    }


def build_specialties(source: Path) -> tuple[list[dict[str, str]], list[str]]:
    forms = code_map(source / "derived_bdpm_formes_pharmaceutiques.csv", "forme_bdpm")
    routes = code_map(source / "derived_bdpm_voies_administration.csv", "voie_bdpm")
    kept: list[dict[str, str]] = []
    withdrawn: list[str] = []
    for row in sorted(read_tsv(source / "CIS_bdpm.txt")):
        cis, name, form = row[0], " ".join(row[1].split()), row[2].strip()
        brand, strength_text = split_name(name)
        if row[6] != COMMERCIALISED:
            withdrawn.append(brand)
            continue
        tail = _NAME_COMMA.split(name, maxsplit=1)[1] if _NAME_COMMA.search(name) else ""
        route_labels = [r.strip() for r in row[3].split(";") if r.strip()]
        kept.append(
            {
                "cis": cis,
                "name": name,
                "brand": brand,
                "key": drug_key(brand),
                "form": form,
                "form_edqm": forms.get(form, ""),
                "form_keys": ";".join(form_keys(f"{tail} {form}")),
                "plain_form": "0" if _FORM_VARIANT.search(fold(f"{tail} {form}")) else "1",
                "routes": ";".join(route_labels),
                "route_edqm": ";".join(routes.get(r, "") for r in route_labels),
                "strengths": format_quantities(parse_quantities(strength_text)),
                "parallel_import": "1" if row[5] == PARALLEL_IMPORT else "0",
            }
        )
    return kept, withdrawn


def build_compositions(source: Path, specialties: list[dict[str, str]]) -> list[dict[str, str]]:
    by_cis: dict[str, list[list[str]]] = defaultdict(list)
    for row in read_tsv(source / "CIS_COMPO_bdpm.txt"):
        by_cis[row[0]].append([cell.strip() for cell in row])
    out = []
    for specialty in specialties:
        rows = by_cis.get(specialty["cis"], [])
        labelled = labelled_rows(rows, parse_strengths(specialty["strengths"]))
        for index, row in enumerate(rows):
            quantities = parse_quantities(row[4])
            out.append(
                {
                    "cis": row[0],
                    "substance_code": row[2],
                    "substance": row[3],
                    "dosage": row[4],
                    "value": format_number(quantities[0][0]) if quantities else "",
                    "unit": quantities[0][1] if quantities else "",
                    "reference": row[5],
                    "nature": row[6],
                    "link": row[7],
                    "labelled": "1" if index in labelled else "0",
                }
            )
    return out


def build_substances(source: Path, compositions: list[dict[str, str]]) -> list[dict[str, str]]:
    used = Counter()
    seen: set[tuple[str, str]] = set()
    for row in compositions:
        if (row["cis"], row["substance_code"]) not in seen:
            seen.add((row["cis"], row["substance_code"]))
            used[row["substance_code"]] += 1
    out = []
    for row in read_csv(source / "derived_bdpm_substances.csv"):
        code = row["code_substance"]
        if not used[code]:
            continue
        aliases = [a.strip() for a in row["autres_denominations"].split("|") if a.strip()]
        out.append(
            {
                "code": code,
                "name": row["denomination_principale"],
                "key": drug_key(row["denomination_principale"]),
                "aliases": "|".join(aliases),
                "nature": row["nature_SA_FT"],
                "n_specialties": str(used[code]),
            }
        )
    return sorted(out, key=lambda r: r["code"])


def write_gzip_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # mtime=0 and no file name in the header: the same input gives the same bytes.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(out: Path) -> None:
    """``MANIFEST.json``: the checksum of every table (the README is documentation, not data)."""
    files = sorted(out.glob("*.csv.gz"))
    manifest = {"files": {p.name: sha256(p) for p in files}}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=REPO.parent / "shared" / "terminologies-src")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    source = args.source / "bdpm" if (args.source / "bdpm").is_dir() else args.source
    args.out.mkdir(parents=True, exist_ok=True)

    specialties, withdrawn_brands = build_specialties(source)
    compositions = build_compositions(source, specialties)
    substances = build_substances(source, compositions)
    live_keys = {s["key"] for s in specialties}
    withdrawn = {drug_key(brand): brand for brand in sorted(withdrawn_brands) if drug_key(brand) not in live_keys}
    write_gzip_csv(args.out / "specialties.csv.gz", SPECIALTY_COLUMNS, specialties)
    write_gzip_csv(args.out / "compositions.csv.gz", COMPOSITION_COLUMNS, compositions)
    write_gzip_csv(args.out / "substances.csv.gz", SUBSTANCE_COLUMNS, substances)
    write_gzip_csv(
        args.out / "withdrawn_brands.csv.gz",
        WITHDRAWN_COLUMNS,
        ({"brand": brand, "key": key} for key, brand in sorted(withdrawn.items())),
    )
    write_manifest(args.out)
    print(
        f"{len(specialties)} specialties, {len(compositions)} composition rows, "
        f"{len(substances)} substances, {len(withdrawn)} withdrawn brands -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
