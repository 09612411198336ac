"""Robustness benchmark: the gold lines of a split under OCR-style and typing perturbations.

    python -m benchmarks.perturbations --split test [--engine rules] [--fhir-version R5]
    python -m benchmarks.perturbations --split dev --show-failures 5

Each perturbation rewrites the text of every gold line it applies to without changing what
the line means (the gold fields stay valid); only the lines it actually changes are scored,
and the "Δ vs clean" columns compare them with the same lines unperturbed, in points.

| perturbation | what it does |
|---|---|
| upper / lower | the whole line in upper / lower case |
| no_accents | combining accents stripped (``é`` → ``e``); ``½``, ``µ`` and the like are kept |
| glued_units | a number glued to its unit: ``1 cp`` → ``1cp``, ``500 mg`` → ``500mg`` |
| double_spaces | every space doubled |
| ocr_names / ocr_words | ``l`` → ``1``, ``O`` → ``0`` inside words: the drug names / every word |
| trailing_period / leading_dash | ``.`` appended / ``- `` prepended |
| double_commas | every comma doubled, except a decimal comma (``2,5`` stays) |
| line_break | the space nearest the middle of the line (not one between two digits) becomes a newline |

OCR confusions never touch a digit, the first or last letter of a word, nor a word holding
a digit (``D3``, ``Tahor20mg``); the gold drug name gets the same confusions as the text.

The test split is for measuring, never for tuning: its failing lines are never printed nor
saved, only the aggregate figures. ``--show-failures`` works on the other splits.

>>> perturb_text("ocr_words", "Solupred 20 mg le soir")
'So1upred 20 mg le soir'
>>> perturb_text("glued_units", "Doliprane 1 000 mg 1 cp le soir, 2,5 ml")
'Doliprane 1 000mg 1cp le soir, 2,5ml'
>>> perturb_text("double_commas", "2,5 ml matin, soir")
'2,5 ml matin,, soir'
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from typing import Any

from benchmarks.accuracy import evaluate
from benchmarks.gold_io import SPLITS, load_split
from benchmarks.scoring import LineResult, Tally, normalise_drug, tally
from posology import DEFAULT_ENGINE, ENGINES

Json = dict[str, Any]

# Dose and strength units a number is glued to (text forms, matched case-insensitively).
_UNIT_WORDS = sorted(
    """
    mg g µg μg ug mcg ng kg ml mL l L ui UI iu IU u U % unités unites unité unite units unit
    cp cps cpr cprs comprimé comprimés comprime comprimes tab tabs tablet tablets
    gél gél. gélule gélules gelule gelules gel caps cap capsule capsules
    sachet sachets amp ampoule ampoules gtt goutte gouttes drop drops
    suppo suppositoire suppositoires bouffée bouffées bouffee bouffees puff puffs
    pulvérisation pulvérisations patch patchs stylo stylos ovule ovules
    """.split(),
    key=len,
    reverse=True,
)
_GLUE = re.compile(
    r"(?<![^\W\d_])(\d+(?:[.,]\d+)?)[ \u00a0]+(" + "|".join(map(re.escape, _UNIT_WORDS)) + r")(?![^\W\d_])",
    re.IGNORECASE,
)
# A letters-only word: a run of letters touching no digit, letter or underscore on either side.
_LETTER_WORD = re.compile(r"(?<![\w])[^\W\d_]+(?![\w])")
_OCR = str.maketrans({"l": "1", "O": "0"})
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


def _no_accents(text: str) -> str:
    """Canonical decomposition only (NFD), so ``½`` and ``µ`` survive; combining marks dropped."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def _ocr_word(word: str) -> str:
    """Confusions inside the word only: its first and last letters stay."""
    if len(word) < 3:
        return word
    return word[0] + word[1:-1].translate(_OCR) + word[-1]


