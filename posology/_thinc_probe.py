"""Import spaCy without thinc's 2-second probe of torch, and without spaCy's command line.

thinc (spaCy's ML library) tries ``import torch`` when it is first imported, to offer torch
wrappers posology never uses; with torch installed (sentence-transformers needs it) that
probe alone costs ~2 s of start-up. We hide torch during that first import only, then
restore it, so that later ``import torch`` (the embedding linker) works as usual.

``import spacy`` also imports its command line (``spacy.cli``: typer, weasel, requests, httpx…,
450 modules, 0.16 s of the 0.55 s) for the one name ``spacy.info``. During that first import,
``spacy.cli`` and ``spacy.cli.info`` are stand-ins (the stand-in package has the real folder as
its path, so any of its modules still imports); ``spacy.info`` imports the real one at its first
call, and a later ``import spacy.cli`` imports the whole command line as usual.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported with its command line at the first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _command_line_stand_ins() -> dict[str, ModuleType]:
    spec = find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return {}  # no spaCy: its import says so
    package = ModuleType("spacy.cli")
    package.__path__ = [str(Path(next(iter(spec.submodule_search_locations))) / "cli")]
    info = ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": info}


def import_spacy_without_torch_probe() -> None:
    if "thinc" in sys.modules or "torch" in sys.modules or "spacy" in sys.modules:
        return
    stand_ins: dict[str, ModuleType | None] = {"torch": None, **_command_line_stand_ins()}
    sys.modules.update(stand_ins)  # type: ignore[arg-type]  # torch None: `import torch` fails fast
    try:
        import spacy  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name, module) is module:
                sys.modules.pop(name, None)


import_spacy_without_torch_probe()
