"""Fresh random resource ids, several at once (a Bundle's, a cache hit's).

Every resource of a Bundle gets a random version-4 UUID as its ``id`` (:mod:`posology.fhir.ids`
says why); :func:`new_ids` makes them as ``str(uuid.uuid4())`` writes them, from one
``os.urandom`` call, three times cheaper than one ``uuid4()`` each.
"""

from __future__ import annotations

import os

__all__ = ["new_ids"]

# the variant nibble of a version-4 UUID (10xx) from a random hex digit, as uuid.uuid4() sets it
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def new_ids(count: int) -> list[str]:
    """``count`` new random resource ids at once: version-4 UUIDs as ``str(uuid.uuid4())``
    writes them (122 random bits each, from one ``os.urandom`` call), three times cheaper.

    >>> from posology.fhir.ids import UUID
    >>> ids = new_ids(3)
    >>> len(set(ids)) == 3 and all(UUID.fullmatch(i) and i[14] == "4" and i[19] in "89ab" for i in ids)
    True
    """
    h = os.urandom(16 * count).hex()
    return [
        f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-4{h[i + 13 : i + 16]}-"
        f"{_VARIANT[h[i + 16]]}{h[i + 17 : i + 20]}-{h[i + 20 : i + 32]}"
        for i in range(0, 32 * count, 32)
    ]
