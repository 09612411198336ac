"""Build the NER corpus: check every line, augment the train split, write the spaCy DocBins.

    python -m training.build            # check the corpus, write corpus/ner/build/*.spacy

``train.spacy`` holds the train split and its generated lines (:mod:`training.augment`),
``dev.spacy`` and ``test.spacy`` the hand-written lines of theirs (:mod:`training.corpus`);
``train_generated.txt`` lists the generated lines in markup, for review.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from posology.ner.tokenizer import blank_nlp
from training.augment import augment
from training.corpus import BUILD_DIR, CORPUS_DIR, SPLITS, AnnotatedLine, load_split, write_docbin
from training.markup import render


def build(out_dir: Path = BUILD_DIR, corpus_dir: Path = CORPUS_DIR, seed: int = 0) -> dict[str, Counter]:
    """Write ``train.spacy`` (augmented), ``dev.spacy`` and ``test.spacy``; return counts."""
    nlp = blank_nlp()
    counts: dict[str, Counter] = {}
    for split in SPLITS:
        lines = load_split(split, corpus_dir)
        if split == "train":
            lines = lines + augment(lines, corpus_dir, seed=seed)
            _write_generated(lines, out_dir / "train_generated.txt")
        write_docbin(lines, out_dir / f"{split}.spacy", nlp)
        counts[split] = Counter(f"{line.lang}:{line.generated or 'hand'}" for line in lines)
    return counts


def _write_generated(lines: list[AnnotatedLine], path: Path) -> None:
    """The generated train lines in markup, for review (never read back)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = [f"{line.generated}\t{render(line.text, line.spans)}" for line in lines if line.generated]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD_DIR)
    args = parser.parse_args(argv)
    for split, counts in build(args.out).items():
        print(f"{split:5s} {sum(counts.values()):5d}  " + "  ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