def ocr_spans(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """OCR confusions in every letters-only word of ``text``, or only in words inside ``spans``.
    The substitutions are one character for one, so offsets do not move."""

    def replace(match: re.Match[str]) -> str:
        if spans is not None and not any(s <= match.start() and match.end() <= e for s, e in spans):
            return match.group()
        return _ocr_word(match.group())

    return _LETTER_WORD.sub(replace, text)


def _double_commas(text: str) -> str:
    return re.sub(r",", ",,", _DECIMAL_COMMA.sub("\0", text)).replace("\0", ",")


def _line_break(text: str) -> str:
    middle = len(text) / 2
    candidates = [
        i
        for i, ch in enumerate(text)
        if ch == " " and not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
    ]
    if not candidates:
        return text
    cut = min(candidates, key=lambda i: (abs(i - middle), i))
    return text[:cut] + "\n" + text[cut + 1 :]


TEXT_PERTURBATIONS: dict[str, Callable[[str], str]] = {
    "upper": str.upper,
    "lower": str.lower,
    "no_accents": _no_accents,
    "glued_units": lambda t: _GLUE.sub(r"\1\2", t),
    "double_spaces": lambda t: t.replace(" ", "  "),
    "ocr_words": ocr_spans,
    "trailing_period": lambda t: t if t.rstrip().endswith(".") else t.rstrip() + ".",
    "leading_dash": lambda t: "- " + t,
    "double_commas": _double_commas,
    "line_break": _line_break,
}
PERTURBATIONS = (*TEXT_PERTURBATIONS, "ocr_names")


def perturb_text(name: str, text: str) -> str:
    """``text`` under one perturbation (``ocr_names`` needs the gold names: see :func:`perturb_case`)."""
    return TEXT_PERTURBATIONS[name](text)


def _drug_spans(text: str, drugs: list[str]) -> list[tuple[int, int]]:
    """Where each gold drug name is written in ``text`` (exact, then case-insensitive)."""
    spans = []
    for drug in drugs:
        start = text.find(drug)
        if start < 0:
            start = text.casefold().find(drug.casefold()) if len(text.casefold()) == len(text) else -1
        if start >= 0:
            spans.append((start, start + len(drug)))
    return spans


def perturb_case(name: str, case: Json) -> Json | None:
    """A copy of the gold ``case`` under perturbation ``name``; None when it changes nothing.
    For OCR confusions the expected drug names are rewritten the way the text was."""
    text = case["text"]
    drugs = [med["drug"] for med in case["meds"] if med.get("drug")]
    if name == "ocr_names":
        new_text = ocr_spans(text, _drug_spans(text, drugs))
    else:
        new_text = perturb_text(name, text)
    if new_text == text:
        return None
    new = copy.deepcopy(case)
    new["text"] = new_text
    if name.startswith("ocr_"):
        for med in new["meds"]:
            if med.get("drug"):
                med["drug"] = _ocr_drug(text, new_text, med["drug"])
    elif any(_written(d, text) and not _written(d, new_text) for d in drugs):
        return None  # a perturbation that rewrote a drug name would make the gold wrong: skip
    return new


def _written(drug: str, text: str) -> bool:
    return normalise_drug(drug) in normalise_drug(text)


def _ocr_drug(text: str, new_text: str, drug: str) -> str:
    spans = _drug_spans(text, [drug])
    if spans:
        start, end = spans[0]
        return new_text[start:end]
    return ocr_spans(drug)


# --- measuring -----------------------------------------------------------------------------


def run(cases: list[Json], engine: str, fhir_version: str) -> tuple[Tally, list[Json]]:
    """The clean tally and one row per perturbation (with the clean tally of the same lines)."""
    clean = evaluate(cases, engine, fhir_version)
    clean_by_id: dict[str, LineResult] = {line.id: line for line in clean.lines}
    rows = []
    for name in PERTURBATIONS:
        perturbed = [p for case in cases if (p := perturb_case(name, case)) is not None]
        report = evaluate(perturbed, engine, fhir_version) if perturbed else None
        lines = report.lines if report else []
        rows.append(
            {
                "perturbation": name,
                "tally": tally(lines),
                "clean": tally(clean_by_id[line.id] for line in lines),
                "failures": [line for line in lines if not line.ok],
                "errors": sum(line.error is not None for line in lines),
            }
        )
    return clean.overall, rows


def _pct(x: float) -> str:
    return f"{100 * x:6.1f}%"


def _pts(x: float) -> str:
    return f"{100 * x:+6.1f}"


def format_table(clean: Tally, rows: list[Json]) -> str:
    head = (
        f"{'perturbation':<16} | {'lines':>5} | {'well-structured':>15} | {'error ratio':>11} |"
        f" Δ vs clean (points): well-structured / error ratio"
    )
    out = [head, "-" * len(head)]
    out.append(
        f"{'clean':<16} | {clean.lines:>5} | {_pct(clean.well_structured_ratio):>15} | {_pct(clean.error_ratio):>11} |"
    )
    for row in rows:
        t, c = row["tally"], row["clean"]
        if not t.lines:
            out.append(f"{row['perturbation']:<16} | {0:>5} | {'-':>15} | {'-':>11} |")
            continue
        delta_ws = t.well_structured_ratio - c.well_structured_ratio
        delta_err = t.error_ratio - c.error_ratio
        errors = f"  ({row['errors']} engine errors)" if row["errors"] else ""
        out.append(
            f"{row['perturbation']:<16} | {t.lines:>5} | {_pct(t.well_structured_ratio):>15} |"
            f" {_pct(t.error_ratio):>11} | {_pts(delta_ws)} / {_pts(delta_err)}{errors}"
        )
    return "\n".join(out)


def format_failures(rows: list[Json], show: int) -> str:
    out = []
    for row in rows:
        for line in row["failures"][:show]:
            out.append(f"  <{row['perturbation']}> [{line.id}] {line.text!r}")
            if line.error:
                out.append(f"      !! {line.error}")
            out += [f"      {c.path}: gold={c.gold!r} predicted={c.predicted!r}" for c in line.wrong]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.perturbations", description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--fhir-version", choices=("R4", "R5"), default="R4")
    parser.add_argument(
        "--show-failures",
        type=int,
        default=0,
        metavar="N",
        help="print the first N failing lines per perturbation (not allowed on the test split)",
    )
    parser.add_argument("--json", metavar="PATH", help="write the aggregate figures as JSON")
    args = parser.parse_args(argv)
    if args.split == "test" and args.show_failures:
        parser.error("the failing lines of the test split are never shown (it is not for tuning)")
    clean, rows = run(load_split(args.split), args.engine, args.fhir_version)
    print(f"engine={args.engine} split={args.split} fhir={args.fhir_version}")
    print(format_table(clean, rows))
    if args.show_failures:
        print(f"failing lines (first {args.show_failures} per perturbation):")
        print(format_failures(rows, args.show_failures))
    if args.json:
        figures = {
            "engine": args.engine,
            "split": args.split,
            "fhir_version": args.fhir_version,
            "clean": clean.as_dict(),
            "perturbations": {
                r["perturbation"]: {"perturbed": r["tally"].as_dict(), "clean": r["clean"].as_dict()} for r in rows
            },
        }
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
