"""Prescription files read as a stream of records: encoding, formats, damaged text.

    with InputFile(Path("lines.txt")) as source:
        for record in source.records():
            ...

Formats, by suffix: ``.jsonl`` / ``.ndjson`` (one object per line with ``text`` and optional
``id`` and ``subject``), ``.csv`` / ``.tsv`` (a header row naming a ``text`` column and optional
``id`` and ``subject`` columns; the delimiter is sniffed from the header), ``.parquet`` (the same
columns, read in batches with pyarrow), anything else one prescription per line. Nothing is
read whole: memory stays the same whatever the size of the file.

**Encoding.** The first 64 KiB decide it (:func:`detect_encoding`): a BOM (UTF-8 or UTF-16)
wins; NUL bytes without a BOM mean a binary file, refused (E013); bytes that are strict UTF-8
mean UTF-8; anything else is cp1252, what Windows pharmacy software exports (the five bytes
cp1252 leaves undefined are read as latin-1). ``--encoding`` overrides the guess. The rest of
the file is decoded with the same codec; a byte that does not decode later on cannot make us
start again (records are already written), so it is read in the record itself — as cp1252 in
a UTF-8 file, as U+FFFD under a declared encoding — and the record's Bundle says so (W013).
A lone surrogate that reaches a record another way (a ``"\\udce9"`` escape in JSON) becomes
U+FFFD and is reported too (W014): no record can make the engine or the output raise.

Only ``\\n`` (and ``\\r\\n``) end a line: a lone ``\\r`` is part of the text.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from posology.dosage import Issue
from posology.errors import Errors, InputError, Warnings

if TYPE_CHECKING:
    from pyarrow.parquet import ParquetFile  # optional: only Parquet inputs need pyarrow

__all__ = ["SNIFF_BYTES", "Encoding", "InputFile", "Record", "detect_encoding", "repair_text"]

SNIFF_BYTES = 64 * 1024
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
PARQUET_SUFFIXES = {".parquet"}
PARQUET_BATCH = 4096

_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of a bad byte
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Encoding:
    """How a file is decoded: the codec, and what a byte it cannot decode is read as.

    ``fallback`` is ``"cp1252"`` (per byte, latin-1 for the bytes cp1252 leaves undefined)
    or ``None`` (U+FFFD). ``note`` is the one line said on stderr, when not plain UTF-8.
    """

    codec: str
    label: str
    fallback: str | None
    note: bool


@dataclass(frozen=True)
class Record:
    """One input record. ``error`` set: it cannot be read, and its Bundle says why."""

    number: int
    id: str
    text: str | None
    subject: str | None = None
    error: str | None = None
    issues: tuple[Issue, ...] = ()


def detect_encoding(prefix: bytes, whole: bool, path: object = "the input") -> Encoding:
    """The encoding of a file from its first bytes (``whole``: they are the whole file).

    >>> detect_encoding("2 gélules".encode("cp1252"), True).label
    'cp1252'
    >>> detect_encoding(codecs.BOM_UTF8 + b"1 cp", True).codec
    'utf-8-sig'
    >>> detect_encoding("2 gélules".encode(), True).note
    False
    """
    if prefix.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8-sig", "UTF-8 with a BOM", "cp1252", True)
    if prefix.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Encoding("utf-16", "UTF-16", None, True)
    if b"\x00" in prefix:
        raise InputError(Errors.E013.format(path=path))
    try:
        # final=False: the 64 KiB boundary may cut a character in two.
        codecs.getincrementaldecoder("utf-8")().decode(prefix, final=whole)
        return Encoding("utf-8", "UTF-8", "cp1252", False)
    except UnicodeDecodeError:
        return Encoding("cp1252", "cp1252", "latin-1", True)


def declared_encoding(name: str) -> Encoding:
    """The encoding given with ``--encoding``: trusted; a byte it cannot decode is U+FFFD."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(Errors.E019.format(encoding=name)) from None
    if codec == "utf-8":
        codec = "utf-8-sig"  # a BOM is never part of the first record
    return Encoding(codec, name, None, False)


