"""Drug linker: BDPM specialties (CIS) and substances, from the shipped tables only."""

from __future__ import annotations

import hashlib
import json

import pytest

from posology.dosage import Quantity
from posology.linking import drugs_index, drugs_table
from posology.linking.drugs import CIS_SYSTEM, SUBSTANCE_SYSTEM, DrugLinker
from posology.linking.drugs_text import Strength, drug_key
from posology.resources import terminologies_dir


@pytest.fixture(scope="module")
def linker() -> DrugLinker:
    return DrugLinker.load()


def cis_of(match) -> str | None:
    assert match is not None
    codes = [c.code for c in match.codings if c.system == CIS_SYSTEM]
    return codes[0] if len(codes) == 1 else None


@pytest.mark.parametrize(
    ("mention", "strengths", "form", "cis"),
    [
        ("Doliprane", [Quantity(1000, "mg")], "tablet", "60234100"),  # DOLIPRANE 1000 mg, comprimé
        ("Kardegic", [Quantity(75, "mg")], "sachet", "64755969"),  # KARDEGIC 75 mg, … sachet-dose
        ("LEVOTHYROX", [Quantity(75, "ug")], "tablet", "62080626"),  # LEVOTHYROX 75 microgrammes
    ],
)
def test_product_gets_its_cis_code(linker, mention, strengths, form, cis):
    match = linker.link(mention, strengths=strengths, form=form)
    assert match.kind == "specialty" and not match.ambiguous
    assert cis_of(match) == cis
    assert match.score == 1.0


def test_specialty_carries_its_labelled_ingredients(linker):
    match = linker.link("LEVOTHYROX", strengths=[Quantity(75, "ug")], form="tablet")
    ((name, quantity),) = match.ingredients
    assert name == "LÉVOTHYROXINE SODIQUE"
    assert (quantity.value, quantity.unit, quantity.code) == (75.0, "ug", "ug")


@pytest.mark.parametrize(
    ("mention", "cis"),
    [
        ("doliprane", "60234100"),
        ("DOLIPRANE", "60234100"),
        ("Dolipranne", "60234100"),
        ("Dolliprane", "60234100"),
        ("D0LIPRANE", "60234100"),  # OCR: zero for O
        ("Dolipraine", "60234100"),
    ],
)
def test_case_and_misspelling_variants_link(linker, mention, cis):
    match = linker.link(mention, strengths=[Quantity(1, "g")], form="tablet")
    assert cis_of(match) == cis


@pytest.mark.parametrize("mention", ["Kardégic", "kardegic", "KARDEGIC", "Kardegik"])
def test_kardegic_variants(linker, mention):
    assert cis_of(linker.link(mention, strengths=[Quantity(75, "mg")], form="sachet")) == "64755969"


@pytest.mark.parametrize("mention", ["Lévothyrox", "levothyrox", "Levotyrox", "LEV0THYROX"])
def test_levothyrox_variants(linker, mention):
    assert cis_of(linker.link(mention, strengths=[Quantity(75, "ug")])) == "62080626"


@pytest.mark.parametrize("mention", ["xyzzqw", "blorptanex", "qsdfghjk", "matin", "zz", ""])
def test_nonsense_abstains(linker, mention):
    assert linker.link(mention) is None


@pytest.mark.parametrize("mention", ["Prozac", "Motilium", "Dolipranecaps"])
def test_withdrawn_brand_abstains(linker, mention):
    assert linker.link(mention) is None


@pytest.mark.parametrize("mention", ["Tylenol", "Dolo", "Dolo 650", "Acetaminophen"])
def test_brand_not_sold_in_france_abstains(linker, mention):
    assert linker.link(mention) is None


@pytest.mark.parametrize(
    ("strengths", "form", "cis"),
    [
        ([Quantity(500, "mg")], "capsule", "67119691"),  # DOLIPRANE 500 mg, gélule
        ([Quantity(1000, "mg")], "capsule", "69309629"),  # DOLIPRANE 1000 mg, gélule
        ([Quantity(500, "mg")], "tablet", "63368332"),  # DOLIPRANE 500 mg, comprimé
        ([Quantity(1, "g")], "sachet", "61681702"),  # unit conversion: 1 g = 1000 mg
        ([Quantity(150, "mg")], "suppository", "60310861"),
        ([Quantity(1000, "mg")], "suppository", "67488731"),  # DOLIPRANE ADULTES (brand family)
    ],
)
def test_strength_and_form_choose_the_product(linker, strengths, form, cis):
    assert cis_of(linker.link("Doliprane", strengths=strengths, form=form)) == cis


def test_plain_form_beats_variant(linker):
    # DOLIPRANE 1000 mg: "comprimé" and "comprimé effervescent sécable" are both tablets
    assert cis_of(linker.link("Doliprane", strengths=[Quantity(1000, "mg")], form="tablet")) == "60234100"


def test_exact_strength_set_beats_starter_pack(linker):
    # XARELTO 15 mg, not XARELTO 15 mg + 20 mg
    assert cis_of(linker.link("Xarelto", strengths=[Quantity(15, "mg")])) == "69800507"


def test_parallel_imports_leave_the_product_uncoded(linker):
    # TAHOR 10 mg: 67143532 (decentralised procedure) and 68294626 (parallel import). Which
    # authorisation the prescriber meant is not in the text: no code (a held-out annotator
    # marked such names ambiguous), the name stays as written.
    match = linker.link("Tahor", strengths=[Quantity(10, "mg")], form="tablet")
    assert match is not None and match.ambiguous and not match.codings
    assert match.reason == "several-products"


