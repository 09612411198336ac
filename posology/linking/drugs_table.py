"""The shipped BDPM tables (``terminologies/bdpm/``), loaded into lookup structures.

Data loading only: the linker (``drugs.py``) decides, this module reads. The tables are
written by ``tools/build_bdpm.py`` with the same ``drug_key`` the linker applies to mentions;
the stored keys are used as they are (a test checks they are still ``drug_key`` of the name).

>>> table = load_table()
>>> [s.cis for s in table.brands["kardegic"]]
['61348441', '64755969', '68815221']
>>> table.substances[table.substance_keys["paracetamol"]].name
'PARACÉTAMOL'
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from posology.linking.drugs_text import Strength, canonical_strength, drug_key
from posology.resources import terminologies_dir

TABLE_DIR = "bdpm"
SPECIALTY_CACHE_SIZE = 4096  # specialty records kept made (of 13,568)


class Ingredient(NamedTuple):
    """A substance of a specialty with its labelled strength (gold unit key: ``ug``, ``mg``…)."""

    code: str
    name: str
    value: float | None
    unit: str | None


class Specialty(NamedTuple):
    """One commercialised BDPM specialty (a CIS code), made from its row when read."""

    cis: str
    name: str
    brand: str
    key: str
    form: str
    form_edqm: str
    form_keys: frozenset[str]
    plain_form: bool
    name_strengths: tuple[Strength, ...]
    strengths: tuple[Strength, ...]  # name strengths + every composition strength
    parallel_import: bool
    ingredients: tuple[Ingredient, ...] = ()


@dataclass(frozen=True)
class Substance:
    code: str
    name: str
    nature: str
    n_specialties: int


T = TypeVar("T")


class _Records(Mapping[str, T]):
    """A read-only mapping whose values are made from their plain rows when read."""

    __slots__ = ("_make", "_rows")

    def __init__(self, rows: dict[str, Any], make: Callable[[Any], T]) -> None:
        self._rows = rows
        self._make = make

    def __getitem__(self, key: str) -> T:
        return self._make(self._rows[key])

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class DrugTable:
    """The tables, their rows kept as plain tuples of strings and numbers (#17).

    Python's cycle collector stops tracking such tuples (never named tuples, dataclasses,
    lists or sets): the ~165,000 objects the records would be are not walked by each full
    collection and by the interpreter's exit. ``specialties`` (by CIS code), ``brands`` and
    ``substances`` make the records when read.
    """

    def __init__(
        self,
        specialty_rows: dict[str, tuple[Any, ...]],
        brand_rows: dict[str, tuple[str, ...]],
        substance_rows: dict[str, tuple[str, str, str, int]],
        substance_keys: dict[str, str],
        substance_levels: dict[str, int],
        withdrawn: dict[str, str],
        substance_brands: dict[str, tuple[str, ...]],
    ) -> None:
        # the records of the specialties last read are kept (a brand family is read at each link)
        specialty = lru_cache(maxsize=SPECIALTY_CACHE_SIZE)(lambda cis: _specialty(specialty_rows[cis]))
        self.specialties: Mapping[str, Specialty] = _Records(specialty_rows, lambda row: specialty(row[0]))  # by CIS
        self.brands: Mapping[str, list[Specialty]] = _Records(  # brand key -> its specialties, by CIS
            brand_rows, lambda cis_codes: [specialty(cis) for cis in cis_codes]
        )
        self.substances: Mapping[str, Substance] = _Records(substance_rows, lambda row: Substance(*row))  # by code
        self.substance_keys = substance_keys  # name / alias / base-name key -> substance code
        self.substance_levels = substance_levels  # key -> 0 name, 1 alias, 2 base name (salt words dropped)
        self.withdrawn = withdrawn  # key -> brand name, brands with no commercialised specialty
        self.substance_brands = substance_brands  # substance code -> brand keys containing it, sorted
        self.brand_keys = sorted(brand_rows)  # for prefix (family) search


def _specialty(row: tuple[Any, ...]) -> Specialty:
    """The record of a specialty's row (its sets, strengths and ingredients rows made records)."""
    cis, name, brand, key, form, form_edqm, form_keys, plain_form, names, strengths, parallel, ingredients = row
    return Specialty(
        cis,
        name,
        brand,
        key,
        form,
        form_edqm,
        frozenset(form_keys),
        plain_form,
        tuple(Strength(*s) for s in names),
        tuple(Strength(*s) for s in strengths),
        parallel,
        tuple(Ingredient(*i) for i in ingredients),
    )


