"""The cache of results for repeated lines (posology/cache.py, #17): same Bundle ids aside,
fresh ids and the caller's subject on every hit, bounded memory, nothing shared by callers."""

from __future__ import annotations

import json

import posology
from posology.cache import SUBJECT, ResultCache
from posology.fhir.ids import UUID, without_ids

LINE = "Doliprane 1 g 1 cp 3 fois par jour pendant 5 jours"


def _ids(bundle: dict) -> set[str]:
    return set(UUID.findall(json.dumps(bundle)))


def test_a_repeated_line_is_a_hit_with_the_same_bundle_and_fresh_ids() -> None:
    first = posology.structure(LINE)
    second = posology.structure(LINE)
    info = posology.cache_info()
    assert (info["hits"], info["misses"], info["entries"]) == (1, 1, 1)
    assert without_ids(first.bundle_dict) == without_ids(second.bundle_dict)
    assert not _ids(first.bundle_dict) & _ids(second.bundle_dict)
    assert second.prescription == first.prescription and second.warnings == first.warnings


def test_a_hit_equals_a_fresh_build() -> None:
    cached = [posology.structure(LINE, fhir_version="R5", subject="Patient/7") for _ in range(2)][1]
    posology.result_cache().clear()
    fresh = posology.structure(LINE, fhir_version="R5", subject="Patient/7")
    assert without_ids(cached.bundle_dict) == without_ids(fresh.bundle_dict)


def test_each_caller_gets_its_subject_and_never_the_stand_in() -> None:
    results = [posology.structure(LINE, subject=f"Patient/{n}") for n in (1, 2, 3)]
    assert [r.medication_requests[0]["subject"] for r in results] == [
        {"reference": "Patient/1"},
        {"reference": "Patient/2"},
        {"reference": "Patient/3"},
    ]
    assert all(SUBJECT not in r.json() for r in results)
    anonymous = posology.structure(LINE)
    assert "extension" in anonymous.medication_requests[0]["subject"]  # data-absent, not a cached subject


def test_options_are_part_of_the_key() -> None:
    r4, r5 = posology.structure(LINE), posology.structure(LINE, fhir_version="R5")
    rules = posology.structure(LINE, engine="rules")
    assert r4.fhir_version == "R4" and r5.fhir_version == "R5" and rules.engine == "rules"
    assert posology.cache_info()["entries"] == 3 and posology.cache_info()["hits"] == 0
    assert "medicationReference" in r4.medication_requests[0]
    assert "medicationReference" not in r5.medication_requests[0]


def test_a_caller_changing_its_bundle_changes_no_other_result() -> None:
    first = posology.structure(LINE)
    first.medication_requests[0]["dosageInstruction"].clear()
    second = posology.structure(LINE)
    assert second.medication_requests[0]["dosageInstruction"], "the cache holds JSON, not the caller's dict"


def test_odd_subjects_and_texts_holding_a_uuid_are_built_every_time() -> None:
    odd = "Patient/42 extra words"
    results = [posology.structure(LINE, subject=odd) for _ in range(2)]
    assert posology.cache_info()["entries"] == 0
    assert results[1].medication_requests[0]["subject"] == {"reference": odd}
    text = "1 cp le matin ref 123e4567-e89b-42d3-a456-426614174000"  # a re-stamp would rewrite it
    twice = [posology.structure(text) for _ in range(2)]
    assert posology.cache_info()["entries"] == 0
    assert all("426614174000" in r.json() for r in twice)  # the W002 of its last part, as written


def test_the_cache_is_bounded_by_entries_and_bytes() -> None:
    cache = ResultCache(max_entries=2, max_bytes=100)
    for key in ("a", "b", "c"):
        cache.put((key,), key, '{"x": "' + key * 10 + '"}')
    assert cache.get(("a",), None) is None  # the least recently used went first
    assert cache.get(("c",), None) == ("c", {"x": "c" * 10})
    cache.put(("big",), "big", '"' + "x" * 200 + '"')  # over max_bytes alone: never held
    info = cache.info()
    assert info["entries"] == 2 and info["bytes"] <= 100 and cache.get(("big",), None) is None
    cache.put(("d",), "d", '"' + "d" * 60 + '"')
    cache.put(("e",), "e", '"' + "e" * 60 + '"')
    assert cache.info()["bytes"] <= 100 and cache.get(("d",), None) is None


def test_the_environment_sizes_or_turns_off_the_cache(monkeypatch) -> None:
    monkeypatch.setattr(posology, "_CACHE", None)
    monkeypatch.setenv("POSOLOGY_RESULT_CACHE", "0")
    try:
        posology.structure(LINE)
        posology.structure(LINE)
        assert posology.cache_info()["entries"] == 0 and posology.cache_info()["max_entries"] == 0
    finally:
        monkeypatch.setattr(posology, "_CACHE", None)  # the next test gets the default cache
