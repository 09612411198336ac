"""Score predicted gold-form meds against gold ones, field by field (CONVENTIONS.md §5).

Every scored field is one unit of error: a field is wrong when the gold has it and the
prediction misses or differs, or when the prediction has it and the gold does not. Two
writings of the same quantity are the same answer (1 g = 1000 mg, 24 h = 1 d), so quantities
are converted into the gold unit before they compare, and a unit field is right when its
quantity converts equal; a predicted dose or maximum unit the gold form has no key for
(``syringe``) compares as the null the gold writes for it. Meds align by order; dosages of a med
are matched by the assignment that minimises wrong fields, because the order of simultaneous
Dosages is not what is scored.

>>> dose = lambda *q: [{"dosages": [{"dose": list(q)}]}]
>>> score_case({"id": "A", "lang": "en", "text": "1 g", "meds": dose(1, None, "g")},
...            dose(1000, None, "mg")).wrong
[]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import permutations
from typing import Any

from benchmarks.gold_io import ROUTE_KEYS, UNIT_KEYS

Json = dict[str, Any]

REL_TOLERANCE = 1e-9
EXACT_MATCH_LIMIT = 6  # dosages per med up to which every assignment is tried (6! = 720)

# unit key → (dimension, factor to the dimension's base). Months and years get their own
# dimension: a month is not a fixed number of days, so "1 mo" never equals "30 d".
UNIT_FACTORS: dict[str, tuple[str, float]] = {
    "ng": ("mass", 1e-6),
    "ug": ("mass", 1e-3),
    "mg": ("mass", 1.0),
    "g": ("mass", 1e3),
    "kg": ("mass", 1e6),
    "mL": ("volume", 1.0),
    "L": ("volume", 1e3),
    "teaspoon": ("volume", 5.0),
    "tablespoon": ("volume", 15.0),
    "s": ("time", 1 / 60),
    "min": ("time", 1.0),
    "h": ("time", 60.0),
    "d": ("time", 1440.0),
    "wk": ("time", 10080.0),
    "mo": ("month", 1.0),
    "a": ("month", 12.0),
}

MED_FIELDS = ("drug", "strength", "refills", "supply", "status", "do_not_perform", "priority")
DOSAGE_FIELDS = (
    "dose.low",
    "dose.high",
    "dose.unit",
    "freq",
    "freq_max",
    "period",
    "period_max",
    "period_unit",
    "when",
    "tod",
    "dow",
    "bounds.value",
    "bounds.max",
    "bounds.unit",
    "as_needed",
    "route",
    "max",
    "offset",
    "count",
)


@dataclass(frozen=True)
class FieldCheck:
    """One scored field of one line: where it is, both values, and whether they agree."""

    path: str  # e.g. "meds[0].dosages[1].dose.low"; "dosages[+2]" = unmatched predicted Dosage 2
    field: str  # the generic name used for per-field counts, e.g. "dose.low"
    gold: Any
    predicted: Any
    right: bool


# --- values -------------------------------------------------------------------------------


def same_number(a: Any, b: Any) -> bool:
    """Equal within a relative tolerance (a parser may write 1/3 as 0.333…); None equals None."""
    if a is None or b is None or isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return a == b
    return a == b or abs(a - b) <= REL_TOLERANCE * max(abs(a), abs(b))


def conversion(source: Any, target: Any) -> float | None:
    """Factor turning a value in ``source`` units into ``target`` units; None when incomparable."""
    if source == target:
        return 1.0
    a, b = UNIT_FACTORS.get(source), UNIT_FACTORS.get(target)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


def _scaled(value: Any, factor: float | None) -> Any:
    if factor is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    return value * factor


def same_quantity(gold_value: Any, gold_unit: Any, value: Any, unit: Any) -> bool:
    """The predicted quantity, converted into the gold unit, equals the gold one."""
    factor = conversion(unit, gold_unit)
    return factor is not None and same_number(gold_value, _scaled(value, factor))


def normalise_drug(name: Any) -> Any:
    """Case-, accent- and spacing-insensitive form: ``Kardégic `` → ``kardegic``."""
    if not isinstance(name, str):
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _time_of_day(value: str) -> str:
    return value + ":00" if isinstance(value, str) and len(value) == 5 else value


def _as_set(values: Any, normalise: Any = None) -> frozenset | None:
    if not values:
        return None
    return frozenset(normalise(v) if normalise else v for v in values)


def same_strengths(gold: list | None, predicted: list | None) -> bool:
    """Multiset equality of [value, unit] quantities after unit conversion."""
    gold, predicted = gold or [], predicted or []
    if len(gold) != len(predicted):
        return False
    left = list(predicted)
    for value, unit in gold:
        # "KCl 10 mEq", "4mmol tabs": a unit the gold form has no key for is the gold's null
        match = next(
            (q for q in left if same_quantity(value, unit, q[0], q[1] if unit is not None else _gold_unit(q[1]))), None
        )
        if match is None:
            return False
        left.remove(match)
    return True


def _same_max(gold: list | None, predicted: list | None) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    if gold[1] is None or gold[1] in UNIT_KEYS:  # (a round trip's rendered maximum may hold another unit)
        predicted = [predicted[0], _gold_unit(predicted[1]), *predicted[2:]]
    return same_quantity(gold[0], gold[1], predicted[0], predicted[1]) and same_quantity(
        gold[2], gold[3], predicted[2], predicted[3]
    )


# --- one Dosage, one med --------------------------------------------------------------------


def _check(path: str, name: str, gold: Any, predicted: Any, right: bool) -> Iterator[FieldCheck]:
    """Emit a check only when one side has the field: absent on both sides is not a field."""
    if gold is not None or predicted is not None:
        yield FieldCheck(f"{path}{name}", name, gold, predicted, right)


def _quantity_group(
    path: str, names: tuple[str, str, str], gold: list | None, pred: list | None
) -> Iterator[FieldCheck]:
    """[value, max, unit] groups (dose, period, bounds). A value is right as written or once
    converted into the gold unit, so a wrong unit alone costs one field (``5 d`` for ``5 wk``);
    the unit is right when identical or when the converted value equals the gold value."""
    g, p = gold or [None, None, None], pred or [None, None, None]
    factor = conversion(p[2], g[2])
    low, high = _scaled(p[0], factor), _scaled(p[1], factor)
    unit_right = g[2] == p[2] or (factor is not None and g[0] is not None and same_number(g[0], low))
    yield from _check(path, names[0], g[0], p[0], same_number(g[0], p[0]) or same_number(g[0], low))
    yield from _check(path, names[1], g[1], p[1], same_number(g[1], p[1]) or same_number(g[1], high))
    yield from _check(path, names[2], g[2], p[2], unit_right)


def _gold_unit(unit: Any) -> Any:
    """A predicted unit the gold form has no key for (``syringe``, ``mg/m2``) is the null the gold
    writes for it (CONVENTIONS §6: "a unit not in that list → null unit")."""
    return unit if unit is None or unit in UNIT_KEYS else None


def _in_gold_form(dose: list | None) -> list | None:
    """A predicted dose with its unit as the gold form writes it."""
    return [dose[0], dose[1], _gold_unit(dose[2])] if dose and len(dose) == 3 else dose


def compare_dosage(gold: Json, pred: Json, path: str = "") -> list[FieldCheck]:
    """Every field either Dosage has; ``{}`` on one side makes all the other side's fields wrong."""
    gold_unit = (gold.get("dose") or [None, None, None])[2]
    # a unit outside the gold keys is the gold's null; a round trip's "gold" (a rendered Bundle) may hold one
    dose = _in_gold_form(pred.get("dose")) if gold_unit is None or gold_unit in UNIT_KEYS else pred.get("dose")
    checks = list(_quantity_group(path, ("dose.low", "dose.high", "dose.unit"), gold.get("dose"), dose))
    g_freq, p_freq = gold.get("freq") or [None, None], pred.get("freq") or [None, None]
    checks += _check(path, "freq", g_freq[0], p_freq[0], same_number(g_freq[0], p_freq[0]))
    checks += _check(path, "freq_max", g_freq[1], p_freq[1], same_number(g_freq[1], p_freq[1]))
    checks += _quantity_group(path, ("period", "period_max", "period_unit"), gold.get("period"), pred.get("period"))
    for name, normalise in (("when", None), ("tod", _time_of_day), ("dow", None)):
        g, p = _as_set(gold.get(name), normalise), _as_set(pred.get(name), normalise)
        checks += _check(path, name, gold.get(name), pred.get(name), g == p)
    checks += _quantity_group(
        path, ("bounds.value", "bounds.max", "bounds.unit"), gold.get("bounds"), pred.get("bounds")
    )
    for name in ("as_needed", "route", "offset", "count"):
        g, p = gold.get(name), pred.get(name)
        if name == "route" and g is None and p not in ROUTE_KEYS:
            p = None  # "intravesical", "intradermal": a route the gold form has no key for (§6)
        checks += _check(path, name, g, p, same_number(g, p))
    checks += _check(path, "max", gold.get("max"), pred.get("max"), _same_max(gold.get("max"), pred.get("max")))
    return checks


