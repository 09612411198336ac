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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from posology.linking.drugs_text import Strength, canonical_strength, drug_key
from posology.resources import terminologies_dir

TABLE_DIR = "bdpm"


class Ingredient(NamedTuple):
    """A substance of a specialty with its labelled strength (gold unit key: ``ug``, ``mg``…)."""

    code: str
    name: str
    value: float | None
    unit: str | None


class Specialty(NamedTuple):
    """One commercialised BDPM specialty (a CIS code). A named tuple: 13,568 are built per load."""

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


@dataclass
class DrugTable:
    specialties: list[Specialty]
    brands: dict[str, list[Specialty]]  # brand key -> its specialties, by CIS
    substances: dict[str, Substance]  # code -> substance
    substance_keys: dict[str, str]  # name / alias / base-name key -> substance code
    substance_levels: dict[str, int]  # key -> 0 name, 1 alias, 2 base name (salt words dropped)
    withdrawn: dict[str, str]  # key -> brand name, brands with no commercialised specialty
    substance_brands: dict[str, frozenset[str]]  # substance code -> brand keys containing it
    brand_keys: list[str] = field(default_factory=list)  # sorted, for prefix (family) search


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


def _strengths(text: str) -> tuple[Strength, ...]:
    """``75 ug;40 mg`` (the ``strengths`` column) in canonical units."""
    found = []
    for part in text.split(";"):
        value, _, unit = part.partition(" ")
        if unit and (strength := canonical_strength(float(value), unit)):
            found.append(strength)
    return tuple(found)


def _compositions(
    folder: Path | None,
) -> tuple[dict[str, list[Ingredient]], dict[str, list[Strength]], dict[str, set[str]]]:
    """Per CIS: the labelled ingredients, every strength, every substance code."""
    labelled: dict[str, list[Ingredient]] = defaultdict(list)
    every: dict[str, list[Strength]] = defaultdict(list)
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
        strength = canonical_strength(value, unit)
        if strength is not None:
            every[cis].append(strength)
            if unit in ("g", "mg") and _PER_100.match(row[reference_]):
                # 0,05 g per 100 g of cream is labelled "0,05 %"
                every[cis].append(Strength(round(strength.value / 1000.0, 9), "%"))
        if row[labelled_] == "1":
            labelled[cis].append(Ingredient(row[code_], row[name_], value, unit))
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


def _substance_keys(folder: Path | None, substances: dict[str, Substance]) -> dict[str, tuple[str, int]]:
    """Name, alias and base-name keys -> the best substance (name before alias before base name,
    then active moiety FT before SA, then the most specialties, then the lowest code)."""
    ranked: dict[str, tuple[tuple[int, int, int, str], str]] = {}
    for row in _rows("substances.csv.gz", folder):
        code = row["code"]
        substance = substances[code]
        moiety = 0 if substance.nature.startswith("FT") else 1
        names = [(0, row["key"])] + [(1, drug_key(alias)) for alias in row["aliases"].split("|") if alias]
        for level, key in names:
            for rank_level, candidate in ((level, key), (2, base_name_key(key))):
                if not candidate:
                    continue
                rank = (rank_level, moiety, -substance.n_specialties, code)
                if candidate not in ranked or rank < ranked[candidate][0]:
                    ranked[candidate] = (rank, code)
    return {key: (code, rank[0]) for key, (rank, code) in ranked.items()}


def load_table(folder: Path | None = None) -> DrugTable:
    """Read the shipped tables (under a second)."""
    ingredients, compositions, codes = _compositions(folder)
    header, rows = _read("specialties.csv.gz", folder)
    at = {column: header.index(column) for column in header}
    specialties = []
    for row in rows:
        cis = row[at["cis"]]
        names = _strengths(row[at["strengths"]])
        specialties.append(
            Specialty(
                cis=cis,
                name=row[at["name"]],
                brand=row[at["brand"]],
                key=row[at["key"]],  # drug_key(brand), written by the build (checked by a test)
                form=row[at["form"]],
                form_edqm=row[at["form_edqm"]],
                form_keys=frozenset(row[at["form_keys"]].split(";")) - {""},
                plain_form=row[at["plain_form"]] == "1",
                name_strengths=names,
                strengths=names + tuple(compositions.get(cis, ())),
                parallel_import=row[at["parallel_import"]] == "1",
                ingredients=tuple(ingredients.get(cis, ())),
            )
        )
    brands: dict[str, list[Specialty]] = defaultdict(list)
    substance_brands: dict[str, set[str]] = defaultdict(set)
    for specialty in specialties:
        brands[specialty.key].append(specialty)
        for code in codes.get(specialty.cis, ()):
            substance_brands[code].add(specialty.key)
    substances = {
        row["code"]: Substance(row["code"], row["name"], row["nature"], int(row["n_specialties"]))
        for row in _rows("substances.csv.gz", folder)
    }
    withdrawn = {row["key"]: row["brand"] for row in _rows("withdrawn_brands.csv.gz", folder)}
    substance_keys = _substance_keys(folder, substances)
    return DrugTable(
        specialties=specialties,
        brands=dict(brands),
        substances=substances,
        substance_keys={key: code for key, (code, _) in substance_keys.items()},
        substance_levels={key: level for key, (_, level) in substance_keys.items()},
        withdrawn={k: v for k, v in withdrawn.items() if k not in brands},
        substance_brands={code: frozenset(keys) for code, keys in substance_brands.items()},
        brand_keys=sorted(brands),
    )
