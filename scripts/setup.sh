#!/usr/bin/env bash
# Install posology and what it needs, on a fresh machine (idempotent).
#   bash scripts/setup.sh        the package (rules engine, FHIR, linker, NER)
#   bash scripts/setup.sh dev    the same plus the test and benchmark tools
# torch is installed FIRST and pinned to the CPU build: an unpinned torch (pulled by
# sentence-transformers) would download several GB of CUDA packages.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP="python3 -m pip --disable-pip-version-check -q"
python3 -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '2.13.0')" 2>/dev/null \
  || $PIP install "torch==2.13.0"
if [ "${1:-}" = "dev" ]; then
  $PIP install -e ".[embeddings,dev]"
else
  $PIP install ".[embeddings]"
fi
