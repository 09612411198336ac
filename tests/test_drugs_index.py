"""The n-gram name index (issue #17): its sparse search finds exactly what a flat FAISS search
over every name finds, ties included, and its ``keep`` filter is the flat search's filtered."""

from __future__ import annotations

import random

import faiss
import pytest

from posology.linking import drugs_index
from posology.linking.drugs import FUZZY_THRESHOLD, DrugLinker
from posology.linking.drugs_index import DIM, NgramIndex, edit_distance, embed
from posology.linking.index import single_thread


def _flat(names: list[str], key: str, k: int) -> list[str]:
    """The names a flat FAISS index over all of ``names`` finds (one thread, as the engine)."""
    index = faiss.IndexFlatIP(DIM)
    index.add(embed(names))
    with single_thread():
        scores, ids = index.search(embed([key]), min(k, len(names)))
    return sorted(names[i] for i, s in zip(ids[0], scores[0], strict=True) if i >= 0 and s > 0)


def _close(key: str):
    def close(name: str) -> bool:
        limit = max(1, int(max(len(key), len(name)) * (1 - FUZZY_THRESHOLD)))
        return edit_distance(key, name, limit=limit) <= limit

    return close


@pytest.fixture(scope="module")
def shipped() -> NgramIndex:
    return NgramIndex(sorted(DrugLinker.load().table.brands)[:3000])


def _keys(names: list[str], count: int) -> list[str]:
    rng = random.Random(7)
    keys = []
    for name in rng.sample(names, count):
        letters = list(name)
        letters[rng.randrange(len(letters))] = rng.choice("abcdefghijklmnopqrstuvwxyz ")
        keys += [name, "".join(letters), name[: max(3, len(name) // 2)]]
    return keys


def test_the_same_names_as_a_flat_search_over_every_name(shipped):
    for key in _keys(shipped.names, 150) + ["zir", "x", "qqqqq", "amoxicilline acide clavulanique"]:
        for k in (1, 5, 12):
            found = sorted(name for name, _ in shipped.search(key, k))
            assert found == _flat(shipped.names, key, k), (key, k)


def test_keep_filters_the_flat_search(shipped):
    for key in _keys(shipped.names, 150):
        found = sorted(name for name, _ in shipped.search(key, 12, keep=_close(key)))
        assert found == [name for name in _flat(shipped.names, key, 12) if _close(key)(name)], key


def test_tied_names_at_the_cut_are_the_flat_searchs(monkeypatch):
    # "kardegicx", "kardegicy" … share as many 3-grams with "kardegic": tied cosines, k cuts among them
    names = ["kardegic" + letter for letter in "vwxyz"] + ["doliprane", "levothyrox"]
    flat_calls = []
    original = NgramIndex._flat_search

    def counted(self, query, k, keep):
        flat_calls.append(k)
        return original(self, query, k, keep)

    monkeypatch.setattr(NgramIndex, "_flat_search", counted)
    index = NgramIndex(sorted(names))
    found = sorted(name for name, _ in index.search("kardegic", 2))
    assert found == _flat(sorted(names), "kardegic", 2) and len(found) == 2
    assert flat_calls == [2]  # the tie was left to FAISS
    # no tied name is kept by the filter: FAISS's choice does not matter, no flat search
    assert index.search("kardegic", 2, keep=lambda name: name.startswith("doli")) == []
    assert flat_calls == [2]


def test_an_untied_search_reads_no_flat_index(monkeypatch):
    index = NgramIndex(["doliprane", "dafalgan", "kardegic", "levothyrox"])
    monkeypatch.setattr(NgramIndex, "_flat_search", lambda *args: pytest.fail("flat search"))
    assert [name for name, _ in index.search("dolipranne", k=1)] == ["doliprane"]
    assert index.search("", k=3) == [] and NgramIndex([]).search("doliprane") == []
    assert drugs_index.NgramIndex(["ab"]).search("zzzz", k=3) == []  # nothing in common
