"""The terminology linker: exact step, nearest-alias step, abstention, the shipped index."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.linking import DEV_EXTRA, HELDOUT, calibrate, known_aliases, rank_all, read_gold, read_splits, split_of
from posology.linking.build_index import build
from posology.linking.index import (
    MANIFEST,
    StaleIndexError,
    alias_rows,
    alias_table_path,
    check_fresh,
    default_dir,
    load_index,
    sha256_file,
)
from posology.linking.linker import THRESHOLDS, LinkResult, SpanLinker


@pytest.fixture(scope="module")
def linker() -> SpanLinker:
    return SpanLinker.load()


# --- exact step -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, types, expected",
    [
        ("comprimé", ["unit_of_presentation"], ("unit_of_presentation", "tablet")),
        ("COMPRIMÉS", None, ("unit_of_presentation", "tablet")),  # unit preferred to dose form
        ("comprimé", ["dose_form"], ("dose_form", "tablet")),
        ("Cuillère à café", None, ("unit", "teaspoon")),
        ("avant le petit-déjeuner", ["when"], ("when", "ACM")),
        ("Avant le petit dejeuner", ["when"], ("when", "ACM")),
        ("S.C.", ["route"], ("route", "subcutaneous")),
        ("au coucher", None, ("when", "HS")),
    ],
)
def test_exact_alias(linker, text, types, expected):
    found = linker.link(text, types)
    assert (found.type, found.key) == expected
    assert found.method == "exact" and found.score == 1.0


def test_exact_lists_every_type_of_an_ambiguous_alias(linker):
    found = linker.link("gélule")
    assert {(t, k) for t, k, _, _ in found.candidates} == {
        ("unit_of_presentation", "capsule"),
        ("dose_form", "capsule"),
    }


# --- nearest-alias step -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, types, expected",
    [
        ("gellules", ["unit_of_presentation"], "capsule"),
        ("supositoire", ["unit_of_presentation"], "suppository"),
        ("goutes", ["unit_of_presentation"], "drop"),
        ("comprimme", ["unit_of_presentation"], "tablet"),
        ("ampoulle", ["unit_of_presentation"], "ampoule"),
        ("capsul", ["unit_of_presentation"], "capsule"),
        ("ampoulle", None, "ampoule"),
        ("avant d'aller dormir", ["when"], "HS"),
        ("avant d’aller au lit", ["when"], "HS"),
        ("au lever", ["when"], "WAKE"),
        ("en mangeant", ["when"], "C"),
        ("befor brekfast", ["when"], "ACM"),
        ("tout les soirs", ["when"], "EVE"),
        ("sous cutan", ["route"], "subcutaneous"),
        ("milligrame", ["unit"], "mg"),
        ("semainne", ["time_unit"], "wk"),
        ("mecredi", ["day_of_week"], "wed"),
    ],
)
def test_variants_link(linker, text, types, expected):
    found = linker.link(text, types)
    assert found is not None and found.key == expected, found


def test_result_shape(linker):
    found = linker.link("ampoulle", k=3)
    assert isinstance(found, LinkResult) and found.method == "ngram"
    assert found.alias == "ampoule" and THRESHOLDS["ngram"] <= found.score <= 1.0
    assert 1 <= len(found.candidates) <= 3
    assert found.candidates[0] == (found.type, found.key, found.alias, found.score)
    scores = [c[3] for c in found.candidates]
    assert scores == sorted(scores, reverse=True)
    assert len({(c[0], c[1]) for c in found.candidates}) == len(found.candidates)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.key = "x"  # type: ignore[misc]


def test_types_restrict_the_search(linker):
    found = linker.link("supositoires", ["dose_form"])
    assert found.type == "dose_form"
    with pytest.raises(ValueError, match=r"\[E035\] Unknown concept types"):
        linker.link("cp", ["drug"])


# --- abstention -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Doliprane",
        "Kardegic",
        "Spasfon",
        "Amoxicilline",
        "verre d'eau",
        "verre",
        "eau",
        "avaler",
        "traitement",
        "douleur",
        "fièvre",
        "twise",
        "#@!",
        "",
        "   ",
    ],
)
def test_junk_abstains(linker, text):
    assert linker.link(text) is None


@pytest.mark.parametrize("text", ["2 gellules", "1-0-1", "3x/j", "½ cp", "q8h", "500", "cm³", "x3"])
def test_digits_never_linked(linker, text):
    assert linker.rank(text) is None and linker.link(text) is None


# --- composed names, plurals, OCR letters, everyday words ---------------------------------------


@pytest.mark.parametrize(
    ("text", "type_", "key"),
    [
        ("post lunch", "when", "PCD"),
        ("avt le dîner", "when", "ACV"),
        ("pdt le petit dej", "when", "CM"),
        ("right after the evening meal", "when", "PCV"),
        ("SR tab", "dose_form", "prolonged_release_tablet"),
        ("tabs à croquer", "dose_form", "chewable_tablet"),
        ("gél. gastro-résistante", "dose_form", "gastro_resistant_capsule"),
        ("tablets sublingual", "dose_form", "sublingual_tablet"),
        ("cp liberation prolongee", "dose_form", "prolonged_release_tablet"),
        ("comprime pelliculle", "dose_form", "film_coated_tablet"),  # one slip in a part word
    ],
)
def test_two_parts_compose_a_concept(linker, text, type_, key):
    found = linker.link(text, [type_])
    assert (found.type, found.key, found.method) == (type_, key, "compose")


@pytest.mark.parametrize(
    ("text", "types"),
    [("soft tab", ["dose_form"]), ("sublingual caps", ["dose_form"]), ("avant mardi", ["when"]), ("post", ["when"])],
)
def test_parts_that_name_no_concept_do_not_compose(linker, text, types):
    found = linker.rank(text, types)
    assert found is None or found.method != "compose"


@pytest.mark.parametrize(
    ("text", "types", "key", "method"),
    [
        ("gms", ["unit"], "g", "plural"),
        ("matins", ["when"], "MORN", "plural"),
        ("lai", ["unit_of_presentation"], None, None),  # under four letters: no i/l reading
        ("viai", ["unit_of_presentation"], "vial", "ocr"),
        ("rng", ["unit"], "mg", "ocr"),
    ],
)
def test_plural_and_ocr_letter_repairs(linker, text, types, key, method):
    assert linker.link(text, types) is None or key is not None
    found = linker.rank(text, types)
    if key is None:
        assert found is None or found.method not in ("plural", "ocr")
    else:
        assert (found.key, found.method) == (key, method)


def test_short_words_and_everyday_words_get_no_letter_repair():
    from posology.linking.linker import ocr_readings

    assert ocr_readings("si") == []  # not "sl" (sublingual)
    assert "mail" not in ocr_readings("mall") and ocr_readings("mall") == []  # an everyday word


@pytest.mark.parametrize("text", ["merci", "Martin", "heureux", "suppositions", "minuterie"])
def test_everyday_words_are_never_linked_by_resemblance(linker, text):
    found = linker.rank(text)
    assert found is not None and found.method == "ngram" and found.score >= linker.threshold
    assert linker.link(text) is None  # close to an alias, but a word of its own


@pytest.mark.parametrize(("text", "key"), [("goutes", "drop"), ("gellules", "capsule"), ("soirs", "EVE")])
def test_misspellings_that_look_like_rare_words_still_link(linker, text, key):
    found = linker.link(text)
    assert found is not None and found.key == key


# --- the shipped index ------------------------------------------------------------------


def test_shipped_index_matches_alias_table():
    manifest = check_fresh(default_dir())
    assert manifest["alias_table"]["sha256"] == sha256_file(alias_table_path())
    assert manifest["alias_table"]["rows"] == len(alias_rows())
    assert manifest["default_method"] == "ngram"


def test_shipped_index_is_what_build_writes(tmp_path):
    manifest = build(tmp_path)
    shipped = json.loads((default_dir() / MANIFEST).read_text(encoding="utf-8"))
    for name in manifest["files"]:
        assert (tmp_path / name).read_bytes() == (default_dir() / name).read_bytes(), name
    assert {k: v for k, v in manifest.items() if k != "libraries"} == {
        k: v for k, v in shipped.items() if k != "libraries"
    }


def test_build_is_deterministic(tmp_path):
    build(tmp_path / "a")
    build(tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_changed_alias_table_makes_the_index_stale(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_bytes(alias_table_path().read_bytes() + b"unit,mg,milligramos,es,synonym\n")
    with pytest.raises(StaleIndexError, match="build-index"):
        load_index(default_dir(), "ngram", alias_table=table)


def test_altered_index_file_is_refused(tmp_path):
    shutil.copytree(default_dir(), tmp_path / "linking")
    rows = tmp_path / "linking" / "rows.csv"
    rows.write_text(rows.read_text(encoding="utf-8") + "9999,unit,mg,mgg\n", encoding="utf-8")
    with pytest.raises(StaleIndexError, match="altered"):
        load_index(tmp_path / "linking", "ngram")
    with pytest.raises(StaleIndexError, match="No 'embedding' index"):
        load_index(default_dir(), "embedding")


def test_runtime_needs_no_torch():
    code = (
        "import sys; from posology.linking.linker import SpanLinker; "
        "SpanLinker.load().link('ampoulle'); "
        "print(any(m in sys.modules for m in ('torch', 'sentence_transformers')))"
    )
    root = Path(__file__).resolve().parent.parent
    # a fresh process: the test process may have imported torch (the embedding tests)
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_single_span_is_fast(linker):
    spans = [
        ("ampoulle", None),
        ("supositoire", ["unit_of_presentation"]),
        ("Doliprane", None),
        ("avant d'aller au lit", ["when"]),
    ] * 50
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text, types in spans:
            linker.link(text, types)
        best = min(best, (time.perf_counter() - start) / len(spans))
    assert best < 1e-3, f"{best * 1e6:.0f} µs per span"


# --- the benchmark gold -----------------------------------------------------------------


def test_gold_variants_are_not_aliases():
    variants = read_gold()
    keys = {(r.type, r.key) for r in alias_rows()}
    answerable = [v for v in variants if v.type]
    assert len(answerable) >= 300 and len(variants) - len(answerable) >= 60
    assert all((v.type, v.key) in keys for v in answerable)
    assert known_aliases(variants) == []
    assert len({v.text for v in variants}) == len(variants)
    assert {split_of(v) for v in variants} == {"dev", "test"}


def test_extra_dev_sets_and_heldout_are_well_formed():
    keys = {(r.type, r.key) for r in alias_rows()}
    splits = read_splits()
    extra = [v for path in DEV_EXTRA for v in read_gold(path)]
    heldout = read_gold(HELDOUT)
    assert known_aliases(extra) == []  # dev spans that became aliases were taken out
    for variants in [read_gold(path) for path in DEV_EXTRA] + [heldout]:
        assert all((v.type, v.key) in keys for v in variants if v.type)
        assert all(v.key is None for v in variants if not v.type)
        assert len({v.text.lower() for v in variants}) == len(variants)
    assert len(splits["heldout"]) == len(heldout) >= 250
    seen = {v.text.lower() for v in read_gold() + extra}  # a development span is not held out
    assert not seen & {v.text.lower() for v in heldout}


def test_shipped_threshold_is_calibrated_on_dev(linker):
    dev = read_splits()["dev"]
    assert abs(calibrate(rank_all(linker, dev)) - THRESHOLDS["ngram"]) <= 0.05


def test_an_everyday_word_after_a_number_is_read_as_the_unit(linker):
    import posology
    from benchmarks.fhir_fields import read_bundle

    assert linker.link("bouffe", ["unit_of_presentation"]) is None  # "bouffe" is a French word
    assert linker.link("bouffe", ["unit_of_presentation"], everyday=True).key == "puff"
    for engine in ("rules", "hybrid"):
        meds = read_bundle(posology.structure("2 bouffe matin et soir", engine=engine).as_dict()).meds
        assert meds[0]["dosages"][0]["dose"] == [2, None, "puff"], engine


@pytest.mark.parametrize("text", ["dans le dos", "into the back"])
def test_a_swapped_meaning_word_is_no_link(linker, text):
    # "dans le dos" shares all but its meaning word with "dans le nez"
    assert linker.link(text, ["route"]) is None


def test_words_align_accepts_qualifiers_and_abbreviations_only():
    from posology.linking.linker import words_align

    assert words_align("gelules dures", "gelules")
    assert words_align("powder for soln for inj", "powder for solution for injection")
    assert not words_align("pdre pour susp buv", "pdre pour sol buv")
    assert not words_align("before bf", "before bed")


@pytest.mark.parametrize(
    ("text", "types", "key"),
    [
        ("IM profonde", ["route"], "intramuscular"),
        ("by IV bolus", ["route"], "intravenous"),
        ("multidose vial", ["unit_of_presentation"], "vial"),
        ("sachet individuel", ["unit_of_presentation"], "sachet"),
    ],
)
def test_one_alias_word_with_qualifiers_is_that_concept(linker, text, types, key):
    found = linker.link(text, types)
    assert (found.key, found.method) == (key, "head")


@pytest.mark.parametrize(
    ("text", "types"),
    [("en cas de douleur", None), ("topical cream", ["dose_form"]), ("le matin et le soir", None)],
)
def test_head_word_needs_exactly_one_concept_and_no_folded_everyday_word(linker, text, types):
    # "cas" is càs only once accents are folded; "topical" names a route; two concepts
    found = linker.rank(text, types)
    assert found is None or found.method != "head"