def _rows(name: str, folder: Path | None = None) -> Iterator[dict[str, str]]:
    """The rows of a gzipped table as dicts (header names as keys)."""
    header, rows = _read(name, folder)
    for row in rows:
        yield dict(zip(header, row, strict=True))


def _read(name: str, folder: Path | None = None) -> tuple[list[str], list[list[str]]]:
    """A gzipped table as (header, rows): csv.reader on the decompressed text, the fast path."""
    path = (folder or terminologies_dir() / TABLE_DIR) / name
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    return header, rows


class _Canonical(dict[tuple[str, str], tuple[float, str] | None]):
    """``canonical_strength`` of a (number as written, unit) pair as a plain tuple, each distinct
    pair worked out once (33,000 strengths in the tables, ~2,600 distinct)."""

    def __missing__(self, key: tuple[str, str]) -> tuple[float, str] | None:
        strength = canonical_strength(float(key[0]), key[1])
        found = self[key] = None if strength is None else (strength.value, strength.unit)
        return found


def _strengths(text: str, canonical: _Canonical) -> tuple[tuple[float, str], ...]:
    """``75 ug;40 mg`` (the ``strengths`` column) in canonical units, as plain tuples."""
    found = []
    for part in text.split(";"):
        value, _, unit = part.partition(" ")
        if unit and (strength := canonical[value, unit]) is not None:
            found.append(strength)
    return tuple(found)


def _compositions(
    folder: Path | None, canonical: _Canonical
) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, list[tuple[float, str]]], dict[str, set[str]]]:
    """Per CIS: the labelled ingredients, every strength, every substance code (plain tuples)."""
    labelled: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    every: dict[str, list[tuple[float, str]]] = defaultdict(list)
    codes: dict[str, set[str]] = defaultdict(set)
    header, rows = _read("compositions.csv.gz", folder)
    at = {column: header.index(column) for column in header}
    cis_, code_, name_, value_, unit_ = (
        at["cis"],
        at["substance_code"],
        at["substance"],
        at["value"],
        at["unit"],
    )
    reference_, labelled_ = at["reference"], at["labelled"]
    for row in rows:
        cis = row[cis_]
        codes[cis].add(row[code_])
        if not row[value_]:
            continue
        value, unit = float(row[value_]), row[unit_]
        strength = canonical[row[value_], unit]
        if strength is not None:
            every[cis].append(strength)
            if unit in ("g", "mg") and _PER_100.match(row[reference_]):
                # 0,05 g per 100 g of cream is labelled "0,05 %"
                every[cis].append((round(strength[0] / 1000.0, 9), "%"))
        if row[labelled_] == "1":
            labelled[cis].append((row[code_], row[name_], value, unit))
    return labelled, every, codes


_PER_100 = re.compile(r"\s*100\s*(?:g|ml)\b", re.IGNORECASE)
# Salt, hydrate and counter-ion words: "TARTRATE DE ZOLPIDEM" is prescribed as "zolpidem".
_SALT = (
    r"(?:di|mono|hemi|bi)?(?:chlorhydrate|bromhydrate|tartrate|maleate|besilate|besylate"
    r"|fumarate|succinate|citrate|mesilate|mesylate|tosilate|acetate|phosphate|lactate"
    r"|gluconate|pamoate|embonate|oxalate|nitrate|malate|valerate|propionate|furoate"
    r"|xinafoate|bromure|iodure|sulfate)"
)
_SALT_PREFIX = re.compile(rf"^{_SALT} de? ")  # "tartrate de zolpidem", "chlorhydrate d hydroxyzine"
_SALT_AFTER = re.compile(rf" {_SALT} de?$")  # "hydroxyzine dichlorhydrate de" (from "(… DE)")
_HYDRATE = re.compile(
    r"(?: (?:di|tri|tetra)?sodique| potassique| calcique| magnesique| base| anhydre"
    r"| (?:mono|di|tri|hemi|sesqui|penta|hepta)?hydratee?)+$"
)


def base_name_key(key: str) -> str:
    """The key of a substance name without its salt or hydrate words.

    >>> base_name_key("tartrate de zolpidem"), base_name_key("enoxaparine sodique")
    ('zolpidem', 'enoxaparine')
    >>> base_name_key("hydroxyzine dichlorhydrate de"), base_name_key("phloroglucinol hydrate")
    ('hydroxyzine', 'phloroglucinol')
    >>> base_name_key("chlorhydrate d hydroxyzine"), base_name_key("chlorure de sodium")
    ('hydroxyzine', 'chlorure de sodium')
    """
    return _HYDRATE.sub("", _SALT_AFTER.sub("", _SALT_PREFIX.sub("", key))).strip()


