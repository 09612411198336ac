"""A bounded cache of results for repeated lines (data warehouses repeat: half of a realistic
extract are exact repeats).

The key is everything the result depends on: the exact text (offsets and ``Dosage.text`` are
spans of it, so no normalisation), the engine, the FHIR version, the options, and whether a
subject is given. The value is the typed :class:`~posology.dosage.Prescription` (immutable,
shared) and the Bundle as JSON text (as ``StructureResult.json()`` writes it) cut into a
template whose holes are its resource ids and the caller's subject. A hit fills the holes with
fresh ids (:func:`~posology.fhir.uuids.new_ids`: two calls never share an id; the same old id gets
the same new one, so references still hold) and the caller's subject: string operations only,
no dict is built or serialised. The caller gets that text; its dict is parsed from it only when
asked for (``StructureResult.bundle_dict``), so every caller gets its own Bundle and nothing it
does to it reaches the cache.

The caller's subject is stood in for by :data:`SUBJECT` while building; only subjects of the
plain ``Type/id`` form are cached (anything else is built every time, as it may be reported).
Memory is bounded by a number of entries and by the bytes of JSON they hold (least recently
used entries go first); :func:`info` reports both, with hits and misses. The environment
variable ``POSOLOGY_RESULT_CACHE`` sets the number of entries (``0`` turns the cache off).

>>> cache = ResultCache(max_entries=2)
>>> _ = cache.put(("a",), "P", '{"id": "00000000-0000-4000-8000-000000000001"}')
>>> prescription, bundle = cache.get(("a",), None)
>>> prescription, bundle["id"] != "00000000-0000-4000-8000-000000000001"
('P', True)
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from typing import Any, NamedTuple

from posology.fhir.ids import UUID
from posology.fhir.uuids import new_ids

SUBJECT = "Patient/posology-subject"  # stands for the caller's subject inside a cached Bundle
_PLAIN_SUBJECT = re.compile(r"[A-Za-z]{1,64}/[A-Za-z0-9\-.]{1,64}")
# Where the stand-in sits in the JSON (a reference; a Dosage.text equal to it is no hole):
_SUBJECT_REFERENCE = json.dumps({"reference": SUBJECT}, ensure_ascii=False)[1:-1]
# About 6 KB a result (its JSON, ~2 KB, and its typed Prescription): 5,000 entries are ~30 MB,
# inside the 300 MB a process may use. POSOLOGY_RESULT_CACHE=<entries> changes it (0: off).
DEFAULT_MAX_ENTRIES = 5_000
DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # of Bundle JSON


def cacheable_subject(subject: str | None) -> bool:
    """Whether a result for ``subject`` may come from the cache (None, or ``Patient/42``)."""
    return subject is None or bool(_PLAIN_SUBJECT.fullmatch(subject))


class Template(NamedTuple):
    """A Bundle's JSON cut at its holes: ``parts`` the text around them, ``holes`` what each
    hole holds (``n``: the n-th distinct UUID in order of appearance; -1: the stand-in subject's
    reference)."""

    parts: tuple[str, ...]
    holes: tuple[int, ...]
    ids: int
    size: int  # UTF-8 bytes of the JSON it was compiled from

    @classmethod
    def compile(cls, bundle_json: str) -> Template:
        """
        >>> old = "00000000-0000-4000-8000-000000000000"
        >>> template = Template.compile(f'{{"id": "{old}", "s": {{"reference": "{SUBJECT}"}}, "u": "urn:uuid:{old}"}}')
        >>> template.parts, template.holes, template.ids
        (('{"id": "', '", "s": {', '}, "u": "urn:uuid:', '"}'), (0, -1, 0), 1)
        >>> bundle = json.loads(template.stamp("Patient/7"))
        >>> bundle["s"], bundle["u"] == "urn:uuid:" + bundle["id"] != "urn:uuid:" + old
        ({'reference': 'Patient/7'}, True)
        """
        seen: dict[str, int] = {}
        parts: list[str] = []
        holes: list[int] = []
        last = 0
        for start, end in sorted(_uuids(bundle_json) + _subject_references(bundle_json)):
            parts.append(bundle_json[last:start])
            found = bundle_json[start:end]
            holes.append(-1 if found == _SUBJECT_REFERENCE else seen.setdefault(found, len(seen)))
            last = end
        parts.append(bundle_json[last:])
        return cls(tuple(parts), tuple(holes), len(seen), len(bundle_json.encode("utf-8", "surrogatepass")))

    def stamp(self, subject: str | None) -> str:
        """The JSON with fresh ids and ``subject`` (a plain ``Type/id``; None: the stand-in)."""
        parts = self.parts
        if not self.holes:
            return parts[0]
        values = new_ids(self.ids)
        values.append(_SUBJECT_REFERENCE if subject is None else f'"reference": "{subject}"')  # [-1]
        out = [parts[0]]
        for hole, part in zip(self.holes, parts[1:], strict=True):
            out.append(values[hole])
            out.append(part)
        return "".join(out)


def _uuids(text: str) -> list[tuple[int, int]]:
    """Where ``UUID.finditer(text)`` finds its matches, found from the hyphens: a UUID's first
    hyphen is its 9th character (a 2 KB Bundle: 3 µs, against 50 µs for the regex scan).

    >>> text = 'x-{"id": "123e4567-e89b-42d3-a456-426614174000"}-1234567-'
    >>> _uuids(text) == [(m.start(), m.end()) for m in UUID.finditer(text)] == [(10, 46)]
    True
    """
    found: list[tuple[int, int]] = []
    last = 0
    at = text.find("-", 8)
    while at != -1:
        start = at - 8
        match = UUID.match(text, start) if start >= last else None
        if match is not None:
            last = match.end()
            found.append((start, last))
            at = text.find("-", last)
        else:
            at = text.find("-", at + 1)
    return found


def _subject_references(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    at = text.find(_SUBJECT_REFERENCE)
    while at != -1:
        found.append((at, at + len(_SUBJECT_REFERENCE)))
        at = text.find(_SUBJECT_REFERENCE, at + len(_SUBJECT_REFERENCE))
    return found


def restamp(bundle_json: str, subject: str | None) -> dict[str, Any]:
    """A fresh Bundle from JSON: every UUID replaced by a new one (the same old id gets the
    same new one, so references still hold) and the stand-in subject by ``subject``."""
    return json.loads(Template.compile(bundle_json).stamp(subject))


class ResultCache:
    """Least-recently-used results, bounded by entries and by JSON bytes (thread-safe)."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        # an entry's Bundle is its JSON text until its first hit compiles it (most lines of a
        # unique extract are never seen again): (prescription, JSON or Template, UTF-8 bytes)
        self._entries: OrderedDict[tuple, tuple[Any, str | Template, int]] = OrderedDict()
        self._bytes = self.hits = self.misses = 0
        self._lock = threading.Lock()

    def get_json(self, key: tuple, subject: str | None) -> tuple[Any, str] | None:
        """The Prescription and the Bundle's JSON (fresh ids, ``subject``) held for ``key``."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            template = entry[1]
            if isinstance(template, str):
                template = Template.compile(template)
                self._entries[key] = (entry[0], template, entry[2])
        return entry[0], template.stamp(subject)

    def holds(self, key: tuple) -> bool:
        """Whether ``key`` is cached (neither a hit nor a miss counted, its place unchanged)."""
        return key in self._entries

    def get(self, key: tuple, subject: str | None) -> tuple[Any, dict[str, Any]] | None:
        """As :meth:`get_json`, the Bundle parsed."""
        hit = self.get_json(key, subject)
        return None if hit is None else (hit[0], json.loads(hit[1]))

    def put(self, key: tuple, prescription: Any, bundle_json: str) -> None:
        """Hold a result (unless the cache is off or the JSON alone is over the bytes bound);
        its template is compiled at its first hit."""
        size = len(bundle_json.encode("utf-8", "surrogatepass"))
        if size > self.max_bytes or self.max_entries < 1:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[2]
            self._entries[key] = (prescription, bundle_json, size)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = self.hits = self.misses = 0

    def info(self) -> dict[str, int]:
        """Entries, the bytes of JSON (UTF-8) they hold, the bounds, hits and misses."""
        with self._lock:
            return {
                "entries": len(self._entries),
                "bytes": self._bytes,
                "max_entries": self.max_entries,
                "max_bytes": self.max_bytes,
                "hits": self.hits,
                "misses": self.misses,
            }
