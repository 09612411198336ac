"""Drug names -> the French drug database (BDPM): a specialty (CIS code) or a substance.

``DrugLinker.link(mention, strengths=..., form=...)`` links a drug name as written in a
prescription, with the strengths and the form key the engine found next to it:

1. the mention is keyed (case, accents, punctuation folded; ``D0LIPRANE`` -> ``doliprane``;
   ``L.P.`` -> ``lp``); strengths and form words still inside it are read off
   (``Doliprane 1000mg``, ``Kardegic 75``);
2. exact lookup, in this order: a substance name or synonym (``paracétamol``), a brand
   (``DOLIPRANE``), a substance without its salt words (``zolpidem`` -> TARTRATE DE ZOLPIDEM),
   a brand family (``Symbicort`` -> SYMBICORT TURBUHALER / RAPIHALER); a brand that exists
   only in withdrawn specialties (``Prozac``) abstains. A substance name that only one brand
   contains is that brand's product (``Helicidine``) when the product resolves;
3. otherwise the nearest names by character 3-grams (FAISS, ``drugs_index``), scored by an
   edit-distance similarity; below ``FUZZY_THRESHOLD`` the linker abstains (``None``);
4. a brand is narrowed to one specialty with the strengths (after unit conversion, a bare
   number matching any unit: ``Kardegic 75``) and the form key (``tablet``, ``capsule``,
   ``sachet`` …, CONVENTIONS §6). Among specialties that fit equally, the brand itself beats
   its family (``DOLIPRANE`` before ``DOLIPRANE ADULTES``), an exact strength set beats a
   superset (``XARELTO 15 mg`` before the ``15 mg + 20 mg`` starter pack), the plain form
   beats a variant when only a form key is known (``comprimé`` before ``comprimé
   effervescent``); a product and its parallel imports stay a tie (the text cannot say which
   authorisation was meant).
   Different brands of one family are never chosen between. If several remain, or none
   fits, the match is ``ambiguous``: the brand is named, no code is given (CONVENTIONS: the
   name keeps its text, the Bundle carries warning W005); ``reason`` says why
   (``several-products``, ``no-strength-match``, ``no-form-match``: a caller that trusts the
   strength more than the form word may retry with ``form=None``).

How the engine calls it: ``DrugLinker.load()`` once; per medication,
``link(name_as_written, strengths=medication.strengths, form=<unit key of the dose>)`` where
the form is the dose unit key when it is a unit of presentation (``1 cp`` -> ``tablet``; other
keys such as ``mg`` are ignored). A match with codings goes into ``Medication.code.coding``;
``None`` or ``ambiguous`` keeps the name as text and adds warning W005. ``is_drug_word`` and
``name_length`` tell where a drug name starts and how many tokens it spans.

English names: an English INN one or two letters away from the French one links to the
French substance (``Amoxicillin`` -> AMOXICILLINE, ``Paracetamol`` -> PARACÉTAMOL: same
molecule, same code); a brand that is not sold in France (``Tylenol``, ``Dolo 650``) abstains.

>>> linker = DrugLinker.load()
>>> match = linker.link("Doliprane", strengths=[Quantity(1000, "mg")], form="tablet")
>>> match.kind, match.codings[0].code, match.name
('specialty', '60234100', 'DOLIPRANE 1000 mg, comprimé')
>>> linker.link("paracétamol").name, linker.link("Kardegic").ambiguous
('PARACÉTAMOL', True)
>>> linker.link("xyzzqw") is None
True
"""

from __future__ import annotations

import os
import re
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from posology.dosage import EDQM, UCUM, Coding, Quantity
from posology.linking.drugs_index import NgramIndex, edit_distance, similarity
from posology.linking.drugs_table import DrugTable, Specialty, Substance, load_table
from posology.linking.drugs_text import (
    FORM_KEYS,
    MENTION_FORM_WORDS,
    UCUM_CODES,
    Strength,
    canonical_strength,
    drug_key,
    fold,
    parse_quantities,
    same_strength,
)

