"""Cold start of the command and of the library call, in fresh processes, one core (#17).

    python -m benchmarks.cold_start [--runs 9] [--trees /path/to/other/checkout,.] [--kinds command,script,library]

Each run starts a fresh interpreter from ``/tmp`` (``python -c`` and ``-m`` put the current
folder first on ``sys.path``) with ``PYTHONPATH`` set to the tree and no bytecode written or read
from a cache folder (``PYTHONDONTWRITEBYTECODE=1``: posology's modules are compiled at each
start, as where the package's folder is read-only), pinned to one CPU. Kinds, trees and runs are
interleaved, so a busy minute weighs on every figure alike; the figure is the median of the runs,
wall and user + system CPU seconds (``RUSAGE_CHILDREN``):

- ``command``: ``python -m posology structure "1 cp le matin"`` (output to a pipe);
- ``script``: the ``posology`` console script next to ``python``, run by that interpreter (no
  pyenv shim in front), when installed;
- ``library``: ``python -c "import posology; posology.structure('1 cp le matin')"``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.speed import COLD_TEXT, SINGLE_CORE_ENV, _single_core

ROOT = Path(__file__).resolve().parent.parent


def commands() -> dict[str, list[str]]:
    python = sys.executable
    found = {
        "command": [python, "-m", "posology", "structure", COLD_TEXT],
        "library": [python, "-c", f"import posology; posology.structure({COLD_TEXT!r})"],
    }
    script = Path(python).with_name("posology")
    if script.is_file():
        found["script"] = [python, str(script), "structure", COLD_TEXT]
    return found


def run_once(command: list[str], tree: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one fresh process."""
    env = {**os.environ, **SINGLE_CORE_ENV, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tree)}
    env.pop("PYTHONPYCACHEPREFIX", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd="/tmp", env=env, capture_output=True, preexec_fn=_single_core, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed in {tree}:\n{done.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(trees: list[Path], kinds: list[str], runs: int) -> list[tuple[str, Path, float, float]]:
    """(kind, tree, median wall, median CPU) for each kind and tree."""
    known = commands()
    times: dict[tuple[str, Path], list[tuple[float, float]]] = {}
    for _ in range(runs):
        for kind in kinds:
            if kind not in known:
                continue
            for tree in trees:
                times.setdefault((kind, tree), []).append(run_once(known[kind], tree))
    return [
        (kind, tree, statistics.median(w for w, _ in found), statistics.median(c for _, c in found))
        for (kind, tree), found in times.items()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--trees", default=str(ROOT), help="checkouts to compare, comma-separated")
    parser.add_argument("--kinds", default="command,script,library")
    args = parser.parse_args(argv)
    trees = [Path(tree).resolve() for tree in args.trees.split(",") if tree]
    print(f"median of {args.runs} interleaved fresh processes, one core, no bytecode cache: wall / CPU s")
    for kind, tree, wall, cpu in measure(trees, args.kinds.split(","), args.runs):
        print(f"| {kind} | {tree} | {wall:.2f} / {cpu:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
