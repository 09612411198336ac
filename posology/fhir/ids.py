"""Resource ids and ``fullUrl``s: random per call, and how to compare Bundles "ids aside".

Every resource of a Bundle (the Bundle, each MedicationRequest, the OperationOutcome) gets a
random UUID (version 4) as its ``id``, and its entry the ``fullUrl`` ``urn:uuid:<id>``. Two
calls never share an id, even for the same text: two patients' prescriptions with the same
words stay two sets of resources once an integrator stores them. The contained Medication
keeps the local id ``med1`` (contained ids are local to their resource).

:func:`without_ids` renames the UUIDs of a Bundle by order of first appearance, so that the
Bundles of two calls on the same text compare equal:

>>> first, second = new_id(), new_id()
>>> first != second and full_url(first) == f"urn:uuid:{first}"
True
>>> without_ids({"id": first, "fullUrl": full_url(first)}) == without_ids({"id": second, "fullUrl": full_url(second)})
True
"""

from __future__ import annotations

import re
import uuid
from typing import Any

__all__ = ["UUID", "canonical_uuid", "full_url", "new_id", "rename_uuids", "without_ids"]

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Keys whose values hold ids: the only places :func:`without_ids` renames UUIDs.
ID_KEYS = frozenset({"id", "fullUrl", "reference"})


def new_id() -> str:
    """A new random resource id (a UUID, valid as a FHIR ``id``: 36 characters)."""
    return str(uuid.uuid4())


def full_url(resource_id: str) -> str:
    """The ``fullUrl`` of the entry of the resource ``resource_id``: ``urn:uuid:<id>``."""
    return f"urn:uuid:{resource_id}"


def canonical_uuid(number: int) -> str:
    """The ``number``-th UUID of a renaming: same length and characters as any UUID."""
    return f"00000000-0000-0000-0000-{number:012d}"


def rename_uuids(text: str, seen: dict[str, str]) -> str:
    """``text`` with each UUID replaced by its canonical name (``seen`` maps them, in order)."""
    if "-" not in text:
        return text
    return UUID.sub(lambda m: seen.setdefault(m.group(0), canonical_uuid(len(seen))), text)


def without_ids(bundle: Any) -> Any:
    """A copy of ``bundle`` whose ids, fullUrls and references name their UUIDs in order of
    appearance: equal for two Bundles that differ only by their random ids."""
    seen: dict[str, str] = {}

    def copy(node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict):
            return {k: copy(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [copy(v, key) for v in node]
        if isinstance(node, str) and key in ID_KEYS:
            return rename_uuids(node, seen)
        return node

    return copy(bundle)
