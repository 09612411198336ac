"""The value sets the FHIR output is checked against, each loaded once.

pydantic checks the FHIR structure but not code bindings (``periodUnit="day"`` and
``when=["MORNING"]`` pass), so the engine checks codes itself. Terminologies come from
``terminologies/`` (see their READMEs); the small fixed FHIR code lists are written here.

>>> "MORN" in event_timing("R4"), "day" in units_of_time()
(True, False)
"""

from __future__ import annotations

from functools import cache

from posology.resources import read_table

__all__ = [
    "BUNDLE_TYPES",
    "EDQM_TABLES",
    "INTENTS",
    "ISSUE_SEVERITIES",
    "ISSUE_TYPES",
    "REQUEST_PRIORITIES",
    "REQUEST_STATUSES",
    "days_of_week",
    "edqm_codes",
    "event_timing",
    "ucum_units",
    "units_of_time",
]


def _words(codes: str) -> frozenset[str]:
    return frozenset(codes.split())


# FHIR core code systems, per version (R4 and R5 differ by a few codes).
REQUEST_STATUSES = {
    "R4": _words("active on-hold cancelled completed entered-in-error stopped draft unknown"),
    "R5": _words("active on-hold ended stopped completed cancelled entered-in-error draft unknown"),
}
REQUEST_PRIORITIES = _words("routine urgent asap stat")  # request-priority, R4 and R5
_INTENTS = _words("proposal plan order original-order reflex-order filler-order instance-order option")
INTENTS = {"R4": _INTENTS, "R5": _INTENTS}
ISSUE_SEVERITIES = {
    "R4": _words("fatal error warning information"),
    "R5": _words("fatal error warning information success"),
}
_ISSUE_TYPES = _words(
    """invalid structure required value invariant security login unknown expired forbidden
    suppressed processing not-supported duplicate multiple-matches not-found deleted too-long
    code-invalid extension too-costly business-rule conflict transient lock-error no-store
    exception timeout incomplete throttled informational"""
)
ISSUE_TYPES = {"R4": _ISSUE_TYPES, "R5": _ISSUE_TYPES | {"success", "limited-filter"}}
BUNDLE_TYPES = _words(
    """document message transaction transaction-response batch batch-response history
    searchset collection"""
)

# Which EDQM table an element's code must come from.
EDQM_TABLES = {
    "unit": "edqm/units_of_presentation.csv",
    "route": "edqm/routes.csv",
    "form": "edqm/dose_forms.csv",
}


@cache
def event_timing(fhir_version: str) -> frozenset[str]:
    """EventTiming codes valid in ``fhir_version`` (``"R4"`` or ``"R5"``)."""
    column = fhir_version.lower()
    rows = read_table("fhir/event_timing.csv")
    return frozenset(row["code"] for row in rows if row[column].strip().upper() == "Y")


@cache
def units_of_time() -> frozenset[str]:
    """UCUM codes of the FHIR units-of-time value set (``s min h d wk mo a``)."""
    return _codes("fhir/units_of_time.csv")


@cache
def days_of_week() -> frozenset[str]:
    """``mon`` … ``sun``."""
    return _codes("fhir/days_of_week.csv")


@cache
def edqm_codes(kind: str) -> frozenset[str]:
    """EDQM codes of one kind: ``unit`` (of presentation), ``route`` or ``form``."""
    return _codes(EDQM_TABLES[kind])


@cache
def ucum_units() -> frozenset[str]:
    """UCUM codes the engine writes for doses and strengths (``mg``, ``mL``, ``[iU]`` …)."""
    return _codes("ucum/units.csv")


def _codes(table: str) -> frozenset[str]:
    return frozenset(row["code"] for row in read_table(table))
