#!/usr/bin/env python3
"""Write ``posology/fhir/valid_shapes.json``: the Bundle shapes shipped as already validated.

Structures every text of the gold sets, the safety suite and the samples
(``benchmarks.snapshot.sources``) in R4 and R5, with the hybrid and the rules engines, with and
without provenance (and with a subject), with the shipped table turned off, so that every shape is validated by
pydantic and the shape checks here; the digests of the shapes that passed are written, sorted,
with the fingerprint of what their verdicts depend on (see ``posology/fhir/shapes.py``). The
output is deterministic: running it twice gives the same file.

Usage (from the repository root, after a change to ``posology/fhir`` or to the FHIR libraries;
``tests/test_fhir_validation.py`` says when)::

    python tools/build_valid_shapes.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import posology  # noqa: E402
from benchmarks.snapshot import sources  # noqa: E402
from posology.fhir import shapes, validation  # noqa: E402
from posology.fhir.bundle import shape_checks  # noqa: E402


def build() -> dict[str, object]:
    shapes.set_enabled(False)
    validation.set_cache_size(1 << 30)
    texts = [text for _, text in sources()]
    runs = [(engine, provenance, None) for engine in ("hybrid", "rules") for provenance in (False, True)]
    runs.append(("hybrid", False, "Patient/1"))  # a caller's subject: a reference, no absent-reason
    for version in ("R4", "R5"):
        for engine, provenance, subject in runs:
            options = {"fhir_version": version, "engine": engine, "provenance": provenance, "subject": subject}
            for _ in posology.structure_many(texts, **options):
                pass
    digests = sorted({shapes.digest(key) for key in validation._cache})
    return {"fingerprint": shapes.fingerprint(shape_checks), "shapes": digests}


def main() -> int:
    table = build()
    text = json.dumps(table, indent=0, sort_keys=True) + "\n"
    shapes.TABLE.write_text(text, encoding="utf-8")
    print(f"{len(table['shapes'])} shapes written to {shapes.TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
