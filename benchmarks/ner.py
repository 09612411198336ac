"""NER benchmark: entity-level precision / recall / F1 on the held-out NER test split.

    python -m benchmarks.ner [--split test] [--model models/ner] [--json PATH]

A predicted entity counts when its start, end and label equal a gold entity's (exact match).
Prints one row per label, the micro and macro averages, the share of gold spans of each
label the span→mention converters can read (``conv``), the model size on disk and its speed
(lines/s, one by one and batched with ``nlp.pipe``, on this machine's CPU).

The split is ``corpus/ner`` test (hand-written lines, never trained or tuned on); it is not
``benchmarks/gold``. Like the other benchmarks it measures and prints; it never fails a build.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posology.ner.labels import LABELS
from training.corpus import AnnotatedLine, load_split

SPEED_LINES = 2000


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: list[list[tuple[int, int, str]]], predicted: list[list[tuple[int, int, str]]]) -> dict[str, Scores]:
    """Per-label exact-match counts over aligned lists of gold and predicted spans."""
    table = {label: Scores() for label in LABELS}
    for gold_spans, pred_spans in zip(gold, predicted, strict=True):
        gold_set, pred_set = set(gold_spans), set(pred_spans)
        for start, end, label in pred_set:
            table[label].tp += (start, end, label) in gold_set
            table[label].fp += (start, end, label) not in gold_set
        for span in gold_set - pred_set:
            table[span[2]].fn += 1
    return table


def averages(table: dict[str, Scores]) -> dict[str, tuple[float, float, float]]:
    """Micro (pooled counts) and macro (mean over labels present in gold) P/R/F1."""
    pooled = Scores(*(sum(getattr(s, k) for s in table.values()) for k in ("tp", "fp", "fn")))
    present = [s for s in table.values() if s.tp + s.fn]
    macro = tuple(sum(getattr(s, k) for s in present) / len(present) for k in ("precision", "recall", "f1"))
    return {"micro": (pooled.precision, pooled.recall, pooled.f1), "macro": macro}


def convertible(lines: list[AnnotatedLine]) -> dict[str, float]:
    """Share of gold spans per label that the converters turn into at least one field."""
    from posology.engine import Engine
    from posology.ner.tagger import span_mentions

    engine, done, total = Engine.load(), Counter(), Counter()
    for line in lines:
        doc = engine.analyse(line.text)[0]
        for start, end, label in line.spans:
            if label == "DRUG":
                continue
            total[label] += 1
            done[label] += bool(span_mentions(doc, start, end, label, 0))
    return {label: done[label] / total[label] for label in total}


def speed(nlp, texts: list[str]) -> dict[str, float]:
    """Lines per second, one ``nlp(text)`` call per line and batched with ``nlp.pipe``."""
    corpus = [texts[i % len(texts)] for i in range(SPEED_LINES)]
    start = time.perf_counter()
    for text in corpus:
        nlp(text)
    one = time.perf_counter() - start
    start = time.perf_counter()
    for _ in nlp.pipe(corpus, batch_size=256):
        pass
    return {"one_by_one_lps": SPEED_LINES / one, "pipe_lps": SPEED_LINES / (time.perf_counter() - start)}


def model_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def evaluate(split: str = "test", model: Path | None = None) -> dict[str, Any]:
    """Scores, averages, converter coverage, size and speed of the model on one split."""
    from posology.ner.tagger import NerTagger, default_model_dir

    model = Path(model) if model else default_model_dir()
    tagger = NerTagger.load(model)
    if tagger is None:
        raise SystemExit(f"no NER model in {model}: run `python -m training.train`")
    lines = load_split(split)
    predicted = list(tagger.spans_many(line.text for line in lines))
    table = score([line.spans for line in lines], predicted)
    return {
        "split": split,
        "lines": len(lines),
        "table": table,
        "averages": averages(table),
        "convertible": convertible(lines),
        "size_mb": model_size_mb(model),
        "speed": speed(tagger.nlp, [line.text for line in lines]),
    }


def format_report(report: dict[str, Any]) -> str:
    """A Markdown table: one row per label, then micro and macro."""
    rows = [
        f"NER `{report['split']}` split: {report['lines']} lines; model {report['size_mb']:.1f} MB; "
        f"{report['speed']['one_by_one_lps']:,.0f} lines/s one by one, "
        f"{report['speed']['pipe_lps']:,.0f} lines/s with nlp.pipe.",
        "",
        "| label | P | R | F1 | gold | conv |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, s in report["table"].items():
        if s.tp + s.fn + s.fp == 0:
            continue
        conv = report["convertible"].get(label)
        rows.append(
            f"| {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp + s.fn} | "
            f"{'-' if conv is None else f'{conv:.0%}'} |"
        )
    for name, (p, r, f) in report["averages"].items():
        rows.append(f"| **{name}** | {p:.3f} | {r:.3f} | {f:.3f} | | |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ner", description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--model", type=Path)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    report = evaluate(args.split, args.model)
    print(format_report(report))
    if args.json:
        data = {**report, "table": {k: vars(v) for k, v in report["table"].items()}}
        Path(args.json).write_text(json.dumps(data, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
