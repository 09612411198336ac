"""Terminology linking benchmark: ``python -m benchmarks.linking [--methods ngram] [--split test]``.

Scores ``SpanLinker`` on ``benchmarks/gold/linking_variants.jsonl`` (+ ``linking_dev2.jsonl``,
``linking_dev3.jsonl``, ``linking_heldout.jsonl``, see :func:`read_splits`): hand-written noisy spans
(misspellings, abbreviations, plurals, paraphrases, French and English), one JSON line each,
``{"text", "type", "key"}``; none of them is an alias of ``terminologies/aliases.csv`` once
normalised (checked here: the exact step must not answer them). Junk spans (drug names,
ordinary words, names, OCR garbage) have ``"type": null`` and must be abstained on.

Protocol. A variant with an answer is linked within its gold type (the engine knows which
type it wants from the context); junk is linked over all types (the hardest case). The
lines are split deterministically by CRC-32 of the text: even → ``dev``, odd → ``test``;
``linking_dev2.jsonl`` and ``linking_dev3.jsonl`` are dev too, ``linking_heldout.jsonl`` is the ``heldout`` split (its
misses are never printed). Each method's abstention threshold is calibrated on ``dev`` (best
sum of the two rates below) and the figures are reported on the chosen split:

- top-1 ranked: the nearest concept is the gold one (no threshold);
- top-1 linked: the linker answers the gold concept (an abstention counts as a miss);
- wrong links: a wrong concept given on an answerable span;
- junk abstained: share of junk spans with no answer (an everyday word is never linked by
  similarity: ``SpanLinker.accepts``);
- µs/span: warm cost of one ``link`` call (a single span, no batching).

The MiniLM methods need torch and are built into a temporary folder (the shipped index has
``ngram`` only). ``finetuned`` is MiniLM fine-tuned on the alias pairs by
``benchmarks/linker_finetune.py``, read from ``--model-dir`` (``--methods finetuned --model-dir
DIR``); it is built into a temporary folder too and calibrated on dev like the others. The
figures are printed, never asserted: exit 0 whatever the score.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from posology.linking.build_index import METHODS, build
from posology.linking.embedder import LocalModelEmbedder, span_key
from posology.linking.index import alias_rows, default_dir, load_index
from posology.linking.linker import THRESHOLDS, LinkResult, SpanLinker, accepted

GOLD = Path(__file__).resolve().parent / "gold" / "linking_variants.jsonl"
# More development sets, each written blind by another annotator from the concept list alone
# (session 3; dev3 aimed at hard paraphrases and hospital / Latin / Indian abbreviations, dev4
# at multi-word spans; each was measured unseen first, see benchmarks/README.md): all
# of them dev. Their spans that were or became aliases were taken out.
DEV2 = GOLD.with_name("linking_dev2.jsonl")
DEV3 = GOLD.with_name("linking_dev3.jsonl")
DEV4 = GOLD.with_name("linking_dev4.jsonl")
DEV_EXTRA = (DEV2, DEV3, DEV4)
# A held-out set written blind by a third annotator who saw only the concept list: never used
# to build aliases or to tune, measured once per release. Spans of it that happen to be
# aliases already stay in it (nobody chose them from it) and are reported apart.
HELDOUT = GOLD.with_name("linking_heldout.jsonl")
FINETUNED = "finetuned"  # MiniLM fine-tuned on the alias pairs (benchmarks/linker_finetune.py), --model-dir


@dataclass(frozen=True)
class Variant:
    text: str
    type: str | None
    key: str | None


@dataclass(frozen=True)
class Scored:
    variant: Variant
    found: LinkResult | None

    def linked(self, threshold: float) -> bool:
        """Whether the linker answers at ``threshold`` (``SpanLinker.accepts``' rule)."""
        return accepted(self.variant.text, self.found, threshold)

    @property
    def correct(self) -> bool:
        return self.found is not None and (self.found.type, self.found.key) == (
            self.variant.type,
            self.variant.key,
        )

    @property
    def score(self) -> float:
        return self.found.score if self.found is not None else 0.0


def read_gold(path: Path = GOLD) -> list[Variant]:
    with path.open(encoding="utf-8") as handle:
        return [Variant(**json.loads(line)) for line in handle if line.strip()]


def split_of(variant: Variant) -> str:
    return "dev" if zlib.crc32(variant.text.encode("utf-8")) % 2 == 0 else "test"


def read_splits(
    gold: Path = GOLD, extra_dev: Sequence[Path] = DEV_EXTRA, heldout: Path = HELDOUT
) -> dict[str, list[Variant]]:
    """``dev`` (the even half of ``gold`` and all of each ``extra_dev`` file), ``test`` (the
    odd half), ``heldout`` (all of ``heldout``). Missing files are skipped."""
    main = read_gold(gold)
    splits = {
        "dev": [v for v in main if split_of(v) == "dev"],
        "test": [v for v in main if split_of(v) == "test"],
        "heldout": read_gold(heldout) if heldout.exists() else [],
    }
    for path in extra_dev:
        if path.exists():
            splits["dev"] += read_gold(path)
    return splits


def known_aliases(variants: Sequence[Variant]) -> list[str]:
    """The variants whose normalised key is already an alias key (there must be none)."""
    keys = {span_key(row.alias) for row in alias_rows()}
    return [v.text for v in variants if span_key(v.text) in keys]


def rank_all(linker: SpanLinker, variants: Sequence[Variant]) -> list[Scored]:
    """Nearest concept of every variant, no threshold (answerable: within its gold type)."""
    return [Scored(v, linker.rank(v.text, [v.type] if v.type else None)) for v in variants]


def calibrate(scored: Sequence[Scored]) -> float:
    """The threshold maximising (answerable linked correctly) + (junk abstained) rates.

    >>> def s(ok, score):
    ...     found = LinkResult("unit", "mg", "mg", score, "ngram", ())
    ...     return Scored(Variant("x", "unit", "mg" if ok else "g") if ok is not None
    ...                   else Variant("x", None, None), found)
    >>> calibrate([s(True, 0.9), s(True, 0.7), s(None, 0.5), s(None, 0.3)])
    0.6
    """
    scores = sorted({round(x.score, 6) for x in scored})
    cuts = [0.0] + [(a + b) / 2 for a, b in zip(scores, scores[1:], strict=False)] + [1.0]
    answerable = [x for x in scored if x.variant.type] or [None]
    junk = [x for x in scored if not x.variant.type] or [None]

    def objective(cut: float) -> float:
        kept = sum(x is not None and x.correct and x.linked(cut) for x in answerable)
        dropped = sum(x is not None and not x.linked(cut) for x in junk)
        return kept / len(answerable) + dropped / len(junk)

    values = [objective(c) for c in cuts]
    best = [c for c, v in zip(cuts, values, strict=True) if v == max(values)]
    return round(best[len(best) // 2], 3)


@dataclass(frozen=True)
class Figures:
    ranked: float
    linked: float
    wrong: float
    junk_abstained: float
    answerable: int
    junk: int


def figures(scored: Sequence[Scored], threshold: float) -> Figures:
    answerable = [x for x in scored if x.variant.type]
    junk = [x for x in scored if not x.variant.type]
    kept = [x for x in answerable if x.linked(threshold)]
    return Figures(
        ranked=sum(x.correct for x in answerable) / len(answerable),
        linked=sum(x.correct for x in kept) / len(answerable),
        wrong=sum(not x.correct for x in kept) / len(answerable),
        junk_abstained=sum(not x.linked(threshold) for x in junk) / len(junk),
        answerable=len(answerable),
        junk=len(junk),
    )


def cost_us(linker: SpanLinker, variants: Sequence[Variant], sample: int = 200, repeats: int = 2) -> float:
    """Warm cost of one ``link`` call in microseconds: best of ``repeats`` timed passes over
    about ``sample`` spans, after one warm-up pass."""
    stride = max(1, len(variants) // sample)  # spread over the file: junk spans search all types
    spans = [(v.text, [v.type] if v.type else None) for v in variants[::stride]]
    best = float("inf")
    for attempt in range(repeats + 1):
        start = time.perf_counter()
        for text, types in spans:
            linker.link(text, types)
        if attempt:
            best = min(best, (time.perf_counter() - start) / len(spans))
    return best * 1e6


def load_linker(method: str, work: Path, model_dir: Path | None = None) -> tuple[SpanLinker, float]:
    """The linker of ``method`` (shipped index for n-grams, else built into ``work``; the
    ``finetuned`` one from the model in ``model_dir``), load time."""
    start = time.perf_counter()
    directory = default_dir()
    if method != "ngram":
        directory = work / method
        embedders: dict[str, LocalModelEmbedder] = {}
        if method == FINETUNED:
            if model_dir is None:
                raise SystemExit("--methods finetuned needs --model-dir (python -m benchmarks.linker_finetune)")
            embedders[method] = LocalModelEmbedder(model_dir)
        build(directory, [method], embedders=embedders)
    # a method with no shipped threshold starts from MiniLM's (``rank`` tries the head step below it)
    linker = SpanLinker(load_index(directory, method), THRESHOLDS.get(method, THRESHOLDS["embedding"]))
    return linker, time.perf_counter() - start


def report(
    method: str, work: Path, splits: dict[str, list[Variant]], split: str, model_dir: Path | None = None
) -> dict:
    linker, seconds = load_linker(method, work, model_dir)
    dev = rank_all(linker, splits["dev"])
    threshold = calibrate(dev)
    if method not in THRESHOLDS and threshold != linker.threshold:
        # no shipped threshold: rank dev again at the calibrated one (the head step depends on it)
        linker.threshold = threshold
        dev = rank_all(linker, splits["dev"])
        threshold = calibrate(dev)
    linker.threshold = threshold
    held = dev if split == "dev" else rank_all(linker, splits[split])
    exact = set(known_aliases([x.variant for x in held]))
    return {
        "method": method,
        "threshold": threshold,
        "shipped": THRESHOLDS.get(method),
        "figures": figures(held, threshold),
        # without the spans that are aliases already (only the held-out split may have some)
        "figures_fuzzy": figures([x for x in held if x.variant.text not in exact], threshold) if exact else None,
        "exact": len(exact),
        "us": cost_us(linker, [x.variant for x in held]),
        "load_s": seconds,
        "scored": held,
    }


def print_table(rows: Sequence[dict], split: str) -> None:
    f0 = rows[0]["figures"]
    print(f"split {split}: {f0.answerable} answerable variants, {f0.junk} junk spans")
    print(
        "| method | threshold (dev) | top-1 ranked | top-1 linked | wrong links | junk abstained "
        "| µs/span | load+build s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        for label, f in ((r["method"], r["figures"]), (f"{r['method']} (no exact)", r["figures_fuzzy"])):
            if f is not None:
                print(
                    f"| {label} | {r['threshold']:.3f} | {f.ranked:.1%} | {f.linked:.1%} | {f.wrong:.1%} "
                    f"| {f.junk_abstained:.1%} | {r['us']:.0f} | {r['load_s']:.2f} |"
                )
    if rows[0]["exact"]:
        print(f"{rows[0]['exact']} spans of this split are aliases already; '(no exact)' leaves them out")


def print_errors(row: dict, limit: int) -> None:
    if limit <= 0:
        return
    shown = 0
    for x in row["scored"]:
        linked = x.linked(row["threshold"])
        if (x.variant.type and (not linked or not x.correct)) or (not x.variant.type and linked):
            got = f"{x.found.type}:{x.found.key} ({x.found.alias!r}, {x.score:.3f})" if x.found else "-"
            print(f"  {row['method']}: {x.variant.text!r} gold={x.variant.key} got={got}")
            shown += 1
            if shown >= limit:
                return


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.linking", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--extra-dev", type=Path, nargs="*", default=list(DEV_EXTRA))
    parser.add_argument("--heldout", type=Path, default=HELDOUT)
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated")
    parser.add_argument("--split", choices=("dev", "test", "heldout"), default="test")
    parser.add_argument("--errors", type=int, default=0, help="print up to N misses per method (never on heldout)")
    parser.add_argument("--model-dir", type=Path, default=None, help="the fine-tuned model of method 'finetuned'")
    args = parser.parse_args(argv)
    splits = read_splits(args.gold, args.extra_dev, args.heldout)
    exact = known_aliases(splits["dev"] + splits["test"])
    if exact:
        raise SystemExit(f"development / test variants that are aliases already: {exact}")
    if not splits[args.split]:
        raise SystemExit(f"split {args.split!r} is empty")
    if args.split == "heldout":
        args.errors = 0  # looking at the held-out misses would turn it into a development set
    with tempfile.TemporaryDirectory() as tmp:
        rows = [report(m.strip(), Path(tmp), splits, args.split, args.model_dir) for m in args.methods.split(",")]
    print_table(rows, args.split)
    for row in rows:
        if row["shipped"] is not None and row["threshold"] != row["shipped"]:
            print(f"note: {row['method']} calibrated {row['threshold']} != shipped {row['shipped']}")
        print_errors(row, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
