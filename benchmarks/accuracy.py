"""Accuracy benchmark: run an engine over a gold split and score its FHIR output.

    python -m benchmarks.accuracy --engine rules --split dev [--fhir-version R5]
                                  [--show-failures 20] [--json report.json]

It measures and prints; it never fails the build (exit 0 whatever the score). The engine's
Bundles go through ``fhir_fields.read_bundle`` first, so what is scored is the FHIR a
caller would receive, in the chosen FHIR version.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from typing import Any

from benchmarks.fhir_fields import Codebook, read_bundle
from benchmarks.gold_io import SPLITS, load_cases
from benchmarks.scoring import LineResult, Report, Tally, score_case
from posology import DEFAULT_ENGINE, ENGINES

Json = dict[str, Any]


def _predict(texts: list[str], engine: str, fhir_version: str) -> Iterator[Json | Exception]:
    """Bundles (or the exception) per text. ``structure_many`` loads the engine once; if it
    breaks midway, the remaining lines go one by one so a single bad line costs only itself."""
    import posology

    done = 0
    try:
        for result in posology.structure_many(texts, fhir_version=fhir_version, engine=engine):
            yield result.as_dict()
            done += 1
    except Exception as error:  # noqa: BLE001 - a measurement records failures, it does not stop
        yield error
        done += 1
    for text in texts[done:]:
        try:
            yield posology.structure(text, fhir_version=fhir_version, engine=engine).as_dict()
        except Exception as error:  # noqa: BLE001
            yield error


def score_predictions(
    cases: list[Json], bundles: Iterable[Json | Exception], codes: Codebook | None = None
) -> list[LineResult]:
    """Read each Bundle back into the gold form and score it; an exception scores as no output."""
    results = []
    for case, bundle in zip(cases, bundles, strict=False):
        if isinstance(bundle, Exception):
            message = "".join(traceback.format_exception_only(type(bundle), bundle)).strip()
            results.append(score_case(case, [], error=message))
            continue
        fields = read_bundle(bundle, codes)
        results.append(
            score_case(
                case,
                fields.meds,
                outcomes=fields.outcomes,
                unmapped=fields.unmapped,
                flagged=fields.flagged,
            )
        )
    return results


def evaluate(cases: list[Json], engine: str = "rules", fhir_version: str = "R4", split: str = "") -> Report:
    """Run ``engine`` over the gold ``cases`` and return the scored Report."""
    start = time.perf_counter()
    bundles = _predict([c["text"] for c in cases], engine, fhir_version)
    lines = score_predictions(cases, bundles)
    return Report(lines, engine, fhir_version, split, time.perf_counter() - start)


# --- printing ------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _tally_row(name: str, t: Tally) -> str:
    return (
        f"  {name:<22} lines {t.lines:>5}  well-structured {_pct(t.well_structured_ratio)}"
        f"  error ratio {_pct(t.error_ratio)} ({t.wrong}/{t.gold})"
        f"  silent-wrong {_pct(t.silent_wrong_ratio)}  review {_pct(t.review_rate)}"
    )


def format_report(report: Report, show_failures: int = 10) -> str:
    """A compact plain-text report: overall, per field, per category, per lang, failures."""
    data = report.as_dict()
    head = (
        f"engine={report.engine} split={report.split} fhir={report.fhir_version} "
        f"({report.seconds:.1f} s, {data['engine_errors']} engine errors, "
        f"{data['outcomes']} OperationOutcomes)"
    )
    out = [
        head,
        _tally_row("overall", report.overall),
        "per field (wrong / gold):",
    ]
    out += [f"  {f:<14} {w:>5} / {g:<5}" for f, (w, g) in report.per_field.items()]
    out += ["per category:"] + [_tally_row(k, t) for k, t in report.per_category.items()]
    out += ["per lang:"] + [_tally_row(k, t) for k, t in report.per_lang.items()]
    if data["unmapped_codes"]:
        out.append(f"unmapped codes: {data['unmapped_codes']}")
    failures = report.failures[:show_failures]
    if failures:
        out.append(f"first {len(failures)} of {len(report.failures)} failing lines:")
    for line in failures:
        out.append(f"  [{line.id}] {line.text}" + (f"  !! {line.error}" if line.error else ""))
        out += [f"      {c.path}: gold={c.gold!r} predicted={c.predicted!r}" for c in line.wrong]
        if line.review_required and not line.flagged:
            out.append("      review: gold requires a review flag, none given")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    parser.add_argument(
        "--split",
        default="examples",
        help=f"{' | '.join(sorted(SPLITS))}, or gold files (a path or a glob, comma-separated)",
    )
    parser.add_argument("--fhir-version", choices=("R4", "R5"), default="R4")
    parser.add_argument("--show-failures", type=int, default=10, metavar="N")
    parser.add_argument("--json", metavar="PATH", help="write the full report (with every failing line) as JSON")
    args = parser.parse_args(argv)
    report = evaluate(load_cases(args.split), args.engine, args.fhir_version, args.split)
    print(format_report(report, args.show_failures))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report.as_dict(), handle, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
