"""matching step of posology."""

from posology import _thinc_probe  # noqa: F401  (import spaCy fast; see the module)
