"""FHIR invariants checked on every Bundle (R4 and R5): the rules pydantic does not run.

``fhir.resources`` checks the structure (cardinalities, types, primitive patterns) but none
of the constraints the FHIR specification writes as FHIRPath (``tim-10``: "If there's a
timeOfDay, there cannot be a when"; ``rng-2``: low ≤ high …). posology checks them itself,
with explicit Python predicates, one per invariant of the elements it writes:

- FHIR core invariants (``source="FHIR"``): Element ``ele-1``, Extension ``ext-1``,
  Reference ``ref-1`` (R5 ``ref-2``), DomainResource ``dom-2`` … ``dom-5``, Bundle ``bdl-1``,
  ``bdl-2``, ``bdl-5``, ``bdl-7``, ``bdl-8``, Timing.repeat ``tim-1`` … ``tim-10``, Range
  ``rng-2``, Ratio ``rat-1``, Quantity ``qty-3``, SimpleQuantity ``sqty-1``, Duration
  ``drt-1``, R5 Coding ``cod-1`` and R5 Dosage ``dos-1``. Each carries the FHIRPath
  expression of the specification; ``tests/test_fhir_conformance.py`` evaluates those
  expressions with the FHIRPath engine ``fhirpathpy`` and checks that they agree with the
  predicates, on the gold Bundles and on Bundles that break each invariant.
- posology's own rules (``source="posology"``, CONVENTIONS §8: impossible values are never
  emitted): doses, strengths, periods, durations, supplies and maximum doses are > 0;
  ``frequencyMax`` ≥ ``frequency``, ``periodMax`` ≥ ``period``; a Range has one unit; an
  entry's ``fullUrl`` is ``urn:uuid:`` + its resource's ``id``; an OperationOutcome issue's
  ``expression`` names an entry of the Bundle.

A violation is a bug of posology: :func:`posology.fhir.bundle.build_bundle` raises
:class:`~posology.errors.FHIRValidationError` (E009). Most invariants depend only on what
:func:`posology.fhir.validation.shape` keeps (presence, signs, codes, which ids are equal):
their verdict is memoised with the shape (``by_shape=True``). The few that compare two
values (``rng-2``, ``frequencyMax`` ≥ ``frequency``, ``periodMax`` ≥ ``period``) run on
every Bundle.

>>> repeat = {"when": ["MORN"], "timeOfDay": ["08:00:00"]}
>>> bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
...     "resourceType": "MedicationRequest", "dosageInstruction": [{"timing": {"repeat": repeat}}]}}]}
>>> check_invariants(bundle, "R4")  # doctest: +ELLIPSIS
["Bundle.entry[0].resource.dosageInstruction[0].timing.repeat: invariant tim-10 fails (If there's a timeOfDay, ...)"]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from posology.fhir.nodes import Json, Node, elements_named, format_path, nodes
from posology.fhir.urls import UCUM
from posology.fhir.versions import fhir_version_key

__all__ = ["INVARIANTS", "Invariant", "Node", "check_invariants", "nodes"]

MESSAGE = "{path}: invariant {key} fails ({human})"


@dataclass(frozen=True)
class Invariant:
    """A rule on every element of type ``context``: ``holds(node)`` is its Python predicate,
    ``expression`` the FHIRPath of the specification (``expressions`` per version when R4 and
    R5 differ)."""

    key: str
    context: str
    human: str
    expression: str
    holds: Callable[[Node], bool]
    source: str = "FHIR"
    versions: tuple[str, ...] = ("R4", "R5")
    by_shape: bool = True
    expressions: dict[str, str] = field(default_factory=dict)

    def expression_in(self, version: str) -> str:
        return self.expressions.get(version, self.expression)


def check_invariants(bundle: Json, fhir_version: str, *, by_shape: bool | None = None) -> list[str]:
    """One message per element that breaks an invariant of ``fhir_version`` (empty when none).

    ``by_shape`` selects the invariants whose verdict depends only on the Bundle's shape
    (``True``), the others (``False``), or all of them (``None``).
    """
    by_context = _by_context(fhir_version_key(fhir_version), by_shape)
    problems = []
    # The by-value invariants run on every Bundle: only the elements they concern are visited.
    walk = elements_named(bundle, frozenset(by_context)) if by_shape is False else nodes(bundle)
    for node in walk:
        for context in node.types:
            for invariant in by_context.get(context, ()):
                if not invariant.holds(node):
                    problems.append(
                        MESSAGE.format(path=format_path(node.path), key=invariant.key, human=invariant.human)
                    )
    return problems


@cache
def _by_context(version: str, by_shape: bool | None) -> dict[str, tuple[Invariant, ...]]:
    """The invariants :func:`check_invariants` chooses, by context (worked out once)."""
    by_context: dict[str, list[Invariant]] = {}
    for invariant in INVARIANTS:
        if version in invariant.versions and (by_shape is None or invariant.by_shape == by_shape):
            by_context.setdefault(invariant.context, []).append(invariant)
    return {context: tuple(chosen) for context, chosen in by_context.items()}


# --- predicates -----------------------------------------------------------------------------


def _has(node: Node, key: str) -> bool:
    value = node.value.get(key) if isinstance(node.value, dict) else None
    return value is not None and value != [] and value != {}


def _number(node: Node, key: str) -> float | None:
    value = node.value.get(key) if isinstance(node.value, dict) else None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _at_least(node: Node, key: str, low: float) -> bool:
    """True when ``key`` is no number, or a number ``>= low``."""
    value = _number(node, key)
    return value is None or value >= low


def _value_of(quantity: Any) -> float | None:
    value = quantity.get("value") if isinstance(quantity, dict) else None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _not_empty(node: Node) -> bool:
    """ele-1: every element has a value or children other than ``id``; lists are not empty."""
    value = node.value
    if isinstance(value, dict):
        return bool(set(value) - {"id"}) and all(v is not None and v != "" for v in value.values())
    if isinstance(value, list):
        return bool(value) and all(v is not None and v != "" for v in value)
    return True


def _extension_xor_value(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return True
    has_value = any(key.startswith("value") for key in value)
    return bool(value.get("extension")) != has_value


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def _local_reference_resolves(node: Node) -> bool:
    """ref-1: a ``#id`` reference names a resource contained in the root resource."""
    reference = node.value.get("reference") if isinstance(node.value, dict) else None
    if not isinstance(reference, str) or not reference.startswith("#"):
        return True
    if reference == "#":  # R5: a contained resource pointing back at its container
        return node.resource is not node.root
    contained = {c.get("id") for c in node.root.get("contained") or [] if isinstance(c, dict)}
    return reference[1:] in contained