def _wrong_count(checks: Iterable[FieldCheck]) -> int:
    return sum(not c.right for c in checks)


def align_dosages(gold: list[Json], pred: list[Json]) -> list[tuple[int | None, int | None]]:
    """Gold ↔ predicted Dosage pairs minimising wrong fields; None pads an unmatched side.
    Exhaustive up to ``EXACT_MATCH_LIMIT`` (ties keep document order), greedy beyond."""
    n = max(len(gold), len(pred))
    g = [gold[i] if i < len(gold) else {} for i in range(n)]
    p = [pred[j] if j < len(pred) else {} for j in range(n)]
    cost = [[_wrong_count(compare_dosage(gi, pj)) for pj in p] for gi in g]
    if n <= EXACT_MATCH_LIMIT:
        best = min(permutations(range(n)), key=lambda perm: sum(cost[i][perm[i]] for i in range(n)))
        pairs = list(enumerate(best))
    else:
        pairs, used_g, used_p = [], set(), set()
        for _, i, j in sorted((cost[i][j], i, j) for i in range(n) for j in range(n)):
            if i not in used_g and j not in used_p:
                pairs.append((i, j))
                used_g.add(i)
                used_p.add(j)
        pairs.sort()
    return [(i if i < len(gold) else None, j if j < len(pred) else None) for i, j in pairs]


