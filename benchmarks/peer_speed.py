"""posology against the peer English sig parser, on the same lines, one core each (#17).

    python -m benchmarks.peer_speed [--lines 20000] [--engines hybrid,rules] [--json PATH]

The peer is ezmedicationinput (node), built in ``../shared/peers/ezmedicationinput/``; it is
used when present (the benchmark says so when it is not) and nothing of it is committed here.

Lines: the English gold texts (examples and every ``dev_en*`` round), then varied copies
(``benchmarks.speed._vary``: small numbers swapped, case changed) up to ``--lines``: the
*unique* set (every line distinct). The *repeated* set has the same number of lines, half of
them exact repeats of earlier ones (as in a realistic warehouse extract), in a fixed random
order. The *hot* set is :data:`HOT_LINES` distinct lines over and over: the cost of a line seen
before (posology's cache of results; the peer has none). Each (parser, set) runs in a fresh
process pinned to one CPU; the figure is lines per CPU-second of the whole process (user +
system, start-up and loading included, from ``RUSAGE_CHILDREN``), robust to a busy machine.
posology writes each Bundle as JSON (to nowhere), the peer builds its FHIR Dosage
(``parseSig(text).fhir``) and serialises it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.gold_io import load_file, load_split
from benchmarks.speed import SINGLE_CORE_ENV, _single_core, _vary

ROOT = Path(__file__).resolve().parent.parent
HOT_LINES = 500
PEER = ROOT.parent / "shared" / "peers" / "ezmedicationinput" / "dist" / "index.js"

_PEER_SCRIPT = r"""
import { readFileSync } from "node:fs";
const { parseSig } = await import(process.argv[2]);
const lines = readFileSync(process.argv[3], "utf8").split("\n").filter((l) => l.length);
let bytes = 0, failed = 0;
for (const line of lines) {
  try { bytes += JSON.stringify(parseSig(line, { enableMealDashSyntax: true }).fhir).length; }
  catch (e) { failed += 1; }
}
console.log(JSON.stringify({ lines: lines.length, bytes, failed }));
"""

_POSOLOGY_SCRIPT = r"""
import json, sys
import posology
lines = [l for l in open(sys.argv[2], encoding="utf-8").read().split("\n") if l]
size = 0
for result in posology.structure_many(lines, engine=sys.argv[1]):
    size += len(result.json())
print(json.dumps({"lines": len(lines), "bytes": size, "cache": posology.cache_info()}))
"""


def english_texts() -> list[str]:
    texts = [c["text"] for c in load_split("examples") if c.get("lang") == "en"]
    for path in sorted((ROOT / "benchmarks" / "gold").glob("dev_en*.jsonl")):
        texts += [c["text"] for c in load_file(path)]
    return [" ".join(t.split()) for t in texts]


def line_sets(size: int, seed: int = 0) -> dict[str, list[str]]:
    """``unique``: ``size`` distinct lines; ``repeated``: ``size`` lines, half exact repeats."""
    base, rng = english_texts(), random.Random(seed)
    unique: list[str] = []
    seen: set[str] = set()
    index = 0
    while len(unique) < size:
        text = base[index] if index < len(base) else _vary(base[index % len(base)], rng)
        index += 1
        if text not in seen:
            seen.add(text)
            unique.append(text)
    half = unique[: size // 2]
    repeated = half + [rng.choice(half) for _ in range(size - len(half))]
    rng.shuffle(repeated)
    few = unique[: min(HOT_LINES, size)]
    hot = [few[i % len(few)] for i in range(size)]  # every line seen before after the first pass
    return {"unique": unique, "repeated": repeated, "hot": hot}


def _measure(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=_single_core, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"{command[0]} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "lines_per_cpu_s": round(report["lines"] / cpu), **report}


def run(size: int, engines: list[str]) -> dict[str, Any]:
    env = {**os.environ, **SINGLE_CORE_ENV, "PYTHONPATH": str(ROOT)}
    node = shutil.which("node")
    peer = node is not None and PEER.is_file()
    results: dict[str, Any] = {"lines": size, "peer": str(PEER) if peer else None, "rows": []}
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "peer.mjs"
        script.write_text(_PEER_SCRIPT, encoding="utf-8")
        for name, lines in line_sets(size).items():
            path = Path(folder) / f"{name}.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            row: dict[str, Any] = {"set": name}
            if peer:
                row["peer"] = _measure([str(node), str(script), PEER.as_uri(), str(path)], env)
            for engine in engines:
                row[engine] = _measure([sys.executable, "-c", _POSOLOGY_SCRIPT, engine, str(path)], env)
            results["rows"].append(row)
    return results


def format_table(results: dict[str, Any], engines: list[str]) -> str:
    out = [f"{results['lines']:,} English sig lines per set, one core each, lines per CPU-second (whole process)"]
    if results["peer"] is None:
        out.append("peer: not found (../shared/peers/ezmedicationinput/dist or node missing): posology only")
    out.append("| set | parser | CPU s | lines / CPU-s | × peer |")
    out.append("|---|---|---:|---:|---:|")
    for row in results["rows"]:
        peer = row.get("peer")
        if peer:
            out.append(
                f"| {row['set']} | peer (ezmedicationinput) | {peer['cpu_s']} | {peer['lines_per_cpu_s']:,} | 1.00 |"
            )
        for engine in engines:
            mine = row[engine]
            ratio = f"{mine['lines_per_cpu_s'] / peer['lines_per_cpu_s']:.2f}" if peer else "-"
            out.append(
                f"| {row['set']} | posology {engine} | {mine['cpu_s']} | {mine['lines_per_cpu_s']:,} | {ratio} |"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--engines", default="hybrid,rules")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    engines = [e for e in args.engines.split(",") if e]
    results = run(args.lines, engines)
    print(format_table(results, engines))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