def _contained_referenced(node: Node) -> bool:
    """dom-3: each contained resource is referred to from the resource, or refers to it (#)."""
    resource = node.value
    references = set(_references({k: v for k, v in resource.items() if k != "contained"}))
    for contained in resource.get("contained") or []:
        if f"#{contained.get('id')}" not in references and "#" not in set(_references(contained)):
            return False
    return True


def _contained_without(path: tuple[str, ...]) -> Callable[[Node], bool]:
    def holds(node: Node) -> bool:
        for contained in node.value.get("contained") or []:
            value: Any = contained
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if value not in (None, [], {}):
                return False
        return True

    return holds


def _full_urls_distinct(node: Node) -> bool:
    """bdl-7 (no versionId is ever written, so fullUrl alone must be unique)."""
    if node.value.get("type") == "history":
        return True
    urls = [
        (e.get("fullUrl"), ((e.get("resource") or {}).get("meta") or {}).get("versionId") or "")
        for e in node.value.get("entry") or []
        if isinstance(e, dict) and e.get("fullUrl") is not None
    ]
    return len(urls) == len(set(urls))


def _full_url_is_id(node: Node) -> bool:
    """posology: an entry's fullUrl is ``urn:uuid:<resource.id>``."""
    resource = node.value.get("resource") or {}
    full_url = node.value.get("fullUrl")
    return full_url is None or resource.get("id") is None or full_url == f"urn:uuid:{resource['id']}"


_ENTRY_EXPRESSION = re.compile(r"Bundle\.entry\[(\d+)\]\.resource")


def _issue_expression_resolves(node: Node) -> bool:
    """posology: an issue's expression names an entry of the Bundle."""
    entries = node.bundle.get("entry") or []
    for expression in node.value.get("expression") or []:
        match = _ENTRY_EXPRESSION.fullmatch(expression) if isinstance(expression, str) else None
        if match is None or int(match.group(1)) >= len(entries):
            return False
    return True


