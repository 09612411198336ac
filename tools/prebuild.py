#!/usr/bin/env python3
"""Write the pre-built data files (``posology/prebuilt.py``): ``rules/rules.prebuilt`` (the rule
files' documents) and ``terminologies/bdpm/tables.prebuilt`` (the drug tables' rows).

Usage (from the repository root, after editing a rule file, rebuilding the BDPM tables or
changing their readers; ``tests/test_prebuilt.py`` says when)::

    python tools/prebuild.py

The output is deterministic: running it twice gives the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from posology import prebuilt  # noqa: E402
from posology.linking import drugs_table  # noqa: E402
from posology.matching import rules  # noqa: E402
from posology.resources import rules_dir, terminologies_dir  # noqa: E402


def targets() -> list[tuple[Path, list[Path], object]]:
    """Each pre-built file with its sources and the value made from them."""
    rule_files = sorted(rules_dir().glob("*.yaml"))
    return [
        (rules_dir() / rules.PREBUILT, rule_files, lambda: rules.read_rule_documents(rule_files)),
        (
            terminologies_dir() / drugs_table.TABLE_DIR / drugs_table.PREBUILT,
            drugs_table.prebuilt_sources(),
            drugs_table.table_rows,
        ),
    ]


def main() -> int:
    for path, sources, build in targets():
        prebuilt.write(path, sources, build())  # type: ignore[operator]
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
