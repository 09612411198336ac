"""Load test of the HTTP service: ``python -m benchmarks.load [--requests 10000] [--concurrency 32]``.

Starts ``posology serve`` on loopback (a free port, ``--workers`` processes, logging at
warning), waits for ``/health``, then sends ``--requests`` ``POST /structure`` requests, one
text each (the dev gold texts, in turn), from ``--concurrency`` client threads, each with its
own keep-alive connection. It stops by itself: after the last request, or at ``--max-seconds``
(requests not sent by then are reported as not sent), and it always stops the server.

Reported: throughput (answered requests per second of wall time), p50 / p99 / max latency,
failed requests (an HTTP status other than 200, a Bundle missing, or a connection error).
The client threads share the machine with the server: on a 2-core machine they cost the
server part of a core, so the figures are a floor. Loopback only: no other host is reachable.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold"


def texts() -> list[str]:
    """The dev gold texts (read-only use of the gold files)."""
    lines = []
    for path in sorted(GOLD.glob("dev_*.jsonl")):
        lines += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int, engine: str) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "posology",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--engine",
        engine,
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                time.sleep(0.5 * workers)  # every worker answers /health only once its engine is loaded
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not answer /health within 120 s")


class Client(threading.Thread):
    """One keep-alive connection sending requests until the shared counter or the deadline ends."""

    def __init__(self, port: int, bodies: list[bytes], counter, deadline: float) -> None:
        super().__init__(daemon=True)
        self.port, self.bodies, self.counter, self.deadline = port, bodies, counter, deadline
        self.latencies: list[float] = []
        self.failures: dict[str, int] = {}

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/json"}
        while time.monotonic() < self.deadline and (index := self.counter()) is not None:
            started = time.perf_counter()
            try:
                connection.request("POST", "/structure", self.bodies[index % len(self.bodies)], headers)
                response = connection.getresponse()
                payload = response.read()
                ok = response.status == 200 and b'"resourceType":"Bundle"' in payload
                reason = str(response.status)
            except (OSError, http.client.HTTPException) as error:
                ok, reason = False, type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.latencies.append(time.perf_counter() - started)
            if not ok:
                self.failures[reason] = self.failures.get(reason, 0) + 1
        connection.close()


def counter(limit: int):
    lock, state = threading.Lock(), {"next": 0}

    def take() -> int | None:
        with lock:
            if state["next"] >= limit:
                return None
            state["next"] += 1
            return state["next"] - 1

    return take


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def run(requests: int, concurrency: int, workers: int, engine: str, max_seconds: float) -> dict:
    bodies = [json.dumps({"text": text}).encode() for text in texts()]
    port = free_port()
    server = start_server(port, workers, engine)
    try:
        take = counter(requests)
        started = time.perf_counter()
        clients = [Client(port, bodies, take, time.monotonic() + max_seconds) for _ in range(concurrency)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = [value for client in clients for value in client.latencies]
    failures: dict[str, int] = {}
    for client in clients:
        for reason, count in client.failures.items():
            failures[reason] = failures.get(reason, 0) + count
    return {
        "requests": requests,
        "sent": len(latencies),
        "not_sent": requests - len(latencies),
        "failed": sum(failures.values()),
        "failures": failures,
        "concurrency": concurrency,
        "workers": workers,
        "engine": engine,
        "wall_s": round(wall, 2),
        "throughput_rps": round(len(latencies) / wall, 1),
        "p50_ms": round(1000 * percentile(latencies, 0.50), 1),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
        "max_ms": round(1000 * max(latencies, default=float("nan")), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--engine", default="hybrid", choices=("rules", "ner", "hybrid"))
    parser.add_argument("--max-seconds", type=float, default=600, help="stop sending after this long")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    report = run(args.requests, args.concurrency, args.workers, args.engine, args.max_seconds)
    print(
        f"{report['sent']} requests ({report['not_sent']} not sent), concurrency {report['concurrency']}, "
        f"{report['workers']} worker(s), engine {report['engine']}: {report['throughput_rps']} req/s, "
        f"p50 {report['p50_ms']} ms, p99 {report['p99_ms']} ms, max {report['max_ms']} ms, "
        f"failed {report['failed']} {report['failures'] or ''}".rstrip()
    )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
