"""Command line: ``posology structure`` (one text or a file) and ``posology build-index``.

    posology structure "1 cp le matin"
    posology structure --input prescriptions.txt --output bundles.ndjson
    posology structure --input records.jsonl --fhir-version R5 --engine rules

A ``.txt`` input has one prescription per line; a ``.jsonl`` input has objects with
``"text"`` and optional ``"id"`` and ``"subject"``; a ``.csv`` input the same columns; a
``.parquet`` input too (with pyarrow). The output has one Bundle per input record, in input
order (NDJSON); a record that cannot be read becomes a Bundle holding an OperationOutcome —
never a skipped line. Files stream (``--workers N`` processes, resumable ``--output``):
see posology/batch.py and posology/inputs.py.
"""

from __future__ import annotations

import argparse
import sys

from posology import DEFAULT_ENGINE, ENGINES
from posology.errors import Errors, PosologyError


def cmd_structure(args) -> int:
    """``posology structure``: the work is in posology/batch.py (streaming, workers, resume)."""
    from posology.batch import command

    return command(args)


def build_index(argv: list[str]) -> int:
    """``posology build-index [options]``: the linker's own program (options passed through)."""
    from posology.linking import build_index as program

    return program.main(argv)


def cmd_serve(args) -> int:
    """``posology serve``: the FastAPI service of posology/service.py (``posology[service]``)."""
    try:
        from posology.service import serve
    except ImportError as error:
        print(f"posology serve needs the service extra (pip install 'posology[service]'): {error}", file=sys.stderr)
        return 1
    return serve(args)


def cmd_explain(args) -> int:
    """``posology explain``: the understood spans, the rendering, each field's source, the flags."""
    from posology.explain import command

    return command(args)


def _workers(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(Errors.E026)
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="posology", description="Prescriptions → FHIR")
    sub = parser.add_subparsers(dest="command", required=True)
    structure = sub.add_parser("structure", help="structure a text or a file into FHIR Bundles")
    structure.add_argument("text", nargs="?", help="one prescription text")
    structure.add_argument(
        "--input",
        "-i",
        help=".txt (one per line), .jsonl ({'text', 'id', 'subject'}), "
        ".csv (a 'text' column; 'id', 'subject') or .parquet",
    )
    structure.add_argument(
        "--output",
        "-o",
        help="output file (NDJSON for --input), written as OUTPUT.partial then moved into place; default stdout",
    )
    structure.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    structure.add_argument("--fhir-version", choices=("R4", "R5"), default="R4")
    structure.add_argument(
        "--provenance",
        action="store_true",
        help="write each field's source (offsets, rule, confidence) as a Dosage extension",
    )
    structure.add_argument(
        "--render-lang",
        choices=("fr", "en"),
        help="language of the narrative and patientInstruction (default: each line's own)",
    )
    structure.add_argument(
        "--workers",
        type=_workers,
        default=1,
        help="processes for --input, each loading the engine once (0: one per core)",
    )
    structure.add_argument(
        "--resume",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="continue from OUTPUT.partial left by an interrupted run (default: yes)",
    )
    structure.add_argument("--encoding", help="encoding of --input (default: detected: UTF-8, BOM, else cp1252)")
    structure.add_argument("--text-column", default="text", help="text field of .jsonl/.csv/.parquet records")
    structure.set_defaults(func=cmd_structure)
    # build-index is the linker's own program: its options (and --help) pass through to it
    index = sub.add_parser(
        "build-index", add_help=False, help="build the linker's FAISS index (offline; --help for its options)"
    )
    index.set_defaults(func=None)
    explain = sub.add_parser("explain", help="show what was understood in a text, field by field, and why")
    explain.add_argument("text", nargs="?", help="one prescription text")
    explain.add_argument("--input", "-i", help=".txt (one text per line) or .jsonl ({'text'})")
    explain.add_argument("--lang", choices=("fr", "en"), help="language of the rendering (default: the text's)")
    explain.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    explain.set_defaults(func=cmd_explain)
    serve = sub.add_parser("serve", help="HTTP service: POST /structure, FHIR MedicationRequest/$structure")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (0.0.0.0: every interface)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="worker processes, each loading the engine once")
    serve.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE, help="when a request names none")
    serve.add_argument("--api-key", help="require this X-API-Key header (default: env POSOLOGY_API_KEY)")
    serve.add_argument("--log-texts", action="store_true", help="log prescription texts (default: never)")
    serve.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """The ``posology`` command; without ``argv`` it is the program (``sys.argv``, then exit)."""
    parser = build_parser()
    args, passed_on = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if args.command == "build-index":
        return build_index(passed_on)
    if passed_on:
        parser.error(f"unrecognized arguments: {' '.join(passed_on)}")
    try:
        return args.func(args)
    except PosologyError as error:
        print(f"posology: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `posology explain … | head -3`: the reader has had enough
        from posology.batch import EXIT_BROKEN_PIPE, _silence_stdout

        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        from posology.batch import EXIT_INTERRUPTED

        print("posology: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if argv is None:
            _skip_collection_at_exit()


def _skip_collection_at_exit() -> None:
    """The process ends next: its objects (the engine, the tables) need no cycle collection.

    The interpreter's exit collects cycles over every object left (~0.13 s after one line,
    ~0.5 s after a drug table). Freezing them moves them out of the collector's reach; the exit
    still flushes and closes the streams, runs ``atexit`` and frees what is unreferenced (exit
    code, broken pipe, the partial output file: as before). Only here, at the end of the
    program: a library caller's garbage is never kept from its collector.
    """
    import gc

    gc.freeze()


if __name__ == "__main__":
    raise SystemExit(main())