# Code systems (see terminologies/bdpm/README.md). CIS: the ANS terminology server's BDPM
# code system, used by FR Core / FR Document Core for CIS codes; the CI-SIS OID
# urn:oid:1.2.250.1.213.2.3.1 is its legacy (CDA) name.
CIS_SYSTEM = "https://smt.esante.gouv.fr/terminologie-bdpm"
CIS_OID = "urn:oid:1.2.250.1.213.2.3.1"
# BDPM substance codes are ANSM substance codes: the system of the Interop'Santé FR Medication
# IG for them (value set fr-substance-code).
SUBSTANCE_SYSTEM = "http://data.esante.gouv.fr/ansm/medicament/substance"

FUZZY_THRESHOLD = 0.8  # edit similarity; calibrated on benchmarks/gold/drug_mentions.jsonl
FUZZY_MIN_LENGTH = 5  # shorter keys are only linked exactly ("Dolo" is not "DOLODENT")
FUZZY_CANDIDATES = 12
NEAR_CACHE_SIZE = 65_536  # keys whose near names are remembered (a few hundred bytes each)
TOP_CANDIDATES = 5

# Words of a prescription that also start a BDPM name: never a drug on their own.
_NOT_DRUG_WORDS = frozenset(
    """a au aux avec avant apres de des du en et la le les ou par pour puis si sur une un
    matin midi soir nuit jour jours fois semaine semaines mois heure heures besoin pendant
    repas dose doses prise prises maximum max traitement boite voie orale cutanee
    comprime comprimes gelule gelules sachet sachets cp gel ampoule ampoules goutte gouttes
    solution sirop suspension poudre creme pommade collyre spray patch ovule suppositoire
    stylo injection injectable application mg ml ui qsp ar renouveler renouvelable
    peau petit eau sous contre dans verre tous toutes chaque selon""".split()
)


@dataclass(frozen=True)
class Candidate:
    """A name the linker considered: a database name, its score and its code if it has one."""

    name: str
    score: float
    code: str | None = None


@dataclass(frozen=True)
class DrugMatch:
    """The BDPM entry a drug mention names.

    ``kind`` is ``"specialty"`` (``codings``: the CIS code) or ``"substance"`` (``codings``:
    the BDPM/ANSM substance code). ``ambiguous`` means the name was recognised but does not
    pick one product (several fit, or none fits the strength / form): ``codings`` is then
    empty, ``name`` is the brand and ``candidates`` lists the specialties that were left.
    """

    kind: str
    name: str
    codings: tuple[Coding, ...]
    ingredients: tuple[tuple[str, Quantity], ...]
    score: float
    ambiguous: bool = False
    candidates: tuple[Candidate, ...] = ()
    form: Coding | None = None  # EDQM dose form of the specialty, when BDPM's form maps
    reason: str | None = None  # why ambiguous: "several-products", "no-strength-match", …


@dataclass(frozen=True)
class _Mention:
    key: str  # the whole mention
    name_key: str  # the mention without its strength and form words
    strengths: tuple[Quantity, ...]
    form: str | None


_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_TAIL_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d]+")
_GLUED = re.compile(r"(?<=[a-z]{3})(?=\d)")  # "doliprane1000" -> "doliprane 1000" (not "d3")
_TAIL = re.compile(r"\s(?=\d|(?:" + "|".join(sorted(MENTION_FORM_WORDS)) + r")(?![a-z0-9]))")


def _parse_mention(mention: str, strengths: Sequence[Quantity], form: str | None) -> _Mention:
    """Split ``Doliprane 1000 mg cp`` into the name key and the strengths / form it carries.

    >>> m = _parse_mention("Kardégic 75, 1 sachet", (), None)
    >>> m.name_key, m.strengths, m.form
    ('kardegic', (Quantity(value=75.0, unit=None, system=None, code=None, display=None),), 'sachet')
    """
    text = _GLUED.sub(" ", fold(mention))
    words = drug_key(text).split()
    cut = next(
        (i for i, word in enumerate(words) if i and (word[0].isdigit() or word in MENTION_FORM_WORDS)),
        len(words),
    )
    tail_at = _TAIL.search(text)
    tail = text[tail_at.start() :] if tail_at and cut < len(words) else ""
    if not strengths and tail:
        quantities = parse_quantities(tail)
        if quantities:
            strengths = tuple(Quantity(v, u) for v, u in quantities)
        else:  # "Kardegic 75": a bare number right after the name is a strength of unknown
            # unit, unless a form word follows it ("1 cp" is a dose)
            first, *rest = _TAIL_TOKEN.findall(tail) or [""]
            if _NUMBER.match(first) and not (rest and rest[0] in MENTION_FORM_WORDS):
                strengths = (Quantity(float(first.replace(",", ".")), None),)
    if form is None:
        form = next((MENTION_FORM_WORDS[w] for w in words[cut:] if w in MENTION_FORM_WORDS), None)
    return _Mention(drug_key(mention), " ".join(words[:cut]), tuple(strengths), form)


