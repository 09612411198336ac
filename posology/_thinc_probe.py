"""Import spaCy without thinc's 2-second probe of torch.

thinc (spaCy's ML library) tries ``import torch`` when it is first imported, to offer torch
wrappers posology never uses; with torch installed (sentence-transformers needs it) that
probe alone costs ~2 s of start-up. We hide torch during that first import only, then
restore it, so that later ``import torch`` (the embedding linker) works as usual.
"""

from __future__ import annotations

import sys


def import_spacy_without_torch_probe() -> None:
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail fast
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]


import_spacy_without_torch_probe()