def test_strength_and_form_read_from_the_mention(linker):
    assert cis_of(linker.link("Doliprane 1000mg", form="tablet")) == "60234100"
    assert cis_of(linker.link("Kardegic 75", form="sachet")) == "64755969"  # bare number
    assert cis_of(linker.link("Levothyrox 75 µg")) == "62080626"


@pytest.mark.parametrize(
    ("mention", "strengths", "form", "reason"),
    [
        ("Doliprane", [], None, "several-products"),
        ("Doliprane", [Quantity(1000, "mg")], None, "several-products"),
        ("Doliprane", [Quantity(750, "mg")], "tablet", "no-strength-match"),
        ("Kardegic", [Quantity(75, "mg")], "tablet", "no-form-match"),
    ],
)
def test_unresolved_brand_is_ambiguous_without_code(linker, mention, strengths, form, reason):
    match = linker.link(mention, strengths=strengths, form=form)
    assert match.kind == "specialty" and match.ambiguous
    assert match.codings == ()
    assert match.name == mention.upper()
    assert match.reason == reason
    assert match.candidates


@pytest.mark.parametrize(
    ("mention", "name", "code"),
    [
        ("paracétamol", "PARACÉTAMOL", "02202"),
        ("paracetamol", "PARACÉTAMOL", "02202"),
        ("Paracetamol", "PARACÉTAMOL", "02202"),
        ("amoxicilline", "AMOXICILLINE", "05248"),
        ("Amoxicillin", "AMOXICILLINE", "05248"),  # English INN, one letter away
        ("zolpidem", "TARTRATE DE ZOLPIDEM", "25975"),  # salt words dropped
    ],
)
def test_substance_names_link_to_the_substance(linker, mention, name, code):
    match = linker.link(mention, strengths=[Quantity(1, "g")])
    assert match.kind == "substance" and match.name == name
    assert [(c.system, c.code) for c in match.codings] == [(SUBSTANCE_SYSTEM, code)]
    assert match.ingredients[0][0] == name


def test_is_drug_word(linker):
    assert linker.is_drug_word("Kardégic")
    assert linker.is_drug_word("DOLIPRANE")
    assert linker.is_drug_word("paracétamol")
    assert linker.is_drug_word("Dolipr", prefix=True)
    assert not linker.is_drug_word("Dolipr")
    for word in ("matin", "gel", "comprimé", "le", "1000", "mg"):
        assert not linker.is_drug_word(word)


def test_name_length(linker):
    assert linker.name_length(["Dafalgan", "codéine", "1", "cp"]) == 2
    assert linker.name_length(["Doliprane", "1000", "mg"]) == 1
    assert linker.name_length(["le", "matin"]) == 0


def test_load_is_cached():
    assert DrugLinker.load() is DrugLinker.load()


def test_search_is_deterministic():
    names = ["doliprane", "dafalgan", "kardegic", "levothyrox"]
    first = drugs_index.NgramIndex(names).search("dolipran", k=4)
    assert first == drugs_index.NgramIndex(list(names)).search("dolipran", k=4)
    assert first[0][0] == "doliprane"


def test_manifest_matches_the_shipped_tables():
    folder = terminologies_dir() / "bdpm"
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    shipped = sorted(p.name for p in folder.glob("*.csv.gz"))
    assert sorted(manifest["files"]) == shipped
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_stored_keys_are_the_current_drug_keys():
    # the loader trusts the keys written by tools/build_bdpm.py: rebuild if drug_key changes
    for table, column in (
        ("specialties.csv.gz", "brand"),
        ("substances.csv.gz", "name"),
        ("withdrawn_brands.csv.gz", "brand"),
    ):
        stale = [row[column] for row in drugs_table._rows(table) if row["key"] != drug_key(row[column])]
        assert not stale, (table, stale[:5])


def test_the_specialties_have_one_row_per_cis_code():
    # the loader keeps the specialties by CIS code (drugs_table.DrugTable.specialties)
    codes = [row["cis"] for row in drugs_table._rows("specialties.csv.gz")]
    assert len(codes) == len(set(codes)) == len(drugs_table.load_table().specialties)


def test_the_table_rows_are_not_tracked_by_the_cycle_collector():
    import gc

    table = drugs_table.load_table()
    for _ in range(3):  # a collection untracks a tuple once the tuples inside it are (rows nest 3 deep)
        gc.collect()
    rows = table.specialties._rows  # type: ignore[attr-defined]
    assert not any(gc.is_tracked(row) for row in rows.values())
    kardegic = table.brands["kardegic"]
    assert [s.cis for s in kardegic] == ["61348441", "64755969", "68815221"]
    assert kardegic[0] == table.specialties["61348441"] and isinstance(kardegic[0].strengths[0], Strength)


def test_gold_benchmark_does_not_regress(linker):
    from benchmarks.drug_linking import evaluate, read_gold

    scores = evaluate(read_gold(), linker)
    assert scores["mentions"] >= 200
    assert scores["top1_resolvable"] >= 0.93
    assert scores["wrong_code_share"] <= 0.01
    assert scores["abstention_unresolvable"] >= 0.95


def test_the_numpy_ngram_cut_gives_the_same_vectors():
    from posology.linking.vectors import hashed_vectors

    names = sorted(DrugLinker.load()._index.names)
    odd = ["", "a", "ab", "abc", "doliprane 1000", " x ", "~~~", "\x7f\x00a"] * 10
    for keys in (names, odd, names[: drugs_index._MANY]):
        cache: dict[str, int] = {}
        slow = hashed_vectors([drugs_index._buckets(key, cache) for key in keys], drugs_index.DIM)
        assert drugs_index._embed_ascii(keys).tobytes() == drugs_index.embed(keys).tobytes() == slow.tobytes()
