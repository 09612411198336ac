"""Shared fixtures: one engine for the whole test session (it loads in a few seconds)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def engine():
    from posology.engine import Engine

    return Engine.load()


@pytest.fixture(autouse=True)
def _fresh_result_cache():
    """Each test starts with an empty cache of repeated lines (posology.cache): a test that
    replaces a part of the engine must see that part run, not an earlier test's result."""
    import posology

    posology.result_cache().clear()
    yield
