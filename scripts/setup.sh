#!/usr/bin/env bash
# Install posology and what it needs, on a fresh machine (idempotent).
#   bash scripts/setup.sh             the package (rules engine, FHIR, linker, NER): no torch
#   bash scripts/setup.sh dev         editable, plus what the tests need (dev, service, spark extras)
#   bash scripts/setup.sh embeddings  (alone or after dev) also the MiniLM extra, for benchmarks:
#                                     torch is installed FIRST and pinned to the CPU build, else
#                                     sentence-transformers pulls several GB of CUDA packages.
# A Python that refuses system-wide pip (PEP 668, "externally-managed-environment": Debian,
# Ubuntu, Fedora…) gets a virtual environment in .venv instead; the script says how to use it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DEV=0 EMBEDDINGS=0
for arg in "$@"; do
  case "$arg" in
    dev) DEV=1 ;;
    embeddings) EMBEDDINGS=1 ;;
    *) echo "usage: bash scripts/setup.sh [dev] [embeddings]" >&2; exit 2 ;;
  esac
done

externally_managed() {  # true outside a venv on a Python marked EXTERNALLY-MANAGED (PEP 668)
  "$PYTHON" -c 'import os, sys, sysconfig
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
sys.exit(0 if os.path.exists(marker) and sys.prefix == sys.base_prefix else 1)'
}

VENV=""
if [ "${PIP_BREAK_SYSTEM_PACKAGES:-0}" != "1" ] && externally_managed; then
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv || {
      echo "setup.sh: $PYTHON refuses system-wide pip (PEP 668) and cannot make a venv: install python3-venv (apt-get install python3-venv), or run this script inside a virtual environment." >&2
      exit 1
    }
  fi
  PYTHON=.venv/bin/python
  VENV=.venv
fi

PIP="$PYTHON -m pip --disable-pip-version-check -q"
EXTRAS=""
[ "$DEV" = 1 ] && EXTRAS="dev,service,spark"
if [ "$EMBEDDINGS" = 1 ]; then
  "$PYTHON" -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '2.13.0')" 2>/dev/null \
    || $PIP install "torch==2.13.0"
  EXTRAS="${EXTRAS:+$EXTRAS,}embeddings"
fi
TARGET=".${EXTRAS:+[$EXTRAS]}"
if [ "$DEV" = 1 ]; then
  $PIP install -e "$TARGET"
  command -v java >/dev/null || echo "setup.sh: the Spark tests need Java 17+ (apt-get install default-jre-headless)." >&2
else
  $PIP install "$TARGET"
fi

if [ -n "$VENV" ]; then
  echo "setup.sh: installed in $VENV (this Python refuses system-wide pip, PEP 668): run 'source $VENV/bin/activate' to use posology."
fi