def _same_supply(gold: list | None, predicted: list | None) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    return same_quantity(gold[0], gold[1], predicted[0], predicted[1])


_BRAND_IN_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*$")
# an insulin pen's device name after the brand (``LANTUS SOLOSTAR``, ``NovoRapid FlexPen``), or an
# inhaler's (``Seretide Diskus``, ``Spiriva Respimat``): the gold writers keep it in the name or
# leave it out (dev_en_x, dev_fr_au; inhalers: 4 lines keep it, 29 leave it out) — the same drug
_PEN_DEVICE = re.compile(
    r"\s+(?:solostar|flexpen|kwikpen|flextouch|penfill|innolet|diskus|respimat|ellipta|turbuhaler|autohaler"
    r"|breezhaler|easyhaler|genuair|handihaler|nexthaler|spiromax|accuhaler|evohaler|novolizer|hfa)\s*$",
    re.IGNORECASE,
)


# a release formulation after the name (``Nucynta ER``, ``Skenan LP``, ``Palexia SR``): 88 gold lines
# keep it in the name, 15 leave it out (sessions 1-14) — the same drug either way; so is a
# double-strength ``DS`` (``Bactrim DS``: 14 gold names keep it, 1 leaves it out, session 15) and a
# patch's ``TTS`` (``Nitriderm TTS``) or a lyophilisate's ``Lyoc`` (``Spasfon Lyoc``)
_RELEASE = re.compile(
    r"\s+(?:sr|er|xr|xl|cr|mr|lp|lm|dr|ec|ir|li|la|ds|tts|lyoc|retard"
    r"|(?:modified|prolonged|extended|slow)[- ]release)\.?\s*$",
    re.IGNORECASE,
)


