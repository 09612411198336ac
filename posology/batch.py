"""The ``posology structure`` command: one text, or a file streamed into NDJSON.

    posology structure --input big.csv --output out.ndjson --workers 2

One Bundle per input record, in input order, whatever ``--workers``: records go to the
worker processes in chunks (each worker loads the engine once) and come back in order, with
a bounded number of chunks in flight, so memory does not grow with the input.

``--output`` is written to ``OUTPUT.partial`` and moved onto ``OUTPUT`` only at the end. An
interrupted run (Ctrl-C, a crash, a full disk) leaves the partial file; the same command then
resumes: it keeps the complete lines of the partial file (a trailing broken line is dropped),
checks that the last of them is the Bundle of the same input record, skips that many records
and appends the rest. Errors are one line on stderr, never a traceback (``command``).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import posology
from posology import DEFAULT_ENGINE
from posology.dosage import Issue
from posology.errors import Errors, InputError, PosologyError, Warnings

if TYPE_CHECKING:  # files and worker pools: imported where a run reads a file or has workers
    from posology.inputs import InputFile, Record

__all__ = ["Options", "PartialOutput", "command", "safe_id", "structure_file", "structure_record"]

CHUNK_RECORDS = 64  # per task sent to a worker: ~0.1 s of work, so the transfer cost is small
CHUNKS_IN_FLIGHT_PER_WORKER = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as `cat big | head -1` reports it
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Options:
    """How every record is structured (the same in every worker)."""

    fhir_version: str = "R4"
    engine: str = DEFAULT_ENGINE
    provenance: bool = False
    render_lang: str | None = None  # the narrative's language (--render-lang); None: each line's


def safe_id(value: str) -> str:
    """The record id as a FHIR id (``[A-Za-z0-9-.]{1,64}``).

    >>> safe_id("rx 12/é")
    'rx-12--'
    """
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-.") else "-" for ch in value)
    return cleaned[:64] or "record"


def structure_record(record: Record, core, options: Options, ahead: dict[str, Any] | None = None) -> str:
    """The NDJSON line (no newline) of one record: always a Bundle, never an exception.

    What reading the record repaired (``record.issues``: W013, W014) comes first in the
    Bundle's OperationOutcome. ``ahead``: records read ahead (:func:`structure_records`).
    """
    if record.error is not None:
        bundle = failure_bundle(record.error, options.fhir_version, record.issues)
    else:
        assert record.text is not None  # only a record that could not be read has no text (and an error)
        try:
            result = posology._result(
                record.text,
                core,
                options.fhir_version,
                options.engine,
                record.subject,
                options.provenance,
                options.render_lang,
                read=ahead.pop(record.text, None) if ahead else None,
            )
            bundle = result.as_dict()
            if record.issues:  # rare (a damaged record): build its Bundle again with them
                bundle = _with_issues(result, record.issues, record.subject, options)
        except Exception as error:  # one record never stops a batch; its Bundle says what failed
            detail = f"{type(error).__name__}: {error}"
            message = str(error) if isinstance(error, PosologyError) else Errors.E020.format(detail=detail)
            bundle = failure_bundle(message, options.fhir_version, record.issues)
    return dumps({**bundle, "id": safe_id(record.id)})


def structure_records(records: Iterable[Record], core, options: Options) -> Iterator[str]:
    """:func:`structure_record` of each record, ``posology.READ_AHEAD`` at a time: the hybrid
    engine reads them ahead and its NER model reads their gaps in one batch."""
    run_options = posology._Options(options.fhir_version, options.engine, options.provenance, options.render_lang)
    records = iter(records)
    while chunk := list(itertools.islice(records, posology.READ_AHEAD)):
        texts = [(r.text, r.subject) for r in chunk if r.error is None and r.text is not None]
        ahead = posology._read_ahead(core, texts, run_options)
        for record in chunk:
            yield structure_record(record, core, options, ahead)


def dumps(bundle: dict[str, Any], indent: int | None = None) -> str:
    """JSON text that always encodes as UTF-8: a lone surrogate left anywhere becomes U+FFFD."""
    line = json.dumps(bundle, ensure_ascii=False, indent=indent)
    return _SURROGATE.sub("\ufffd", line) if _SURROGATE.search(line) else line


def failure_bundle(message: str, fhir_version: str = "R4", issues: tuple[Issue, ...] = ()) -> dict[str, Any]:
    """The Bundle of a record that cannot be structured: an OperationOutcome saying why."""
    from posology.dosage import Prescription
    from posology.fhir import build_bundle

    failure = Prescription("", (), (*issues, Issue("error", "invalid", message)))
    return build_bundle(failure, fhir_version=fhir_version)


def _with_issues(result, issues: tuple[Issue, ...], subject: str | None, options: Options) -> dict[str, Any]:
    from posology.fhir import build_bundle

    prescription = dataclasses.replace(result.prescription, issues=(*issues, *result.prescription.issues))
    return build_bundle(prescription, fhir_version=options.fhir_version, subject=subject, provenance=options.provenance)


# -- workers ---------------------------------------------------------------------------------

_worker_state: tuple[Any, Options] | None = None


def _start_worker(options: Options) -> None:
    global _worker_state
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker_state = (posology.get_engine(options.engine), options)


def _worker_notes() -> list[str]:
    assert _worker_state is not None
    return _file_notes(*_worker_state)


def _file_notes(core, options: Options) -> list[str]:
    """The engine's notes for a file, its NER model loaded first: a model that cannot be read
    stops the run before its first record (E104), never as one failed Bundle per line."""
    if options.engine != "rules":
        core.ner  # noqa: B018 - loads it
    return posology._engine_notes(options.engine)


def _structure_chunk(records: list[Record]) -> list[str]:
    assert _worker_state is not None
    core, options = _worker_state
    return list(structure_records(records, core, options))


def structured_lines(records: Iterable[Record], options: Options, workers: int = 1) -> Iterator[str]:
    """One NDJSON line per record, in input order; ``workers`` > 1 runs that many processes.

    At most ``workers * CHUNKS_IN_FLIGHT_PER_WORKER`` chunks are read ahead of the output, so
    memory does not depend on the input. A worker that dies (killed, out of memory) raises
    ``BrokenProcessPool`` here rather than leaving the run waiting forever.
    """
    if workers <= 1:
        core = posology.get_engine(options.engine)
        _say(*_file_notes(core, options))
        yield from structure_records(records, core, options)
        return
    executor = _worker_pool(workers, options)
    try:
        _say(*executor.submit(_worker_notes).result())
        pending: deque = deque()
        records = iter(records)
        while chunk := list(itertools.islice(records, CHUNK_RECORDS)):
            pending.append(executor.submit(_structure_chunk, chunk))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # also on Ctrl-C or a closed pipe: drop the queued chunks, wait for the running ones
        executor.shutdown(wait=True, cancel_futures=True)


def _worker_pool(workers: int, options: Options):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent may hold OpenMP (FAISS) threads, which a fork would break.
    return ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"), _start_worker, (options,))


# -- output ----------------------------------------------------------------------------------


class PartialOutput:
    """``OUTPUT.partial``: appended to while the run lasts, moved onto ``OUTPUT`` at the end."""

    def __init__(self, target: Path):
        self.target = target
        self.path = target.with_name(target.name + ".partial")

    def resume_point(self) -> tuple[int, str | None, bool]:
        """(complete lines, id of the last Bundle, whether a broken last line was dropped).

        The broken tail is cut off the file; the file is read in blocks, never whole.
        """
        if not self.path.exists():
            return 0, None, False
        with open(self.path, "r+b") as handle:
            count = end = last_start = position = 0
            while block := handle.read(1 << 20):
                last = block.rfind(b"\n")
                if last >= 0:
                    before = block.rfind(b"\n", 0, last)
                    last_start = position + before + 1 if before >= 0 else end
                    end = position + last + 1
                    count += block.count(b"\n")
                position += len(block)
            if position > end:
                handle.truncate(end)
            handle.seek(last_start)
            last_line = handle.read(end - last_start)
        try:
            last_id = json.loads(last_line).get("id") if count else None
        except (ValueError, AttributeError):
            last_id = "(not a Bundle)"
        return count, last_id, position > end

    def open(self, fresh: bool) -> TextIO:
        return open(self.path, "w" if fresh else "a", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        os.replace(self.path, self.target)


def _skip_written(records: Iterator[Record], count: int, last_id: str | None, partial: Path) -> Iterator[Record]:
    """``records`` after the ``count`` already in the partial file, once the last one matches."""
    record = None
    for record in itertools.islice(records, count):  # noqa: B007 — the last one is checked below
        pass
    if count:
        expected = safe_id(record.id) if record is not None and record.number == count else "(no such record)"
        if expected != last_id:
            raise InputError(Errors.E018.format(partial=partial, number=count, expected=expected, found=last_id))
    return records


def _refuse_same_file(source: Path, target: Path) -> None:
    for path in (target, target.with_name(target.name + ".partial")):
        same = source.resolve() == path.resolve()
        if not same and source.exists() and path.exists():
            same = os.path.samefile(source, path)
        if same:
            raise InputError(Errors.E014.format(output=path))
    if target.is_dir():
        raise InputError(Errors.E022.format(path=target, reason="it is a directory"))


def structure_file(
    source: Path,
    output: Path | None,
    options: Options,
    *,
    workers: int = 1,
    resume: bool = True,
    encoding: str | None = None,
    text_column: str = "text",
) -> int:
    """Structure every record of ``source`` into NDJSON (``output``, else stdout); the count."""
    from posology.inputs import InputFile

    if output is not None:
        _refuse_same_file(source, output)  # before anything is opened for writing
    with InputFile(source, encoding, text_column) as reader:
        _say(reader.note)
        records = reader.records()
        if output is None:
            _utf8_stdout()
            return _write(structured_lines(records, options, workers), sys.stdout, reader)
        partial = PartialOutput(output)
        count, last_id, dropped = partial.resume_point() if resume else (0, None, False)
        if count or dropped:
            note = "; its broken last line was dropped" if dropped else ""
            _say(Warnings.W016.format(partial=partial.path, done=count, dropped=note))
        records = _skip_written(records, count, last_id, partial.path)
        with partial.open(fresh=not count) as out:
            written = _write(structured_lines(records, options, workers), out, reader)
        partial.commit()
        return count + written


def _write(lines: Iterable[str], out: TextIO, reader: InputFile) -> int:
    bar = _progress_bar(reader)
    written = 0
    try:
        for line in lines:
            out.write(line + "\n")
            written += 1
            if bar is not None and written % CHUNK_RECORDS == 0:
                bar.update(reader.done() - bar.n)
                bar.set_postfix(records=written, refresh=False)
        out.flush()
        if bar is not None:
            bar.update(reader.done() - bar.n)
            bar.set_postfix(records=written)
    finally:
        close = getattr(lines, "close", None)
        if close is not None:  # stops the worker processes now, not when the generator is collected
            close()
        if bar is not None:
            bar.close()
    return written


def _progress_bar(reader: InputFile):
    """A tqdm bar on a terminal only; its total is the file size (or parquet rows), not records."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    if reader.kind == "parquet":
        return tqdm(total=reader.size, unit="record", file=sys.stderr)
    return tqdm(total=reader.size, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr)


