"""Shared fixtures: one engine for the whole test session (it loads in a few seconds)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def engine():
    from posology.engine import Engine

    return Engine.load()