def _substance_keys(
    folder: Path | None, substances: dict[str, tuple[str, str, str, int]]
) -> dict[str, tuple[str, int]]:
    """Name, alias and base-name keys -> the best substance (name before alias before base name,
    then active moiety FT before SA, then the most specialties, then the lowest code)."""
    ranked: dict[str, tuple[tuple[int, int, int, str], str]] = {}
    for row in _rows("substances.csv.gz", folder):
        code = row["code"]
        _, _, nature, n_specialties = substances[code]
        moiety = 0 if nature.startswith("FT") else 1
        names = [(0, row["key"])] + [(1, drug_key(alias)) for alias in row["aliases"].split("|") if alias]
        for level, key in names:
            for rank_level, candidate in ((level, key), (2, base_name_key(key))):
                if not candidate:
                    continue
                rank = (rank_level, moiety, -n_specialties, code)
                if candidate not in ranked or rank < ranked[candidate][0]:
                    ranked[candidate] = (rank, code)
    return {key: (code, rank[0]) for key, (rank, code) in ranked.items()}


PREBUILT = "tables.prebuilt"  # the rows below, pre-built (``posology.prebuilt``)
SOURCES = ("compositions.csv.gz", "specialties.csv.gz", "substances.csv.gz", "withdrawn_brands.csv.gz")


def prebuilt_sources(folder: Path | None = None) -> list[Path]:
    """What the pre-built rows are made from: the four tables and the modules that read them."""
    from posology.prebuilt import module_file

    folder = folder or terminologies_dir() / TABLE_DIR
    return [folder / name for name in SOURCES] + [
        module_file("posology.linking.drugs_table"),
        module_file("posology.linking.drugs_text"),
    ]


def load_table(folder: Path | None = None) -> DrugTable:
    """Read the shipped tables: their pre-built rows when fresh (~0.06 s), else the CSVs (~0.35 s)."""
    if folder is not None:
        return DrugTable(**table_rows(folder))
    from posology import prebuilt

    path = terminologies_dir() / TABLE_DIR / PREBUILT
    return DrugTable(**prebuilt.load(path, prebuilt_sources(), table_rows))


def table_rows(folder: Path | None = None) -> dict[str, Any]:
    """The tables as plain rows (what :class:`DrugTable` is made from), read from the CSVs."""
    canonical = _Canonical()
    ingredients, compositions, codes = _compositions(folder, canonical)
    header, rows = _read("specialties.csv.gz", folder)
    at = {column: header.index(column) for column in header}
    columns = ("cis", "name", "brand", "key", "form", "form_edqm", "form_keys", "plain_form", "strengths")
    cis_, name_, brand_, key_, form_, edqm_, keys_, plain_, strengths_ = (at[column] for column in columns)
    parallel_ = at["parallel_import"]
    specialties: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        cis = row[cis_]
        names = _strengths(row[strengths_], canonical)
        specialties[cis] = (
            cis,
            row[name_],
            row[brand_],
            row[key_],  # drug_key(brand), written by the build (checked by a test)
            row[form_],
            row[edqm_],
            tuple(sorted(set(row[keys_].split(";")) - {""})),
            row[plain_] == "1",
            names,
            names + tuple(compositions.get(cis, ())),
            row[parallel_] == "1",
            tuple(ingredients.get(cis, ())),
        )
    brands: dict[str, list[str]] = defaultdict(list)
    substance_brands: dict[str, set[str]] = defaultdict(set)
    for cis, specialty in specialties.items():
        key = specialty[3]
        brands[key].append(cis)
        for code in sorted(codes.get(cis, ())):  # sorted: the same order in every process
            substance_brands[code].add(key)
    substances = {
        row["code"]: (row["code"], row["name"], row["nature"], int(row["n_specialties"]))
        for row in _rows("substances.csv.gz", folder)
    }
    withdrawn = {row["key"]: row["brand"] for row in _rows("withdrawn_brands.csv.gz", folder)}
    substance_keys = _substance_keys(folder, substances)
    return {
        "specialty_rows": specialties,
        "brand_rows": {key: tuple(cis_codes) for key, cis_codes in brands.items()},
        "substance_rows": substances,
        "substance_keys": {key: code for key, (code, _) in substance_keys.items()},
        "substance_levels": {key: level for key, (_, level) in substance_keys.items()},
        "withdrawn": {k: v for k, v in withdrawn.items() if k not in brands},
        "substance_brands": {code: tuple(sorted(keys)) for code, keys in substance_brands.items()},
    }