# -- the command -----------------------------------------------------------------------------


def structure_text(text: str, output: Path | None, options: Options) -> int:
    """One text (a command-line word) into one pretty Bundle."""
    issues: list[Issue] = []
    if _SURROGATE.search(text):  # else nothing to repair
        from posology.inputs import Encoding, repair_text

        # Command-line words that are not UTF-8 reach Python as escaped bytes: read them as cp1252.
        text, issues = repair_text(text, Encoding("utf-8", "UTF-8", "cp1252", False))
    result = posology.structure(
        text,
        fhir_version=options.fhir_version,
        engine=options.engine,
        provenance=options.provenance,
        render_lang=options.render_lang,
    )
    _say(*result.notes)
    bundle = _with_issues(result, tuple(issues), None, options) if issues else result.as_dict()
    document = dumps(bundle, indent=2) + "\n"
    if output is None:
        _utf8_stdout()
        sys.stdout.write(document)
        sys.stdout.flush()
        return 0
    partial = PartialOutput(output)
    with partial.open(fresh=True) as out:
        out.write(document)
    partial.commit()
    return 0


def command(args) -> int:
    """``posology structure``: its exit code; every error is one line on stderr."""
    options = Options(args.fhir_version, args.engine, args.provenance, getattr(args, "render_lang", None))
    output = Path(args.output) if args.output else None
    try:
        if args.input:
            workers = args.workers or os.cpu_count() or 1
            structure_file(
                Path(args.input),
                output,
                options,
                workers=workers,
                resume=args.resume,
                encoding=args.encoding,
                text_column=args.text_column,
            )
            return 0
        if args.text is None:
            _say("posology structure: give a TEXT or --input FILE")
            return 2
        return structure_text(args.text, output, options)
    except BrokenPipeError:  # `posology structure --input x | head -1`: the reader has had enough
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        partial = PartialOutput(output) if output is not None and args.input else None
        if partial is not None and partial.path.exists():
            _say(f"posology: {Errors.E021.format(partial=partial.path)}")
        else:
            _say("posology: interrupted")
        return EXIT_INTERRUPTED
    except _broken_pool() as error:  # evaluated only when an error gets this far
        where = PartialOutput(output).path if output is not None else "the output"
        _say(f"posology: {Errors.E025.format(detail=error, partial=where)}")
        return 1
    except PosologyError as error:
        _say(f"posology: {error}")
        return 1
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        _say(f"posology: {error.strerror or error}{where}")
        return 1


def _broken_pool() -> type[Exception]:
    from concurrent.futures.process import BrokenProcessPool  # imported here: most runs have no pool

    return BrokenProcessPool


def _say(*lines: str | None) -> None:
    for line in lines:
        if line:
            print(line, file=sys.stderr)


def _utf8_stdout() -> None:
    """NDJSON is UTF-8, whatever the terminal's locale says."""
    if (sys.stdout.encoding or "").lower().replace("-", "") not in ("utf8", "utf8sig"):
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to silence
        pass
