"""Speed benchmark: throughput, latency, cold start and memory, on one core.

    python -m benchmarks.speed --engine rules [--sizes 1000,10000,100000] [--json PATH]

Every measurement runs in a fresh subprocess pinned to one CPU with OMP_NUM_THREADS=1 (and
the MKL / OpenBLAS / tokenizers equivalents), so figures compare across machines and
engines and peak RSS (``ru_maxrss``) belongs to one size only: growth from 1k to 100k lines
is then visible. Texts are the examples + dev gold texts, repeated with numbers and case
varied so that no cache sees the same string twice in a row.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.gold_io import load_split
from posology import DEFAULT_ENGINE, ENGINES

ROOT = Path(__file__).resolve().parent.parent
SINGLE_CORE_ENV = {
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "CUDA_VISIBLE_DEVICES": "",
}
COLD_TEXT = "1 cp le matin"


def base_texts() -> list[str]:
    """The gold texts the corpus is built from; dev is optional (examples always exist)."""
    texts = [c["text"] for c in load_split("examples")]
    try:
        texts += [c["text"] for c in load_split("dev")]
    except FileNotFoundError:
        pass
    return texts


def _vary(text: str, rng: random.Random) -> str:
    """Same shape, other surface: small numbers swapped, case changed now and then."""
    text = re.sub(r"\b[1-9]\b", lambda m: str(rng.randint(1, 9)), text)
    roll = rng.random()
    return text.upper() if roll < 0.1 else text.lower() if roll < 0.2 else text


def make_texts(size: int, seed: int = 0) -> list[str]:
    """``size`` texts: the base texts first as written, then varied copies."""
    base, rng = base_texts(), random.Random(seed)
    return [base[i] if i < len(base) else _vary(base[i % len(base)], rng) for i in range(size)]


def _percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_size(engine: str, size: int, validation_cache: bool = True) -> dict[str, Any]:
    """Run inside the worker subprocess: warm up, then time one-by-one and batched calls.

    The one-by-one pass comes first and starts with empty caches (validation shapes, linked
    words): it is the figure to quote. The batched pass then reruns the same texts.
    """
    import posology
    from posology.fhir import validation

    if not validation_cache:
        validation.set_cache_size(0)

    texts = make_texts(size)
    start = time.perf_counter()
    posology.structure(COLD_TEXT, engine=engine)  # load the engine: "warm" excludes this
    load_s, rss_warm = time.perf_counter() - start, _maxrss_mb()
    latencies = []
    start = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        posology.structure(text, engine=engine)
        latencies.append(time.perf_counter() - t0)
    one_s = time.perf_counter() - start
    start = time.perf_counter()
    for _ in posology.structure_many(texts, engine=engine):
        pass  # results are dropped: the batch path should stream, not accumulate
    many_s = time.perf_counter() - start
    latencies.sort()
    return {
        "size": size,
        "load_s": load_s,
        "one_by_one_lps": size / one_s,
        "many_lps": size / many_s,
        "p50_ms": 1e3 * _percentile(latencies, 0.50),
        "p99_ms": 1e3 * _percentile(latencies, 0.99),
        "rss_warm_mb": rss_warm,
        "rss_peak_mb": _maxrss_mb(),
        "wall_s": load_s + one_s + many_s,
        "validation": validation.cache_info(),
    }


def _single_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _run(args: list[str], timeout: float | None = None) -> tuple[float, str]:
    env = {
        **os.environ,
        **SINGLE_CORE_ENV,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_single_core,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return wall, done.stdout


def cold_start(engine: str, repeats: int = 3) -> dict[str, float]:
    """Median wall time of fresh interpreters: bare, ``import posology``, import + first call."""
    snippets = {
        "python_s": "pass",
        "import_s": "import posology",
        "first_call_s": f"import posology; posology.structure({COLD_TEXT!r}, engine={engine!r})",
    }
    return {
        name: sorted(_run(["-c", code])[0] for _ in range(repeats))[repeats // 2] for name, code in snippets.items()
    }


def run_size(engine: str, size: int, validation_cache: bool = True) -> dict[str, Any]:
    flags = [] if validation_cache else ["--no-validation-cache"]
    _, out = _run(["-m", "benchmarks.speed", "--worker", "--engine", engine, "--sizes", str(size), *flags])
    return json.loads(out.strip().splitlines()[-1])


def format_table(engine: str, cold: dict[str, float], rows: list[dict[str, Any]], validation_cache: bool = True) -> str:
    """Markdown: a cold-start sentence, then one row per size."""
    memo = "shape-memoised validation" if validation_cache else "validation memo OFF (pydantic on every Bundle)"
    head = (
        f"Engine `{engine}`, {memo}, one core (affinity 1 CPU, OMP_NUM_THREADS=1). Cold start: python "
        f"{cold['python_s']:.2f} s, `import posology` {cold['import_s']:.2f} s, "
        f"import + first call {cold['first_call_s']:.2f} s."
    )
    columns = (
        "lines | structure() lines/s | structure_many() lines/s | p50 ms | p99 ms | RSS warm MB | RSS peak MB | wall s"
    )
    lines = [head, "", f"| {columns} |", "|---:" * 8 + "|"]
    formats = (",", ",.0f", ",.0f", ".2f", ".2f", ".0f", ".0f", ".1f")
    keys = ("size", "one_by_one_lps", "many_lps", "p50_ms", "p99_ms", "rss_warm_mb", "rss_peak_mb")
    for row in rows:
        cells = [format(row[k], f) for k, f in zip((*keys, "wall_s"), formats, strict=False)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated line counts (100000 allowed)")
    parser.add_argument("--json", metavar="PATH")
    parser.add_argument(
        "--no-validation-cache",
        action="store_true",
        help="validate every Bundle with pydantic (no shape memo): the worst case",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)  # one size, in-process
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.worker:
        print(json.dumps(measure_size(args.engine, sizes[0], not args.no_validation_cache)))
        return 0
    cold = cold_start(args.engine)
    rows = [run_size(args.engine, size, not args.no_validation_cache) for size in sizes]
    print(format_table(args.engine, cold, rows, not args.no_validation_cache))
    if args.json:
        Path(args.json).write_text(json.dumps({"engine": args.engine, "cold": cold, "sizes": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
