"""``python -m posology …`` is the ``posology`` command (for machines where pip's script folder
is not on PATH)."""

from posology.cli import main

raise SystemExit(main())
