"""A bounded cache of results for repeated lines (data warehouses repeat: half of a realistic
extract are exact repeats).

The key is everything the result depends on: the exact text (offsets and ``Dosage.text`` are
spans of it, so no normalisation), the engine, the FHIR version, the options, and whether a
subject is given. The value is the typed :class:`~posology.dosage.Prescription` (immutable,
shared) and the Bundle as compact JSON; a hit re-stamps that JSON with fresh resource ids
(:mod:`posology.fhir.ids`: two calls never share an id) and the caller's subject, then parses it,
so every caller gets its own Bundle and nothing it does to it reaches the cache.

The caller's subject is stood in for by :data:`SUBJECT` while building; only subjects of the
plain ``Type/id`` form are cached (anything else is built every time, as it may be reported).
Memory is bounded by a number of entries and by the bytes of JSON they hold (least recently
used entries go first); :func:`info` reports both, with hits and misses. The environment
variable ``POSOLOGY_RESULT_CACHE`` sets the number of entries (``0`` turns the cache off).

>>> cache = ResultCache(max_entries=2)
>>> cache.put(("a",), "P", '{"id": "00000000-0000-4000-8000-000000000001"}')
>>> prescription, bundle = cache.get(("a",), None)
>>> prescription, bundle["id"] != "00000000-0000-4000-8000-000000000001"
('P', True)
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections import OrderedDict
from typing import Any

from posology.fhir.ids import UUID

SUBJECT = "Patient/posology-subject"  # stands for the caller's subject inside a cached Bundle
_SUBJECT_JSON = json.dumps(SUBJECT)
_PLAIN_SUBJECT = re.compile(r"[A-Za-z]{1,64}/[A-Za-z0-9\-.]{1,64}")
# About 6 KB a result (its JSON, ~1.7 KB, and its typed Prescription): 5,000 entries are ~30 MB,
# inside the 300 MB a process may use. POSOLOGY_RESULT_CACHE=<entries> changes it (0: off).
DEFAULT_MAX_ENTRIES = 5_000
DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # of Bundle JSON


def cacheable_subject(subject: str | None) -> bool:
    """Whether a result for ``subject`` may come from the cache (None, or ``Patient/42``)."""
    return subject is None or bool(_PLAIN_SUBJECT.fullmatch(subject))


def restamp(bundle_json: str, subject: str | None) -> dict[str, Any]:
    """A fresh Bundle from cached JSON: every UUID replaced by a new one (the same old id gets
    the same new one, so references still hold) and the stand-in subject by ``subject``."""
    fresh: dict[str, str] = {}
    text = UUID.sub(lambda m: fresh.setdefault(m.group(0), str(uuid.uuid4())), bundle_json)
    if subject is not None:
        text = text.replace(_SUBJECT_JSON, json.dumps(subject))
    return json.loads(text)


class ResultCache:
    """Least-recently-used results, bounded by entries and by JSON bytes (thread-safe)."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[tuple, tuple[Any, str]] = OrderedDict()
        self._bytes = self.hits = self.misses = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, subject: str | None) -> tuple[Any, dict[str, Any]] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
        prescription, bundle_json = entry
        return prescription, restamp(bundle_json, subject)

    def put(self, key: tuple, prescription: Any, bundle_json: str) -> None:
        size = len(bundle_json)
        if size > self.max_bytes or self.max_entries < 1:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._entries[key] = (prescription, bundle_json)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = self.hits = self.misses = 0

    def info(self) -> dict[str, int]:
        """Entries, the bytes of JSON they hold, the bounds, hits and misses."""
        with self._lock:
            return {
                "entries": len(self._entries),
                "bytes": self._bytes,
                "max_entries": self.max_entries,
                "max_bytes": self.max_bytes,
                "hits": self.hits,
                "misses": self.misses,
            }
