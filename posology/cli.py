"""Command line: ``posology structure`` (one text or a file) and ``posology build-index``.

    posology structure "1 cp le matin"
    posology structure --input prescriptions.txt --output bundles.ndjson
    posology structure --input records.jsonl --fhir-version R5 --engine rules

A ``.txt`` input has one prescription per line; a ``.jsonl`` input has objects with
``"text"`` and an optional ``"id"``. The output has one Bundle per input record, in input
order (NDJSON); a record that cannot be read becomes a Bundle holding an OperationOutcome —
never a skipped line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from posology import DEFAULT_ENGINE, ENGINES
from posology.errors import Errors, PosologyError


def _records(path: Path) -> Iterator[tuple[str | None, object]]:
    """``(id, text)`` per input record; a broken record yields ``(id, Exception)``."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        if path.suffix.lower() == ".jsonl":
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    yield str(number), ValueError(Errors.E008.format(number=number, detail="empty line"))
                    continue
                try:
                    record = json.loads(line)
                    text = record["text"]
                    yield str(record.get("id", number)), text
                except (ValueError, KeyError, TypeError) as error:
                    detail = f"{type(error).__name__}: {error}"
                    yield str(number), ValueError(Errors.E008.format(number=number, detail=detail))
        else:
            for number, line in enumerate(handle, start=1):
                yield str(number), line.rstrip("\r\n")


def _failure_bundle(record_id: str | None, message: str) -> dict:
    from posology.dosage import Issue, Prescription
    from posology.fhir import build_bundle

    return build_bundle(Prescription("", (), (Issue("error", "invalid", message),)))


def _structure_file(args, out: TextIO) -> int:
    import posology

    path = Path(args.input)
    records = list(_records(path))
    core = posology.get_engine(args.engine)
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=len(records), unit="line", file=sys.stderr)
    for record_id, text in records:
        if isinstance(text, Exception):
            bundle = _failure_bundle(record_id, str(text))
        else:
            try:
                bundle = posology._result(
                    text, core, args.fhir_version, args.engine, None, args.provenance
                ).as_dict()
            except PosologyError as error:  # a bug of ours: still one line out per line in
                bundle = _failure_bundle(record_id, str(error))
        if record_id is not None:
            bundle = {**bundle, "id": _safe_id(record_id)}
        out.write(json.dumps(bundle, ensure_ascii=False) + "\n")
        if progress:
            progress.update()
    if progress:
        progress.close()
    return 0


def _safe_id(value: str) -> str:
    """FHIR ids are [A-Za-z0-9-.]{1,64}."""
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-.") else "-" for ch in value)
    return cleaned[:64] or "record"


def cmd_structure(args) -> int:
    import posology

    if args.engine != "rules" and not posology.engine_available(args.engine):
        from posology.errors import Warnings

        print(Warnings.W003.format(engine=args.engine), file=sys.stderr)
    if args.input:
        if args.output:
            with open(args.output, "w", encoding="utf-8") as out:
                return _structure_file(args, out)
        return _structure_file(args, sys.stdout)
    if args.text is None:
        print("posology structure: give a TEXT or --input FILE", file=sys.stderr)
        return 2
    result = posology.structure(
        args.text, fhir_version=args.fhir_version, engine=args.engine, provenance=args.provenance
    )
    text = result.json(indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def build_index(argv: list[str]) -> int:
    """``posology build-index [options]``: the linker's own program (options passed through)."""
    from posology.linking import build_index as program

    return program.main(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="posology", description="Prescriptions → FHIR")
    sub = parser.add_subparsers(dest="command", required=True)
    structure = sub.add_parser("structure", help="structure a text or a file into FHIR Bundles")
    structure.add_argument("text", nargs="?", help="one prescription text")
    structure.add_argument("--input", "-i", help=".txt (one per line) or .jsonl ({'text', 'id'})")
    structure.add_argument("--output", "-o", help="output file (NDJSON for --input); default stdout")
    structure.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    structure.add_argument("--fhir-version", choices=("R4", "R5"), default="R4")
    structure.add_argument("--provenance", action="store_true",
                           help="write each field's source (offsets, rule, confidence) as a Dosage extension")
    structure.set_defaults(func=cmd_structure)
    sub.add_parser("build-index", help="build the linker's FAISS index (offline; --help for its options)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["build-index"]:
        return build_index(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except PosologyError as error:
        print(f"posology: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
