"""The default install needs no torch, and the distribution says under which licences it ships."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from importlib.metadata import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "sentence_transformers", "transformers")


def test_structuring_imports_no_torch_and_no_training_code():
    """Every run-time path (rules, hybrid with its NER model and linker, R4 and R5, the spaCy
    component) runs without importing torch, even where torch is installed, nor the NER
    training code (``training/``, run from a checkout only). (spaCy imported *first* lets thinc
    probe torch when it is installed: posology imports spaCy without it.)"""
    code = (
        "import json, sys, posology\n"
        "posology.structure('Doliprane 1000 mg 1 cp 3x/j pdt 5j, gellules', engine='hybrid')\n"
        "posology.structure('Tab. Dolo 650mg 1-0-1 x 5 days', engine='rules', fhir_version='R5')\n"
        "import spacy; nlp = spacy.blank('fr'); nlp.add_pipe('posology'); nlp('1 cp le matin')\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m in {HEAVY!r} or m.split('.')[0] == 'training')))\n"
    )
    # a fresh process: the test process may have imported torch (the embedding tests) and training/
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_structuring_imports_no_spacy_command_line_and_it_still_imports():
    """spaCy's command line (spacy.cli: typer, weasel, requests… 0.16 s of the start-up) is left
    out of the first import of spaCy (posology/_thinc_probe.py); spacy.info and a later
    ``import spacy.cli`` still work as spaCy's own."""
    code = (
        "import json, sys, posology\n"
        "posology.structure('Doliprane 1000 mg 1 cp 3x/j pdt 5j, gellules', engine='hybrid')\n"
        "left_out = [m for m in ('spacy.cli', 'spacy.cli.info', 'weasel', 'typer') if m in sys.modules]\n"
        "import spacy, spacy.cli\n"
        "from spacy.cli import download, info\n"
        "print(json.dumps([left_out, sorted(spacy.info()) == sorted(info()), callable(download)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [[], True, True]


def test_the_command_on_a_line_without_a_gap_loads_no_ner_model_nor_file_reader(tmp_path):
    """Start-up (issue #17): ``posology structure TEXT`` says whether the hybrid engine is
    available from the model's files and loads the model at the first line with a gap; it
    imports no file reader and no worker pool; the program (``main()`` without arguments) freezes
    its objects for the exit, a call with arguments (a library caller, the tests) never does."""
    code = (
        "import gc, json, sys, posology\n"
        "from posology.cli import main\n"
        "sys.argv = ['posology', 'structure', '1 cp le matin', '--engine', 'hybrid']\n"
        f"rc = main([*sys.argv[1:], '--output', {str(tmp_path / 'out.json')!r}])\n"
        "frozen_by_a_call = gc.get_freeze_count()\n"
        "rc = main()\n"
        "engine = posology.get_engine()\n"
        "heavy = ('posology.ner.tagger', 'posology.inputs', 'concurrent.futures.process')\n"
        "state = [rc, frozen_by_a_call, gc.get_freeze_count() > 0, posology.engine_available('hybrid'),\n"
        "         hasattr(engine, '_ner'), [m for m in heavy if m in sys.modules]]\n"
        "posology.structure('2 cp au coucher, avec un grand verre')\n"
        "print(json.dumps([*state, engine._ner is not None]), file=sys.stderr)  # a gap: loaded\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["resourceType"] == "Bundle"
    assert json.loads(out.stderr) == [0, 0, True, True, False, [], True]


def test_no_module_imports_torch_at_top_level():
    """torch / sentence-transformers may only be imported inside a function (the MiniLM embedder)."""
    offenders = []
    for path in sorted((ROOT / "posology").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in HEAVY]
    assert offenders == []


def test_torch_is_only_in_the_embeddings_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def heavy(requirements: list[str]) -> list[str]:
        return [
            r for r in requirements if r.split("[")[0].split(">")[0].split("=")[0].strip().replace("-", "_") in HEAVY
        ]

    assert heavy(project["dependencies"]) == []
    extras = project["optional-dependencies"]
    assert {name for name, requirements in extras.items() if heavy(requirements)} == {"embeddings"}
    assert {"dev", "service", "spark"} <= set(extras)


def test_licences_are_in_the_metadata():
    meta = metadata("posology")
    assert meta["License-Expression"] == "MIT"
    assert {"LICENSE", "NOTICE"} <= set(meta.get_all("License-File") or [])
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    for source in ("EDQM", "PRIOR WRITTEN PERMISSION", "CC0", "Regenstrief", "Licence Ouverte"):
        assert source in notice
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
