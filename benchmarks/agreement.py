"""Inter-annotator agreement between the gold dev lines and a blind second annotation.

The second annotator saw only the texts of ``benchmarks/gold/agreement/texts.jsonl`` (50 dev
lines drawn with a fixed seed) and CONVENTIONS.md, never the first annotation. Agreement is
measured with the project's own scorer, the first pass taken as reference: per field,
agreement = 1 − disagreements / fields present in either pass; per line, the share of lines
annotated identically.

    python -m benchmarks.agreement
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from benchmarks.gold_io import GOLD_DIR, load_file, load_split
from benchmarks.scoring import score_case

AGREEMENT_DIR = Path(GOLD_DIR) / "agreement"


def agreement(first: list[dict], second: list[dict]) -> dict:
    """Per-field and per-line agreement of two annotations of the same texts."""
    by_id = {case["id"]: case for case in first}
    seen, differ = Counter(), Counter()
    identical, disagreements = 0, []
    for case in second:
        reference = by_id[case["id"]]
        if reference["text"] != case["text"]:
            raise ValueError(f"{case['id']}: the two passes annotate different texts")
        result = score_case(reference, case["meds"])
        for check in result.checks:
            seen[check.field] += 1
            if not check.right:
                differ[check.field] += 1
                disagreements.append((case["id"], check.path, check.gold, check.predicted))
        identical += result.ok
    fields = {name: 1 - differ[name] / seen[name] for name in sorted(seen)}
    total = sum(seen.values())
    return {
        "lines": len(second),
        "identical_lines": identical,
        "field_agreement": 1 - sum(differ.values()) / total if total else 1.0,
        "per_field": fields,
        "per_field_counts": {name: (seen[name] - differ[name], seen[name]) for name in sorted(seen)},
        "disagreements": disagreements,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--second", default=str(AGREEMENT_DIR / "second_pass.jsonl"))
    parser.add_argument("--json", help="write the figures as JSON to this path")
    args = parser.parse_args(argv)
    report = agreement(load_split("dev"), load_file(args.second))
    print(
        f"lines: {report['lines']}, identical: {report['identical_lines']} "
        f"({report['identical_lines'] / report['lines']:.1%}), "
        f"field agreement: {report['field_agreement']:.1%}"
    )
    print("| field | agree / seen | agreement |\n|---|---|---|")
    for name, (agree, seen) in report["per_field_counts"].items():
        print(f"| {name} | {agree} / {seen} | {agree / seen:.1%} |")
    print("\nDisagreements (id, field, first pass, second pass):")
    for row in report["disagreements"]:
        print("  ", *row)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