def _same_drug(gold: Any, predicted: Any) -> bool:
    """The same name, or the same name but for a brand in parentheses after it (``metoprolol
    succinate (TOPROL-XL)`` and ``metoprolol succinate``: an EHR list's brand, which the gold
    writers write or leave out — the same drug either way), an insulin pen's or an inhaler's
    device name, or a release formulation (``ER``, ``LP``)."""
    if normalise_drug(gold) == normalise_drug(predicted):
        return True
    if not isinstance(gold, str) or not isinstance(predicted, str):
        return False
    unbranded = (
        _RELEASE.sub("", _PEN_DEVICE.sub("", _BRAND_IN_PARENTHESES.sub("", name))) for name in (gold, predicted)
    )
    return normalise_drug(next(unbranded)) == normalise_drug(next(unbranded))


MED_COMPARATORS = {
    "drug": _same_drug,
    "strength": same_strengths,
    "refills": same_number,
    "supply": _same_supply,
    "status": lambda g, p: (g or "active") == (p or "active"),  # absent = a plain active order
    "do_not_perform": lambda g, p: g == p,
    "priority": lambda g, p: g == p,
}


def compare_med(gold: Json | None, pred: Json | None, index: int) -> list[FieldCheck]:
    """Med-level fields, then the Dosages under their best assignment."""
    gold, pred = gold or {}, pred or {}
    path = f"meds[{index}]."
    checks = []
    for name, same in MED_COMPARATORS.items():
        g, p = gold.get(name), pred.get(name)
        checks += _check(path, name, g, p, same(g, p))
    g_dos, p_dos = gold.get("dosages") or [], pred.get("dosages") or []
    for i, j in align_dosages(g_dos, p_dos):
        where = f"{path}dosages[{i}]." if i is not None else f"{path}dosages[+{j}]."
        checks += compare_dosage(g_dos[i] if i is not None else {}, p_dos[j] if j is not None else {}, where)
    return checks


# --- one line, many lines ------------------------------------------------------------------


@dataclass
class LineResult:
    """The checks of one gold case against one prediction."""

    id: str
    lang: str
    text: str
    cats: list[str]
    checks: list[FieldCheck]
    outcomes: int = 0  # OperationOutcome entries in the predicted Bundle
    unmapped: list[str] = field(default_factory=list)  # codes the reader had no gold key for
    error: str | None = None  # the engine raised on this line
    flagged: bool = False  # the Bundle carries a review flag (CONVENTIONS §8)
    review_required: bool = False  # the gold says §8 requires one

    @property
    def right(self) -> bool:
        """Every field right, and flagged where the gold requires a review."""
        return self.ok and (self.flagged or not self.review_required)

    @property
    def silent_wrong(self) -> bool:
        """Wrong (a field, or a missing required flag) with no review flag: trusted and wrong."""
        return not self.flagged and not self.right

    @property
    def wrong(self) -> list[FieldCheck]:
        return [c for c in self.checks if not c.right]

    @property
    def gold_fields(self) -> int:
        return sum(c.gold is not None for c in self.checks)

    @property
    def ok(self) -> bool:
        return not self.wrong


def score_case(case: Json, predicted_meds: list[Json], **extra: Any) -> LineResult:
    """Compare a gold case with predicted gold-form meds; meds align by order."""
    gold_meds = case["meds"]
    checks: list[FieldCheck] = []
    for k in range(max(len(gold_meds), len(predicted_meds))):
        checks += compare_med(
            gold_meds[k] if k < len(gold_meds) else None,
            predicted_meds[k] if k < len(predicted_meds) else None,
            k,
        )
    extra.setdefault("review_required", bool(case.get("review")))
    return LineResult(case["id"], case["lang"], case["text"], list(case.get("cats") or []), checks, **extra)