def repair_text(text: str, encoding: Encoding | None) -> tuple[str, list[Issue]]:
    r"""``text`` with the bytes its codec could not decode read again, and the issues saying so.

    With ``encoding``, the lone surrogates U+DC80–U+DCFF are bytes escaped by the decoder
    (``errors="surrogateescape"``), read as ``encoding.fallback`` (W013); any other lone
    surrogate — or any at all without ``encoding``, as from JSON's ``"\udce9"`` — is U+FFFD (W014).

    >>> escaped = "2 g" + chr(0xDCE9) + "lules"   # the cp1252 byte E9 in a UTF-8 file
    >>> repair_text(escaped, detect_encoding(b"", True))[0]
    '2 gélules'
    >>> repair_text(escaped, None)[1][0].message[:6]
    '[W014]'
    """
    issues = []
    escaped = list(_ESCAPED_BYTE.finditer(text)) if encoding is not None else []
    if escaped and encoding is not None:
        fallback = encoding.fallback
        text = _ESCAPED_BYTE.sub(lambda m: _byte_as(ord(m.group()) - 0xDC00, fallback), text)
        issues.append(
            Issue(
                "warning",
                "value",
                Warnings.W013.format(count=len(escaped), encoding=encoding.label, fallback=fallback or "U+FFFD"),
                escaped[0].start(),
                escaped[-1].end(),
            )
        )
    lone = list(_SURROGATE.finditer(text))
    if lone:
        text = _SURROGATE.sub("\ufffd", text)
        issues.append(Issue("warning", "value", Warnings.W014.format(count=len(lone)), lone[0].start(), lone[-1].end()))
    return text, issues


def _byte_as(byte: int, fallback: str | None) -> str:
    if fallback is None:
        return "\ufffd"
    try:
        return bytes([byte]).decode(fallback)
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


class _CountingSource(io.RawIOBase):
    """The file's bytes, the sniffed prefix first (so pipes work too), counting what was read."""

    def __init__(self, raw, prefix: bytes):
        self._raw, self._prefix, self.bytes_read = raw, prefix, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
        else:
            size = self._raw.readinto(buffer) or 0
        self.bytes_read += size
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


