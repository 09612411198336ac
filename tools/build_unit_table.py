#!/usr/bin/env python3
"""Write ``posology/units/unit_table.json``: pint's dimensions and conversion factors for the
unit keys of ``posology/units/registry.py``, shipped so that a process converts ``g`` to ``mg``
without loading pint (``registry.shipped_answers``). Deterministic.

Usage (from the repository root, after a change to the keys, to ``posology_units.txt`` or to
pint; ``tests/test_units.py`` says when)::

    python tools/build_unit_table.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from posology.units.registry import UNIT_TABLE, pint_answers  # noqa: E402


def main() -> int:
    UNIT_TABLE.write_text(json.dumps(pint_answers(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"written {UNIT_TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