def _when_allows_offset(node: Node) -> bool:
    """tim-9: an offset needs a when, and none of C, CM, CD, CV (meals: no offset from them)."""
    if not _has(node, "offset"):
        return True
    when = node.value.get("when") or []
    return bool(when) and not set(when) & {"C", "CM", "CD", "CV"}


def _not_less(low_key: str, high_key: str) -> Callable[[Node], bool]:
    def holds(node: Node) -> bool:
        low, high = _number(node, low_key), _number(node, high_key)
        return low is None or high is None or high >= low

    return holds


def _range_ordered(node: Node) -> bool:
    """rng-2: low ≤ high (compared in their one unit: see ``range-unit``)."""
    low, high = node.value.get("low"), node.value.get("high")
    if not isinstance(low, dict) or not isinstance(high, dict) or not _same_unit(low, high):
        return True
    low_value, high_value = _value_of(low), _value_of(high)
    return low_value is None or high_value is None or low_value <= high_value


def _same_unit(low: Json, high: Json) -> bool:
    return (low.get("system"), low.get("code")) == (high.get("system"), high.get("code"))


def _range_one_unit(node: Node) -> bool:
    low, high = node.value.get("low"), node.value.get("high")
    return not (isinstance(low, dict) and isinstance(high, dict)) or _same_unit(low, high)


def _positive(key: str) -> Callable[[Node], bool]:
    def holds(node: Node) -> bool:
        value = _number(node, key)
        return value is None or value > 0

    return holds


def _ratio_terms(node: Node) -> bool:
    """rat-1: numerator and denominator both present, or both absent with an extension."""
    numerator, denominator = _has(node, "numerator"), _has(node, "denominator")
    return (numerator and denominator) or (not numerator and not denominator and _has(node, "extension"))


def _dose_positive(node: Node) -> bool:
    value = _value_of(node.value)
    return value is None or value > 0


def _duration_is_ucum(node: Node) -> bool:
    """drt-1: a coded Duration is in UCUM and has a value."""
    if not _has(node, "code"):
        return True
    return node.value.get("system") == UCUM and _has(node, "value")


# --- the invariants -------------------------------------------------------------------------

_TIM_9_R4 = "offset.empty() or (when.exists() and ((when in ('C' | 'CM' | 'CD' | 'CV')).not()))"
_TIM_9_R5 = "offset.empty() or (when.exists() and when.select($this in ('C' | 'CM' | 'CD' | 'CV')).allFalse())"
_REF_1_R4 = (
    "reference.startsWith('#').not() or "
    "(reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids'))"
)
_REF_1_R5 = (
    "reference.exists() implies (reference.startsWith('#').not() or "
    "(reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids')) or "
    "(reference='#' and %rootResource!=%resource))"
)
_DOM_3 = (
    "contained.where((('#'+id in (%resource.descendants().reference | "
    "%resource.descendants().as(canonical) | %resource.descendants().as(uri) | "
    "%resource.descendants().as(url))) or descendants().where(reference = '#').exists() or "
    "descendants().where(as(canonical) = '#').exists() or "
    "descendants().where(as(canonical) = '#').exists()).not()).trace('unmatched', id).empty()"
)