class InputFile:
    """An input file opened for streaming; errors opening it are one-line :class:`InputError`.

    ``encoding`` (a codec name) overrides detection; ``text_column`` names the text field of
    jsonl, csv and parquet records. ``size`` and :meth:`done` drive a progress bar (bytes for
    text files, records for parquet).
    """

    def __init__(self, path: Path, encoding: str | None = None, text_column: str = "text"):
        self.path, self.text_column = Path(path), text_column
        suffix = self.path.suffix.lower()
        self.kind = (
            "parquet"
            if suffix in PARQUET_SUFFIXES
            else "jsonl"
            if suffix in JSONL_SUFFIXES
            else "csv"
            if suffix in CSV_SUFFIXES
            else "txt"
        )
        self.encoding: Encoding | None = None
        self._source: _CountingSource | None = None
        self._parquet: ParquetFile | None = None
        self._rows = 0
        self.size: int | None = None
        try:
            self._open(encoding)
        except OSError as error:
            self.close()
            raise InputError(Errors.E015.format(path=self.path, reason=error.strerror or error)) from None

    def _open(self, encoding: str | None) -> None:
        if self.kind == "parquet":
            self._parquet = parquet = _open_parquet(self.path)
            self.size = parquet.metadata.num_rows
            return
        raw = open(self.path, "rb", buffering=0)  # closed by close()
        stat = os.fstat(raw.fileno())
        self.size = stat.st_size or None  # a pipe has no size
        prefix = raw.read(SNIFF_BYTES)
        self._source = _CountingSource(raw, prefix)
        if encoding:
            self.encoding = declared_encoding(encoding)
        else:
            self.encoding = detect_encoding(prefix, len(prefix) < SNIFF_BYTES, self.path)

    @property
    def note(self) -> str | None:
        """The one-line stderr note on the encoding, when it is not plain UTF-8."""
        if self.encoding is None or not self.encoding.note:
            return None
        return Warnings.W015.format(path=self.path, encoding=self.encoding.label)

    def done(self) -> int:
        """How far reading has gone, in the unit of ``size``."""
        return self._rows if self._parquet is not None else (self._source.bytes_read if self._source else 0)

    def records(self) -> Iterator[Record]:
        if self._parquet is not None:
            return self._parquet_records(self._parquet)
        assert self._source is not None and self.encoding is not None
        newline = "" if self.kind == "csv" else "\n"  # csv: the csv module splits quoted fields itself
        handle = io.TextIOWrapper(
            io.BufferedReader(self._source, 1 << 16),
            encoding=self.encoding.codec,
            errors="surrogateescape",
            newline=newline,
        )
        if self.kind == "csv":
            return self._csv_records(handle)
        if self.kind == "jsonl":
            return self._jsonl_records(handle)
        return self._txt_records(handle)

    def _txt_records(self, lines: Iterable[str]) -> Iterator[Record]:
        for number, line in enumerate(lines, start=1):
            text, issues = repair_text(_strip_eol(line), self.encoding)
            yield Record(number, str(number), text, issues=tuple(issues))

    def _jsonl_records(self, lines: Iterable[str]) -> Iterator[Record]:
        for number, line in enumerate(lines, start=1):
            line, found = repair_text(_strip_eol(line), self.encoding)
            issues = [_without_offsets(issue) for issue in found]  # offsets into the line, not the text
            if not line.strip():
                yield _broken(number, "empty line")
                continue
            try:
                fields = json.loads(line)
            except ValueError as error:
                yield _broken(number, f"{type(error).__name__}: {error}")
                continue
            if not isinstance(fields, dict):
                yield _broken(number, f"TypeError: a JSON {type(fields).__name__}, not an object")
                continue
            yield self._record(number, fields, issues)

    def _csv_records(self, handle: io.TextIOWrapper) -> Iterator[Record]:
        header_line = handle.readline()  # read now: a missing text column fails before any output
        if not header_line:
            return iter(())
        delimiter = _sniff_delimiter(header_line, tsv=self.path.suffix.lower() == ".tsv")
        reader = csv.reader(itertools.chain([header_line], handle), delimiter=delimiter)
        header = [name.strip() for name in next(reader)]
        self._check_column(header)
        return self._csv_rows(reader, header)

    def _csv_rows(self, reader, header: list[str]) -> Iterator[Record]:
        for number in itertools.count(1):
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield _broken(number, f"CSV: {error}")
                continue
            fields = dict(zip(header, row, strict=False))
            if self.text_column not in fields and row:
                yield _broken(number, f"no value in the {self.text_column!r} column")
                continue
            fields.setdefault(self.text_column, "")  # a blank line: an empty text, said so by its Bundle
            repaired: list[Issue] = []
            for name in ("id", "subject", self.text_column):
                if isinstance(fields.get(name), str):
                    fields[name], found = repair_text(fields[name], self.encoding)
                    repaired += found if name == self.text_column else [_without_offsets(i) for i in found]
            yield self._record(number, fields, repaired, repaired_already=True)

    def _check_column(self, names: list[str]) -> None:
        if self.text_column not in names:
            columns = ", ".join(repr(name) for name in names)
            raise InputError(Errors.E016.format(path=self.path, column=self.text_column, columns=columns))

    def _parquet_records(self, parquet: ParquetFile) -> Iterator[Record]:
        schema = parquet.schema_arrow.names
        self._check_column(schema)
        columns = [name for name in dict.fromkeys((self.text_column, "id", "subject")) if name in schema]
        return self._parquet_rows(parquet, columns)

    def _parquet_rows(self, parquet: ParquetFile, columns: list[str]) -> Iterator[Record]:
        number = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
            values = {name: batch.column(name).to_pylist() for name in columns}
            for row in range(batch.num_rows):
                number += 1
                self._rows = number
                yield self._record(number, {name: values[name][row] for name in columns}, [])

    def _record(self, number: int, fields: dict, issues: list[Issue], repaired_already: bool = False) -> Record:
        """A record from the fields of a jsonl object, a CSV row or a parquet row."""
        text = fields.get(self.text_column)
        if text is None:
            return _broken(number, f"no {self.text_column!r}")
        if not isinstance(text, str):
            return _broken(number, f"{self.text_column!r} is a {type(text).__name__}, not a string")
        subject = fields.get("subject")
        if subject is not None and not isinstance(subject, str):
            return _broken(number, f"'subject' is a {type(subject).__name__}, not a string")
        record_id = fields.get("id")
        record_id = str(number) if record_id is None or record_id == "" else str(record_id)
        if not repaired_already:  # lone surrogates from JSON escapes ("\udce9")
            text, found = repair_text(text, None)
            issues = issues + found
            if subject:
                subject, found = repair_text(subject, None)
                issues += [_without_offsets(i) for i in found]
        subject = (subject.strip() or None) if subject else None
        return Record(number, record_id, text, subject, issues=tuple(issues))

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
        if self._parquet is not None:
            self._parquet.close()

    def __enter__(self) -> InputFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _open_parquet(path: Path) -> ParquetFile:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(Errors.E017) from None
    if not path.is_file():
        open(path, "rb").close()  # the same OSError as a text file (missing, a directory)
    try:
        return pq.ParquetFile(path)
    except Exception as error:  # pyarrow.ArrowInvalid and friends: not a parquet file
        raise InputError(Errors.E015.format(path=path, reason=error)) from None


def _strip_eol(line: str) -> str:
    if line.endswith("\n"):
        line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
    return line


def _sniff_delimiter(header_line: str, tsv: bool) -> str:
    if tsv:
        return "\t"
    try:
        return csv.Sniffer().sniff(header_line, delimiters=",;\t|").delimiter
    except csv.Error:  # one column: nothing to sniff
        return ","


def _broken(number: int, detail: str) -> Record:
    return Record(number, str(number), None, error=Errors.E008.format(number=number, detail=detail))


def _without_offsets(issue: Issue) -> Issue:
    """An issue about the id or the subject: its offsets are not offsets into the text."""
    return Issue(issue.severity, issue.code, issue.message)