@dataclass(frozen=True)
class Tally:
    """Counts behind the two headline ratios for a set of lines."""

    lines: int
    well: int  # lines with no wrong field
    gold: int
    wrong: int
    flagged: int = 0  # lines with a review flag
    silent_wrong: int = 0  # lines wrong with no review flag

    @property
    def review_rate(self) -> float:
        return self.flagged / self.lines if self.lines else 0.0

    @property
    def silent_wrong_ratio(self) -> float:
        return self.silent_wrong / self.lines if self.lines else 0.0

    @property
    def error_ratio(self) -> float:
        return self.wrong / self.gold if self.gold else float(self.wrong > 0)

    @property
    def well_structured_ratio(self) -> float:
        return self.well / self.lines if self.lines else 0.0

    def as_dict(self) -> Json:
        return {
            **self.__dict__,
            "error_ratio": self.error_ratio,
            "well_structured_ratio": self.well_structured_ratio,
            "review_rate": self.review_rate,
            "silent_wrong_ratio": self.silent_wrong_ratio,
        }


def tally(lines: Iterable[LineResult]) -> Tally:
    lines = list(lines)
    return Tally(
        len(lines),
        sum(r.ok for r in lines),
        sum(r.gold_fields for r in lines),
        sum(len(r.wrong) for r in lines),
        sum(r.flagged for r in lines),
        sum(r.silent_wrong for r in lines),
    )


UNCATEGORISED = "-"


@dataclass
class Report:
    """All line results of one run and the breakdowns computed from them."""

    lines: list[LineResult]
    engine: str = ""
    fhir_version: str = ""
    split: str = ""
    seconds: float = 0.0

    @cached_property
    def overall(self) -> Tally:
        return tally(self.lines)

    @cached_property
    def per_field(self) -> dict[str, tuple[int, int]]:
        """field → (wrong, gold count); wrong includes predictions of fields the gold lacks."""
        wrong = Counter(c.field for r in self.lines for c in r.wrong)
        gold = Counter(c.field for r in self.lines for c in r.checks if c.gold is not None)
        order = [f for f in MED_FIELDS + DOSAGE_FIELDS if f in wrong or f in gold]
        return {f: (wrong[f], gold[f]) for f in order}

    def _grouped(self, key: Any) -> dict[str, Tally]:
        groups: dict[str, list[LineResult]] = {}
        for r in self.lines:
            for name in key(r):
                groups.setdefault(name, []).append(r)
        return {name: tally(rs) for name, rs in sorted(groups.items())}

    @cached_property
    def per_category(self) -> dict[str, Tally]:
        """A line counts in each of its categories; lines without ``cats`` go under ``-``."""
        return self._grouped(lambda r: r.cats or [UNCATEGORISED])

    @cached_property
    def per_lang(self) -> dict[str, Tally]:
        return self._grouped(lambda r: [r.lang])

    @property
    def failures(self) -> list[LineResult]:
        return [r for r in self.lines if not r.right]

    def as_dict(self) -> Json:
        """JSON-ready: the ratios, the breakdowns and each failing line's wrong fields."""
        return {
            "engine": self.engine,
            "fhir_version": self.fhir_version,
            "split": self.split,
            "seconds": self.seconds,
            "overall": self.overall.as_dict(),
            "per_field": {f: {"wrong": w, "gold": g} for f, (w, g) in self.per_field.items()},
            "per_category": {k: t.as_dict() for k, t in self.per_category.items()},
            "per_lang": {k: t.as_dict() for k, t in self.per_lang.items()},
            "outcomes": sum(r.outcomes for r in self.lines),
            "engine_errors": sum(r.error is not None for r in self.lines),
            "unmapped_codes": dict(Counter(u for r in self.lines for u in r.unmapped)),
            "failures": [
                {
                    "id": r.id,
                    "text": r.text,
                    "error": r.error,
                    "wrong": [{"path": c.path, "gold": c.gold, "predicted": c.predicted} for c in r.wrong],
                }
                for r in self.failures
            ],
        }