INVARIANTS: tuple[Invariant, ...] = (
    Invariant(
        "ele-1",
        "Element",
        "All FHIR elements must have a @value or children",
        "hasValue() or (children().count() > id.count())",
        _not_empty,
    ),
    Invariant(
        "ext-1",
        "Extension",
        "Must have either extensions or value[x], not both",
        "extension.exists() != value.exists()",
        _extension_xor_value,
    ),
    Invariant(
        "ref-1",
        "Reference",
        "SHALL have a contained resource if a local reference is provided",
        _REF_1_R4,
        _local_reference_resolves,
        expressions={"R5": _REF_1_R5},
    ),
    Invariant(
        "ref-2",
        "Reference",
        "At least one of reference, identifier and display SHALL be present (unless an extension is provided)",
        "reference.exists() or identifier.exists() or display.exists() or extension.exists()",
        lambda n: any(_has(n, k) for k in ("reference", "identifier", "display", "extension")),
        versions=("R5",),
    ),
    Invariant(
        "dom-2",
        "DomainResource",
        "If the resource is contained in another resource, it SHALL NOT contain nested Resources",
        "contained.contained.empty()",
        _contained_without(("contained",)),
    ),
    Invariant(
        "dom-3",
        "DomainResource",
        "If the resource is contained in another resource, it SHALL be referred to from elsewhere "
        "in the resource or SHALL refer to the containing resource",
        _DOM_3,
        _contained_referenced,
        expressions={"R5": _DOM_3.replace(".as(", ".ofType(").replace("(as(", "(ofType(")},
    ),
    Invariant(
        "dom-4",
        "DomainResource",
        "If a resource is contained in another resource, it SHALL NOT have a meta.versionId or a meta.lastUpdated",
        "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()",
        lambda n: _contained_without(("meta", "versionId"))(n) and _contained_without(("meta", "lastUpdated"))(n),
    ),
    Invariant(
        "dom-5",
        "DomainResource",
        "If a resource is contained in another resource, it SHALL NOT have a security label",
        "contained.meta.security.empty()",
        _contained_without(("meta", "security")),
    ),
    Invariant(
        "bdl-1",
        "Bundle",
        "total only when a search or history",
        "total.empty() or (type = 'searchset') or (type = 'history')",
        lambda n: not _has(n, "total") or n.value.get("type") in ("searchset", "history"),
    ),
    Invariant(
        "bdl-2",
        "Bundle",
        "entry.search only when a search",
        "entry.search.empty() or (type = 'searchset')",
        lambda n: (
            n.value.get("type") == "searchset"
            or not any(isinstance(e, dict) and e.get("search") for e in n.value.get("entry") or [])
        ),
    ),
    Invariant(
        "bdl-5",
        "Bundle.entry",
        "must be a resource unless there's a request or response",
        "resource.exists() or request.exists() or response.exists()",
        lambda n: any(_has(n, k) for k in ("resource", "request", "response")),
    ),
    Invariant(
        "bdl-7",
        "Bundle",
        "FullUrl must be unique in a bundle, or else entries with the same fullUrl must have different meta.versionId (except in history bundles)",
        "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&iif(resource.meta.versionId.exists(), "
        "resource.meta.versionId, '')).isDistinct()",
        _full_urls_distinct,
    ),
    Invariant(
        "bdl-8",
        "Bundle.entry",
        "fullUrl cannot be a version specific reference",
        "fullUrl.exists() implies fullUrl.contains('/_history/').not()",
        lambda n: "/_history/" not in str(n.value.get("fullUrl") or ""),
    ),
    Invariant(
        "tim-1",
        "Timing.repeat",
        "if there's a duration, there needs to be duration units",
        "duration.empty() or durationUnit.exists()",
        lambda n: not _has(n, "duration") or _has(n, "durationUnit"),
    ),
    Invariant(
        "tim-2",
        "Timing.repeat",
        "if there's a period, there needs to be period units",
        "period.empty() or periodUnit.exists()",
        lambda n: not _has(n, "period") or _has(n, "periodUnit"),
    ),
    Invariant(
        "tim-4",
        "Timing.repeat",
        "duration SHALL be a non-negative value",
        "duration.exists() implies duration >= 0",
        lambda n: _at_least(n, "duration", 0),
    ),
    Invariant(
        "tim-5",
        "Timing.repeat",
        "period SHALL be a non-negative value",
        "period.exists() implies period >= 0",
        lambda n: _at_least(n, "period", 0),
    ),
    Invariant(
        "tim-6",
        "Timing.repeat",
        "If there's a periodMax, there must be a period",
        "periodMax.empty() or period.exists()",
        lambda n: not _has(n, "periodMax") or _has(n, "period"),
    ),
    Invariant(
        "tim-7",
        "Timing.repeat",
        "If there's a durationMax, there must be a duration",
        "durationMax.empty() or duration.exists()",
        lambda n: not _has(n, "durationMax") or _has(n, "duration"),
    ),
    Invariant(
        "tim-8",
        "Timing.repeat",
        "If there's a countMax, there must be a count",
        "countMax.empty() or count.exists()",
        lambda n: not _has(n, "countMax") or _has(n, "count"),
    ),
    Invariant(
        "tim-9",
        "Timing.repeat",
        "If there's an offset, there must be a when (and not C, CM, CD, CV)",
        _TIM_9_R4,
        _when_allows_offset,
        expressions={"R5": _TIM_9_R5},
    ),
    Invariant(
        "tim-10",
        "Timing.repeat",
        "If there's a timeOfDay, there cannot be a when, or vice versa",
        "timeOfDay.empty() or when.empty()",
        lambda n: not _has(n, "timeOfDay") or not _has(n, "when"),
    ),
    Invariant(
        "rng-2",
        "Range",
        "If present, low SHALL have a lower value than high",
        "low.empty() or high.empty() or (low <= high)",
        _range_ordered,
        by_shape=False,
    ),
    Invariant(
        "rat-1",
        "Ratio",
        "Numerator and denominator SHALL both be present, or both are absent. If both are absent, "
        "there SHALL be some extension present",
        "(numerator.empty() xor denominator.exists()) and (numerator.exists() or extension.exists())",
        _ratio_terms,
        expressions={
            "R5": "(numerator.exists() and denominator.exists()) or "
            "(numerator.empty() and denominator.empty() and extension.exists())"
        },
    ),
    Invariant(
        "qty-3",
        "Quantity",
        "If a code for the unit is present, the system SHALL also be present",
        "code.empty() or system.exists()",
        lambda n: not _has(n, "code") or _has(n, "system"),
    ),
    Invariant(
        "sqty-1",
        "SimpleQuantity",
        "The comparator is not used on a SimpleQuantity",
        "comparator.empty()",
        lambda n: not _has(n, "comparator"),
    ),
    Invariant(
        "drt-1",
        "Duration",
        "There SHALL be a code if there is a value and it SHALL be an expression of time.  "
        "If system is present, it SHALL be UCUM.",
        "code.exists() implies ((system = %ucum) and value.exists())",
        _duration_is_ucum,
    ),
    Invariant(
        "cod-1",
        "Coding",
        "A Coding SHOULD NOT have a display unless a code is also present.",
        "code.exists().not() implies display.exists().not()",
        lambda n: _has(n, "code") or not _has(n, "display"),
        versions=("R5",),
    ),
    Invariant(
        "dos-1",
        "Dosage",
        "AsNeededFor can only be set if AsNeeded is empty or true",
        "asNeededFor.empty() or asNeeded.empty() or asNeeded",
        lambda n: not _has(n, "asNeededFor") or n.value.get("asNeeded") in (None, True),
        versions=("R5",),
    ),
    # posology's own rules (CONVENTIONS §8: impossible values are never emitted).
    Invariant(
        "pos-dose", "Dose", "A dose is greater than 0", "value.empty() or value > 0", _dose_positive, source="posology"
    ),
    Invariant(
        "pos-positive",
        "Positive",
        "A strength, maximum dose, duration, supply or range bound is greater than 0",
        "value.empty() or value > 0",
        _dose_positive,
        source="posology",
    ),
    Invariant(
        "pos-frequency",
        "Timing.repeat",
        "A frequency is at least 1",
        "frequency.empty() or frequency >= 1",
        lambda n: _at_least(n, "frequency", 1),
        source="posology",
    ),
    Invariant(
        "pos-period",
        "Timing.repeat",
        "A period is greater than 0",
        "period.empty() or period > 0",
        _positive("period"),
        source="posology",
    ),
    Invariant(
        "pos-frequency-max",
        "Timing.repeat",
        "frequencyMax is not less than frequency",
        "frequencyMax.empty() or frequency.empty() or frequencyMax >= frequency",
        _not_less("frequency", "frequencyMax"),
        source="posology",
        by_shape=False,
    ),
    Invariant(
        "pos-period-max",
        "Timing.repeat",
        "periodMax is not less than period",
        "periodMax.empty() or period.empty() or periodMax >= period",
        _not_less("period", "periodMax"),
        source="posology",
        by_shape=False,
    ),
    Invariant(
        "pos-range-unit",
        "Range",
        "The bounds of a range share one unit",
        "low.empty() or high.empty() or (low.system = high.system and low.code = high.code)",
        _range_one_unit,
        source="posology",
    ),
    Invariant(
        "pos-full-url",
        "Bundle.entry",
        "An entry's fullUrl is urn:uuid: and its resource's id",
        "fullUrl.empty() or resource.id.empty() or fullUrl = 'urn:uuid:' + resource.id",
        _full_url_is_id,
        source="posology",
    ),
    Invariant(
        "pos-issue-expression",
        "OperationOutcome.issue",
        "An issue's expression names an entry of the Bundle (Bundle.entry[i].resource)",
        "expression.all(matches('^Bundle\\\\.entry\\\\[[0-9]+\\\\]\\\\.resource$') "
        "and substring(13, length() - 23).toInteger() < %bundle.entry.count())",
        _issue_expression_resolves,
        source="posology",
    ),
)
