"""Safety suite: per family, how many lines are read right, flagged, or silently wrong.

    python -m benchmarks.safety [--engine hybrid] [--half dev|heldout|both]

The suite (``benchmarks/safety/{dev,heldout}/<family>.jsonl``) was written blind, from
CONVENTIONS.md alone, one file per family of wordings where a structuring engine is often
silently wrong (excepted days, stop orders, titrations, number words, thousands separators,
bare strengths, intervals vs durations, impossible values, conditions, cycles). A line is

- **right**: every field as the gold says, and flagged where §8 requires a review;
- **flagged**: not right, but the Bundle carries a review flag (a pharmacist will look);
- **silent-wrong**: not right and not flagged — the failure that matters.

The held-out half is measured, never tuned on: its failing lines are never printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.accuracy import evaluate
from benchmarks.gold_io import load_file
from posology import DEFAULT_ENGINE, ENGINES

SUITE = Path(__file__).resolve().parent / "safety"


def family_rows(half: str, engine: str) -> list[tuple[str, int, int, int, int]]:
    """(family, lines, right, flagged, silent-wrong) per family file of one half."""
    rows = []
    for path in sorted((SUITE / half).glob("*.jsonl")):
        report = evaluate(load_file(path), engine=engine, split=f"safety-{half}")
        lines = report.lines
        right = sum(r.right for r in lines)
        silent = sum(r.silent_wrong for r in lines)
        rows.append((path.stem, len(lines), right, len(lines) - right - silent, silent))
    return rows


def format_rows(half: str, rows: list[tuple[str, int, int, int, int]]) -> str:
    out = [f"{half}: {'family':<22} lines  right  flagged  silent-wrong"]
    for family, n, right, flagged, silent in rows + [("ALL", *map(sum, zip(*[r[1:] for r in rows], strict=True)))]:
        out.append(f"     {family:<22} {n:>5}  {right / n:6.1%}  {flagged / n:6.1%}  {silent / n:6.1%}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.safety", description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    parser.add_argument("--half", choices=("dev", "heldout", "both"), default="both")
    args = parser.parse_args(argv)
    for half in ("dev", "heldout") if args.half == "both" else (args.half,):
        print(format_rows(half, family_rows(half, args.engine)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