def _as_quantity(item: Quantity | tuple[float, str | None]) -> Quantity:
    return item if isinstance(item, Quantity) else Quantity(float(item[0]), item[1])


def _strength_matches(quantity: Quantity, strengths: Sequence[Strength]) -> bool:
    if quantity.unit is None:  # a bare number: the same value in any of the usual units
        readings = [canonical_strength(quantity.value, unit) for unit in ("mg", "ug", "g", "iU", "%")]
        return any(r is not None and same_strength(r, s) for r in readings for s in strengths)
    wanted = canonical_strength(quantity.value, quantity.unit)
    return wanted is not None and any(same_strength(wanted, s) for s in strengths)


def _extra_strengths(specialty: Specialty, wanted: Sequence[Quantity]) -> int:
    """Strengths of the specialty's name that the prescription did not state."""
    return sum(1 for s in specialty.name_strengths if not any(_strength_matches(q, (s,)) for q in wanted))


def _narrow(
    specialties: list[Specialty], key: str, strengths: Sequence[Quantity], form: str | None
) -> tuple[list[Specialty], str | None]:
    """The specialties of a brand (family) that fit the strengths and the form, best first."""
    pool = specialties
    if strengths:
        pool = [s for s in pool if all(_strength_matches(q, s.strengths) for q in strengths)]
        if not pool:
            return [], "no-strength-match"
    if form:
        pool = [s for s in pool if form in s.form_keys]
        if not pool:
            return [], "no-form-match"
    pool = _prefer(pool, lambda s: s.key == key)
    if strengths:
        fewest = min(_extra_strengths(s, strengths) for s in pool)
        pool = _prefer(pool, lambda s: _extra_strengths(s, strengths) == fewest)
    if len({s.key for s in pool}) > 1:
        return pool, "several-products"  # several brands of a family: never guess between them
    if form:
        pool = _prefer(pool, lambda s: s.plain_form)
    # parallel imports are other authorisations of the same product: a tie, not a choice
    return pool, None if len(pool) == 1 else "several-products"


def _prefer(pool: list[Specialty], keep: Callable[[Specialty], bool]) -> list[Specialty]:
    """The specialties that ``keep`` likes, or all of them when it likes none."""
    kept = [s for s in pool if keep(s)]
    return kept or pool


def _quantity(value: float, unit: str | None) -> Quantity:
    code = UCUM_CODES.get(unit or "")
    return Quantity(value, unit, UCUM if code else None, code)


def _ingredients(specialty: Specialty) -> tuple[tuple[str, Quantity], ...]:
    return tuple((i.name, _quantity(i.value, i.unit)) for i in specialty.ingredients if i.value is not None)


