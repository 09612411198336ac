"""Train the NER model: ``python -m training.train`` (deterministic, CPU, a few minutes).

1. builds the corpus (``corpus/ner/*.txt`` → ``corpus/ner/build/{train,dev,test}.spacy``,
   the train split augmented, :mod:`training.build`);
2. trains ``training/config.cfg`` (CNN tok2vec + transition NER, posology tokenizer,
   fixed seed) with spaCy's trainer, keeping the best model on the dev split;
3. writes it to ``models/ner/`` with provenance (corpus checksums and sizes) in its meta.

The test split is never seen here: it is only read by ``python -m benchmarks.ner``.

    python -m training.train [--out models/ner] [--seed 0] [--max-steps 1400]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

from posology.ner import tokenizer as _tokenizer  # noqa: F401 - registers posology.tokenizer.v1
from training.build import build
from training.corpus import BUILD_DIR, CORPUS_DIR

CONFIG = Path(__file__).resolve().parent / "config.cfg"
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"  # the checkout's shipped model
KEEP = {"README.md"}  # hand-written files of models/ner that training leaves in place


def corpus_checksums(corpus_dir: Path = CORPUS_DIR) -> dict[str, str]:
    """sha256 of the source files the model was trained from."""
    names = sorted(p.name for p in corpus_dir.glob("*.txt")) + ["templates.yaml"]
    return {name: hashlib.sha256((corpus_dir / name).read_bytes()).hexdigest() for name in names}


def run_training(out_dir: Path, seed: int, max_steps: int, build_dir: Path = BUILD_DIR) -> Path:
    """spaCy training into ``out_dir``; returns the best model's folder."""
    from spacy.cli.train import train

    overrides = {
        "paths.train": str(build_dir / "train.spacy"),
        "paths.dev": str(build_dir / "dev.spacy"),
        "system.seed": seed,
        "training.max_steps": max_steps,
    }
    train(CONFIG, out_dir, use_gpu=-1, overrides=overrides)
    return out_dir / "model-best"


def install(best: Path, model_dir: Path, meta: dict) -> None:
    """Replace the spaCy files of ``model_dir`` by the trained model, with our meta."""
    import spacy

    nlp = spacy.load(best)
    nlp.meta.update(meta)
    for name in ("train", "dev"):  # the repository-relative corpus, not this machine's path
        nlp.config["paths"][name] = f"corpus/ner/build/{name}.spacy"
    model_dir.mkdir(parents=True, exist_ok=True)
    for path in model_dir.iterdir():
        if path.name not in KEEP:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    nlp.to_disk(model_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-steps", type=int, default=1400)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = build(BUILD_DIR, seed=args.seed)
    with tempfile.TemporaryDirectory(prefix="posology-ner-") as tmp:
        best = run_training(Path(tmp), args.seed, args.max_steps)
        meta = {
            "name": "posology_ner",
            "version": "0.1.0",
            "description": "Prescription-line NER (posology labels), CNN tok2vec, posology tokenizer",
            "license": "MIT",
            "sources": [{"name": "posology corpus/ner", "checksums": corpus_checksums()}],
            "posology": {
                "seed": args.seed,
                "max_steps": args.max_steps,
                "corpus": {split: dict(sorted(c.items())) for split, c in counts.items()},
            },
        }
        install(best, args.out, meta)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"model written to {args.out} ({size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
