"""Output snapshot: every Bundle the engine writes for the gold sets and the samples, ids aside.

    python -m benchmarks.snapshot write before.ndjson [--engine hybrid]   # before a change
    python -m benchmarks.snapshot write after.ndjson                      # after it
    python -m benchmarks.snapshot compare before.ndjson after.ndjson      # exit 1 on a difference

A refactoring or a speed-up promises *outputs unchanged* (#14, #17): this is how it is checked.
Each record is one text of ``benchmarks/gold/*.jsonl`` (every split and round, the linking sets
aside), of the safety suite (``benchmarks/safety/*/*.jsonl``) and of ``samples/prescriptions.txt``,
structured in R4 and R5 with provenance, the random ids renamed in order of appearance
(``posology.fhir.ids.without_ids``), so two runs of the same engine give byte-identical files.
``compare`` prints the first differing texts (at most ``--show``) and the count; it does not
print held-out safety lines (their text is never shown, only their position).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import posology
from posology.fhir.ids import without_ids

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold"
SAFETY = ROOT / "benchmarks" / "safety"
SAMPLES = ROOT / "samples" / "prescriptions.txt"


def sources() -> Iterator[tuple[str, str]]:
    """(source name, text) for every text the snapshot covers, in a fixed order."""
    for path in sorted(GOLD.glob("*.jsonl")):
        if path.name.startswith(("linking_", "drug_mentions")):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield path.name, json.loads(line)["text"]
    for path in sorted(SAFETY.glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield f"safety/{path.parent.name}/{path.name}", json.loads(line)["text"]
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield "samples", line


def write(path: Path, engine: str) -> int:
    """Write the snapshot; the number of records."""
    items = list(sources())
    texts = [text for _, text in items]
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for version in ("R4", "R5"):
            results = posology.structure_many(texts, fhir_version=version, engine=engine, provenance=True)
            for (source, text), result in zip(items, results, strict=True):
                bundle = without_ids(json.loads(result.json()))
                record = {"source": source, "version": version, "text": text, "bundle": bundle}
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
    return count


def compare(before: Path, after: Path, show: int) -> int:
    """Print the differences; the number of differing records (a different count is one)."""
    left = before.read_text(encoding="utf-8").splitlines()
    right = after.read_text(encoding="utf-8").splitlines()
    if len(left) != len(right):
        print(f"record counts differ: {len(left)} vs {len(right)}")
        return 1
    differing = 0
    for index, (a, b) in enumerate(zip(left, right, strict=True)):
        if a == b:
            continue
        differing += 1
        if differing <= show:
            record = json.loads(a)
            heldout = "heldout" in record["source"]
            label = f"#{index}" if heldout else repr(record["text"])
            print(f"{record['source']} {record['version']} {label}")
            if not heldout:
                print(f"  before: {json.dumps(record['bundle'], ensure_ascii=False)[:600]}")
                print(f"  after:  {json.dumps(json.loads(b)['bundle'], ensure_ascii=False)[:600]}")
    print(f"{differing} of {len(left)} records differ")
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("path", type=Path)
    w.add_argument("--engine", default=posology.DEFAULT_ENGINE, choices=posology.ENGINES)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=10)
    args = parser.parse_args(argv)
    if args.command == "write":
        print(f"{write(args.path, args.engine)} records written to {args.path}")
        return 0
    return 1 if compare(args.before, args.after, args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