class DrugLinker:
    """Links drug mentions to BDPM; build once with ``DrugLinker.load()`` (cached)."""

    _cached: DrugLinker | None = None
    _lock = threading.Lock()

    def __init__(self, table: DrugTable) -> None:
        self.table = table
        names = set(table.brands) | set(table.substance_keys) | set(table.withdrawn)
        self._index = NgramIndex(sorted(names))
        self._first_words = sorted({name.split()[0] for name in names if name} - _NOT_DRUG_WORDS)
        self._first_word_set = frozenset(self._first_words)
        self._names = frozenset(names)
        self._withdrawn_keys = sorted(table.withdrawn)
        # near names by key: the same misspelt name comes back with other strengths and forms,
        # which the engine's cache of whole links (name, strengths, form) does not share
        self._near: dict[str, tuple[tuple[str, float], ...]] = {}

    @classmethod
    def load(cls) -> DrugLinker:
        """The linker over the shipped tables, built on first use (about 1 s) and cached."""
        with cls._lock:
            if cls._cached is None:
                from posology._gc import paused_gc

                with paused_gc():
                    cls._cached = cls(load_table())
            return cls._cached

    # -- public API ---------------------------------------------------------------------

    def link(
        self,
        mention: str,
        *,
        strengths: Sequence[Quantity | tuple[float, str | None]] = (),
        form: str | None = None,
    ) -> DrugMatch | None:
        """The BDPM specialty or substance ``mention`` names, or ``None`` (abstain).

        ``strengths`` are the strengths written next to the name (``Quantity(75, "ug")``; a
        ``None`` unit matches any unit), ``form`` the form key of the dose unit (``tablet``).
        """
        form = form if form in FORM_KEYS else None
        parsed = _parse_mention(mention, [_as_quantity(q) for q in strengths], form)
        for key in dict.fromkeys(k for k in (parsed.key, parsed.name_key) if k):
            exact = self._link_exact(key, parsed)
            if exact is not None:
                return exact if exact.kind != "withdrawn" else None
        return self._link_fuzzy(parsed)

    def is_drug_word(self, token: str, *, prefix: bool = False) -> bool:
        """Whether ``token`` starts a known brand or substance name (``Kardégic`` -> True).

        With ``prefix=True`` a truncated word of 4+ letters also counts (``Dolipr``). Common
        prescription words that happen to start a BDPM name (``gel``, ``solution``) do not.
        """
        key = drug_key(token)
        if len(key) < 3 or " " in key or key in _NOT_DRUG_WORDS:
            return False
        if key in self._first_word_set:
            return True
        if prefix and len(key) >= 4:
            at = bisect_left(self._first_words, key)
            return at < len(self._first_words) and self._first_words[at].startswith(key)
        return False

    def name_length(self, tokens: Sequence[str], max_words: int = 8) -> int:
        """How many of ``tokens`` form the longest known name starting at the first one.

        >>> DrugLinker.load().name_length(["Dafalgan", "codéine", "1", "cp"])
        2
        """
        for size in range(min(max_words, len(tokens)), 0, -1):
            if drug_key(" ".join(tokens[:size])) in self._names:
                return size
        return 0

    # -- exact ----------------------------------------------------------------------------

    def _link_exact(self, key: str, mention: _Mention) -> DrugMatch | None:
        table = self.table
        level = table.substance_levels.get(key)
        if level is not None and level < 2:
            code = table.substance_keys[key]
            if key in table.brands and table.substance_brands.get(code) == (key,):
                # a substance found in this one brand only is that brand's own name
                # (HÉLICIDINE, SEVORANE): the product when it resolves, else the substance
                brand = self._brand_match(key, 1.0, mention)
                if not brand.ambiguous:
                    return brand
            return self._substance_match(code, 1.0, mention)
        if key in table.brands:
            return self._brand_match(key, 1.0, mention)
        if level is not None:
            return self._substance_match(table.substance_keys[key], 1.0, mention)
        family = self._family(key)
        if family:
            return self._brand_match(key, 1.0, mention, family_only=True)
        if key in table.withdrawn or self._withdrawn_family(key):
            return DrugMatch("withdrawn", table.withdrawn.get(key, key), (), (), 1.0)
        return None

    def _family(self, key: str) -> list[str]:
        """Brand keys that extend ``key`` by whole words (``doliprane`` -> ``doliprane adultes``)."""
        keys = self.table.brand_keys
        start = bisect_left(keys, key + " ")
        found = []
        for other in keys[start:]:
            if not other.startswith(key + " "):
                break
            found.append(other)
        return found

    def _withdrawn_family(self, key: str) -> bool:
        at = bisect_left(self._withdrawn_keys, key + " ")
        return at < len(self._withdrawn_keys) and self._withdrawn_keys[at].startswith(key + " ")

    # -- fuzzy ----------------------------------------------------------------------------

    def _link_fuzzy(self, mention: _Mention) -> DrugMatch | None:
        key = mention.name_key or mention.key
        if len(key.replace(" ", "")) < FUZZY_MIN_LENGTH:
            return None
        scored = self._nearest(key)
        if not scored or scored[0][1] < FUZZY_THRESHOLD:
            return None
        best, score = scored[0]
        ties = [name for name, s in scored[1:] if s == score and self._drug_of(name) != self._drug_of(best)]
        if ties and self._drug_of(best)[0] != "withdrawn":
            return DrugMatch(
                self._drug_of(best)[0],
                best,
                (),
                (),
                score,
                ambiguous=True,
                candidates=tuple(Candidate(n, s) for n, s in scored[:TOP_CANDIDATES]),
                reason="close-names",
            )
        match = self._link_exact(best, mention)
        if match is None or match.kind == "withdrawn":
            return None
        return _rescored(match, score, scored)

    def _nearest(self, key: str) -> list[tuple[str, float]]:
        near = self._near.get(key)
        if near is None:
            near = tuple(self._search_nearest(key))
            if len(self._near) >= NEAR_CACHE_SIZE:
                self._near.clear()  # bounded; clearing is safe under threads, evicting one is not
            self._near[key] = near
        return list(near)

    def _search_nearest(self, key: str) -> list[tuple[str, float]]:
        def close(name: str) -> bool:
            limit = max(1, int(max(len(key), len(name)) * (1 - FUZZY_THRESHOLD)))
            return edit_distance(key, name, limit=limit) <= limit

        found = self._index.search(key, k=FUZZY_CANDIDATES, keep=close)
        scored = [(name, round(similarity(key, name), 4)) for name, _cosine in found]
        return sorted(scored, key=lambda item: (-item[1], item[0]))

    def _drug_of(self, key: str) -> tuple[str, str]:
        table = self.table
        if key in table.substance_keys and table.substance_levels[key] < 2:
            return ("substance", table.substance_keys[key])
        if key in table.brands or self._family(key):
            return ("specialty", key)
        if key in table.substance_keys:
            return ("substance", table.substance_keys[key])
        return ("withdrawn", key)

    # -- results --------------------------------------------------------------------------

    def _substance_match(self, code: str, score: float, mention: _Mention) -> DrugMatch:
        substance: Substance = self.table.substances[code]
        ingredients: tuple[tuple[str, Quantity], ...] = ()
        if len(mention.strengths) == 1:
            given = mention.strengths[0]
            quantity = given if given.system else _quantity(given.value, given.unit)
            ingredients = ((substance.name, quantity),)
        coding = Coding(SUBSTANCE_SYSTEM, code, substance.name)
        return DrugMatch("substance", substance.name, (coding,), ingredients, score)

    def _brand_match(self, key: str, score: float, mention: _Mention, *, family_only: bool = False) -> DrugMatch:
        family = [] if family_only else list(self.table.brands[key])
        for other in self._family(key):
            family.extend(self.table.brands[other])
        pool, reason = _narrow(family, key, mention.strengths, mention.form)
        if reason is None:
            chosen = pool[0]
            form = Coding(EDQM, chosen.form_edqm, chosen.form) if chosen.form_edqm else None
            coding = Coding(CIS_SYSTEM, chosen.cis, chosen.name)
            return DrugMatch("specialty", chosen.name, (coding,), _ingredients(chosen), score, form=form)
        left = pool or family
        brand = self.table.brands[key][0].brand if key in self.table.brands else _family_name(left)
        shared = {_ingredients(s) for s in left}
        return DrugMatch(
            "specialty",
            brand,
            (),
            shared.pop() if len(shared) == 1 else (),
            score,
            ambiguous=True,
            candidates=tuple(Candidate(s.name, score, s.cis) for s in left[:TOP_CANDIDATES]),
            reason=reason,
        )


def _family_name(specialties: Sequence[Specialty]) -> str:
    """The words the brands of a family share: ``ASPIRINE`` for ASPIRINE UPSA, ASPIRINE PROTECT."""
    shared = os.path.commonprefix([s.brand.split() for s in specialties])
    return " ".join(shared) or specialties[0].brand


def _rescored(match: DrugMatch, score: float, scored: Iterable[tuple[str, float]]) -> DrugMatch:
    """A match found through a near name carries that name's score and the near names."""
    near = tuple(Candidate(name, s) for name, s in list(scored)[:TOP_CANDIDATES])
    candidates = match.candidates if match.ambiguous else near
    return DrugMatch(
        match.kind,
        match.name,
        match.codings,
        match.ingredients,
        score,
        match.ambiguous,
        tuple(Candidate(c.name, score if match.ambiguous else c.score, c.code) for c in candidates),
        match.form,
        match.reason,
    )
