"""Batch benchmark: ``posology structure --input big.txt --output out.ndjson --workers N``.

    python -m benchmarks.batch --sizes 10000,100000 --workers 1,2 [--engine hybrid] [--json PATH]

Writes a file of ``size`` lines (the gold texts, then copies with small numbers swapped and
case changed: ``benchmarks.speed``) into a temporary folder — never into the repository —,
runs the command line on it in a fresh process per (size, workers) and reports lines/s (wall
time, engine loading included), lines per CPU-second of all its processes (robust to a busy
machine), the load average, and memory: ``ru_maxrss`` of the largest process (the command
or one of its workers) and the peak of the sum of the RSS of the whole process tree, sampled
every 0.2 s. Memory that does not grow with the size is what streaming promises.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.speed import _vary, base_texts
from posology import DEFAULT_ENGINE, ENGINES


def write_lines(path: Path, size: int, seed: int = 0) -> int:
    """``size`` prescription lines into ``path``, streamed (never held in memory); its bytes."""
    base, rng = base_texts(), random.Random(seed)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for i in range(size):
            text = base[i] if i < len(base) else _vary(base[i % len(base)], rng)
            out.write(" ".join(text.split()) + "\n")  # one line per text
    return path.stat().st_size


def _tree_rss_kib(root: int) -> int:
    """The summed RSS of ``root`` and its descendants (Linux /proc), in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run_once(source: Path, workers: int, engine: str) -> dict[str, Any]:
    output = source.with_suffix(f".w{workers}.ndjson")
    command = [
        sys.executable,
        "-m",
        "posology",
        "structure",
        "--input",
        str(source),
        "--output",
        str(output),
        "--workers",
        str(workers),
        "--engine",
        engine,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    start, tree_peak = time.perf_counter(), 0
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    while process.poll() is None:
        tree_peak = max(tree_peak, _tree_rss_kib(process.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"posology failed ({process.returncode}): {process.stderr.read()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    lines = failed = 0
    with output.open("rb") as handle:
        for line in handle:
            lines += 1
            failed += b'"[E020] ' in line  # a record the engine crashed on: the figures would lie
    output.unlink()
    if failed:
        raise SystemExit(f"{failed} of {lines} records failed (E020): not a measurement")
    return {
        "workers": workers,
        "lines": lines,
        "wall_s": round(wall, 1),
        "lines_per_s": round(lines / wall),
        # per CPU-second of all its processes (engine loading included): what a core of its own
        # gives, whatever else the machine runs meanwhile
        "cpu_s": round(cpu, 1),
        "lines_per_cpu_s": round(lines / cpu),
        "load_avg": f"{load_before:.1f}→{os.getloadavg()[0]:.1f}",
        # RUSAGE_CHILDREN: the largest of the processes waited for so far (monotonic: runs go
        # from small to large, so each row's figure is at least the previous one's)
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "tree_peak_mb": round(tree_peak / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="lines, comma-separated")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    parser.add_argument("--json", help="also write the rows here")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="posology-batch-") as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            source = Path(folder) / f"lines-{size}.txt"
            megabytes = write_lines(source, size) / 1e6
            for workers in (int(w) for w in args.workers.split(",")):
                row = {"size": size, "input_mb": round(megabytes, 1), **run_once(source, workers, args.engine)}
                rows.append(row)
                print(json.dumps(row), flush=True)
            source.unlink()
    print(
        "\n| lines | workers | wall s | lines/s (wall) | lines per CPU-s | ru_maxrss MB (largest process) "
        "| tree peak RSS MB | load avg |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print(
            f"| {row['size']:,} | {row['workers']} | {row['wall_s']} | {row['lines_per_s']} | "
            f"{row['lines_per_cpu_s']} | {row['maxrss_mb']} | {row['tree_peak_mb']} | {row['load_avg']} |"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
