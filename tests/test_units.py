"""The shipped pint answers (posology/units/unit_table.json, #17): each equals pint's, and a
line with a unit of that table loads no pint registry."""

from __future__ import annotations

import json

import pytest

from posology.units import registry


def test_the_shipped_unit_table_is_pints_answers() -> None:
    table = json.loads(registry.UNIT_TABLE.read_text(encoding="utf-8"))
    assert table == registry.pint_answers(), "run: python tools/build_unit_table.py"
    assert registry.shipped_answers() == table  # written by the installed pint: in use


def test_the_table_answers_without_pint(monkeypatch) -> None:
    def no_pint():
        raise AssertionError("the pint registry was loaded")

    registry.dimension.cache_clear()
    registry._factor.cache_clear()
    monkeypatch.setattr(registry, "registry", no_pint)
    try:
        assert [registry.dimension(k) for k in ("mg", "mL", "h", "iU", "%", "tablet", "mg/kg")] == [
            "mass",
            "volume",
            "time",
            "iu",
            "ratio",
            "count",
            "per_body",
        ]
        assert registry.convert(1, "g", "mg") == 1000.0 and registry.convert(2, "wk", "d") == 14.0
        assert registry.same_quantity(1, "teaspoon", 5, "mL") and not registry.same_quantity(1, "mg", 1, "mL")
        with pytest.raises(AssertionError):  # a pair pint alone can answer (it refuses it) asks pint
            registry.convert(1, "mmol", "meq")
    finally:
        registry.dimension.cache_clear()
        registry._factor.cache_clear()


def test_another_pint_version_ignores_the_table(monkeypatch, tmp_path) -> None:
    stale = json.loads(registry.UNIT_TABLE.read_text(encoding="utf-8"))
    stale["pint"] = "0.0"
    path = tmp_path / "unit_table.json"
    path.write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(registry, "UNIT_TABLE", path)
    registry.shipped_answers.cache_clear()
    try:
        assert registry.shipped_answers() == {"dimensions": {}, "factors": {}}
    finally:
        registry.shipped_answers.cache_clear()
