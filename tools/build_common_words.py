#!/usr/bin/env python3
"""Write ``posology/linking/common_words.txt.gz``: the everyday words of
``posology/linking/common_words.py`` (pyspellchecker's French and English frequency lists,
``COMMON_MIN`` occurrences or more), shipped so that a process does not build them from the
whole lists (~0.22 s). Deterministic.

Usage (from the repository root, after a change to ``COMMON_MIN`` / ``LANGUAGES`` or to
pyspellchecker; ``tests/test_common_words.py`` says when)::

    python tools/build_common_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from posology.linking.common_words import COMMON_WORDS, shipped_text  # noqa: E402


def main() -> int:
    COMMON_WORDS.write_bytes(shipped_text())
    print(f"written {COMMON_WORDS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
