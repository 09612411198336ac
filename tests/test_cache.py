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
    cache.put(("é",), "é", '"' + "é" * 40 + '"')  # bytes are UTF-8 bytes: 82, not 42 characters
    assert cache.info()["bytes"] == 82 and cache.info()["entries"] == 1


def test_the_environment_sizes_or_turns_off_the_cache(monkeypatch) -> None:
    monkeypatch.setattr(posology, "_CACHE", None)
    monkeypatch.setenv("POSOLOGY_RESULT_CACHE", "0")
    try:
        posology.structure(LINE)
        posology.structure(LINE)
        assert posology.cache_info()["entries"] == 0 and posology.cache_info()["max_entries"] == 0
    finally:
        monkeypatch.setattr(posology, "_CACHE", None)  # the next test gets the default cache


def test_a_hit_is_json_text_stamped_with_fresh_ids_and_the_subject() -> None:
    first = posology.structure(LINE, subject="Patient/1")
    hits = [posology.structure(LINE, subject=f"Patient/{n}") for n in (2, 3)]
    assert posology.cache_info()["hits"] == 2
    texts = [r.json() for r in (first, *hits)]
    same = [
        without_ids(json.loads(t.replace(f"Patient/{n}", "Patient/0"))) for n, t in zip((1, 2, 3), texts, strict=True)
    ]
    assert same[0] == same[1] == same[2]
    assert [json.loads(t)["entry"][0]["resource"]["subject"] for t in texts] == [
        {"reference": f"Patient/{n}"} for n in (1, 2, 3)
    ]
    ids = [set(UUID.findall(t)) for t in texts]
    assert all(ids) and not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2])  # fresh ids each call
    # the same text the dict gives, byte for byte, and the references still point at the resources
    for result in hits:
        text = result.json()
        assert json.dumps(result.bundle_dict, ensure_ascii=False) == text == result.json()
        entries = result.bundle_dict["entry"]
        assert [e["fullUrl"] for e in entries] == [f"urn:uuid:{e['resource']['id']}" for e in entries]
    assert hits[0].json(indent=2) == json.dumps(hits[0].bundle_dict, ensure_ascii=False, indent=2)


def test_a_hit_is_byte_identical_to_a_build_ids_aside() -> None:
    from posology.fhir.ids import rename_uuids

    texts = (LINE, "Amoxicilline 1 g matin et soir pendant 7 jours", "1 tab po bid x 7 days", "‘{}’ 1 cp {0}")
    for text in texts:
        for options in ({}, {"fhir_version": "R5", "provenance": True}, {"subject": "Patient/9"}):
            built = posology.structure(text, **options).json()
            hit = posology.structure(text, **options)
            assert rename_uuids(hit.json(), {}) == rename_uuids(built, {}), (text, options)
            posology.result_cache().clear()
            again = posology.structure(text, **options)
            assert json.dumps(again.bundle_dict, ensure_ascii=False) == again.json()
            assert posology.cache_info()["misses"] == 1


def test_a_caller_changing_the_dict_of_a_hit_changes_its_json_and_nothing_else() -> None:
    posology.structure(LINE)
    hit = posology.structure(LINE)
    hit.as_dict()["entry"].clear()
    assert json.loads(hit.json())["entry"] == [] and hit.as_dict() is hit.bundle_dict
    assert posology.structure(LINE).as_dict()["entry"], "the cache holds a template, not the caller's dict"
    hit.bundle_dict = {"resourceType": "Bundle"}
    assert hit.json() == '{"resourceType": "Bundle"}'


def test_a_result_compares_and_prints_by_value() -> None:
    from posology import StructureResult

    posology.structure(LINE)
    hit = posology.structure(LINE)
    twin = StructureResult(hit.text, hit.prescription, hit.fhir_version, json.loads(hit.json()), hit.engine, hit.notes)
    assert twin == hit and repr(twin) == repr(hit) and repr(hit).startswith("StructureResult(text=")


def test_a_built_result_gives_the_text_it_was_cached_with_until_its_dict_is_read() -> None:
    built = posology.structure(LINE)
    text = built.json()
    assert posology.cache_info()["misses"] == 1 and built.json() is text  # no second serialising
    bundle = built.as_dict()
    assert json.dumps(bundle, ensure_ascii=False) == text
    bundle["type"] = "batch"  # the caller's dict is the Bundle from now on
    assert json.loads(built.json())["type"] == "batch"
    assert posology.structure(LINE).as_dict()["type"] == "collection"


def test_the_uuid_scan_finds_what_the_regex_finds() -> None:
    import random

    from posology.cache import _uuids

    rng = random.Random(7)
    uuid_like = "123e4567-e89b-42d3-a456-426614174000"
    for _ in range(2000):
        pieces = [
            rng.choice(["-", "a", "0", "f", "g", '"', uuid_like, uuid_like[: rng.randrange(36)]]) for _ in range(12)
        ]
        text = "".join(pieces)
        assert _uuids(text) == [(m.start(), m.end()) for m in UUID.finditer(text)], text


def test_threads_reading_one_hit_get_its_bundle() -> None:
    from concurrent.futures import ThreadPoolExecutor

    posology.structure(LINE)
    hits = [posology.structure(LINE) for _ in range(200)]
    expected = without_ids(json.loads(hits[0].json()))

    def read(result) -> bool:
        return without_ids(result.as_dict()) == expected == without_ids(json.loads(result.json()))

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(read, hits * 4))
